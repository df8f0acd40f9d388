"""Filters: inclusive bounds, overlap of multi-year events, set filters, empty results."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geo import filters
from geo.catalog import Catalog, load_catalog
from geo.view import View
from tests.helpers import box, event, region, write_data


@pytest.fixture(scope="module")
def cat(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    west = {"type": "Point", "coordinates": [70.0, 40.0]}
    feats = [
        event("y2019", start="2019-07-23", end="2019-07-23"),
        event("y2021-2022", start="2021-12-20", end="2022-01-05", kind="naval_patrol"),
        event("y2024", start="2024-07", end=None, participants=["CN", "RU", "IR"]),
        event(
            "asia-2024",
            start="2024-09-01",
            end="2024-09-02",
            geometry=west,
            precision="site",
            kind="land_exercise",
        ),
    ]
    regions = [region("east", box(100, 0, 180, 70)), region("west", box(40, 20, 100, 60))]
    return load_catalog(write_data(tmp_path_factory.mktemp("f"), feats, regions))


def ids(cat: Catalog, view: View) -> list[str]:
    return list(filters.apply(cat.events, view)["id"])


def test_no_filter_shows_all_in_date_order(cat: Catalog) -> None:
    assert ids(cat, View()) == ["y2019", "y2021-2022", "y2024", "asia-2024"]


@pytest.mark.parametrize(
    ("years", "expected"),
    [
        ((2019, 2019), ["y2019"]),
        ((2020, 2021), ["y2021-2022"]),  # overlaps at its start year
        ((2022, 2023), ["y2021-2022"]),  # overlaps at its end year
        ((2024, 2024), ["y2024", "asia-2024"]),
        ((2020, 2020), []),
        ((2012, 2025), ["y2019", "y2021-2022", "y2024", "asia-2024"]),
    ],
)
def test_year_range_is_inclusive_and_matches_overlap(
    cat: Catalog, years: tuple[int, int], expected: list[str]
) -> None:
    assert ids(cat, View(years=years)) == expected


def test_set_filters(cat: Catalog) -> None:
    assert ids(cat, View(kinds={"naval_patrol"})) == ["y2021-2022"]
    assert ids(cat, View(regions={"west"})) == ["asia-2024"]
    assert ids(cat, View(participants={"IR"})) == ["y2024"]
    assert ids(cat, View(regions={"west"}, kinds={"air_patrol"})) == []
    assert ids(cat, View(regions={"east", "west"}, years=(2024, 2024))) == ["y2024", "asia-2024"]


def test_empty_result_keeps_columns(cat: Catalog) -> None:
    out = filters.apply(cat.events, View(years=(2013, 2013)))
    assert len(out) == 0 and list(out.columns) == list(cat.events.columns)


def test_view_rejects_reversed_years() -> None:
    with pytest.raises(ValueError, match="first <= last, got 2024-2019"):
        View(years=(2024, 2019))


@given(lo=st.integers(2010, 2027), span=st.integers(0, 6))
def test_year_filter_matches_definition(cat: Catalog, lo: int, span: int) -> None:
    hi = lo + span
    got = set(ids(cat, View(years=(lo, hi))))
    want = {r.id for r in cat.events.itertuples() if r.year_start <= hi and r.year_end >= lo}
    assert got == want
