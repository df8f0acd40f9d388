"""Compose the map: stable base layers plus a swappable events overlay."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import folium
import geopandas as gpd
import pandas as pd
from branca.element import Element, Figure, MacroElement
from jinja2 import Template

from geo.catalog import Catalog
from geo.naming import zone_names
from geo.schema import APPROXIMATE
from geo.upload import Upload
from geo.view import Extent, Layers, Years
from layers import assets
from layers.basemap import ATTRIBUTION, basemap_layer
from layers.events import LOD_EVENTS, events_layer
from layers.jscode import script
from layers.legend import LEGEND_CSS, caption_control, legend_control, legend_html, symbol_of
from layers.places import PlaceLabels
from layers.publish import Publisher
from layers.styles import SEA
from layers.user import user_layer
from layers.zones import regions_layer, zones_layer

DEFAULT_CENTER = (45.0, 140.0)  # lat, display-frame lon: Central Asia to Alaska at zoom 3
DEFAULT_ZOOM = 3


class _Attribution(MacroElement):
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.attributionControl.setPrefix(false);
        {{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.text|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class _CopyLink(MacroElement):
    """A "copy link" button: the page's URL plus ``map=lat,lng,zoom`` of the view.

    See ``layers/js/copy_link.js``.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.js }}
        JointMap.copyLink({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self.js = script("copy_link.js")


def add_to_head(m: folium.Map, html: str) -> None:
    """Add ``html`` (e.g. a ``<style>`` element) to the head of the page holding ``m``.

    Raises
    ------
    TypeError
        If the map is not inside a branca Figure (a folium map always is).
    """
    root = m.get_root()
    if not isinstance(root, Figure):
        raise TypeError(f"expected the map inside a branca Figure, got {type(root).__name__}")
    root.header.add_child(Element(html))


def catalog_geometries(catalog: Catalog) -> tuple[Any, ...]:
    """The record's geometries in the display frame (where close-ups need the fine coast).

    Cached by catalog version: the same tuple, so the basemap's fine coast is cut once.
    """
    return _geometries(catalog.version, catalog)


_GEOMS: dict[str, tuple[Any, ...]] = {}


def _geometries(version: str, catalog: Catalog) -> tuple[Any, ...]:
    if version not in _GEOMS:
        ev = catalog.events
        _GEOMS.clear()
        _GEOMS[version] = tuple(ev["display"]) if "display" in ev else ()
    return _GEOMS[version]


def base_map(
    catalog: Catalog,
    layers: Layers,
    *,
    height: str = "100%",
    extent: Extent | None = None,
    link: bool = False,
    years: Years | None = None,
) -> folium.Map:
    """The parts that do not change with the filters: basemap, zones, region outlines.

    Parameters
    ----------
    catalog : Catalog
    layers : Layers
    height : str
        CSS height of the map element.
    extent : tuple of float, optional
        ``(lat, lng, zoom)`` to open at (display-frame longitude).
    link : bool
        Add the "copy link" button (in the app, not in exports).
    years : tuple of int, optional
        Show the zones as they stood in these years (exports). The app leaves it out, so
        the map script stays the same as the slider moves, and hands the years to the map
        in the browser.
    """
    assets.install()
    lat, lng, zoom = extent or (*DEFAULT_CENTER, DEFAULT_ZOOM)
    m = folium.Map(
        location=(lat, lng),
        zoom_start=zoom,  # type: ignore[arg-type]  # Leaflet takes fractional zooms
        tiles=None,
        min_zoom=2,
        max_zoom=10,
        control_scale=True,
        height=height,
        world_copy_jump=False,
        prefer_canvas=len(catalog.events) > LOD_EVENTS,  # thousands of paths: one canvas
        zoom_snap=0.25,  # fitted exports fill the frame instead of jumping a whole level
    )
    add_to_head(
        m, f"<style>.leaflet-container {{ background: {SEA} !important; }}</style>{LEGEND_CSS}"
    )
    _Attribution(ATTRIBUTION).add_to(m)
    if link:
        _CopyLink().add_to(m)
    basemap_layer(around=catalog_geometries(catalog)).add_to(m)
    if len(catalog.labels):
        PlaceLabels(catalog.labels, layers.naming).add_to(m)
    if layers.outlines:
        regions_layer(catalog.regions).add_to(m)
    types = layers.shown_zone_types(catalog.zones["zone_type"])
    if types:
        zones_layer(catalog.zones, types=types, naming=layers.naming, years=years).add_to(m)
    return m


def symbols_by(keys: pd.Series, geom_types: pd.Series) -> dict[str, set[str]]:
    """Key (an event kind, a zone type) -> legend symbols of its geometries."""
    out: dict[str, set[str]] = {}
    pairs = pd.DataFrame({"key": keys.to_numpy(), "gtype": geom_types.to_numpy()})
    for key, gtype in pairs.drop_duplicates().itertuples(index=False):
        out.setdefault(key, set()).add(symbol_of(gtype))
    return out


def zone_symbols(catalog: Catalog, layers: Layers) -> dict[str, set[str]]:
    """Zone type -> legend symbols, for the zone types drawn."""
    zones = catalog.zones[
        catalog.zones["zone_type"].isin(layers.shown_zone_types(catalog.zones["zone_type"]))
    ]
    return symbols_by(zones["zone_type"], zones.geom_type)


def overlay(
    catalog: Catalog,
    shown: gpd.GeoDataFrame,
    layers: Layers,
    publish: Publisher | None = None,
    user: Upload | None = None,
) -> folium.FeatureGroup:
    """The filtered events plus a legend that lists exactly what is drawn.

    Returned unattached, for ``st_folium(feature_group_to_add=...)``; call ``.add_to(m)``
    for a standalone map. ``publish``: see :func:`layers.events.events_layer`. ``user``:
    the user's uploaded records, drawn as a layer of their own (all years: the slider
    filters them in the browser with the events).
    """
    events = shown if layers.events else shown.iloc[0:0]
    mine = user if user is not None and user.loaded else None
    group = events_layer(
        events,
        catalog.region_names(),
        zone_names(catalog.zones, layers.naming),
        catalog.version,
        publish,
        extra=[user_layer(mine)] if mine else [],
    )
    rows = legend_html(
        symbols_by(events["kind"], events.geom_type),
        any_approximate=bool(events["precision"].isin(sorted(APPROXIMATE)).any()),
        zone_symbols=zone_symbols(catalog, layers),
        regions=layers.outlines,
        grouped=len(events) > LOD_EVENTS,
        user=(mine.name, mine.loaded, {symbol_of(t) for t in mine.records.geom_type})
        if mine
        else None,
    )
    legend_control(rows).add_to(group)
    return group


def standalone_map(
    catalog: Catalog,
    shown: gpd.GeoDataFrame,
    layers: Layers,
    *,
    title: str | None = None,
    caption: Sequence[str] = (),
) -> folium.Map:
    """Base layers and overlay in one map, with an optional title/caption box."""
    m = base_map(catalog, layers)
    group = overlay(catalog, shown, layers)
    if title:
        caption_control(title, caption).add_to(group)
    group.add_to(m)
    return m
