"""Route facts held against what was reported, and against the calendar.

Each row is a report in the record (its words are in the event's summary, with the source
in its sources): where the computed fact disagrees, the route or the zone is wrong, and the
data is fixed, never this table.
"""

from __future__ import annotations

from datetime import date

import pytest

from geo.catalog import load_catalog
from geo.zonetime import in_force
from tests.helpers import SOURCE, curated, event, events, write_data, zones

# (event, zone, how, who reported it, words of the report in the event's summary)
REPORTED = [
    ("air-patrol-2019-07", "kr-kadiz", "entered", "ROK JCS",
     "South Korea said a Russian A-50 twice entered its airspace"),
    ("air-patrol-2020-12", "kr-kadiz", "entered", "ROK JCS",
     "19 Chinese and Russian aircraft entered KADIZ"),
    ("air-patrol-2021-11", "kr-kadiz", "entered", "ROK JCS",
     "2 Chinese and 7 Russian aircraft entered KADIZ"),
    ("air-patrol-2022-05", "kr-kadiz", "entered", "ROK JCS", "the H-6s entered KADIZ"),
    ("air-patrol-2022-11", "kr-kadiz", "entered", "ROK JCS", "the Chinese H-6s entered KADIZ"),
    ("air-patrol-2023-12", "kr-kadiz", "entered", "ROK JCS", "six aircraft were in KADIZ"),
    ("air-patrol-2024-11", "kr-kadiz", "entered", "ROK JCS",
     "11 aircraft moved in and out of KADIZ"),
    ("air-patrol-2025-12", "kr-kadiz", "entered", "ROK JCS",
     "nine aircraft entered and left KADIZ"),
    ("air-patrol-2024-07", "us-alaska-adiz", "entered", "NORAD", "in the Alaska ADIZ"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("eid", "zid", "how", "who", "words"), REPORTED, ids=[f"{r[0]}:{r[1]}" for r in REPORTED]
)
def test_route_facts_agree_with_the_reports(
    eid: str, zid: str, how: str, who: str, words: str
) -> None:
    ev = events().loc[eid]
    assert words in ev["summary"], f"{eid}: the record no longer says {words!r} ({who})"
    assert zid in ev[how], f"{eid}: {who} reported it {how} {zid}; computed {list(ev[how])}"


def test_no_route_fact_names_a_zone_not_in_force_on_the_events_dates() -> None:
    z = zones()
    checked = 0
    for eid, ev in events().iterrows():
        named = [*ev["entered"], *ev["crossed"], *ev["zone_km"]]
        for zid in named:
            assert in_force(z.loc[zid], ev["start_date"], ev["end_date"]), (
                f"{eid} ({ev['start']}) names {zid}, in force only from {z.loc[zid, 'valid_from']}"
            )
            checked += 1
    assert checked > 50  # the record names zones, so the check ran


def test_events_before_a_zone_existed_never_entered_it() -> None:
    z, ev = zones(), events()
    early = ev[ev["end_date"] < z.loc["kr-kadiz", "from_date"]]
    assert len(early) > 0
    assert not any("kr-kadiz" in (*r["entered"], *r["zone_km"]) for _, r in early.iterrows())


def test_a_zone_applies_only_while_in_force(tmp_path) -> None:
    """The same route before, across and after a zone's dates."""
    area = {
        "type": "Polygon",
        "coordinates": [[[129, 34], [131, 34], [131, 36], [129, 36], [129, 34]]],
    }
    zone = {
        "type": "Feature",
        "geometry": area,
        "properties": {
            "id": "zone-x",
            "name": "Zone X",
            "zone_type": "adiz",
            "claimants": ["JP"],
            "summary": "s",
            "precision": "reported_area",
            "valid_from": "2020-06-01",
            "valid_to": "2022-05-31",
            "sources": [dict(SOURCE)],
        },
    }
    route = {"type": "LineString", "coordinates": [[128.0, 35.0], [132.0, 35.0]]}
    feats = [
        event("before", start="2019-07-01", end="2019-07-02", geometry=route),
        event("across", start="2020-05-30", end="2020-06-02", geometry=route),
        event("during", start="2021-03-01", end="2021-03-01", geometry=route),
        event("after", start="2022-06-01", end="2022-06-01", geometry=route),
    ]
    cat = load_catalog(write_data(tmp_path, feats, zones=[zone]))
    got = dict(zip(cat.events["id"], cat.events["entered"], strict=True))
    assert got == {"before": [], "across": ["zone-x"], "during": ["zone-x"], "after": []}
    assert in_force(cat.zones.iloc[0], date(2022, 5, 31), date(2022, 5, 31))


def test_the_record_dates_are_all_checked() -> None:
    assert len(curated().zones) >= 15
