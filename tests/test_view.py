"""The View's URL round trip and its fallbacks on bad parameters."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from geo.view import View

KNOWN = {
    "regions": frozenset({"arctic", "sea_of_japan"}),
    "kinds": frozenset({"air_patrol", "naval_patrol"}),
    "participants": frozenset({"CN", "RU", "IR"}),
}


@given(
    years=st.none()
    | st.tuples(st.integers(2012, 2025), st.integers(0, 5)).map(lambda t: (t[0], t[0] + t[1])),
    regions=st.frozensets(st.sampled_from(sorted(KNOWN["regions"]))),
    kinds=st.frozensets(st.sampled_from(sorted(KNOWN["kinds"]))),
    participants=st.frozensets(st.sampled_from(sorted(KNOWN["participants"]))),
)
def test_round_trip(years, regions, kinds, participants) -> None:
    view = View(years=years, regions=regions, kinds=kinds, participants=participants)
    back, notices = View.from_query(view.to_query(), known=KNOWN)
    assert back == view and notices == []


def test_bad_parameters_fall_back_with_notices() -> None:
    view, notices = View.from_query(
        {"years": "2025-2019", "regions": "arctic,atlantis", "kinds": "x"}, known=KNOWN
    )
    assert view == View(regions={"arctic"})
    assert notices == [
        "years: expected YYYY or YYYY-YYYY (first <= last), got '2025-2019'",
        "regions: expected values from ['arctic', 'sea_of_japan'], got unknown ['atlantis']",
        "kinds: expected values from ['air_patrol', 'naval_patrol'], got unknown ['x']",
    ]


def test_single_year_and_list_values() -> None:
    view, notices = View.from_query({"years": ["2019", "2024"]}, known=KNOWN)
    assert view.years == (2024, 2024) and notices == []
