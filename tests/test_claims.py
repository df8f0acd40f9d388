"""The claims check counts drills under its stated rule (hand count on a fixture)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geo.catalog import load_catalog
from geo.claims import Claims, check, load_claims
from tests.helpers import event, write_data


def test_check_against_hand_count(tmp_path: Path) -> None:
    area = {"type": "Polygon", "coordinates": [[[130, 35], [131, 35], [131, 36], [130, 35]]]}
    feats = [
        event("p", start="2023-06-06"),  # a patrol: not a drill
        event(
            "d1",
            start="2023-07-20",
            kind="naval_exercise",
            domains=["sea", "air"],
            geometry=area,
            precision="approximate_area",
        ),
        event(
            "d2",
            start="2023-12-30",
            end="2024-01-02",
            kind="land_exercise",
            domains=["land"],
            geometry=area,
            precision="approximate_area",
        ),
        event(
            "d3",
            start="2024-03-01",
            kind="counter_terrorism_exercise",
            domains=["land"],
            geometry=area,
            precision="approximate_area",
        ),
        event(
            "m",
            start="2024-05-01",
            kind="naval_exercise",
            domains=["sea"],
            geometry=area,
            precision="approximate_area",
            format="multinational",
        ),  # not a joint drill
    ]
    cat = load_catalog(write_data(tmp_path, feats))
    claims = Claims(
        {},
        [
            {"year": 2023, "drills": 2, "domains": ["cyber", "sea"]},
            {"year": 2024, "drills": 3, "domains": ["land"]},
            {"year": 2025, "drills": 0, "domains": []},
        ],
    )
    table = check(cat.events, claims).set_index("year")
    assert table.loc[2023, "recorded drills"] == 2
    assert table.loc[2023, "all joint activities"] == 3
    assert table.loc[2023, "recorded drill domains"] == "air, sea, land"
    assert table.loc[2023, "verdict"] == "count matches; no recorded drill in cyber"
    assert table.loc[2024, "verdict"] == "record has 2 fewer"
    assert table.loc[2024, "multinational exercises (not counted)"] == 1
    assert table.loc[2025, "verdict"] == "count matches"


def test_bundled_claims_are_the_papers_table_1() -> None:
    claims = load_claims()
    assert [(r["year"], r["drills"]) for r in claims.rows] == [
        (2022, 4),
        (2023, 5),
        (2024, 7),
        (2025, 8),
    ]
    assert "10.5281/zenodo.15280665" in claims.source["url"]


def test_bad_claims_file_names_row_and_field(tmp_path: Path) -> None:
    p = tmp_path / "claims.json"
    p.write_text(json.dumps({"rows": [{"year": 2022, "drills": "four", "domains": []}]}))
    with pytest.raises(
        ValueError,
        match=r"claims.json: rows\[0\].drills: expected int, "
        r"got 'four'",
    ):
        load_claims(p)
