"""Zones: valid, in range, and the published vertices reproduced exactly."""

from __future__ import annotations

import json

import pytest
from shapely.geometry import Point, shape

from geo.paths import DATA_DIR
from tests.helpers import curated, zones


def dms(d: float, m: float = 0, s: float = 0) -> float:
    return d + m / 60 + s / 3600


def coords(zid: str) -> list[tuple[float, float]]:
    geom = zones().loc[zid, "geometry"]
    ring = geom.exterior.coords if geom.geom_type == "Polygon" else geom.coords
    return [(round(x, 4), round(y, 4)) for x, y in ring]


def test_every_zone_valid_sourced_and_in_range() -> None:
    assert [str(p) for p in curated().problems if p.file == "zones.geojson"] == []
    assert len(curated().zones) >= 12
    for z in curated().zones.itertuples():
        assert z.geometry.is_valid and z.sources
        minx, miny, maxx, maxy = z.geometry.bounds
        assert -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90


def test_china_ecs_adiz_six_announced_points() -> None:
    text = [
        (121, 47, 33, 11),
        (125, 0, 33, 11),
        (128, 20, 31, 0),
        (125, 0, 25, 38),
        (123, 0, 24, 45),
        (120, 58, 26, 44),
    ]
    want = [(round(dms(a, b), 4), round(dms(c, d), 4)) for a, b, c, d in text]
    assert coords("cn-ecs-adiz")[:-1] == want


def test_japan_adiz_points_1_to_7_as_printed() -> None:
    text = [
        ((138, 44, 47), (45, 45, 7)),
        ((132, 59, 50), (40, 40, 9)),
        ((132, 59, 50), (37, 17, 10)),
        ((130, 29, 51), (36, 0, 11)),
        ((129, 47, 52), (35, 13, 11)),
        ((126, 59, 53), (33, 0, 12)),
        ((124, 59, 53), (33, 0, 12)),
    ]
    want = [(round(dms(*lon), 4), round(dms(*lat), 4)) for lon, lat in text]
    assert coords("jp-adiz-west") == want


def test_kadiz_holds_the_nine_reported_points() -> None:
    points = [
        (123.5, 39),
        (133, 39),
        (124, 37),
        (133, dms(37, 17)),
        (124, 30),
        (dms(125, 25), 30),
        (dms(126, 50), 32.5),
        (127.5, 32.5),
        (dms(128, 52), dms(34, 17)),
    ]
    got = set(coords("kr-kadiz"))
    assert {(round(x, 4), round(y, 4)) for x, y in points} <= got


def test_median_line_and_disputed_islands() -> None:
    assert coords("taiwan-strait-median-line") == [(122.0, 27.0), (118.0, 23.0)]
    assert zones().loc["dokdo-takeshima", "geometry"].distance(Point(131.867, 37.241)) < 0.01
    woody = Point(112.34, 16.83)  # Woody Island
    assert zones().loc["paracel-islands", "geometry"].distance(woody) < 0.05
    kurils = zones().loc["southern-kurils", "geometry"]
    assert kurils.bounds[0] >= 145.3 and kurils.bounds[2] <= 148.95


@pytest.mark.parametrize("zid", ["senkaku-diaoyu", "dokdo-takeshima", "southern-kurils"])
def test_disputed_features_carry_each_partys_name(zid: str) -> None:
    names = zones().loc[zid, "names"]
    assert len(names) >= 2 and len(set(names.values())) == len(names)


def test_1990_line_is_cut_at_180() -> None:
    doc = json.loads((DATA_DIR / "zones.geojson").read_text("utf-8"))
    g = next(f["geometry"] for f in doc["features"] if f["properties"]["id"] == "us-ussr-1990-line")
    assert g["type"] == "MultiLineString"
    assert shape(g).is_valid
