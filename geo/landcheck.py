"""Where a drawn route runs over land it did not cross.

Approximate routes join the places the reports name; drawn carelessly they cut across
Tsushima, Busan or Shikoku, which the reports say the ships and aircraft stayed clear of.
This check measures, at the basemap's finest scale, how far each route runs over each
country: ships may cross no land (but a port's approach at either end of the route), and
aircraft no country that did not take part (their own airspace is theirs to fly). A record
whose source says a route did cross a country names it in ``crossed_land``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import shapely
from pyproj import Geod
from shapely.geometry.base import BaseGeometry

from geo.frame import to_display, to_display_lon

AIR_KINDS = frozenset({"air_patrol"})
TOLERANCE_KM = 3.0  # a coastline's generalisation, not a crossing
APPROACH_KM = 25.0  # a port or airfield at either end is reached over its own coast
_GEOD = Geod(ellps="WGS84")


@dataclass(frozen=True)
class Crossing:
    """One route over one country's land."""

    event: str
    country: str
    km: float

    def __str__(self) -> str:
        return f"{self.event}: {self.km:.1f} km over {self.country}"


def _ends(stored: BaseGeometry) -> list[BaseGeometry]:
    """The route's first and last points, in the display frame (its parts keep their order)."""
    parts = list(getattr(stored, "geoms", [stored]))
    first, last = parts[0].coords[0], parts[-1].coords[-1]
    return [shapely.Point(to_display_lon(p[0]), p[1]) for p in (first, last)]


def route_crossings(
    events: Iterable[Mapping[str, Any]],
    countries: Mapping[str, BaseGeometry],
    names: Mapping[str, str],
    *,
    tolerance_km: float = TOLERANCE_KM,
    approach_km: float = APPROACH_KM,
) -> list[Crossing]:
    """Every route that runs over more than ``tolerance_km`` of a country it should not.

    Parameters
    ----------
    events : iterable of mapping
        With ``id``, ``kind``, ``participants``, ``geometry`` (storage frame) and optionally
        ``crossed_land`` (country names the sources say the route did cross).
    countries : mapping
        Country name -> land polygon in the display frame (e.g. Natural Earth 1:10m).
    names : mapping
        ISO code -> country name as in ``countries`` (participants' own land).
    tolerance_km, approach_km : float
        Land allowed per country; radius of a start or end port's approach (ships).

    Returns
    -------
    list of Crossing
        Empty when every route is clear.
    """
    out = []
    for ev in events:
        geom = ev["geometry"]
        if geom is None or geom.geom_type not in ("LineString", "MultiLineString"):
            continue
        line = to_display(geom)
        air = ev["kind"] in AIR_KINDS
        own = {names.get(c, c) for c in ev["participants"]}
        allowed = set(ev.get("crossed_land") or [])
        deg = approach_km / 111.0
        ports = shapely.union_all([p.buffer(deg) for p in _ends(geom)])
        for name, land in countries.items():
            if name in allowed or (air and name in own) or not line.intersects(land):
                continue
            over = line.intersection(land)
            if not air:
                over = over.difference(ports)
            km = _GEOD.geometry_length(over) / 1000.0 if not over.is_empty else 0.0
            if km > tolerance_km:
                out.append(Crossing(str(ev["id"]), name, round(km, 1)))
    return out
