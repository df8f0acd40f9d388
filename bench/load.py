"""Bounded load test: N concurrent browser sessions on loopback for T seconds.

Each session moves the year slider and uploads nothing; the test reports errors, moves and
server memory per session.

Usage: ``python bench/load.py [--sessions 10] [--seconds 60] [--processes 2] [--size 5000]
[--out bench/results-load.json]``. With ``--processes 2`` two app processes serve one
checkout (one ``static/`` folder, one catalog cache) and the sessions alternate between
them; ``--size`` serves a synthetic catalog of that many events (above 2,000 the events
layer is published to ``static/``).
Not part of the test run; figures go into bench/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from run import _rss_mb, _serve  # noqa: E402

from layers.export.browser import CHROMIUM_ARGS, chromium_path  # noqa: E402
from tests.synthetic import generate  # noqa: E402

FRAME = "streamlit_folium"


async def session(
    browser, url: str, seconds: float, k: int, out: dict, delay: float = 0.0, pace: float = 2.0
) -> None:
    """One user: open the page, move the year slider every ``pace`` s; record into ``out``."""
    await asyncio.sleep(delay)  # users arrive over a few seconds, or all at once (0)
    ctx = await browser.new_context(viewport={"width": 1280, "height": 800})
    page = await ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    page.on("console", lambda m: errors.append(f"console: {m.text}") if m.type == "error" else None)
    page.on(
        "response", lambda r: errors.append(f"HTTP {r.status} {r.url}") if r.status >= 400 else None
    )
    try:
        await _drive(page, url, seconds, errors, out, k, pace)
    except Exception as exc:  # a session that fails is an error, not a crash of the test
        errors.append(f"session failed: {type(exc).__name__}: {str(exc)[:200]}")
        out[k] = {"moves": 0, "errors": errors, "move_median_s": None}
    await ctx.close()


async def _drive(
    page, url: str, seconds: float, errors: list, out: dict, k: int, pace: float
) -> None:
    await page.goto(url, timeout=180_000)
    await page.wait_for_function(
        "() => [...document.querySelectorAll('iframe')].some(f => { try { "
        "return f.contentWindow.jmPlayback; } catch (e) { return false; } })",
        timeout=180_000,
    )
    thumb = page.locator('[data-testid="stSlider"] input[type="range"]').nth(0)
    moves, times = 0, []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        await thumb.focus()
        t0 = time.monotonic()
        await page.keyboard.press("ArrowRight" if moves % 2 == 0 else "ArrowLeft")
        lo = int(await thumb.input_value())
        frame = next((f for f in page.frames if FRAME in f.url), None)
        while frame is not None and time.monotonic() < end + 30:
            try:
                if await frame.evaluate("() => (window.jmYears || [0])[0]") == lo:
                    break
            except Exception as exc:  # the record changed: the page drew a new map frame
                if "detached" not in str(exc):
                    raise
                await asyncio.sleep(0.5)
                frame = next((f for f in page.frames if FRAME in f.url), None)
                continue
            await asyncio.sleep(0.02)
        times.append(time.monotonic() - t0)
        moves += 1
        await asyncio.sleep(pace)  # a person, not a loop
    out[k] = {
        "moves": moves,
        "errors": errors,
        "move_median_s": round(statistics.median(times), 3) if times else None,
    }


async def main_async(
    sessions: int, seconds: float, data: Path, stagger: float, pace: float, processes: int = 1
) -> dict:
    """Serve ``data`` from ``processes`` servers, run ``sessions`` users; return the figures."""
    from playwright.async_api import async_playwright

    with tempfile.TemporaryDirectory() as cache:
        servers = [_serve(data, False, Path(cache)) for _ in range(processes)]
        urls = [url for _, url in servers]
        try:
            async with async_playwright() as p:
                browser = await p.chromium.launch(
                    executable_path=chromium_path(), args=CHROMIUM_ARGS
                )
                idle = sum(_rss_mb(proc.pid) for proc, _ in servers)
                out: dict = {}
                for i, url in enumerate(urls):  # warm each server's caches with one session
                    await session(browser, url, 3, -1 - i, {})
                warm = sum(_rss_mb(proc.pid) for proc, _ in servers)
                await asyncio.gather(
                    *(
                        session(browser, urls[k % processes], seconds, k, out, k * stagger, pace)
                        for k in range(sessions)
                    )
                )
                peak = sum(_rss_mb(proc.pid) for proc, _ in servers)
                await browser.close()
        finally:
            for proc, _ in servers:
                proc.terminate()
                try:
                    proc.wait(timeout=20)
                except Exception:  # busy with closing sessions: stop it hard
                    proc.kill()
    errors = [e for r in out.values() for e in r["errors"]]
    return {
        "sessions": sessions,
        "processes": processes,
        "seconds": seconds,
        "stagger_s": stagger,
        "pace_s": pace,
        "rss_idle_mb": idle,
        "rss_after_one_session_mb": warm,
        "rss_after_load_mb": peak,
        "rss_per_session_mb": round((peak - warm) / sessions, 1),
        "moves_total": sum(r["moves"] for r in out.values()),
        "move_median_s": statistics.median(
            [r["move_median_s"] for r in out.values() if r["move_median_s"] is not None] or [0]
        ),
        "errors": errors[:20],
        "error_count": len(errors),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
    }


def main() -> None:
    """Command line: run the load test and write its figures as JSON."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sessions", type=int, default=10)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument(
        "--stagger", type=float, default=0.0, help="seconds between session starts (0: all at once)"
    )
    ap.add_argument(
        "--pace", type=float, default=2.0, help="seconds each user waits between slider moves"
    )
    ap.add_argument("--processes", type=int, default=1, help="app processes on this checkout")
    ap.add_argument("--size", type=int, help="serve a synthetic catalog of this many events")
    ap.add_argument("--data", type=Path, default=ROOT / "data")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results-load.json")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = generate(args.size, Path(tmp) / "data") if args.size else args.data
        res = asyncio.run(
            main_async(args.sessions, args.seconds, data, args.stagger, args.pace, args.processes)
        )
    res["events"] = args.size or "bundled"
    print(json.dumps(res, indent=1))
    old = json.loads(args.out.read_text()) if args.out.exists() else []
    runs = [
        r
        for r in (old if isinstance(old, list) else [old])
        if (r.get("stagger_s"), r.get("pace_s"), r.get("processes", 1), r.get("events", "bundled"))
        != (args.stagger, args.pace, args.processes, res["events"])
    ]
    args.out.write_text(json.dumps([*runs, res], indent=1) + "\n")


if __name__ == "__main__":
    main()
