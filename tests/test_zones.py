"""Zones: valid, in range, and the published vertices reproduced exactly."""

from __future__ import annotations

import json
import sys
from datetime import date

import pytest
from shapely.geometry import LineString, Point, shape
from shapely.geometry.base import BaseGeometry

from geo.catalog import load_catalog
from geo.frame import to_display, to_display_lon, to_storage_lon
from geo.geodesy import distance_nm, on_rhumb_line
from geo.paths import DATA_DIR
from tests.helpers import SOURCE, curated, event, write_data, zones


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


# --------------------------------------------------------------- the texts, reproduced

sys.path.insert(0, str(DATA_DIR))
import zones_constructed as zc  # noqa: E402


def display(zid: str) -> BaseGeometry:
    return to_display(zones().loc[zid, "geometry"])


def test_alaska_adiz_holds_its_26_published_vertices_on_an_unbroken_boundary() -> None:
    stored = zones().loc["us-alaska-adiz", "geometry"]
    assert stored.geom_type == "MultiPolygon"  # cut at 180° for storage (RFC 7946)
    shown = display("us-alaska-adiz")
    assert shown.geom_type == "Polygon"  # one piece in the display frame
    assert len(zc.ALASKA_POINTS) == 26
    for n, (lat, lon) in enumerate(zc.ALASKA_POINTS, 1):
        assert shown.boundary.distance(Point(to_display_lon(lon), lat)) < 1e-5, n
    # § 99.41: the 75°N edge is a rhumb line (a parallel), the others great circles
    north = [y for x, y in shown.exterior.coords if 191.0 <= x <= 219.0 and y > 74.9]
    assert north and all(y == pytest.approx(75.0, abs=1e-6) for y in north)
    # great circles are densified: the 53°N 158°W - 50°N 169°W edge bows north of its chord
    chord = LineString([(to_display_lon(-158.0), 53.0), (to_display_lon(-169.0), 50.0)])
    mid = chord.interpolate(0.5, normalized=True)
    assert shown.boundary.distance(mid) > 0.05


def test_alaska_adiz_excludes_interior_alaska_and_holds_the_bering_strait() -> None:
    shown = display("us-alaska-adiz")
    assert not shown.contains(Point(to_display_lon(-150.0), 64.8))  # Fairbanks
    assert shown.contains(Point(to_display_lon(-168.8), 65.9))  # east of 169°W, the strait


def test_1990_line_meridian_arcs_and_loxodrome_as_the_text_says() -> None:
    g = zones().loc["us-ussr-1990-line", "geometry"]
    meridian = next(p for p in g.geoms if p.bounds[0] == p.bounds[2])
    assert meridian.bounds[0] == pytest.approx(-dms(168, 58, 37), abs=1e-6)
    assert meridian.bounds[1] == pytest.approx(65.5)
    for k, centre in (
        (36, zc.ARC_36_37),
        (37, zc.ARC_36_37),
        (38, zc.ARC_38_39),
        (39, zc.ARC_38_39),
    ):
        assert distance_nm(centre, zc.BERING[k]) == pytest.approx(200.0, abs=0.01), k
    for k in (37, 38):
        assert on_rhumb_line(zc.BERING[k], *zc.LOXODROME) < 1e-4, k
    shown = to_display(g)
    for k, (lon, lat) in zc.BERING.items():
        assert shown.distance(Point(to_display_lon(lon), lat)) < 1e-5, k
    # the arc is drawn as an arc: the vertices between points 36 and 37 are 200 nm out
    y36, y37 = zc.BERING[36][1], zc.BERING[37][1]
    between = [
        (to_storage_lon(x), y)
        for part in shown.geoms
        for x, y in part.coords
        if y37 < y < y36 and 180.0 < x < 180.4
    ]
    assert len(between) >= 1
    assert all(distance_nm(zc.ARC_36_37, p) == pytest.approx(200.0, abs=0.01) for p in between)


def test_taiwan_adiz_official_edges() -> None:
    shown = display("tw-adiz")
    assert shown.boundary.distance(Point(123.0, 22.5)) < 1e-6
    assert shown.boundary.distance(Point(121.5, 21.0)) < 1e-6
    assert shown.boundary.distance(Point(123.0, 25.0)) < 1e-6  # the 123°E edge
    assert shown.contains(Point(121.0, 23.7))  # Taiwan itself
    assert zones().loc["tw-adiz", "precision"] == "approximate_area"
    assert "Approximate" in zones().loc["tw-adiz", "notes"]


@pytest.mark.parametrize(
    ("where", "lon", "lat", "inside"),
    [
        ("Kara Sea", 70.0, 74.0, True),
        ("Laptev Sea", 125.0, 75.0, True),
        ("Chukchi Sea west of the 1990 line", -172.0, 69.0, True),
        ("Barents Sea west of Novaya Zemlya", 50.0, 72.0, False),
        ("Chukchi Sea east of the 1990 line", -166.0, 70.0, False),
        ("Bering Strait south of Cape Dezhnev's parallel", -170.0, 65.8, False),
        ("beyond 200 nm, the Arctic Ocean", 120.0, 84.0, False),
    ],
)
def test_northern_sea_route_water_area_follows_its_definition(
    where: str, lon: float, lat: float, inside: bool
) -> None:
    assert display("ru-nsr-water-area").contains(Point(to_display_lon(lon), lat)) is inside, where


def test_zone_dates_and_labels() -> None:
    z = zones()
    assert z.loc["cn-ecs-adiz", "valid_from"] == "2013-11-23"
    assert z.loc["kr-kadiz", "valid_from"] == "2013-12-15"
    assert z.loc["us-alaska-adiz", "valid_from"] == "2001-09-28"
    assert z.loc["kr-kadiz", "label"] == "KADIZ"
    assert "122°25'E" in z.loc["kr-kadiz", "notes"] and "eAIP" in z.loc["kr-kadiz", "notes"]
    for zid, row in z.iterrows():
        assert row["label"] and row["family"], zid
        if row["from_date"] is not None:
            assert row["from_date"] <= date.today(), zid


def test_zone_dates_are_validated(tmp_path) -> None:
    zone = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [130, 35]},
        "properties": {
            "id": "z",
            "name": "Z",
            "zone_type": "adiz",
            "claimants": ["KR"],
            "summary": "s",
            "precision": "site",
            "valid_from": "2013-12-32",
            "valid_to": "2012-01",
            "sources": [dict(SOURCE)],
        },
    }
    cat = load_catalog(write_data(tmp_path, [event()], zones=[zone]))
    msgs = [str(p) for p in cat.problems]
    assert any("valid_from='2013-12-32': expected a calendar date" in m for m in msgs), msgs
    zone["properties"]["valid_from"] = "2013-12"
    cat = load_catalog(write_data(tmp_path, [event()], zones=[zone]))
    assert any(
        "valid_to='2012-01': expected an end on or after valid_from 2013-12" in str(p)
        for p in cat.problems
    )
