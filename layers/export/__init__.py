"""Every export artefact of a view, behind one entry point shared by the app and the CLI.

- :mod:`layers.export.figure`: the report figure (SVG; PNG and PDF drawn from it), and
  :mod:`layers.export.multiples` its small multiples;
- :mod:`layers.export.briefing`: what a view shows and says; the interactive HTML map;
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
from layers.export.briefing import SIZES, Briefing, html_bytes
from layers.export.compose import compose
from layers.export.deck import deck_bytes
from layers.export.figure import FigureOptions, calendar_figure
from layers.export.render import figure_bytes

Progress: TypeAlias = Callable[[float, str], None]
"""``progress(fraction, message)``: reports how far a long export has got."""

EXPORT_FORMATS = ("png", "pdf", "svg", "html", "pptx", "csv", "geojson", "gpkg", "kml")
FIGURE_FORMATS = ("png", "pdf", "svg")
MAP_FORMATS = ("png", "pdf", "svg", "html", "pptx")  # the formats that draw the user's data
PALETTES = ("colour", "greyscale")
BY = ("year", "month")
FIGURES = ("map", "calendar")
MIME = {
    "png": "image/png",
    "pdf": "application/pdf",
    "svg": "image/svg+xml",
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
    palette: str = "colour",
    by: str | None = None,
    figure: str = "map",
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
    palette : str
        Figures: ``colour`` or ``greyscale`` (kinds then differ by pattern and shape).
    by : str, optional
        Figures: ``year`` or ``month`` for small multiples.
    figure : str
        Figures: the ``map``, or the seasonality ``calendar`` (events by start month).
    title : str, optional
        Replaces the default title.
    progress : callable, optional
        Progress reports (decks).
    user : Upload, optional
        The user's uploaded records, drawn on the map of :data:`MAP_FORMATS` (not on
        small multiples or the calendar).

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
    if size not in SIZES:
        raise ValueError(f"expected size one of {sorted(SIZES)}, got {size!r}")
    if palette not in PALETTES:
        raise ValueError(f"expected palette one of {list(PALETTES)}, got {palette!r}")
    if by is not None and by not in BY:
        raise ValueError(f"expected by one of {list(BY)}, got {by!r}")
    if figure not in FIGURES:
        raise ValueError(f"expected figure one of {list(FIGURES)}, got {figure!r}")
    b = Briefing(catalog, view, layers, extent, title=title or None, user=user)
    shown = b.require_events()
    names = b.zone_names()
    if fmt in FIGURE_FORMATS:
        if figure == "calendar":
            return figure_bytes(calendar_figure(b), fmt, size)
        return figure_bytes(compose(b, FigureOptions(palette=palette, by=by)), fmt, size)
    if fmt == "html":
        return html_bytes(b)
    if fmt == "pptx":
        return deck_bytes(b, progress=progress, palette=palette)
    as_of = catalog.record_as_of()
    if fmt == "csv":
        return data.to_csv(shown, names, as_of)
    if fmt == "geojson":
        return data.to_geojson(shown, names, as_of)
    if fmt == "gpkg":
        return data.to_gpkg(shown, names, as_of)
    return data.to_kml(shown, names, f"{b.heading()} — {b.subtitle()} — {b.as_of_text()}", as_of)
