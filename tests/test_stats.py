"""Counts match a hand count on a small fixture."""

from __future__ import annotations

from pathlib import Path

from geo import stats
from geo.catalog import load_catalog
from tests.helpers import box, event, region, write_data


def test_counts_by_year_kind_and_region(tmp_path: Path) -> None:
    pt = {"type": "Point", "coordinates": [70.0, 40.0]}
    feats = [
        event("a", start="2019-07-23"),
        event("b", start="2019-12-01", kind="naval_patrol"),
        event("c", start="2021-12-30", end="2022-01-02"),  # counted in 2021 only
        event("d", start="2021-05", end=None, geometry=pt, precision="site", kind="land_exercise"),
    ]
    regions = [
        region("east", box(100, 0, 180, 70)),
        region("west", box(40, 20, 100, 60)),
        region("all", box(0, 0, 180, 80)),
    ]
    cat = load_catalog(write_data(tmp_path, feats, regions))
    table = stats.by_year_kind(cat.events)
    assert table.to_dict("index") == {
        2019: {"air_patrol": 1, "naval_patrol": 1, "land_exercise": 0},
        2020: {"air_patrol": 0, "naval_patrol": 0, "land_exercise": 0},
        2021: {"air_patrol": 1, "naval_patrol": 0, "land_exercise": 1},
    }
    assert stats.by_year(cat.events).to_dict() == {2019: 2, 2020: 0, 2021: 2}
    assert stats.by_region(cat.events).to_dict() == {"all": 4, "east": 3, "west": 1}


def test_empty() -> None:
    import geopandas as gpd

    empty = gpd.GeoDataFrame({"year_start": [], "kind": [], "id": [], "regions": []})
    assert stats.by_year_kind(empty).empty
    assert stats.by_region(empty).empty
