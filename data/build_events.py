"""Rebuild ``events.geojson`` from the curated records in ``records/*.json``.

The records are the human-edited source of truth: each names its waypoints (straits, seas,
ranges) with their coordinates, and this script turns them into RFC 7946 geometry:

- ``route``: a line through the waypoints in order. A leg whose straight line would run
  over land (ships) or over a third country (aircraft; China and Russia's own territory is
  allowed) goes round it by the shortest path on a 0.1° grid (``geo/searoute.py``), unless
  the record sets ``straight_legs``. A leg that crosses 180° is cut there (the line becomes
  a MultiLineString that the display frame joins up again);
- ``area``: a polygon through the waypoints (at least three), or a circle of ``radius_km``
  around a single waypoint (a geodesic circle, 64 vertices); ``parts`` (lists of waypoint
  indices) makes a MultiPolygon of several such areas;
- ``site``: a point at the waypoint (several waypoints: several venues, a MultiPoint).

A test checks that the committed ``events.geojson`` equals what this script builds.

Usage: ``python data/build_events.py`` (``--check`` exits 1 if the file is stale).
"""

from __future__ import annotations

import functools
import itertools
import json
import sys
from pathlib import Path
from typing import Any

import shapely
from pyproj import Geod
from shapely.geometry import shape

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]  # the geo package; buildtools beside this file
from buildtools import write_or_check  # noqa: E402

from geo import channels  # noqa: E402
from geo.frame import cut_line, to_display, to_display_lon, unwrap_lons  # noqa: E402
from geo.searoute import off_obstacle, route_leg  # noqa: E402

RECORDS = HERE / "records"
OUT = HERE / "events.geojson"
PROPS = ("id", "name", "kind", "domains", "start", "end", "last_reported", "participants",
         "assets", "summary", "precision", "sources", "accounts", "notes", "format",
         "part_of", "crossed_land")  # fmt: skip
_GEOD = Geod(ellps="WGS84")


def _r(x: float) -> float:
    return round(x, 4)


AIR_KINDS = frozenset({"air_patrol"})
# aircraft are drawn clear of foreign coasts by about 3 nm: the territorial sea Japan and
# Korea claim in the Korea Strait, whose channels stay high seas (12 nm would close them)
AIR_CLEARANCE_DEG = 0.05
OWN_AIRSPACE = frozenset({"China", "Russia"})  # joint patrols fly over their own territory


@functools.cache
def obstacles(air: bool) -> Any:
    """What a route keeps off, in the display frame, at the basemap's finest scale.

    All land for ships; for aircraft, every country but China and Russia (the patrols stay
    out of foreign airspace). The 1:10m coastline: at 1:50m Tsushima and the Kurils are
    too coarse, and a route clear of them at 1:50m crossed them on the close-up maps.
    """
    doc = json.loads((HERE / "basemap" / "countries-10m.geojson").read_text("utf-8"))
    geoms = [
        to_display(shape(f["geometry"]))
        for f in doc["features"]
        if not (air and f["properties"]["name"] in OWN_AIRSPACE)
    ]
    union = shapely.union_all(geoms)
    shapely.prepare(union)
    return union


def routed(points: list[tuple[float, float]], air: bool) -> list[tuple[float, float]]:
    """Waypoints joined by legs that go round land (ships) or foreign territory (aircraft)."""
    disp = [(to_display_lon(x), y) for x, y in points]
    lons = unwrap_lons([p[0] for p in disp])
    disp = [(x, y) for x, (_, y) in zip(lons, disp, strict=True)]
    # every waypoint routes from open water ("off Shikoku" placed on the island moves off
    # it); a port or airfield at either end is then joined by its short approach only
    land = obstacles(air)
    water = [off_obstacle(p, land) for p in disp]
    out = [disp[0]] if water[0] != disp[0] and not air else []
    out.append(water[0])
    clearance = AIR_CLEARANCE_DEG if air else 0.0
    for a, b in itertools.pairwise(water):
        out.extend(route_leg(a, b, land, clearance=clearance)[1:])
    if water[-1] != disp[-1] and not air:  # a port; an aircraft's end is never foreign land
        out.append(disp[-1])
    return out


@functools.cache
def land_parts() -> list[Any]:
    """Every single land polygon of the 1:10m basemap (the shores of strait channels)."""
    doc = json.loads((HERE / "basemap" / "countries-10m.geojson").read_text("utf-8"))
    return channels.land_parts(
        {f["properties"]["name"]: shape(f["geometry"]) for f in doc["features"]}
    )


def waypoints(rec: dict[str, Any]) -> list[tuple[str, float, float]]:
    """The record's waypoints as ``(label, lon, lat)``, strait references resolved.

    ``[label, lon, lat]`` is a named place; ``[label, "channel:ID"]`` a strait channel and
    ``[label, "strait:ID"]`` a strait whose channel was not reported: the one nearest the
    straight path between the neighbouring waypoints is taken (``geo/channels.py``).
    """
    raw = rec["waypoints"]
    out: list[tuple[str, float, float] | None] = []
    for w in raw:
        out.append((w[0], float(w[1]), float(w[2])) if len(w) == 3 else None)
    for k, w in enumerate(raw):
        if out[k] is not None:
            continue
        try:
            options = channels.resolve(w[1], land_parts())
        except ValueError as exc:
            raise ValueError(f"{rec.get('id')}: waypoint {k} {w[0]!r}: {exc}") from None
        before = next((p[1:] for p in reversed(out[:k]) if p is not None), None)
        after = next((p[1:] for p in out[k + 1 :] if p is not None), None)
        name, (lon, lat) = channels.shortest(before, options, after)
        label = w[0] if w[1].startswith("channel:") else f"{w[0]} – taken as the {name}"
        out[k] = (label, lon, lat)
    return [p for p in out if p is not None]


def circle(lon: float, lat: float, radius_km: float, n: int = 64) -> dict[str, Any]:
    """Geodesic circle polygon (does not support circles that cross 180°)."""
    ring = []
    for k in range(n):
        lo, la, _ = _GEOD.fwd(lon, lat, 360.0 * k / n, radius_km * 1000.0)
        ring.append([_r(lo), _r(la)])
    ring.append(ring[0])
    return {"type": "Polygon", "coordinates": [ring]}


def geometry(rec: dict[str, Any]) -> dict[str, Any]:
    """Build a record's GeoJSON geometry from its ``geometry_type`` and ``waypoints``."""
    pts = [(w[1], w[2]) for w in waypoints(rec)]
    gtype = rec["geometry_type"]
    where = f"{rec.get('id')}: geometry_type={gtype!r}"
    if gtype == "route":
        if len(pts) < 2:
            raise ValueError(f"{where}: expected at least 2 waypoints, got {len(pts)}")
        if rec.get("straight_legs"):
            return cut_line(pts)
        return cut_line(routed(pts, rec["kind"] in AIR_KINDS))
    if gtype == "area" and "parts" in rec:
        polys = []
        for idx in rec["parts"]:
            part = dict(rec, waypoints=[list(waypoints(rec)[i]) for i in idx])
            part.pop("parts")
            if len(idx) > 1:
                part.pop("radius_km", None)
            polys.append(geometry(part)["coordinates"])
        return {"type": "MultiPolygon", "coordinates": polys}
    if gtype == "area":
        if "radius_km" in rec:
            if len(pts) != 1:
                raise ValueError(f"{where}: expected 1 centre waypoint with radius_km")
            return circle(pts[0][0], pts[0][1], float(rec["radius_km"]))
        if len(pts) < 3:
            raise ValueError(f"{where}: expected at least 3 waypoints, got {len(pts)}")
        ring = [[_r(x), _r(y)] for x, y in pts]
        if ring[0] != ring[-1]:
            ring.append(ring[0])
        return {"type": "Polygon", "coordinates": [ring]}
    if gtype == "site":
        if not pts:
            raise ValueError(f"{where}: expected at least 1 waypoint, got none")
        if len(pts) > 1:  # several venues
            return {"type": "MultiPoint", "coordinates": [[_r(x), _r(y)] for x, y in pts]}
        return {"type": "Point", "coordinates": [_r(pts[0][0]), _r(pts[0][1])]}
    raise ValueError(f"{where}: expected route, area or site")


def build() -> dict[str, Any]:
    """All records as one FeatureCollection, sorted by start date then id.

    Its ``as_of`` member is the earliest ``checked`` date of the record files: the whole
    record is complete up to then.
    """
    records: list[dict[str, Any]] = []
    checked = []
    for path in sorted(RECORDS.glob("*.json")):
        family = json.loads(path.read_text("utf-8"))
        if "checked" not in family:
            raise ValueError(f"{path.name}: expected a 'checked' date (YYYY-MM-DD), got none")
        checked.append(family["checked"])
        records.extend(family["records"])
    records.sort(key=lambda r: (r["start"], r["id"]))
    feats = []
    for rec in records:
        props = {k: rec.get(k) for k in PROPS if k in rec}
        props["waypoints"] = [w[0] for w in waypoints(rec)]
        feats.append({"type": "Feature", "properties": props, "geometry": geometry(rec)})
    return {"type": "FeatureCollection", "as_of": min(checked), "features": feats}


def render() -> str:
    """The file text: one feature per line, for readable diffs."""
    doc = build()
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in doc["features"]]
    head = f'{{"type":"FeatureCollection","as_of":"{doc["as_of"]}","features":[\n'
    return head + ",\n".join(lines) + "\n]}\n"


def main(argv: list[str]) -> int:
    """Write events.geojson; with ``--check``, exit 1 if the committed file differs."""
    text = render()
    return write_or_check(OUT, text, argv, f"{text.count(chr(10)) - 2} events")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
