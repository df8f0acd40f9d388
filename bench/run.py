"""Benchmark the real ``streamlit run`` app in headless Chromium, incremental vs naive.

For each catalog size: first open on a server that never saw the catalog (every record
validated); cold start to painted events on a restarted server (catalog from the disk
cache); slider move to painted map (median and 95th percentile) and to the rest of the page
(count line) updated; bytes the map takes in per update (the year range handed to the
frame, or the whole remounted page) and websocket bytes received; server memory (RSS);
whether zoom survives the moves. The naive baseline (bench/naive_app.py) rebuilds and re-sends
the whole folium map on every change, which remounts the map frame.

Usage: ``python bench/run.py [--sizes 1000,10000,100000] [--moves 20] [--out bench/results.json]``
Not part of the test run; timings are reported, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from layers.export.browser import CHROMIUM_ARGS, chromium_path  # noqa: E402
from tests.helpers import app_command  # noqa: E402
from tests.synthetic import generate  # noqa: E402

FRAME = 'iframe[title="streamlit_folium.st_folium"]'


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _serve(data: Path, naive: bool, cache: Path) -> tuple[subprocess.Popen, str]:
    port = _port()
    env = dict(os.environ, JOINTMAP_DATA=str(data), JOINTMAP_CACHE=str(cache))
    proc = subprocess.Popen(
        app_command(port, ROOT / ("bench/naive_app.py" if naive else "streamlit_app.py")),
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(240):
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                return proc, url
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise RuntimeError(f"streamlit did not start on {url}")


def _map_frame(page, timeout_s: float):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for f in page.frames:
            if "streamlit_folium" in f.url:
                try:
                    if f.evaluate("() => !!(window.map && window.jmPlayback)"):  # events drawn
                        return f
                except Exception:  # a frame being replaced
                    pass
        page.wait_for_timeout(50)  # pumps Playwright's events (time.sleep would not)
    raise TimeoutError("map did not draw")


def first_open(data: Path, cache: Path, timeout_s: float) -> float:
    """Seconds from page load to drawn events on a server that never saw the catalog.

    The disk cache is empty, so every record is validated.
    """
    from playwright.sync_api import sync_playwright

    proc, url = _serve(data, False, cache)
    try:
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            page = b.new_page(viewport={"width": 1920, "height": 1080})
            t0 = time.monotonic()
            page.goto(url)
            _map_frame(page, timeout_s)
            took = time.monotonic() - t0
            b.close()
        return round(took, 2)
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def measure(data: Path, naive: bool, moves: int, timeout_s: float, cache: Path) -> dict:
    """One run against one server (its disk cache already holds the catalog)."""
    from playwright.sync_api import sync_playwright

    proc, url = _serve(data, naive, cache)
    try:
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            page = b.new_page(viewport={"width": 1920, "height": 1080})
            received: list[int] = []
            page.on(
                "websocket",
                lambda ws: ws.on("framereceived", lambda payload: received.append(len(payload))),
            )
            t0 = time.monotonic()
            page.goto(url)
            frame = _map_frame(page, timeout_s)
            frame.evaluate(
                "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
            )
            cold = time.monotonic() - t0
            frame.evaluate(
                "() => { window.map.setView([40, 135], 5, {animate: false});"
                " window.__benchMark = 1; }"
            )
            thumb = page.locator('[data-testid="stSlider"] input[type="range"]').nth(0)
            times, settled, sizes, ws_bytes = [], [], [], []
            count_js = (
                "() => [...document.querySelectorAll('[data-testid=stMarkdownContainer]')]"
                ".map(e => e.textContent).find(t => t.includes('events shown')) || ''"
            )
            for k in range(moves):
                before = sum(received)
                count_before = page.evaluate(count_js)
                thumb.focus()
                start = time.monotonic()
                page.keyboard.press("ArrowRight" if k % 2 == 0 else "ArrowLeft")
                lo = int(thumb.input_value())
                deadline = start + timeout_s
                while time.monotonic() < deadline:
                    if naive:  # the frame remounts: a drawn frame without our mark is new
                        try:
                            f = _map_frame(page, timeout_s)
                            if not f.evaluate("() => window.__benchMark === 1"):
                                frame = f
                                frame.evaluate("() => { window.__benchMark = 1; }")
                                break
                        except Exception:  # detached while we looked
                            pass
                    elif frame.evaluate("() => (window.jmYears || [0])[0]") == lo:
                        break  # the page handed the new years to the map, which redrew
                    page.wait_for_timeout(10)
                # painted: two animation frames after the change (raster included)
                frame.evaluate(
                    "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
                )
                times.append(time.monotonic() - start)
                # the rest of the page (count line, table) follows the server's rerun
                while time.monotonic() < deadline and (
                    page.evaluate(count_js) == count_before
                    or page.locator('[data-testid="stStatusWidget"]').count()
                ):
                    page.wait_for_timeout(10)
                settled.append(time.monotonic() - start)
                page.wait_for_timeout(300)  # let trailing messages land before the next move
                # what the map had to take in: the new layer script, or the whole new page
                sizes.append(
                    frame.evaluate(  # incremental: the year range, a few bytes
                        "() => document.documentElement.outerHTML.length"
                        if naive
                        else "() => JSON.stringify(window.jmYears).length"
                    )
                )
                ws_bytes.append(sum(received) - before)
            page.wait_for_timeout(500)
            zoom = _map_frame(page, timeout_s).evaluate("() => window.map.getZoom()")
            # a second user opening the app on the running server
            other = b.new_page(viewport={"width": 1920, "height": 1080})
            t0 = time.monotonic()
            other.goto(url)
            _map_frame(other, timeout_s).evaluate(
                "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
            )
            reopen = time.monotonic() - t0
            b.close()
        return {
            "cold_start_s": round(cold, 2),
            "new_session_s": round(reopen, 2),
            "update_median_s": round(statistics.median(times), 3),
            "update_p95_s": round(sorted(times)[max(0, int(0.95 * len(times)) - 1)], 3),
            "page_settled_median_s": round(statistics.median(settled), 3),
            "map_bytes_per_update": int(statistics.median(sizes)),
            "ws_bytes_per_update": int(statistics.median(ws_bytes)),
            "server_rss_mb": round(_rss_mb(proc.pid), 1),
            "zoom_kept": zoom == 5,
            "moves": moves,
        }
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def main() -> None:
    """Command line: measure each catalog size in each mode and write the figures as JSON."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--moves", type=int, default=20)
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("--real", action="store_true", help="also measure the bundled dataset")
    ap.add_argument("--modes", default="incremental,naive")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json")
    args = ap.parse_args()
    results = {
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
        },
        "runs": [],
    }
    targets: list[tuple[str, Path]] = []
    if args.real:
        targets.append(("real", ROOT / "data"))
    with tempfile.TemporaryDirectory() as tmp:
        for n in [int(s) for s in args.sizes.split(",") if s]:
            targets.append((str(n), generate(n, Path(tmp) / str(n))))
        for name, data in targets:
            cache = Path(tmp) / f"cache-{name}"
            first = first_open(data, cache, args.timeout)
            for naive in [m == "naive" for m in args.modes.split(",")]:
                r = measure(data, naive, args.moves, args.timeout, cache)
                r |= {
                    "catalog": name,
                    "mode": "naive" if naive else "incremental",
                    "first_open_s": first,
                }
                results["runs"].append(r)
                print(json.dumps(r), flush=True)
                args.out.write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
