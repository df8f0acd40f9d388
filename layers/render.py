"""One entry point for every export format, shared by the app and the command line."""

from __future__ import annotations

from collections.abc import Callable

from geo.catalog import Catalog
from geo.upload import Upload
from geo.view import View
from layers import export_data
from layers.briefing import Briefing, html_bytes, png_bytes, pptx_bytes
from layers.map import Toggles

FORMATS = ("png", "html", "pptx", "csv", "geojson", "gpkg", "kml")
MIME = {
    "png": "image/png",
    "html": "text/html",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "csv": "text/csv",
    "geojson": "application/geo+json",
    "gpkg": "application/geopackage+sqlite3",
    "kml": "application/vnd.google-earth.kml+xml",
}


def render(
    catalog: Catalog,
    view: View,
    toggles: Toggles,
    fmt: str,
    *,
    extent: tuple[float, float, float] | None = None,
    size: str = "slide",
    title: str | None = None,
    progress: Callable[[float, str], None] | None = None,
    user: Upload | None = None,
) -> bytes:
    """The bytes of one export of the view (``user``: uploaded records for the map formats).

    Raises
    ------
    ValueError
        On an unknown format or size, or a view with no events (:class:`EmptyViewError`).
    RuntimeError
        When a picture is asked for and no Chromium can be started.
    """
    if fmt not in FORMATS:
        raise ValueError(f"expected a format from {list(FORMATS)}, got {fmt!r}")
    b = Briefing(catalog, view, toggles, extent, user=user,
                 **({"title": title} if title else {}))
    shown = b.require_events()
    names = b.zone_names()
    if fmt == "png":
        return png_bytes(b, size)
    if fmt == "html":
        return html_bytes(b)
    if fmt == "pptx":
        return pptx_bytes(b, progress=progress)
    if fmt == "csv":
        return export_data.to_csv(shown, names)
    if fmt == "geojson":
        return export_data.to_geojson(shown, names)
    if fmt == "gpkg":
        return export_data.to_gpkg(shown, names)
    return export_data.to_kml(shown, names, f"{b.title} — {b.subtitle()}")
