"""A headless Chromium for rendering exports (PNG, slide pictures), offline."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    """``$CHROMIUM_PATH``, a Chromium/Chrome on PATH, or Playwright's own download."""
    env = os.environ.get("CHROMIUM_PATH")
    if env and Path(env).exists():
        return env
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        if found := shutil.which(name):
            return found
    for mac in (
        "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
        "/Applications/Chromium.app/Contents/MacOS/Chromium",
    ):
        if Path(mac).exists():
            return mac
    return None


@contextlib.contextmanager
def browser() -> Iterator[Any]:
    """A launched Playwright Chromium, closed on exit.

    Raises
    ------
    RuntimeError
        When no Chromium can be found or started, saying how to get one.
    """
    from playwright.sync_api import Error, sync_playwright

    with sync_playwright() as p:
        path = chromium_path()
        try:
            b = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        except Error as exc:
            raise RuntimeError(
                "expected a Chromium to render the image, got none that starts "
                f"({'tried ' + path if path else 'none on PATH'}): install the 'chromium' "
                "package or set CHROMIUM_PATH"
            ) from exc
        try:
            yield b
        finally:
            b.close()


def screenshot(b: Any, html: str, width: int, height: int, scale: float = 1.0) -> bytes:
    """PNG of a self-contained map page; any request that is not file: or data: is refused."""
    ctx = b.new_context(viewport={"width": width, "height": height}, device_scale_factor=scale)
    try:
        page = ctx.new_page()
        page.route(
            "**/*",
            lambda route: (
                route.continue_()
                if route.request.url.startswith(("data:", "file:", "about:"))
                else route.abort()
            ),
        )
        page.set_content(html, wait_until="load")
        page.wait_for_selector(".leaflet-container", timeout=60_000)
        page.wait_for_function("() => document.querySelectorAll('path').length > 0", timeout=60_000)
        page.wait_for_timeout(400)  # let fitBounds and the renderer settle
        return page.locator(".leaflet-container").screenshot(type="png")
    finally:
        ctx.close()
