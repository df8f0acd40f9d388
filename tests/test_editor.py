"""The "Edit the record" tab on the file backend, through AppTest: a new event is checked
by the loader's rules, written into records/ and events.geojson, and shown; a bad one is
refused with the field, value and expectation, and nothing is written."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from streamlit.testing.v1 import AppTest

from geo.paths import DATA_DIR
from ui.editor import changed_fields, parse_sources, parse_waypoints

APP = Path(__file__).resolve().parent.parent / "streamlit_app.py"


def _data_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder, ignore=shutil.ignore_patterns("basemap", "*.py"))
    (folder / "basemap").symlink_to(DATA_DIR / "basemap")
    return folder


def _fill(at: AppTest, **values: str) -> None:
    for w in [*at.text_input, *at.text_area]:
        for label, value in values.items():
            if w.label == label:
                w.input(value)


LABELS = {
    "id": "id",
    "name": "Name",
    "start": "Start (YYYY-MM-DD)",
    "end": "End (YYYY-MM-DD)",
    "assets": "Assets",
    "summary": "Summary",
    "waypoints": "Waypoints, one a line: label | lon | lat (or label | strait:korea)",
    "sources": "Sources, one a line: publisher | title | date | url",
    "why": "Why this change (kept with it)",
}


def _form(at: AppTest, start: str) -> None:
    _fill(at, **{
        LABELS["id"]: "land-exercise-2026-11-apptest",
        LABELS["name"]: "AppTest joint exercise",
        LABELS["start"]: start,
        LABELS["end"]: "2026-11-21",
        LABELS["assets"]: "none (a test record)",
        LABELS["summary"]: "Written by the test suite; not a real event.",
        LABELS["waypoints"]: "Chebarkul range | 60.36 | 54.98",
        LABELS["sources"]: "Test | AppTest report | 2026-11-22",
        LABELS["why"]: "test",
    })  # fmt: skip
    at.selectbox(key="kind|None|0").select("land_exercise")
    at.selectbox(key="prec|None|0").select("site")
    at.selectbox(key="gt|None|0").select("site")
    at.multiselect(key="dom|None|0").select("land")


def test_a_new_event_is_written_to_the_files_and_shown(tmp_path: Path, monkeypatch) -> None:
    folder = _data_copy(tmp_path)
    monkeypatch.setenv("JOINTMAP_DATA", str(folder))
    monkeypatch.setenv("JOINTMAP_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("JOINTMAP_DB", raising=False)
    monkeypatch.delenv("JOINTMAP_USERS", raising=False)
    before = (folder / "events.geojson").read_text("utf-8")
    at = AppTest.from_file(str(APP), default_timeout=180).run()
    _form(at, start="2026-02-30")  # no such day: refused, nothing written
    at.button(key=next(b.key for b in at.button if b.label == "Save")).click().run()
    errors = " ".join(e.value for e in at.error)
    assert "Not saved" in errors and "2026-02-30" in errors and "start" in errors, errors
    assert (folder / "events.geojson").read_text("utf-8") == before
    _form(at, start="2026-11-20")
    at.button(key=next(b.key for b in at.button if b.label == "Save")).click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("saved to records/" in s.value for s in at.success), [e.value for e in at.error]
    doc = json.loads((folder / "events.geojson").read_text("utf-8"))
    ids = [f["properties"]["id"] for f in doc["features"]]
    assert "land-exercise-2026-11-apptest" in ids
    family = json.loads((folder / "records" / "land_exercises.json").read_text("utf-8"))
    assert family["records"][-1]["name"] == "AppTest joint exercise"
    shown = next(m.value for m in at.markdown if "events shown" in m.value)
    assert f"of {len(ids)} events" in shown


def test_form_fields_are_read_as_the_records_hold_them() -> None:
    assert parse_waypoints("A | 135 | 40\nKorea Strait | strait:korea") == [
        ["A", 135.0, 40.0], ["Korea Strait", "strait:korea"]]  # fmt: skip
    old = [{"publisher": "P", "title": "T", "date": "2024", "mirror": "https://m"}]
    kept = parse_sources("P | T | 2024\nQ | U | 2025 | https://q", old)
    assert kept[0]["mirror"] == "https://m" and kept[1] == {
        "publisher": "Q", "title": "U", "date": "2025", "url": "https://q"}  # fmt: skip
    a = {"properties": {"name": "x", "assets": "1"}, "geometry": {"type": "Point"}}
    b = {"properties": {"name": "y", "assets": "1"}, "geometry": {"type": "Point"}}
    assert changed_fields(a, b) == "name" and changed_fields(None, b) == "created"


def test_sign_in_correct_and_delete_on_postgis(pg_dsn: str, tmp_path: Path, monkeypatch) -> None:
    """PostGIS: a wrong password is refused; a correction and a deletion are revisions."""
    from geo.store import Store
    from geo.users import add_user

    store = Store(pg_dsn)
    store.migrate()
    store.import_dir(DATA_DIR, author="tester")
    users = tmp_path / "users.json"
    add_user(users, "carol", "a long password")
    monkeypatch.setenv("JOINTMAP_DB", pg_dsn)
    monkeypatch.setenv("JOINTMAP_USERS", str(users))
    monkeypatch.setenv("JOINTMAP_CACHE", str(tmp_path / "cache"))
    at = AppTest.from_file(str(APP), default_timeout=180).run()
    at.text_input(key="sign_in_name").input("carol")
    at.text_input(key="sign_in_password").input("wrong password")
    at.button(key=next(b.key for b in at.button if b.label == "Sign in")).click().run()
    assert any("Sign-in failed" in e.value for e in at.error)
    at.text_input(key="sign_in_password").input("a long password")
    at.button(key=next(b.key for b in at.button if b.label == "Sign in")).click().run()
    pick = next(o for o in at.selectbox(key="edit_pick").options if "(naval-patrol-2026-07)" in o)
    at.selectbox(key="edit_pick").select(pick).run()
    k = "naval-patrol-2026-07|0"
    at.text_input(key=f"notes|{k}").input("checked against the JSO release")
    at.text_input(key=f"why|{k}").input("review")
    at.button(key=next(b.key for b in at.button if b.label == "Save")).click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("version 2 saved by carol" in s.value for s in at.success), at.error
    k = "naval-patrol-2026-07|1"
    at.text_input(key=f"why|{k}").input("duplicate record")
    delete = next(b.key for b in at.button if b.label.startswith("Delete this event"))
    at.button(key=delete).click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("deleted as version 3 by carol" in s.value for s in at.success)
    history = store.history("naval-patrol-2026-07")
    assert [(r.version, r.author, r.deleted) for r in history] == [
        (3, "carol", True), (2, "carol", False), (1, "tester", False)]  # fmt: skip
    assert history[1].feature["properties"]["notes"].endswith("JSO release")  # type: ignore[index]


def test_the_file_backend_needs_no_database_driver(tmp_path: Path, monkeypatch) -> None:
    """With psycopg unimportable and no JOINTMAP_DB, the app and its editor still work."""
    import sys

    monkeypatch.setitem(sys.modules, "psycopg", None)  # `import psycopg` now fails
    monkeypatch.delenv("JOINTMAP_DB", raising=False)
    monkeypatch.setenv("JOINTMAP_DATA", str(_data_copy(tmp_path)))
    monkeypatch.setenv("JOINTMAP_CACHE", str(tmp_path / "cache"))
    at = AppTest.from_file(str(APP), default_timeout=180).run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("events shown" in m.value for m in at.markdown)
    assert at.selectbox(key="edit_pick").options[0] == "New event"


def test_two_sessions_conflict_in_the_form(pg_dsn: str, tmp_path: Path, monkeypatch) -> None:
    """Two analysts open one event; the second save shows both versions, overwrites nothing,
    and 'start again' reopens the saved version."""
    from geo.store import Store

    store = Store(pg_dsn)
    store.migrate()
    store.import_dir(DATA_DIR, author="tester")
    monkeypatch.setenv("JOINTMAP_DB", pg_dsn)
    monkeypatch.setenv("JOINTMAP_AUTH_HEADER", "X-Forwarded-User")
    monkeypatch.setenv("JOINTMAP_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(
        "ui.editor.st.context", type("C", (), {"headers": {"X-Forwarded-User": "dan"}})
    )
    sessions = [AppTest.from_file(str(APP), default_timeout=180).run() for _ in range(2)]
    for at in sessions:
        pick = next(
            o for o in at.selectbox(key="edit_pick").options if "(naval-patrol-2024-07)" in o
        )
        at.selectbox(key="edit_pick").select(pick).run()
    k = "naval-patrol-2024-07|0"
    for at, note in zip(sessions, ("first analyst", "second analyst"), strict=True):
        at.text_input(key=f"notes|{k}").input(note)
        at.text_input(key=f"why|{k}").input("review")
        at.button(key=next(b.key for b in at.button if b.label == "Save")).click().run()
    first, second = sessions
    assert any("version 2 saved by dan" in s.value for s in first.success)
    assert any("Nothing was overwritten" in e.value for e in second.error), (
        [e.value for e in second.error],
        [s.value for s in second.success],
        second.exception,
        [m.value for m in second.markdown][-6:],
        second.session_state["edit_gen"],
    )
    table = next(d.value for d in second.dataframe if "field" in d.value.columns)
    row = table[table["field"] == "notes"].iloc[0]
    assert (row["your version"], row["the version saved meanwhile"]) == (
        "second analyst", "first analyst")  # fmt: skip
    assert store.current("naval-patrol-2024-07").version == 2  # type: ignore[union-attr]
    restart = next(b.key for b in second.button if b.label.startswith("Start again"))
    second.button(key=restart).click().run()
    assert second.text_input(key="notes|naval-patrol-2024-07|1").value == "first analyst"
