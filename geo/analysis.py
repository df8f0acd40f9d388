"""Route-versus-zone facts: zones entered or crossed, and closest approaches (geodesic km).

Everything is computed in the Pacific-centred display frame (so nothing breaks at 180°),
and distances are measured on the WGS84 ellipsoid: the nearest points of two shapes are found
in an azimuthal equidistant projection centred on the event, then their distance is taken
with :class:`pyproj.Geod`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import shapely
import shapely.ops
from pyproj import Geod, Transformer
from shapely.geometry import box
from shapely.geometry.base import BaseGeometry

from geo.frame import to_display, to_storage_lon
from geo.schema import COUNTRY_NAMES
from geo.zonetime import in_force

NEAR_KM = 500.0
DENSIFY_DEG = 0.1
_GEOD = Geod(ellps="WGS84")
# Natural Earth's names where they differ from geo.schema.COUNTRY_NAMES
_NE_NAMES = {"US": "United States of America"}


@dataclass
class RouteFacts:
    """What one event's geometry did relative to the zones and nearby countries.

    Attributes
    ----------
    entered : list of str
        Ids of zones drawn as areas or points (ADIZs, islands) the geometry enters or overlaps.
    crossed : list of str
        Ids of zones drawn as lines (claim, median and boundary lines, a partial ADIZ edge)
        the geometry crosses or touches.
    zone_km : dict
        Zone id -> closest approach in km (0 when entered or crossed), within ``NEAR_KM``.
    country_km : dict
        Country name -> closest approach in km to its territory (Natural Earth 1:50m), within
        ``NEAR_KM``; the participants' own territory is left out.
    """

    entered: list[str] = field(default_factory=list)
    crossed: list[str] = field(default_factory=list)
    zone_km: dict[str, float] = field(default_factory=dict)
    country_km: dict[str, float] = field(default_factory=dict)


def geodesic_km(a: BaseGeometry, b: BaseGeometry) -> float:
    """Closest approach between two display-frame geometries, in geodesic km.

    Parameters
    ----------
    a, b : shapely geometry
        Lon/lat in one continuous frame (e.g. the display frame, or both near 180°).

    Returns
    -------
    float
        0.0 when they touch; else the ellipsoidal distance between their nearest points.
    """
    if a.intersects(b):
        return 0.0
    c = shapely.centroid(shapely.union(shapely.envelope(a), shapely.envelope(b)))
    aeqd = Transformer.from_crs(
        "EPSG:4326",
        f"+proj=aeqd +lat_0={c.y} +lon_0={to_storage_lon(c.x)} +datum=WGS84",
        always_xy=True,
    )

    def project(xy: np.ndarray) -> np.ndarray:
        return np.column_stack(aeqd.transform(xy[:, 0], xy[:, 1]))

    # densify first: the map draws straight lon/lat segments, not great circles
    pa = shapely.transform(shapely.segmentize(a, DENSIFY_DEG), project)
    pb = shapely.transform(shapely.segmentize(b, DENSIFY_DEG), project)
    na, nb = shapely.ops.nearest_points(pa, pb)
    (x1, x2), (y1, y2) = aeqd.transform([na.x, nb.x], [na.y, nb.y], direction="INVERSE")
    return _GEOD.inv(x1, y1, x2, y2)[2] / 1000.0


def _near_box(geom: BaseGeometry, km: float) -> BaseGeometry:
    minx, miny, maxx, maxy = geom.bounds
    dlat = km / 111.0
    lat = min(max(abs(miny), abs(maxy)) + dlat, 89.0)
    dlon = min(km / (111.0 * math.cos(math.radians(lat))), 180.0)
    return box(minx - dlon, miny - dlat, maxx + dlon, maxy + dlat)


def _own_names(participants: Iterable[str]) -> set[str]:
    return {_NE_NAMES.get(p, COUNTRY_NAMES.get(p, p)) for p in participants}


def analyse(
    events: gpd.GeoDataFrame,
    zones: gpd.GeoDataFrame,
    countries: Sequence[tuple[str, BaseGeometry]] = (),
    *,
    near_km: float = NEAR_KM,
) -> list[RouteFacts]:
    """Facts for every event, in the order of ``events``.

    Zones claimed only by the event's own participants (China's ADIZ for a China–Russia
    patrol) and the participants' own territory are left out: a briefer asks what the
    activity did to others. A zone counts only if it was in force during the event
    (:func:`geo.zonetime.in_force`): a 2012 exercise never "entered" a 2013 ADIZ.

    Parameters
    ----------
    events, zones : geopandas.GeoDataFrame
        Storage-frame catalog frames (zones need ``id``, ``claimants``, ``from_date``,
        ``to_date``).
    countries : sequence of (name, geometry)
        Storage-frame country polygons (see :func:`geo.basemap.countries`).
    near_km : float
        Only approaches within this distance are kept.
    """
    zone_rows = [
        (z, set(z["claimants"] or []), to_display(z["geometry"])) for z in zones.to_dict("records")
    ]
    land = [(name, to_display(geom)) for name, geom in countries]
    out = []
    for ev in events.to_dict("records"):
        g = to_display(ev["geometry"])
        near = _near_box(g, near_km)
        own = set(ev["participants"])
        facts = RouteFacts()
        for zone, claimants, zg in zone_rows:
            zid = zone["id"]
            if claimants and claimants <= own:
                continue
            if not in_force(zone, ev["start_date"], ev["end_date"]):
                continue  # not (yet, or any longer) in force during the event
            if not zg.intersects(near):
                continue
            km = geodesic_km(g, zg)
            if km == 0.0:  # a line is crossed; an area (or island) is entered
                line = zg.geom_type in ("LineString", "MultiLineString")
                (facts.crossed if line else facts.entered).append(zid)
            if km <= near_km:
                facts.zone_km[zid] = round(km, 1)
        own_names = _own_names(own)
        for name, cg in land:
            if name in own_names or not cg.intersects(near):
                continue
            km = geodesic_km(g, cg.intersection(near))
            if km <= near_km:
                facts.country_km[name] = round(km, 1)
        out.append(facts)
    return out


def route_km(geom: BaseGeometry) -> float:
    """Geodesic length of a route (storage frame; parts cut at 180° are summed), in km."""
    total = 0.0
    for part in getattr(geom, "geoms", [geom]):
        if part.geom_type != "LineString":
            continue
        xs, ys = zip(*part.coords, strict=True)
        total += float(_GEOD.line_length(xs, ys)) / 1000.0
    return total
