"""The record as of today: no end year in the code, future dates refused, an as-of date
shown everywhere, unknown ends said as such, accounts side by side, each activity once."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from geo import stats
from geo.catalog import load_catalog
from geo.claims import check, load_claims
from geo.dates import end_note, span_text
from geo.view import Layers, View
from layers.cards import event_card
from layers.export import export_view
from tests.helpers import SOURCE, curated, event, write_data

TOMORROW = (date.today() + timedelta(days=1)).isoformat()


def problems(tmp_path: Path, *features: dict, as_of: str | None = None) -> list[str]:
    folder = write_data(tmp_path, list(features))
    if as_of is not None:
        doc = json.loads((folder / "events.geojson").read_text("utf-8"))
        (folder / "events.geojson").write_text(json.dumps({"as_of": as_of, **doc}), "utf-8")
    return [str(p) for p in load_catalog(folder).problems]


def test_the_bundled_record_reaches_its_as_of_year() -> None:
    cat = curated()
    assert cat.as_of is not None and cat.as_of <= date.today().isoformat()
    lo, hi = cat.year_span()
    assert hi == int(cat.as_of[:4]) == max(cat.events["year_start"])  # 2026 events, not 2025
    assert lo == min(cat.events["year_start"])


@pytest.mark.parametrize("field", ["start", "end", "last_reported"])
def test_a_future_date_is_refused_with_its_field(tmp_path: Path, field: str) -> None:
    over = {"start": "2024-07-24", "end": "2024-07-25", field: TOMORROW}
    if field == "last_reported":
        over["end"] = None
    got = problems(tmp_path, event(**over))
    assert any(f"ev-1: {field}='{TOMORROW}'" in p and "up to today" in p for p in got), got


def test_today_is_accepted(tmp_path: Path) -> None:
    today = date.today().isoformat()
    assert problems(tmp_path, event(start=today, end=today)) == []


def test_as_of_must_be_a_past_date_after_every_start(tmp_path: Path) -> None:
    assert problems(tmp_path, event(), as_of="2024-08-01") == []
    later = problems(tmp_path, event(), as_of="2024-07-01")
    assert any("ev-1: start='2024-07-24'" in p and "as_of date 2024-07-01" in p for p in later)
    future = problems(tmp_path, event(), as_of=TOMORROW)
    assert any(f"as_of='{TOMORROW}'" in p and "future" in p for p in future), future
    assert any("as_of='30 Nov'" in p for p in problems(tmp_path, event(), as_of="30 Nov"))


def test_unknown_end_lasts_until_the_last_report(tmp_path: Path) -> None:
    cat = load_catalog(
        write_data(tmp_path, [event(start="2022-09-15", end=None, last_reported="2022-10-04")])
    )
    assert cat.problems == []
    ev = cat.events.iloc[0]
    assert str(ev["end_date"]) == "2022-10-04"  # the filters and the timeline use it
    text = span_text(ev["start"], ev["end"], ev["last_reported"])
    assert text == "2022-09-15 – end not reported (last reported 2022-10-04)"
    assert "end not reported" in event_card(ev.to_dict(), {}, {})


def test_last_reported_beside_an_end_or_before_the_start_is_refused(tmp_path: Path) -> None:
    both = problems(tmp_path, event(last_reported="2024-07-30"))
    assert any("last_reported='2024-07-30'" in p and "beside a reported end" in p for p in both)
    before = problems(tmp_path, event(end=None, last_reported="2024-07-01"))
    assert any("last_reported='2024-07-01'" in p and "on or after start" in p for p in before)


def test_every_open_ended_record_is_marked_in_popups_tables_and_exports() -> None:
    cat = curated()
    open_ended = cat.events[cat.events["end"].isna()]
    assert len(open_ended) >= 4  # escorts, patrols and Tsentr-2026 with no reported end
    for ev in open_ended.to_dict("records"):
        assert "end not reported" in event_card(ev, {}, {}), ev["id"]
    data = export_view(cat, View(), Layers(), "csv").decode("utf-8-sig")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(data))}
    for rid in open_ended["id"]:
        assert rows[rid]["end"] == "" and rows[rid]["end_note"].startswith("end not reported")
    assert {r["record_as_of"] for r in rows.values()} == {cat.as_of}
    assert end_note("2024-07-25", None) == ""


def test_the_as_of_date_is_in_every_export() -> None:
    cat = curated()
    d = date.fromisoformat(cat.as_of or "")
    stamp = f"Record as of {d.day} {d.strftime('%b %Y')}"
    for fmt in ("svg", "html", "kml"):
        assert stamp in export_view(cat, View(), Layers(), fmt).decode("utf-8"), fmt
    doc = json.loads(export_view(cat, View(), Layers(), "geojson"))
    assert doc["as_of"] == cat.as_of


def test_accounts_are_checked_and_kept(tmp_path: Path) -> None:
    good = {"by": "Japan JSO", "says": "2 Tu-95MS and 2 H-6K.", "source": dict(SOURCE)}
    bad = {"by": "ROK JCS", "says": "", "source": {"publisher": "KBS"}}
    cat = load_catalog(write_data(tmp_path / "good", [event(accounts=[good, good])]))
    assert cat.problems == [] and cat.events.iloc[0]["accounts"] == [good, good]
    cat = load_catalog(write_data(tmp_path / "bad", [event(accounts=[good, bad])]))
    assert len(cat.events) == 0  # rejected, and said why
    got = [str(p) for p in cat.problems]
    assert any("accounts[1].says" in p for p in got), got
    assert any("accounts[1].source.title" in p for p in got), got


def test_placeholder_titles_are_refused(tmp_path: Path) -> None:
    src = dict(SOURCE, title="(title not recorded)")
    got = problems(tmp_path, event(sources=[src]))
    assert any("sources[0].title='(title not recorded)'" in p and "headline" in p for p in got)


def test_the_bundled_record_has_titled_sources_and_accounts() -> None:
    cat = curated()
    sources = [s for ss in cat.events["sources"] for s in ss]
    assert all(s["title"].strip() and not s["title"].startswith("(") for s in sources)
    with_accounts = cat.events[cat.events["accounts"].map(len) >= 2]
    assert len(with_accounts) >= 10
    for accs in with_accounts["accounts"]:
        assert len({a["by"] for a in accs}) >= 2  # two parties side by side, each sourced


def test_each_activity_is_counted_once(tmp_path: Path) -> None:
    parent = event("vostok", kind="land_exercise", start="2022-09-01", end="2022-09-07")
    phase = event(
        "vostok-naval", kind="naval_exercise", start="2022-09-01", end="2022-09-07",
        part_of="vostok",
    )  # fmt: skip
    cat = load_catalog(write_data(tmp_path, [parent, phase]))
    assert cat.problems == []
    assert list(stats.counted(cat.events)["id"]) == ["vostok"]
    assert int(stats.by_year(cat.events).sum()) == 1
    alone = cat.events[cat.events["id"] == "vostok-naval"]
    assert list(stats.counted(alone)["id"]) == ["vostok-naval"]  # stands for its parent
    bad = problems(tmp_path, event("x", part_of="x"))
    assert any("part_of='x'" in p for p in bad)


def test_claims_check_counts_vostok_2022_once() -> None:
    ev = curated().events
    y2022 = check(ev, load_claims())
    row = y2022[y2022["year"] == 2022]
    assert len(row) == 1
    names = row.iloc[0]["recorded drills (names)"]
    assert "Vostok-2022" in names
    assert sum(1 for n in names.split("; ") if "Vostok" in n) == 1
