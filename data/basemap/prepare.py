"""Rebuild ``countries-50m.geojson`` and ``countries-10m.geojson`` from Natural Earth 4.1.0.

The source is the npm package ``world-atlas@2.0.2``. Usage (needs the npm client; the
outputs are committed so the app never needs this)::

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python data/basemap/prepare.py package/countries-50m.json
    python data/basemap/prepare.py package/countries-10m.json

The TopoJSON rings wrap at ±180° (they jump from 180 to -180), which draws bands across
Russia and Fiji and leaves them invalid. Each part wider than 180° has its negative
longitudes shifted by +360, is repaired with ``make_valid``, and is cut at 180° (RFC 7946).
Coordinates are rounded to 0.01° (~1 km) at 1:50m and 0.001° (~100 m) at 1:10m, below
what each scale resolves.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import geopandas as gpd
import shapely
from shapely import affinity
from shapely.geometry import MultiPolygon, Polygon, box

HERE = Path(__file__).resolve().parent
PRECISION = {"50m": 0.01, "10m": 0.001}


def _unwrap(poly: Polygon) -> Polygon:
    minx, _, maxx, _ = poly.bounds
    if maxx - minx <= 180:
        return poly
    return shapely.transform(poly, lambda xy: xy + [[360, 0]] * (xy[:, :1] < 0))


def _cut(geom, precision: float):
    parts = list(geom.geoms) if isinstance(geom, MultiPolygon) else [geom]
    fixed = shapely.union_all([shapely.make_valid(_unwrap(p)) for p in parts])
    east = fixed.intersection(box(-180, -90, 180, 90))
    west = affinity.translate(fixed.intersection(box(180, -90, 540, 90)), xoff=-360)
    out = shapely.union(east, west)
    polys = [g for g in getattr(out, "geoms", [out]) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.make_valid(shapely.set_precision(shapely.union_all(polys), precision))


def main(src: str) -> None:
    """Write countries-<scale>.geojson from world-atlas's TopoJSON at ``src``."""
    scale = "10m" if "10m" in Path(src).name else "50m"
    out = HERE / f"countries-{scale}.geojson"
    gdf = gpd.read_file(src, layer="countries")
    feats = []
    for name, geom in zip(gdf["name"], gdf.geometry, strict=True):
        if name == "Antarctica":  # beyond Web Mercator's ±85° and far from every event
            continue
        g = _cut(geom, PRECISION[scale])
        if g.is_empty:
            continue
        feats.append(
            {
                "type": "Feature",
                "properties": {"name": name},
                "geometry": shapely.geometry.mapping(g),
            }
        )
    doc = {"type": "FeatureCollection", "features": feats}
    out.write_text(json.dumps(doc, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {out.name}: {len(feats)} countries, {out.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main(sys.argv[1])
