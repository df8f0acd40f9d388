"""One strict rule for numbers in every format: plain decimal text, finite, bounded."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geo.catalog import load_catalog
from geo.numbers import MAX_NUMBER_CHARS, loads, parse_number
from tests.helpers import write_data


@pytest.mark.parametrize("text", ["135", "-33.5", "+0.25", ".5", "1e3", " 40 ", "1.5E-2"])
def test_plain_decimals_are_read(text: str) -> None:
    assert parse_number(text) == float(text)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("13_5", "decimal number"),  # Python's float() reads 135
        ("0x10", "decimal number"),
        ("nan", "decimal number"),
        ("infinity", "decimal number"),
        ("1,5", "decimal number"),
        ("1e999", "finite"),
        ("9" * 500, f"at most {MAX_NUMBER_CHARS} characters"),
        ("", "decimal number"),
    ],
)
def test_anything_else_is_refused_with_what_was_got(text: str, said: str) -> None:
    with pytest.raises(ValueError, match=said):
        parse_number(text)


@given(st.text(max_size=60))
def test_any_text_gives_a_finite_number_or_a_value_error(text: str) -> None:
    try:
        value = parse_number(text)
    except ValueError as exc:
        assert "expected" in str(exc) and "got" in str(exc)
    else:
        assert math.isfinite(value)


def test_json_numbers_never_fail_the_file() -> None:
    doc = loads('{"a": 1' + "0" * 5000 + ', "b": 7, "c": 1.5}')
    assert doc == {"a": math.inf, "b": 7, "c": 1.5}  # ints stay ints


def test_a_data_file_with_a_huge_coordinate_names_the_record(tmp_path: Path) -> None:
    folder = write_data(tmp_path, [])
    text = (
        '{"type":"FeatureCollection","features":[{"type":"Feature","properties":'
        + json.dumps({"id": "x", "name": "n", "kind": "air_patrol", "domains": ["air"],
                      "start": "2024-07-24", "participants": ["CN", "RU"], "assets": "a",
                      "summary": "s", "precision": "site",
                      "sources": [{"publisher": "p", "title": "t", "date": "2024-07-25"}]})
        + ',"geometry":{"type":"Point","coordinates":[1' + "0" * 5000 + ",40]}}]}"
    )  # fmt: skip
    (folder / "events.geojson").write_text(text, "utf-8")
    cat = load_catalog(folder)  # no traceback: the record is rejected and said why
    assert len(cat.events) == 0
    assert any("x" in str(p) and "finite" in str(p) for p in cat.problems), cat.problems


def test_a_data_file_with_a_key_given_twice_is_said_not_half_read(tmp_path: Path) -> None:
    folder = write_data(tmp_path, [])
    (folder / "events.geojson").write_text(
        '{"type":"FeatureCollection","features":[],"features":[]}', "utf-8"
    )
    cat = load_catalog(folder)
    assert any("'features' twice" in str(p) for p in cat.problems), cat.problems
