"""Every export artefact of a view, behind one entry point shared by the app and the CLI.

- :mod:`layers.export.briefing`: the briefing map (standalone HTML, PNG);
- :mod:`layers.export.deck`: the 16:9 slide deck;
- :mod:`layers.export.data`: CSV, GeoJSON, GeoPackage and KML with the route facts;
- :mod:`layers.export.browser`: the headless Chromium that takes the pictures;
- :mod:`layers.export.cli`: ``python -m layers export``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeAlias

from geo.catalog import Catalog
from geo.upload import Upload
from geo.view import Extent, Layers, View
from layers.export import data
from layers.export.briefing import TITLE, Briefing, html_bytes, png_bytes
from layers.export.deck import deck_bytes

Progress: TypeAlias = Callable[[float, str], None]
"""``progress(fraction, message)``: reports how far a long export has got."""

EXPORT_FORMATS = ("png", "html", "pptx", "csv", "geojson", "gpkg", "kml")
MIME = {
    "png": "image/png",
    "html": "text/html",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "csv": "text/csv",
    "geojson": "application/geo+json",
    "gpkg": "application/geopackage+sqlite3",
    "kml": "application/vnd.google-earth.kml+xml",
}


def export_view(
    catalog: Catalog,
    view: View,
    layers: Layers,
    fmt: str,
    *,
    extent: Extent | None = None,
    size: str = "slide",
    title: str | None = None,
    progress: Progress | None = None,
    user: Upload | None = None,
) -> bytes:
    """The bytes of one export of the view.

    Parameters
    ----------
    catalog : Catalog
        The record.
    view : View
        Filters.
    layers : Layers
        What is drawn, and the naming of disputed features.
    fmt : str
        One of :data:`EXPORT_FORMATS`.
    extent : tuple of float, optional
        ``(lat, lng, zoom)`` of the map; fitted to the events when ``None``.
    size : str
        PNG size: ``slide`` (1920×1080) or ``print`` (3840×2160).
    title : str, optional
        Replaces the default title.
    progress : callable, optional
        Progress reports (decks).
    user : Upload, optional
        The user's uploaded records, drawn on the map formats.

    Returns
    -------
    bytes
        The file's content.

    Raises
    ------
    ValueError
        On an unknown format or size, or a view with no events
        (:class:`~layers.export.briefing.EmptyViewError`).
    RuntimeError
        When a picture is asked for and no Chromium can be started.
    """
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"expected a format from {list(EXPORT_FORMATS)}, got {fmt!r}")
    b = Briefing(catalog, view, layers, extent, title=title or TITLE, user=user)
    shown = b.require_events()
    names = b.zone_names()
    if fmt == "png":
        return png_bytes(b, size)
    if fmt == "html":
        return html_bytes(b)
    if fmt == "pptx":
        return deck_bytes(b, progress=progress)
    if fmt == "csv":
        return data.to_csv(shown, names)
    if fmt == "geojson":
        return data.to_geojson(shown, names)
    if fmt == "gpkg":
        return data.to_gpkg(shown, names)
    return data.to_kml(shown, names, f"{b.title} — {b.subtitle()}")
