"""The briefing map of a view: what it shows and says, as standalone HTML or a PNG.

:class:`Briefing` gathers everything an export needs to know about the view on screen; the
deck (:mod:`layers.export.deck`) builds on it, never the other way round.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import folium
import geopandas as gpd

from geo import filters
from geo.catalog import Catalog
from geo.filters import in_years
from geo.frame import display_bounds, to_display
from geo.naming import zone_names
from geo.titles import title_for
from geo.upload import Upload
from geo.view import Extent, Layers, View
from layers.captions import DATA_SOURCES, describe_view
from layers.export import browser
from layers.jscode import style_tag
from layers.legend import caption_control
from layers.map import add_to_head, base_map, overlay

TITLE = "China–Russia joint military activity"
SIZES = {"slide": (1920, 1080, 1.0), "print": (1920, 1080, 2.0)}


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
    layers : Layers
        What is drawn, and the naming of disputed features.
    extent : tuple of float, optional
        ``(lat, lng, zoom)`` of the user's map; fitted to the shown events when ``None``.
    title : str, optional
        Replaces the title made from the view (:meth:`heading`).
    today : datetime.date
        Export date printed on every artefact.
    user : Upload, optional
        The user's uploaded records, drawn on the map exports (years as the view).
    """

    catalog: Catalog
    view: View = field(default_factory=View)
    layers: Layers = field(default_factory=Layers)
    extent: Extent | None = None
    title: str | None = None
    today: dt.date = field(default_factory=dt.date.today)
    user: Upload | None = None

    @property
    def shown(self) -> gpd.GeoDataFrame:
        """The events of the view."""
        return filters.apply(self.catalog.events, self.view)

    def subtitle(self) -> str:
        """The active filters, in one line."""
        return describe_view(self.view, self.catalog.region_names(), self.catalog.year_span())

    def footer(self) -> str:
        """Attribution, the record's as-of date, dataset version and export date."""
        return (
            f"{DATA_SOURCES} Basemap: Natural Earth. {self.catalog.as_of_text()}; dataset "
            f"version {self.catalog.version}, exported {self.today.isoformat()}."
        )

    def heading(self) -> str:
        """The title: the one given, else made from the view (what, where, when)."""
        if self.title:
            return self.title
        shown = self.shown if self.layers.events else self.shown.iloc[0:0]
        return title_for(shown, sorted(self.view.regions), self.catalog.region_names())

    def as_of_text(self) -> str:
        """``Record as of 30 Nov 2026``: when the record was last checked complete."""
        return self.catalog.as_of_text()

    def zone_names(self) -> dict[str, str]:
        """Zone display names under the naming setting."""
        return zone_names(self.catalog.zones, self.layers.naming)

    def user_shown(self) -> Upload | None:
        """The user's records in the view's years (``None`` when there are none)."""
        if self.user is None:
            return None
        mine = in_years(self.user, self.view.years)
        return mine if mine.loaded else None

    def user_line(self) -> str | None:
        """The caption line naming the user's file, or ``None`` when none is drawn."""
        mine = self.user_shown()
        if mine is None:
            return None
        return f"Your data: {mine.name} ({mine.loaded} records, not verified here)"

    def require_events(self) -> gpd.GeoDataFrame:
        """The shown events, or :class:`EmptyViewError` naming the filters."""
        shown = self.shown
        if shown.empty:
            raise EmptyViewError(
                f"expected at least one event in the view, got none for {self.subtitle()}"
            )
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
    m = base_map(b.catalog, b.layers, years=b.view.years or b.catalog.year_span())
    group = overlay(b.catalog, shown, b.layers, user=b.user_shown())
    lines = [b.subtitle(), f"{len(shown)} events shown", b.footer()]
    if (mine := b.user_line()) is not None:
        lines.insert(2, mine)
    caption_control(title or b.heading(), lines, position="topleft").add_to(group)
    group.add_to(m)
    if static:
        add_to_head(m, style_tag("picture.css"))
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
    return map_png(export_map(b, static=True), size, chromium)


def map_png(m: folium.Map, size: str = "slide", chromium: Any = None) -> bytes:
    """PNG of a map page at ``size``, in ``chromium`` (a Playwright browser) or a new one.

    Raises
    ------
    ValueError
        On an unknown size.
    RuntimeError
        When no Chromium can be started.
    """
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
