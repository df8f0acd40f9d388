"""Loading and validation: each rule rejects with file, id, field and value named."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from geo.catalog import Catalog, load_catalog
from geo.paths import DATA_DIR
from tests.helpers import DROP, box, event, region, write_data


def problems_for(tmp_path: Path, *features: dict) -> list[str]:
    cat = load_catalog(write_data(tmp_path, list(features)))
    return [str(p) for p in cat.problems]


def test_valid_event_loads_with_derived_columns(tmp_path: Path) -> None:
    cat = load_catalog(write_data(tmp_path, [event(start="2023-12", end="2024-01-02")]))
    assert cat.problems == []
    ev = cat.events.iloc[0]
    assert (ev["year_start"], ev["year_end"]) == (2023, 2024)
    assert str(ev["start_date"]) == "2023-12-01"
    assert ev["regions"] == ["everywhere"]


@pytest.mark.parametrize(
    ("override", "field", "value", "expected"),
    [
        ({"start": "2024-13-01"}, "start", "'2024-13-01'", "calendar date"),
        ({"start": "24 July 2024"}, "start", "'24 July 2024'", "YYYY-MM-DD or YYYY-MM"),
        ({"end": "2024-07-01"}, "end", "'2024-07-01'", "on or after start 2024-07-24"),
        ({"kind": "bomber_run"}, "kind", "'bomber_run'", "expected one of"),
        ({"precision": "exact"}, "precision", "'exact'", "expected one of"),
        ({"domains": ["air", "sky"]}, "domains", "'sky'", "expected one of"),
        ({"participants": ["CN"]}, "participants", "['CN']", "both 'CN' and 'RU'"),
        ({"participants": ["CN", "RU", "china"]}, "participants", "'china'", "ISO 3166-1"),
        ({"sources": []}, "sources", "[]", "required field"),
        ({"sources": DROP}, "sources", "None", "required field"),
        (
            {"sources": [{"publisher": "TASS", "date": "2024-07-25"}]},
            "sources[0].title",
            "None",
            "non-empty string",
        ),
        (
            {
                "sources": [
                    {
                        "publisher": "TASS",
                        "title": "t",
                        "date": "2024-07-25",
                        "url": "javascript:alert(1)",
                    }
                ]
            },
            "sources[0].url",
            "'javascript:alert(1)'",
            "http(s) URL",
        ),
        ({"name": DROP}, "name", "None", "required field"),
        ({"start": "2009-05-01", "end": None}, "start", "'2009-05-01'", "from 2012 on"),
    ],
)
def test_each_rule_names_file_id_field_value(
    tmp_path: Path, override: dict, field: str, value: str, expected: str
) -> None:
    msgs = problems_for(tmp_path, event("bad-one", **override), event("good-one"))
    hits = [m for m in msgs if m.startswith(f"events.geojson: bad-one: {field}={value}: ")]
    assert hits, msgs
    assert expected in hits[0]


@pytest.mark.parametrize(
    ("geometry", "expected"),
    [
        (
            {"type": "LineString", "coordinates": [[35.0, 130.0], [40.0, 135.0]]},
            "looks like [lat, lon]",
        ),
        (
            {"type": "LineString", "coordinates": [[130.0, 35.0], [200.0, 40.0]]},
            "longitude in [-180, 180], got 200.0",
        ),
        ({"type": "LineString", "coordinates": [[170.0, 60.0], [-170.0, 62.0]]}, "cut at 180°"),
        ({"type": "LineString", "coordinates": [[130.0, 35.0], [float("nan"), 40.0]]}, "finite"),
        ({"type": "GeometryCollection", "geometries": []}, "expected one of"),
        (None, "GeoJSON geometry object"),
        (
            {"type": "Polygon", "coordinates": [[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]]},
            "Self-intersection",
        ),
    ],
)
def test_bad_geometry_rejected(tmp_path: Path, geometry: dict | None, expected: str) -> None:
    msgs = problems_for(
        tmp_path,
        event(
            "bad-geom",
            geometry=geometry,
            precision="approximate_area"
            if geometry and geometry.get("type") == "Polygon"
            else "approximate_route",
        ),
    )
    assert any(
        m.startswith("events.geojson: bad-geom: geometry=") and expected in m for m in msgs
    ), msgs


def test_geometry_must_match_precision(tmp_path: Path) -> None:
    pt = {"type": "Point", "coordinates": [131.9, 43.1]}
    msgs = problems_for(tmp_path, event("pt", geometry=pt, precision="approximate_route"))
    assert msgs == [
        "events.geojson: pt: geometry='Point': expected ['LineString', "
        "'MultiLineString'] for precision 'approximate_route'"
    ]


def test_duplicate_id_rejects_second_and_keeps_first(tmp_path: Path) -> None:
    cat = load_catalog(write_data(tmp_path, [event("twin"), event("twin", name="Other")]))
    assert [str(p) for p in cat.problems] == [
        "events.geojson: twin: id='twin': expected a unique id, got a duplicate"
    ]
    assert list(cat.events["name"]) == ["Test patrol"]


def test_bad_record_reported_rest_loads_and_counts_add_up(tmp_path: Path) -> None:
    feats = [event("a"), event("b", kind="nope"), event("c"), {"type": "Nope"}]
    cat = load_catalog(write_data(tmp_path, feats))
    assert list(cat.events["id"]) == ["a", "c"]
    assert len(cat.events) + len(cat.problems) == cat.totals["events.geojson"] == 4
    assert "events.geojson: #3: type='Nope': expected a Feature" in map(str, cat.problems)


def test_event_outside_every_region_is_a_problem(tmp_path: Path) -> None:
    far = {"type": "Point", "coordinates": [-60.0, -30.0]}
    data = write_data(
        tmp_path,
        [event("far", geometry=far, precision="site")],
        regions=[region("r", box(100, 0, 150, 60))],
    )
    msgs = [str(p) for p in load_catalog(data).problems]
    assert msgs == [
        "events.geojson: far: geometry=Point(-60, -30, -60, -30): expected the "
        "event inside at least one region of regions.geojson, got none"
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"{not json", "expected JSON, got"),
        (b"\xff\xfe", "expected UTF-8 text"),
        (b'{"type": "Feature"}', "expected a GeoJSON FeatureCollection"),
    ],
)
def test_corrupt_file_is_one_problem_and_the_rest_loads(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    data = write_data(tmp_path, [event()])
    (data / "zones.geojson").write_bytes(content)
    cat = load_catalog(data)
    assert len(cat.events) == 1
    assert len(cat.problems) == 1 and str(cat.problems[0]).startswith("zones.geojson: -: ")
    assert expected in str(cat.problems[0])


def test_missing_file_is_reported(tmp_path: Path) -> None:
    data = write_data(tmp_path, [event()])
    (data / "zones.geojson").unlink()
    cat = load_catalog(data)
    assert [p.record for p in cat.problems] == ["-"]
    assert "expected a readable file" in str(cat.problems[0])


def test_curated_data_passes_validation(curated: Catalog) -> None:
    cat = curated
    assert [str(p) for p in cat.problems] == []
    assert len(cat.events) >= 20
    assert cat.events["id"].is_unique


def test_cli_validate_exit_codes(tmp_path: Path) -> None:
    ok = subprocess.run(
        [sys.executable, "-m", "geo", "validate", str(DATA_DIR)], capture_output=True, text=True
    )
    assert ok.returncode == 0, ok.stderr
    assert "OK: no problems" in ok.stdout
    bad = write_data(tmp_path, [event("x", start="2024-02-30")])
    res = subprocess.run(
        [sys.executable, "-m", "geo", "validate", str(bad)], capture_output=True, text=True
    )
    assert res.returncode == 1
    assert "events.geojson: x: start='2024-02-30': expected a calendar date" in res.stderr
    assert "events.geojson: 0 loaded, 1 rejected, 1 total" in res.stdout


def test_build_check_tells_a_stale_file(tmp_path, capsys) -> None:
    """`make data-check` runs every build script with --check (this is its mechanism)."""
    sys.path.insert(0, str(DATA_DIR))
    from buildtools import write_or_check

    out = tmp_path / "events.geojson"
    assert write_or_check(out, "{}\n", [], "0 events") == 0 and out.read_text() == "{}\n"
    assert write_or_check(out, "{}\n", ["--check"], "0 events") == 0
    assert write_or_check(out, "[]\n", ["--check"], "0 events") == 1
    assert "events.geojson is stale" in capsys.readouterr().err
    assert out.read_text() == "{}\n"  # a check never writes


def test_every_event_has_a_source_with_publisher_title_date() -> None:
    doc = json.loads((DATA_DIR / "events.geojson").read_text("utf-8"))
    for f in doc["features"]:
        srcs = f["properties"]["sources"]
        assert srcs and all(s["publisher"] and s["title"] and s["date"] for s in srcs)


def test_format_is_derived_or_checked(tmp_path: Path) -> None:
    cat = load_catalog(
        write_data(
            tmp_path,
            [
                event("two"),
                event("three", participants=["CN", "RU", "IR"]),
                event("many", format="multinational"),
                event("bad", format="solo"),
            ],
        )
    )
    assert dict(zip(cat.events["id"], cat.events["format"], strict=True)) == {
        "two": "bilateral",
        "three": "with_third_countries",
        "many": "multinational",
    }
    assert [str(p) for p in cat.problems] == [
        "events.geojson: bad: format='solo': expected one of ['bilateral', "
        "'with_third_countries', 'multinational'] or no format"
    ]
