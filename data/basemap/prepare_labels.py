"""Extract the place names the map labels from Natural Earth (public domain).

Usage (needs the Natural Earth GeoJSON files; the output is committed, so neither the app
nor ``make data-check`` needs them)::

    python data/basemap/prepare_labels.py NE_FOLDER

``NE_FOLDER`` holds, from github.com/nvkelso/natural-earth-vector (folder ``geojson/``):
``ne_50m_geography_marine_polys.geojson`` (seas, straits, gulfs, bays, channels) and
``ne_10m_geography_regions_points.geojson`` (islands, capes). Each feature keeps its name,
Natural Earth's class, scale rank and minimum label zoom, and one label point: for a sea or
strait polygon its pole of inaccessibility (the point farthest inside it), computed in the
Pacific-centred display frame; for a point, the point. Only features between 20°E and 110°W
and north of 40°S are kept (the record's theatre). Written to ``ne_labels.json``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import shapely
from shapely.geometry import shape
from shapely.ops import polylabel

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))
from geo.frame import to_display, to_storage_lon  # noqa: E402

OUT = HERE / "ne_labels.json"
FILES = {
    "ne_50m_geography_marine_polys.geojson": "Natural Earth 1:50m geography_marine_polys",
    "ne_10m_geography_regions_points.geojson": "Natural Earth 1:10m geography_regions_points",
}
KEEP = ("sea", "strait", "gulf", "bay", "channel", "sound", "island", "island group",
        "peninsula", "ocean")  # fmt: skip


def in_theatre(lon: float, lat: float) -> bool:
    """Between 20°E and 110°W (across 180°) and north of 40°S."""
    return lat > -40 and (lon >= 20 or lon <= -110)


def label_point(geom: object) -> tuple[float, float]:
    """Storage-frame ``(lon, lat)`` of a label: the pole of inaccessibility of an area."""
    g = to_display(geom)  # type: ignore[arg-type]
    if g.geom_type in ("Polygon", "MultiPolygon"):
        part = max(getattr(g, "geoms", [g]), key=lambda p: p.area)
        p = polylabel(part, tolerance=0.05)
    else:
        p = g.representative_point()
    return round(to_storage_lon(p.x), 3), round(p.y, 3)


def main(folder: str) -> None:
    """Write ne_labels.json from the Natural Earth files in ``folder``."""
    out = []
    for name, source in FILES.items():
        doc = json.loads((Path(folder) / name).read_text("utf-8"))
        for f in doc["features"]:
            p = f["properties"]
            cla = str(p.get("featurecla", "")).lower()
            if cla not in KEEP or not p.get("name"):
                continue
            lon, lat = label_point(shapely.make_valid(shape(f["geometry"])))
            if not in_theatre(lon, lat):
                continue
            out.append(
                {
                    "name": p["name"],
                    "class": cla,
                    "scalerank": p.get("scalerank"),
                    "min_label": p.get("min_label"),
                    "min_zoom": p.get("min_zoom"),
                    "lon": lon,
                    "lat": lat,
                    "source": source,
                }
            )
    out.sort(key=lambda r: (r["class"], r["name"]))
    OUT.write_text(json.dumps({"features": out}, ensure_ascii=False, indent=0) + "\n", "utf-8")
    print(f"wrote {OUT.name}: {len(out)} names")


if __name__ == "__main__":
    main(sys.argv[1])
