"""Extract the place names the map labels from Natural Earth (public domain).

Usage (needs the Natural Earth GeoJSON files; the output is committed, so neither the app
nor ``make data-check`` needs them)::

    python data/basemap/prepare_labels.py NE_FOLDER

``NE_FOLDER`` holds, from github.com/nvkelso/natural-earth-vector (folder ``geojson/``):
``ne_50m_geography_marine_polys.geojson`` (seas, straits, gulfs, bays, channels; the 1:110m
file is used if the 1:50m one is absent, with fewer names) and
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
# the first of each group that exists in NE_FOLDER is used (1:50m seas name the straits)
FILES = [
    {
        "ne_50m_geography_marine_polys.geojson": "Natural Earth 1:50m geography_marine_polys",
        "ne_110m_geography_marine_polys.geojson": "Natural Earth 1:110m geography_marine_polys",
    },
    {"ne_10m_geography_regions_points.geojson": "Natural Earth 1:10m geography_regions_points"},
]
MIN_AREA = 0.01  # square degrees: a smaller sea polygon cannot place its name
KEEP = ("sea", "strait", "gulf", "bay", "channel", "sound", "island", "island group",
        "peninsula", "ocean")  # fmt: skip


def in_theatre(lon: float, lat: float) -> bool:
    """Between 20°E and 110°W (across 180°) and north of 40°S."""
    return lat > -40 and (lon >= 20 or lon <= -110)


def land() -> object:
    """The basemap's land in the display frame (a sea's label must sit on water)."""
    doc = json.loads((HERE / "countries-50m.geojson").read_text("utf-8"))
    return shapely.union_all([to_display(shape(f["geometry"])) for f in doc["features"]])


def label_point(geom: object, dry: object = None) -> tuple[float, float]:
    """Storage-frame ``(lon, lat)`` of a label: the pole of inaccessibility of an area.

    With ``dry`` (land), the point farthest inside the area's water: a strait's polygon may
    take in the islands in it.
    """
    g = to_display(geom)  # type: ignore[arg-type]
    if dry is not None and g.geom_type in ("Polygon", "MultiPolygon"):
        wet = shapely.make_valid(g.difference(dry))  # type: ignore[arg-type]
        wet = shapely.union_all([p for p in getattr(wet, "geoms", [wet]) if p.area > 0])
        g = wet if not wet.is_empty else g
    if g.geom_type in ("Polygon", "MultiPolygon"):
        part = max(getattr(g, "geoms", [g]), key=lambda p: p.area)
        p = polylabel(part, tolerance=0.05)
    else:
        p = g.representative_point()
    return round(to_storage_lon(p.x), 3), round(p.y, 3)


def main(folder: str) -> None:
    """Write ne_labels.json from the Natural Earth files in ``folder``."""
    out = []
    dry = land()
    for group in FILES:
        name = next((n for n in group if (Path(folder) / n).exists()), None)
        if name is None:
            raise SystemExit(f"expected one of {sorted(group)} in {folder}, got none")
        source = group[name]
        doc = json.loads((Path(folder) / name).read_text("utf-8"))
        for f in doc["features"]:
            p = f["properties"]
            cla = str(p.get("featurecla", "")).lower()
            if cla not in KEEP or not p.get("name"):
                continue
            geom = shapely.make_valid(shape(f["geometry"]))
            if geom.geom_type in ("Polygon", "MultiPolygon") and geom.area < MIN_AREA:
                continue  # degenerate in the source (1:50m "Luzon Strait" is a 4-point sliver)
            lon, lat = label_point(geom, dry)
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
