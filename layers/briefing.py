"""Briefing renderers: standalone HTML, PNG (headless Chromium) and PPTX decks.

One renderer behind the app's download buttons and ``python -m layers export``.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import folium
import geopandas as gpd
from branca.element import Element

from geo import filters
from geo.catalog import Catalog
from geo.frame import display_bounds, to_display
from geo.upload import Upload, in_years
from geo.view import View
from layers import browser
from layers.legend import caption_control
from layers.map import Toggles, base_map, overlay, region_names
from layers.table import DATA_SOURCES, describe_view
from layers.zones import zone_names

TITLE = "China–Russia joint military activity"
SIZES = {"slide": (1920, 1080, 1.0), "print": (1920, 1080, 2.0)}
_STATIC_CSS = ("<style>.leaflet-control-zoom, .jm-link, .jm-playback "
               "{ display: none !important; }"
               ".jm-caption { max-width: 720px; } .jm-caption .jm-title { font-size: 20px; }"
               ".jm-legend { font-size: 13px; }</style>")


class EmptyViewError(ValueError):
    """The view shows no events, so there is nothing to brief."""


@dataclass(frozen=True)
class Briefing:
    """Everything an export needs to know about the view on screen.

    Attributes
    ----------
    catalog : Catalog
    view : View
        Filters.
    toggles : Toggles
        Layers and naming.
    extent : tuple of float, optional
        ``(lat, lng, zoom)`` of the user's map; fitted to the shown events when ``None``.
    title : str
    today : datetime.date
        Export date printed on every artefact.
    user : Upload, optional
        The user's uploaded records, drawn on the map exports (years as the view).
    """

    catalog: Catalog
    view: View = field(default_factory=View)
    toggles: Toggles = field(default_factory=Toggles)
    extent: tuple[float, float, int] | None = None
    title: str = TITLE
    today: dt.date = field(default_factory=dt.date.today)
    user: Upload | None = None

    @property
    def shown(self) -> gpd.GeoDataFrame:
        """The events of the view."""
        return filters.apply(self.catalog.events, self.view)

    def subtitle(self) -> str:
        """The active filters, in one line."""
        return describe_view(self.view, region_names(self.catalog), self.catalog.year_span())

    def footer(self) -> str:
        """Attribution, dataset version and export date."""
        return (f"{DATA_SOURCES} Basemap: Natural Earth. Dataset version "
                f"{self.catalog.version}, exported {self.today.isoformat()}.")

    def zone_names(self) -> dict[str, str]:
        """Zone display names under the naming setting."""
        return zone_names(self.catalog.zones, self.toggles.naming)

    def require_events(self) -> gpd.GeoDataFrame:
        """The shown events, or :class:`EmptyViewError` naming the filters."""
        shown = self.shown
        if shown.empty:
            raise EmptyViewError(f"expected at least one event in the view, got none for "
                                 f"{self.subtitle()}")
        return shown


def export_map(
    b: Briefing,
    events: gpd.GeoDataFrame | None = None,
    *,
    static: bool = False,
    title: str | None = None,
) -> folium.Map:
    """The map of a briefing: base layers, the events, legend, caption and extent.

    Parameters
    ----------
    b : Briefing
    events : geopandas.GeoDataFrame, optional
        Events to draw (default: the view's); the extent fits them unless ``b.extent``.
    static : bool
        Hide on-screen controls (for pictures).
    title : str, optional
        Caption title (default: the briefing's).
    """
    shown = b.shown if events is None else events
    m = base_map(b.catalog, b.toggles)
    user = in_years(b.user, b.view.years) if b.user is not None else None
    group = overlay(b.catalog, shown, b.toggles, user=user)
    lines = [b.subtitle(), f"{len(shown)} events shown", b.footer()]
    if user is not None and user.loaded:
        lines.insert(2, f"Your data: {user.name} ({user.loaded} records, not verified here)")
    caption_control(title or b.title, lines, position="topleft").add_to(group)
    group.add_to(m)
    if static:
        m.get_root().header.add_child(Element(_STATIC_CSS))
    if b.extent is not None and events is None:
        lat, lng, zoom = b.extent
        m.location, m.options["zoom"] = [lat, lng], int(zoom)
    else:
        bounds = display_bounds([to_display(g) for g in shown.geometry])
        if bounds:
            minx, miny, maxx, maxy = bounds
            pad = max(maxx - minx, maxy - miny, 4.0) * 0.08
            m.fit_bounds([[miny - pad, minx - pad], [maxy + pad, maxx + pad]])
    return m


def html_bytes(b: Briefing) -> bytes:
    """Standalone interactive HTML: one file, opens offline, requests no other host."""
    b.require_events()
    return export_map(b).get_root().render().encode("utf-8")


def png_bytes(b: Briefing, size: str = "slide", *, chromium: Any = None) -> bytes:
    """PNG of the briefing map at ``size`` (``slide`` 1920×1080, ``print`` 3840×2160)."""
    b.require_events()
    return _png(b, export_map(b, static=True), size, chromium)


def _png(b: Briefing, m: folium.Map, size: str, chromium: Any) -> bytes:
    if size not in SIZES:
        raise ValueError(f"expected size one of {sorted(SIZES)}, got {size!r}")
    w, h, scale = SIZES[size]
    html = m.get_root().render()
    if chromium is not None:
        return browser.screenshot(chromium, html, w, h, scale)
    with browser.browser() as chrome:
        return browser.screenshot(chrome, html, w, h, scale)


def region_maps(b: Briefing, regions: Sequence[str]) -> list[tuple[str, gpd.GeoDataFrame]]:
    """``(region id, its shown events)`` for each region with events."""
    shown = b.shown
    out = []
    for rid in regions:
        sub = shown[shown["regions"].map(lambda rs, r=rid: r in rs)]
        if len(sub):
            out.append((rid, sub))
    return out


def pptx_bytes(b: Briefing, *, max_regions: int = 6, progress: Any = None) -> bytes:
    """The briefing deck; see :mod:`layers.deck`."""
    from layers.deck import build_deck

    b.require_events()
    buf = io.BytesIO()
    build_deck(b, max_regions=max_regions, progress=progress).save(buf)
    return buf.getvalue()
