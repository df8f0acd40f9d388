"""Rebuild ``regions.geojson``: the named briefing regions (editorial, not legal, boundaries).

Sea regions are hand-drawn polygons around the named seas, generous enough to hold routes
that skirt their edges; land regions are Natural Earth country outlines from
``basemap/countries-50m.geojson`` (simplified). Regions overlap on purpose: an event belongs
to every region it touches. Anything crossing 180° is cut there (RFC 7946).

Usage: ``python data/build_regions.py``
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping, shape

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from buildtools import write_or_check  # noqa: E402

# (id, name, polygon ring as (lon, lat)) -- rings in the storage frame.
SEAS: list[tuple[str, str, list[tuple[float, float]]]] = [
    (
        "sea_of_japan",
        "Sea of Japan",
        [
            (127.5, 34.6),
            (129.2, 33.2),
            (131.0, 33.6),
            (133.0, 35.3),
            (136.0, 36.0),
            (139.0, 37.6),
            (139.8, 40.5),
            (140.6, 42.0),
            (141.0, 45.0),
            (142.2, 46.0),
            (142.0, 52.5),
            (140.2, 52.5),
            (138.5, 47.5),
            (135.5, 44.5),
            (131.5, 42.6),
            (129.6, 41.0),
            (129.3, 37.2),
            (127.5, 34.6),
        ],
    ),
    (
        "east_china_sea",
        "East China Sea",
        [
            (119.5, 25.8),
            (121.2, 30.5),
            (122.5, 32.2),
            (125.5, 33.6),
            (129.8, 33.2),
            (131.2, 31.0),
            (129.5, 28.5),
            (127.0, 25.8),
            (125.2, 24.2),
            (122.5, 24.8),
            (119.5, 25.8),
        ],
    ),
    (
        "yellow_sea",
        "Yellow Sea and Bohai",
        [
            (117.5, 38.2),
            (118.5, 40.0),
            (122.0, 41.0),
            (124.5, 39.8),
            (126.6, 37.6),
            (126.4, 34.2),
            (125.5, 33.6),
            (122.5, 32.2),
            (120.8, 32.5),
            (119.2, 35.0),
            (117.5, 38.2),
        ],
    ),
    (
        "taiwan",
        "Taiwan and the Taiwan Strait",
        [
            (117.8, 23.5),
            (119.5, 26.3),
            (122.5, 26.3),
            (123.3, 24.8),
            (122.5, 21.4),
            (120.5, 21.0),
            (117.8, 23.5),
        ],
    ),
    (
        "korea",
        "Korean Peninsula and waters",
        [
            (124.0, 37.5),
            (124.3, 39.8),
            (126.0, 41.0),
            (129.0, 43.0),
            (130.8, 42.4),
            (131.5, 37.8),
            (130.5, 35.5),
            (129.8, 34.0),
            (126.5, 33.0),
            (125.0, 34.0),
            (124.0, 37.5),
        ],
    ),
    (
        "japan",
        "Japan and adjacent waters",
        [
            (122.7, 24.0),
            (125.8, 23.8),
            (129.5, 27.0),
            (131.8, 30.0),
            (135.0, 33.0),
            (139.5, 34.0),
            (141.5, 35.5),
            (142.5, 38.5),
            (143.5, 41.5),
            (146.5, 42.8),
            (146.2, 44.8),
            (142.0, 46.0),
            (140.8, 45.5),
            (139.3, 42.0),
            (139.5, 40.0),
            (138.5, 37.6),
            (136.0, 36.5),
            (132.5, 35.7),
            (129.6, 34.8),
            (129.2, 33.2),
            (129.5, 31.0),
            (127.0, 26.5),
            (122.7, 24.0),
        ],
    ),
    (
        "south_china_sea",
        "South China Sea",
        [
            (105.0, 9.0),
            (104.5, 3.0),
            (109.0, 1.5),
            (117.5, 5.5),
            (119.5, 10.5),
            (120.8, 14.0),
            (121.2, 19.0),
            (120.8, 22.2),
            (117.5, 23.6),
            (113.0, 22.8),
            (109.2, 21.8),
            (106.5, 19.5),
            (109.5, 12.5),
            (105.0, 9.0),
        ],
    ),
    (
        "sea_of_okhotsk",
        "Sea of Okhotsk",
        [
            (135.0, 54.5),
            (141.0, 59.5),
            (150.0, 60.5),
            (156.0, 58.5),
            (157.0, 51.5),
            (156.5, 50.5),
            (150.0, 45.5),
            (145.0, 43.5),
            (143.5, 44.3),
            (142.5, 46.5),
            (143.5, 49.0),
            (142.6, 54.0),
            (138.0, 53.5),
            (135.0, 54.5),
        ],
    ),
    (
        "western_pacific",
        "Western Pacific",
        [
            (122.5, 10.0),
            (180.0, 10.0),
            (180.0, 50.5),
            (163.0, 54.5),
            (158.0, 51.5),
            (150.0, 45.5),
            (145.8, 43.0),
            (142.5, 40.0),
            (141.2, 35.5),
            (139.5, 34.4),
            (135.0, 33.2),
            (131.8, 30.5),
            (128.0, 26.0),
            (125.0, 23.5),
            (122.5, 20.0),
            (122.5, 10.0),
        ],
    ),
    (
        "arabian_sea_gulf_of_oman",
        "Gulf of Oman and Arabian Sea",
        [
            (52.0, 27.0),
            (57.5, 27.3),
            (62.0, 25.5),
            (67.5, 24.5),
            (67.5, 15.0),
            (52.0, 13.0),
            (52.0, 27.0),
        ],
    ),
    (
        "mediterranean",
        "Mediterranean Sea",
        [
            (-6.0, 35.8),
            (-5.5, 36.3),
            (3.0, 43.7),
            (12.0, 44.8),
            (20.0, 41.0),
            (23.5, 41.2),
            (29.0, 41.2),
            (36.5, 37.0),
            (36.2, 31.0),
            (20.0, 30.0),
            (10.0, 33.0),
            (-6.0, 35.8),
        ],
    ),
    (
        "baltic",
        "Baltic Sea",
        [
            (9.5, 54.0),
            (10.0, 57.8),
            (12.5, 58.0),
            (17.0, 60.5),
            (21.0, 66.0),
            (26.0, 66.0),
            (30.5, 60.2),
            (28.0, 59.2),
            (22.0, 57.3),
            (21.0, 54.5),
            (14.0, 53.6),
            (9.5, 54.0),
        ],
    ),
    (
        "southeast_asia",
        "Southeast Asia (lands and seas)",
        [
            (92.0, 21.0),
            (101.0, 28.5),
            (106.5, 23.0),
            (109.0, 21.5),
            (121.5, 21.5),
            (127.5, 8.0),
            (141.0, 1.0),
            (141.0, -11.0),
            (105.0, -11.0),
            (94.0, -6.0),
            (92.0, 5.0),
            (92.0, 21.0),
        ],
    ),
    (
        "southern_africa",
        "South African waters",
        [
            (15.0, -28.0),
            (15.0, -37.5),
            (34.0, -37.5),
            (34.0, -26.0),
            (30.0, -26.0),
            (18.0, -28.0),
            (15.0, -28.0),
        ],
    ),
]

# Regions that cross 180° are given as storage-frame MultiPolygons (cut at 180°).
CUT: list[tuple[str, str, MultiPolygon]] = [
    (
        "alaska_bering",
        "Alaska and the Bering Sea",
        MultiPolygon(
            [
                Polygon([(160.0, 50.5), (180.0, 50.5), (180.0, 66.0), (160.0, 66.0)]),
                Polygon([(-180.0, 50.5), (-129.0, 50.5), (-129.0, 66.0), (-180.0, 66.0)]),
            ]
        ),
    ),
    (
        "arctic",
        "Arctic (north of 66°N)",
        MultiPolygon(
            [
                Polygon(
                    [
                        (-180.0, 66.0),
                        (0.0, 66.0),
                        (180.0, 66.0),
                        (180.0, 85.0),
                        (0.0, 85.0),
                        (-180.0, 85.0),
                    ]
                )
            ]
        ),
    ),
]

# Land regions from Natural Earth names.
LANDS: list[tuple[str, str, list[str]]] = [
    (
        "central_asia",
        "Central Asia",
        ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Uzbekistan", "Turkmenistan"],
    ),
    ("russia", "Russia (territory)", ["Russia"]),
    ("china", "China (mainland)", ["China"]),
    ("mongolia", "Mongolia", ["Mongolia"]),
    ("south_asia", "South Asia", ["India", "Pakistan", "Bangladesh", "Sri Lanka", "Nepal"]),
]


def render() -> str:
    """The file text (one line)."""
    countries = json.loads((HERE / "basemap" / "countries-50m.geojson").read_text("utf-8"))
    by_name = {f["properties"]["name"]: shape(f["geometry"]) for f in countries["features"]}
    feats = []
    for rid, name, ring in SEAS:
        feats.append((rid, name, Polygon(ring)))
    for rid, name, geom in CUT:
        feats.append((rid, name, geom))
    for rid, name, names in LANDS:
        geom = shapely.union_all([by_name[n] for n in names]).simplify(0.05)
        feats.append((rid, name, shapely.make_valid(shapely.set_precision(geom, 0.01))))
    doc = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"id": rid, "name": name}, "geometry": mapping(geom)}
            for rid, name, geom in feats
        ],
    }
    return json.dumps(doc, separators=(",", ":")) + "\n"


def main(argv: list[str]) -> int:
    """Write regions.geojson; with ``--check``, exit 1 if the committed file differs."""
    text = render()
    regions = len(json.loads(text)["features"])
    return write_or_check(HERE / "regions.geojson", text, argv, f"{regions} regions")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
