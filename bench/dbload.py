"""Load on the team backend: two app processes on one PostGIS database.

Ten browser sessions read (each moves the year slider, as ``load.py``), alternating between
the two servers, while two editors save for the whole run through the app's own edit path
(:class:`geo.backends.DbBackend`: the loader's checks, optimistic locking): each adds new
events and both correct one shared event, so some saves meet the other's and must be
refused as conflicts (the shared event is the run's own, drawn with straight legs, so a
save costs what the checks cost, not a route search). Afterwards: every successful save
is a revision (none lost), and a fresh page on each server counts every added event.

Usage: ``python bench/dbload.py [--sessions 10] [--seconds 60] [--out bench/results-dbload.json]``
(the database tests run it shorter: ``tests/test_db_load.py``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from load import session  # noqa: E402
from run import _rss_mb, _serve  # noqa: E402

from geo.backends import DbBackend, EditConflict  # noqa: E402
from geo.paths import DATA_DIR  # noqa: E402
from geo.store import Store  # noqa: E402
from layers.export.browser import CHROMIUM_ARGS, chromium_path  # noqa: E402

SHARED = "load-test-shared"  # both editors correct this one: conflicts are expected


def _record(editor: int, n: int, eid: str | None = None) -> dict[str, Any]:
    return {
        "id": eid or f"load-test-{editor}-{n}",
        "name": f"Load-test event {editor}.{n}",
        "kind": "air_patrol",
        "domains": ["air"],
        "start": "2026-11-20",
        "end": "2026-11-20",
        "participants": ["CN", "RU"],
        "assets": "synthetic",
        "summary": "Written by bench/dbload.py; not a real event.",
        "precision": "approximate_route",
        "geometry_type": "route",
        "straight_legs": True,
        "waypoints": [["a", 130.0 + editor, 35.0 + n % 5], ["b", 131.0 + editor, 36.0]],
        "sources": [{"publisher": "bench", "title": "load test", "date": "2026-11-20"}],
    }


def editor(store: Store, k: int, seconds: float, pace: float, out: dict) -> None:
    """One analyst: add an event, correct the shared one, again, for ``seconds``."""
    db = DbBackend(store)
    saved = conflicts = 0
    errors: list[str] = []
    ids: list[str] = []
    end = time.monotonic() + seconds
    n = 0
    while time.monotonic() < end:
        try:
            rec = _record(k, n)
            db.save(rec, author=f"editor{k}", reason="load test", token="0", new=True)
            saved += 1
            ids.append(rec["id"])
            opened = db.open(SHARED)
            time.sleep(pace / 2)  # reading the record, as a person would
            assert opened.record is not None
            fixed = dict(opened.record, notes=f"editor {k}, pass {n}")
            try:
                db.save(fixed, author=f"editor{k}", reason="load test correction",
                        token=opened.token, new=False)  # fmt: skip
                saved += 1
            except EditConflict:
                conflicts += 1  # the other editor saved first: refused, nothing overwritten
        except Exception as exc:  # any other failure is an error of the run
            errors.append(f"editor {k}: {type(exc).__name__}: {str(exc)[:200]}")
        n += 1
        time.sleep(pace / 2)
    out[k] = {"saved": saved, "conflicts": conflicts, "errors": errors, "added": ids}


async def _count_on(browser: Any, url: str) -> int:
    ctx = await browser.new_context(viewport={"width": 1280, "height": 800})
    page = await ctx.new_page()
    await page.goto(url, timeout=180_000)
    loc = page.get_by_text("events shown").first
    await loc.wait_for(timeout=180_000)
    text = await loc.inner_text()
    await ctx.close()
    return int(text.split(" of ")[1].split(" events")[0])


async def run(conninfo: str, sessions: int, seconds: float, pace: float = 2.0) -> dict:
    """Two servers on ``conninfo``; ``sessions`` readers and two editors for ``seconds``."""
    from playwright.async_api import async_playwright

    store = Store(conninfo)
    store.migrate()
    store.import_dir(DATA_DIR, author="dbload")
    DbBackend(store).save(_record(9, 0, SHARED), author="dbload", reason="shared", token="0",
                          new=True)  # fmt: skip
    revs_before = store.stamp()[0]
    env_db = os.environ.get("JOINTMAP_DB")
    os.environ["JOINTMAP_DB"] = conninfo  # the servers inherit it
    edits: dict = {}
    with tempfile.TemporaryDirectory() as cache:
        servers = [_serve(DATA_DIR, False, Path(cache)) for _ in range(2)]
        urls = [u for _, u in servers]
        try:
            async with async_playwright() as p:
                browser = await p.chromium.launch(
                    executable_path=chromium_path(), args=CHROMIUM_ARGS
                )
                for i, url in enumerate(urls):  # warm each server
                    await session(browser, url, 3, -1 - i, {})
                warm = sum(_rss_mb(proc.pid) for proc, _ in servers)
                threads = [
                    threading.Thread(target=editor, args=(store, k, seconds, pace, edits))
                    for k in range(2)
                ]
                for t in threads:
                    t.start()
                reads: dict = {}
                await asyncio.gather(
                    *(session(browser, urls[k % 2], seconds, k, reads, 0.0, pace)
                      for k in range(sessions))
                )  # fmt: skip
                for t in threads:
                    t.join()
                peak = sum(_rss_mb(proc.pid) for proc, _ in servers)
                added = sum(len(e["added"]) for e in edits.values())
                seen = [await _count_on(browser, url) for url in urls]
                await browser.close()
        finally:
            for proc, _ in servers:
                proc.terminate()
                proc.wait(timeout=20)
            if env_db is None:
                os.environ.pop("JOINTMAP_DB", None)
            else:
                os.environ["JOINTMAP_DB"] = env_db
    saved = sum(e["saved"] for e in edits.values())
    revisions = store.stamp()[0] - revs_before
    errors = [e for r in reads.values() for e in r["errors"]]
    errors += [e for r in edits.values() for e in r["errors"]]
    return {
        "servers": 2,
        "reading_sessions": sessions,
        "editors": 2,
        "seconds": seconds,
        "pace_s": pace,
        "slider_moves": sum(r["moves"] for r in reads.values()),
        "saves": saved,
        "conflicts_refused": sum(e["conflicts"] for e in edits.values()),
        "revisions_written": revisions,
        "lost_revisions": saved - revisions,
        "events_added": added,
        "events_on_each_server_after": seen,
        "expected_on_each_server": 84 + added,
        "rss_warm_mb": warm,
        "rss_after_mb": peak,
        "errors": errors[:20],
        "error_count": len(errors),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
    }


def main() -> None:
    """Command line: a throwaway server (``ops/pgcluster.py``), the run, figures as JSON."""
    from ops import pgcluster
    from tests.conftest import _free_port

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sessions", type=int, default=10)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results-dbload.json")
    args = ap.parse_args()
    root = Path(tempfile.mkdtemp(prefix="jointmap-dbload-"))
    root.chmod(0o755)
    conninfo = pgcluster.start(root / "cluster", _free_port())
    try:
        res = asyncio.run(run(conninfo, args.sessions, args.seconds))
    finally:
        pgcluster.stop(root / "cluster")
        shutil.rmtree(root, ignore_errors=True)
    print(json.dumps(res, indent=1))
    args.out.write_text(json.dumps(res, indent=1) + "\n")


if __name__ == "__main__":
    main()
