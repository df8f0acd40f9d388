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


def _offline_page(b: Any, width: int, height: int, scale: float) -> tuple[Any, Any]:
    ctx = b.new_context(viewport={"width": width, "height": height}, device_scale_factor=scale)
    page = ctx.new_page()
    page.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(("data:", "file:", "about:"))
            else route.abort()
        ),
    )
    return ctx, page


def svg_png(b: Any, svg: str, width: int, height: int, scale: float = 1.0) -> bytes:
    """PNG of an SVG figure drawn by Chromium (nothing is fetched)."""
    ctx, page = _offline_page(b, width, height, scale)
    try:
        page.set_content(_svg_html(svg), wait_until="load")
        return page.locator("svg").first.screenshot(type="png")
    finally:
        ctx.close()


def svg_pdf(b: Any, svg: str, width: int, height: int) -> bytes:
    """PDF of an SVG figure printed by Chromium: the map as vectors, the text as text."""
    ctx, page = _offline_page(b, width, height, 1.0)
    try:
        page.set_content(_svg_html(svg), wait_until="load")
        return page.pdf(
            width=f"{width}px",
            height=f"{height}px",
            print_background=True,
            margin={"top": "0", "right": "0", "bottom": "0", "left": "0"},
            page_ranges="1",
        )
    finally:
        ctx.close()


def _svg_html(svg: str) -> str:
    return (
        "<!doctype html><html><head><meta charset='utf-8'><style>"
        "html,body{margin:0;padding:0;background:#fff}svg{display:block}"
        "@page{margin:0}</style></head><body>" + svg + "</body></html>"
    )
