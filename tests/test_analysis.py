"""Route analytics on constructed cases (cross, near, across 180°) and on real records."""

from __future__ import annotations

import pytest
from pyproj import Geod
from shapely.geometry import LineString, Point

from geo.analysis import geodesic_km
from geo.catalog import load_catalog
from tests.helpers import event, events, write_data

GEOD = Geod(ellps="WGS84")


def zone(zid: str, geometry: dict, claimants: list[str], zone_type: str = "adiz") -> dict:
    return {
        "type": "Feature",
        "geometry": geometry,
        "properties": {
            "id": zid,
            "name": zid,
            "zone_type": zone_type,
            "claimants": claimants,
            "summary": "s",
            "precision": {"LineString": "reported_route", "Point": "site"}.get(
                geometry["type"], "reported_area"
            ),
            "sources": [{"publisher": "p", "title": "t", "date": "2013-11-23"}],
        },
    }


def test_geodesic_distance_matches_pyproj() -> None:
    km = geodesic_km(LineString([(130, 35), (131, 35)]), Point(130.5, 36))
    want = GEOD.inv(130.5, 35, 130.5, 36)[2] / 1000
    assert km == pytest.approx(want, abs=1.0)


def test_distance_across_180_is_short() -> None:
    # display frame: 179°E to 179°W is 179..181, the point at 180° one degree north
    km = geodesic_km(LineString([(179, 60), (181, 60)]), Point(180, 61))
    assert km == pytest.approx(GEOD.inv(180, 60, 180, 61)[2] / 1000, abs=2.0)


def test_cross_near_and_own_zone(tmp_path) -> None:
    route = {"type": "LineString", "coordinates": [[120.0, 30.0], [130.0, 30.0]]}
    far_route = {"type": "LineString", "coordinates": [[120.0, 40.0], [130.0, 40.0]]}
    zones = [
        zone(
            "line",
            {"type": "LineString", "coordinates": [[125, 25], [125, 35]]},
            ["TW"],
            "median_line",
        ),
        zone(
            "area",
            {
                "type": "Polygon",
                "coordinates": [[[126, 29], [127, 29], [127, 31], [126, 31], [126, 29]]],
            },
            ["KR"],
        ),
        zone("near", {"type": "Point", "coordinates": [125, 31]}, ["JP"], "disputed_territory"),
        zone(
            "own",
            {
                "type": "Polygon",
                "coordinates": [[[121, 29], [122, 29], [122, 31], [121, 31], [121, 29]]],
            },
            ["CN"],
        ),
    ]
    data = write_data(
        tmp_path, [event("r", geometry=route), event("far", geometry=far_route)], zones=zones
    )
    cat = load_catalog(data)
    assert cat.problems == []
    ev = cat.events.set_index("id")
    assert ev.loc["r", "crossed"] == ["line"]
    assert ev.loc["r", "entered"] == ["area"]  # the own (CN) zone is left out
    assert "own" not in ev.loc["r", "zone_km"]
    assert ev.loc["r", "zone_km"]["near"] == pytest.approx(
        GEOD.inv(125, 30, 125, 31)[2] / 1000, abs=1.0
    )
    assert ev.loc["far", "entered"] == [] and ev.loc["far", "crossed"] == []
    assert "near" not in ev.loc["far", "zone_km"] or ev.loc["far", "zone_km"]["near"] > 900


def test_route_across_180_enters_a_zone_there(tmp_path) -> None:
    route = {
        "type": "MultiLineString",
        "coordinates": [[[175.0, 60.0], [180.0, 60.0]], [[-180.0, 60.0], [-170.0, 60.0]]],
    }
    zones = [
        zone(
            "bering",
            {
                "type": "Polygon",
                "coordinates": [[[-179, 59], [-175, 59], [-175, 61], [-179, 61], [-179, 59]]],
            },
            ["US"],
        )
    ]
    cat = load_catalog(write_data(tmp_path, [event("b", geometry=route)], zones=zones))
    assert cat.events.iloc[0]["entered"] == ["bering"]


def test_july_2019_patrol_entered_kadiz_and_crossed_jadiz_line() -> None:
    assert "kr-kadiz" in events().loc["air-patrol-2019-07", "entered"]
    assert "jp-adiz-west" in events().loc["air-patrol-2019-07", "crossed"]


def test_alaska_patrol_approach_to_the_united_states() -> None:
    km = events().loc["air-patrol-2024-07", "country_km"]["United States of America"]
    assert 50 < km < 500  # approximate route; Secretary Austin cited about 200 miles


def test_south_china_sea_drill_is_near_the_paracels() -> None:
    assert "paracel-islands" in events().loc["naval-exercise-2024-07", "zone_km"]
    assert "China" not in events().loc["naval-exercise-2024-07", "country_km"]  # own territory
