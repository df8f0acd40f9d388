"""Region membership by intersection, and the Pacific-centred display frame."""

from __future__ import annotations

import json
from pathlib import Path

import shapely
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon, shape

from geo.catalog import Catalog, load_catalog
from geo.frame import to_display, to_storage_lon
from geo.paths import DATA_DIR
from layers.basemap import display_countries
from tests.helpers import box, event, region, write_data

BERING = {
    "type": "MultiLineString",
    "coordinates": [[[177.7, 64.7], [180.0, 62.0]], [[-180.0, 62.0], [-165.0, 58.0]]],
}


def test_regions_by_intersection_across_180(tmp_path: Path) -> None:
    alaska = {
        "type": "Feature",
        "properties": {"id": "alaska", "name": "Alaska"},
        "geometry": {
            "type": "Polygon",
            "coordinates": [[[-180, 50], [-130, 50], [-130, 72], [-180, 72], [-180, 50]]],
        },
    }
    regions = [
        alaska,
        region("chukotka", box(160, 60, 180, 72)),
        region("japan", box(128, 30, 146, 46)),
    ]
    data = write_data(tmp_path, [event("bering", geometry=BERING)], regions)
    cat = load_catalog(data)
    assert cat.events.iloc[0]["regions"] == ["alaska", "chukotka"]


def test_cut_route_draws_as_one_line() -> None:
    geom = to_display(shape(BERING))
    assert isinstance(geom, LineString)
    assert geom.coords[0] == (177.7, 64.7) and geom.coords[-1] == (195.0, 58.0)


def test_cut_polygon_dissolves() -> None:
    cut = MultiPolygon(
        [
            Polygon([(170, 50), (180, 50), (180, 60), (170, 60)]),
            Polygon([(-180, 50), (-170, 50), (-170, 60), (-180, 60)]),
        ]
    )
    geom = to_display(cut)
    assert isinstance(geom, Polygon) and geom.bounds == (170.0, 50.0, 190.0, 60.0)


def test_frame_edges_and_inverse() -> None:
    assert to_display(LineString([(10, 0), (20, 0)])).bounds[0] == 10
    assert to_display(LineString([(-60, 0), (-50, 0)])).bounds[0] == 300
    assert to_storage_lon(210.0) == -150.0 and to_storage_lon(175.0) == 175.0
    split = to_display(LineString([(-40, 0), (-20, 0)]))
    assert isinstance(split, MultiLineString)  # only at the Atlantic frame edge


def test_basemap_has_no_bands_and_alaska_meets_chukotka() -> None:
    feats = {f["properties"]["name"]: shape(f["geometry"]) for f in display_countries()["features"]}
    russia, usa = feats["Russia"], feats["United States of America"]
    # no part of Russia spans the frame: everything sits between the Baltic and Chukotka
    minx, _, maxx, _ = russia.bounds
    assert minx >= 19 and maxx <= 191, russia.bounds
    assert all(p.bounds[2] - p.bounds[0] < 180 for p in getattr(russia, "geoms", [russia]))
    alaska = max(usa.geoms, key=lambda p: p.bounds[3])
    assert 190 < alaska.bounds[0] < 200  # Alaska drawn east of 180, beside Chukotka
    assert 0 < shapely.distance(russia, alaska) < 2.5  # the Bering Strait, ~82 km


def test_curated_regions_cover_the_named_sites(curated: Catalog) -> None:
    cat = curated
    have = set(cat.regions["id"])
    assert {
        "alaska_bering",
        "arctic",
        "sea_of_japan",
        "east_china_sea",
        "taiwan",
        "korea",
        "japan",
        "south_china_sea",
        "western_pacific",
        "central_asia",
    } <= have
    regions_of = dict(zip(cat.events["id"], cat.events["regions"], strict=True))
    assert "alaska_bering" in regions_of["air-patrol-2024-07"]
    assert "south_china_sea" in regions_of["naval-exercise-2024-07"]
    assert "arctic" in regions_of["coast-guard-patrol-2024-09"]


def test_regions_file_is_valid_json_with_ids() -> None:
    doc = json.loads((DATA_DIR / "regions.geojson").read_text("utf-8"))
    assert len({f["properties"]["id"] for f in doc["features"]}) == len(doc["features"])


def test_site_on_a_generalised_border_counts_for_both_sides(tmp_path: Path) -> None:
    near = {"type": "Point", "coordinates": [120.05, 40.0]}  # 0.05° east of "west"
    far = {"type": "Point", "coordinates": [120.3, 40.0]}
    regions = [region("west", box(110, 30, 120, 50)), region("east", box(120, 30, 130, 50))]
    cat = load_catalog(
        write_data(
            tmp_path,
            [
                event("near", geometry=near, precision="site"),
                event("far", geometry=far, precision="site"),
            ],
            regions,
        )
    )
    got = dict(zip(cat.events["id"], cat.events["regions"], strict=True))
    assert got == {"near": ["west", "east"], "far": ["east"]}
