"""Offline Leaflet 1.9.4 and jQuery, inlined as ``data:`` URIs (no CDN, ever).

The files come from PyPI packages (``django-js-lib-leaflet``, ``XStatic-jQuery``) installed
with the app; nothing third-party is committed. :func:`install` replaces folium's CDN lists
once, so ``Map.save()``, ``get_root().render()`` and ``st_folium`` are all self-contained.
"""

from __future__ import annotations

import base64
import functools
import re
from importlib import resources
from pathlib import Path

import folium

_LEAFLET_PKG = "js_lib_leaflet"
_LEAFLET_DIR = ("static", "js_lib_leaflet")
_JQUERY_PKG = "xstatic.pkg.jquery"


def _file(package: str, *parts: str) -> Path:
    path = resources.files(package).joinpath(*parts)
    if not path.is_file():
        raise FileNotFoundError(
            f"expected {'/'.join(parts)} in the installed package {package!r}, got nothing: "
            "reinstall the app's dependencies (make install)"
        )
    return Path(str(path))


def _data_uri(mime: str, data: bytes) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


@functools.cache
def leaflet_js() -> bytes:
    """Leaflet 1.9.4, minified."""
    return _file(_LEAFLET_PKG, *_LEAFLET_DIR, "leaflet.js").read_bytes()


@functools.cache
def leaflet_css() -> bytes:
    """Leaflet's stylesheet with its images inlined, so it needs no relative URL."""
    css = _file(_LEAFLET_PKG, *_LEAFLET_DIR, "leaflet.css").read_text("utf-8")

    def inline(m: re.Match[str]) -> str:
        img = _file(_LEAFLET_PKG, *_LEAFLET_DIR, "images", m[1]).read_bytes()
        return f"url({_data_uri('image/png', img)})"

    return re.sub(r"url\(images/([\w.-]+\.png)\)", inline, css).encode("utf-8")


@functools.cache
def jquery_js() -> bytes:
    """JQuery 3.7 (folium's popups call ``$``)."""
    return _file(_JQUERY_PKG, "data", "jquery.min.js").read_bytes()


@functools.cache
def install() -> None:
    """Point folium at the inlined assets (idempotent).

    Only Leaflet and jQuery are kept: Bootstrap, Font Awesome and awesome-markers serve
    only ``folium.Icon``, which this app does not use.
    """
    folium.Map.default_js = [
        ("leaflet", _data_uri("text/javascript", leaflet_js())),
        ("jquery", _data_uri("text/javascript", jquery_js())),
    ]
    folium.Map.default_css = [("leaflet_css", _data_uri("text/css", leaflet_css()))]
