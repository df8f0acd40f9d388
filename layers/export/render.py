"""Figures to files: the SVG as it is, or drawn by a headless Chromium as PNG or PDF."""

from __future__ import annotations

from typing import Any

from layers.export import browser
from layers.export.briefing import SIZES
from layers.export.figure import Figure


def figure_bytes(figure: Figure, fmt: str, size: str = "slide", chromium: Any = None) -> bytes:
    """The bytes of ``figure`` as ``svg``, ``pdf`` or ``png`` (``size`` sets PNG density).

    Raises
    ------
    ValueError
        On an unknown format or size.
    RuntimeError
        When a PNG or PDF is asked for and no Chromium can be started.
    """
    if fmt == "svg":
        return ('<?xml version="1.0" encoding="UTF-8"?>\n' + figure.svg).encode("utf-8")
    if fmt not in ("png", "pdf"):
        raise ValueError(f"expected a figure format svg, pdf or png, got {fmt!r}")
    if size not in SIZES:
        raise ValueError(f"expected size one of {sorted(SIZES)}, got {size!r}")
    w, h, scale = SIZES[size]
    if chromium is not None:
        return _draw(chromium, figure, fmt, w, h, scale)
    with browser.browser() as chrome:
        return _draw(chrome, figure, fmt, w, h, scale)


def _draw(chrome: Any, figure: Figure, fmt: str, w: int, h: int, scale: float) -> bytes:
    if fmt == "pdf":
        return browser.svg_pdf(chrome, figure.svg, w, h)
    return browser.svg_png(chrome, figure.svg, w, h, scale)
