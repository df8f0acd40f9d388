"""Compose the map: stable base layers plus a swappable events overlay."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import folium
import geopandas as gpd
import pandas as pd
from branca.element import Element, MacroElement
from jinja2 import Template

from geo.catalog import Catalog
from geo.schema import APPROXIMATE, ZONE_TYPES
from geo.upload import Upload
from layers import assets
from layers.basemap import ATTRIBUTION, basemap_layer
from layers.events import LOD_EVENTS, events_layer
from layers.features import to_script_json
from layers.legend import LEGEND_CSS, caption_control, legend_control, legend_html, symbol_of
from layers.publish import Publisher
from layers.styles import SEA
from layers.user import user_layer
from layers.zones import NEUTRAL, regions_layer, zone_names, zones_layer

DEFAULT_CENTER = (45.0, 140.0)  # lat, display-frame lon: Central Asia to Alaska at zoom 3
DEFAULT_ZOOM = 3


@dataclass(frozen=True)
class Toggles:
    """Which layers are drawn."""

    events: bool = True
    zones: bool = True
    regions: bool = False
    naming: str = NEUTRAL
    zone_types: frozenset[str] | None = None  # None: every type

    def shown_zone_types(self, present: Iterable[str]) -> list[str]:
        """The zone types drawn, of those ``present`` in the data."""
        if not self.zones:
            return []
        return [t for t in ZONE_TYPES if t in set(present)
                and (self.zone_types is None or t in self.zone_types)]


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


def region_names(catalog: Catalog) -> dict[str, str]:
    """Region id -> display name."""
    return dict(zip(catalog.regions["id"], catalog.regions["name"], strict=True))


class _CopyLink(MacroElement):
    """A "copy link" button: the page's URL plus ``map=lat,lng,zoom`` of the current view.

    The map frame is same-origin with the app page, so it reads the parent's URL (which
    carries the filters) and adds the extent; the link is copied to the clipboard (or shown
    for copying) and kept in ``window.jmLastLink``.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function(map) {
            // a chain-link icon drawn in SVG: no emoji font needed
            var ICON = '<svg width="16" height="16" viewBox="0 0 24 24" style="margin-top:7px"'
                + ' fill="none" stroke="#333" stroke-width="2.2" stroke-linecap="round">'
                + '<path d="M10 14a5 5 0 0 0 7 0l3-3a5 5 0 0 0-7-7l-1 1"/>'
                + '<path d="M14 10a5 5 0 0 0-7 0l-3 3a5 5 0 0 0 7 7l1-1"/></svg>';
            var ctl = L.control({position: 'topleft'});
            ctl.onAdd = function() {
                var div = L.DomUtil.create('div', 'leaflet-bar jm-link');
                var a = L.DomUtil.create('a', '', div);
                a.href = '#'; a.title = 'Copy a link to this view'; a.innerHTML = ICON;
                a.setAttribute('role', 'button'); a.setAttribute('aria-label', a.title);
                L.DomEvent.on(a, 'click', function(e) {
                    L.DomEvent.preventDefault(e); L.DomEvent.stopPropagation(e);
                    var top = window.parent || window;
                    var url = new URL(top.location.href);
                    var c = map.getCenter();
                    url.searchParams.set('map', c.lat.toFixed(3) + ',' + c.lng.toFixed(3) +
                                         ',' + map.getZoom());
                    var text = url.toString();
                    window.jmLastLink = text;
                    var done = function() {
                        a.innerHTML = '<b style="font:bold 15px sans-serif">&#10003;</b>';
                        setTimeout(function() { a.innerHTML = ICON; }, 1500);
                    };
                    if (navigator.clipboard && window.isSecureContext) {
                        navigator.clipboard.writeText(text).then(done, done);
                    } else { done(); }
                });
                return div;
            };
            ctl.addTo(map);
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )


def base_map(
    catalog: Catalog,
    toggles: Toggles,
    *,
    height: str = "100%",
    extent: tuple[float, float, float] | None = None,
    link: bool = False,
) -> folium.Map:
    """The parts that do not change with the filters: basemap, zones, region outlines.

    Parameters
    ----------
    catalog : Catalog
    toggles : Toggles
    height : str
        CSS height of the map element.
    extent : tuple of float, optional
        ``(lat, lng, zoom)`` to open at (display-frame longitude).
    link : bool
        Add the "copy link" button (in the app, not in exports).
    """
    assets.install()
    lat, lng, zoom = extent or (*DEFAULT_CENTER, DEFAULT_ZOOM)
    m = folium.Map(
        location=(lat, lng),
        zoom_start=zoom,
        tiles=None,
        min_zoom=2,
        max_zoom=10,
        control_scale=True,
        height=height,
        world_copy_jump=False,
        prefer_canvas=len(catalog.events) > LOD_EVENTS,  # thousands of paths: one canvas
        zoom_snap=0.25,  # fitted exports fill the frame instead of jumping a whole level
    )
    m.get_root().header.add_child(
        Element(f"<style>.leaflet-container {{ background: {SEA} !important; }}</style>"
                f"{LEGEND_CSS}")
    )
    _Attribution(ATTRIBUTION).add_to(m)
    if link:
        _CopyLink().add_to(m)
    basemap_layer().add_to(m)
    if toggles.regions:
        regions_layer(catalog.regions).add_to(m)
    types = toggles.shown_zone_types(catalog.zones["zone_type"])
    if types:
        zones_layer(catalog.zones, types=types, naming=toggles.naming).add_to(m)
    return m


def overlay(
    catalog: Catalog,
    shown: gpd.GeoDataFrame,
    toggles: Toggles,
    publish: Publisher | None = None,
    user: Upload | None = None,
) -> folium.FeatureGroup:
    """The filtered events plus a legend that lists exactly what is drawn.

    Returned unattached, for ``st_folium(feature_group_to_add=...)``; call ``.add_to(m)``
    for a standalone map. ``publish``: see :func:`layers.events.events_layer`. ``user``:
    the user's uploaded records, drawn as a layer of their own (all years: the slider
    filters them in the browser with the events).
    """
    events = shown if toggles.events else shown.iloc[0:0]
    mine = user if user is not None and user.loaded else None
    group = events_layer(events, region_names(catalog),
                         zone_names(catalog.zones, toggles.naming), catalog.version, publish,
                         extra=[user_layer(mine)] if mine else [])
    kind_symbols: dict[str, set[str]] = {}
    pairs = pd.DataFrame({"kind": events["kind"].to_numpy(),
                          "gtype": events.geom_type.to_numpy()}).drop_duplicates()
    for kind, gtype in zip(pairs["kind"], pairs["gtype"], strict=True):
        kind_symbols.setdefault(kind, set()).add(symbol_of(gtype))
    rows = legend_html(
        kind_symbols,
        any_approximate=bool(events["precision"].isin(sorted(APPROXIMATE)).any()),
        zone_types=toggles.shown_zone_types(catalog.zones["zone_type"]),
        regions=toggles.regions,
        grouped=len(events) > LOD_EVENTS,
        user=(mine.name, mine.loaded, {symbol_of(t) for t in mine.records.geom_type})
        if mine else None,
    )
    legend_control(rows).add_to(group)
    return group


YEARS_SCRIPT = """<script>
(function(lo, hi, label) {{
  var top = window.parent && window.parent !== window ? window.parent : window;
  var doc = top.document;
  top.__jmPushYears = top.__jmPushYears || function(lo, hi) {{
    top.__jmYears = [lo, hi];
    doc.querySelectorAll('iframe[title="streamlit_folium.st_folium"]').forEach(function(f) {{
      try {{ if (f.contentWindow.jmSetYears) {{ f.contentWindow.jmSetYears(lo, hi); }} }}
      catch (e) {{}}
    }});
  }};
  // Watch the slider itself: the map follows a drag or key press at once, without waiting
  // for the server's rerun (which still updates the table and counts).
  if (!top.__jmYearsWatch) {{
    top.__jmYearsWatch = true;
    top.setInterval(function() {{
      var boxes = doc.querySelectorAll('[data-testid="stSlider"]');
      for (var i = 0; i < boxes.length; i++) {{
        var name = boxes[i].querySelector('[data-testid="stWidgetLabel"]');
        if (!name || name.textContent.trim() !== top.__jmYearsLabel) {{ continue; }}
        var ins = boxes[i].querySelectorAll('input[type="range"]');
        if (ins.length !== 2) {{ return; }}
        var a = +ins[0].value, b = +ins[1].value, y = top.__jmYears || [];
        if (a !== y[0] || b !== y[1]) {{ top.__jmPushYears(Math.min(a, b), Math.max(a, b)); }}
        return;
      }}
    }}, 40);
  }}
  top.__jmYearsLabel = label;
  top.__jmPushYears(lo, hi);
}})({lo:d}, {hi:d}, {label});
</script>"""


def years_script(years: tuple[int, int], label: str = "Years") -> str:
    """Page script that hands the slider's years to the map frame.

    It also watches the slider labelled ``label`` and moves the map as soon as the slider
    moves; the values come from the server (integers) and the slider (numbers).
    """
    return YEARS_SCRIPT.format(lo=int(years[0]), hi=int(years[1]),
                               label=to_script_json(str(label)))


def standalone_map(
    catalog: Catalog,
    shown: gpd.GeoDataFrame,
    toggles: Toggles,
    *,
    title: str | None = None,
    caption: Sequence[str] = (),
) -> folium.Map:
    """Base layers and overlay in one map, with an optional title/caption box."""
    m = base_map(catalog, toggles)
    group = overlay(catalog, shown, toggles)
    if title:
        caption_control(title, caption).add_to(group)
    group.add_to(m)
    return m
