"""Legend, caption and attribution, built from :mod:`layers.styles`."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence

import folium
from branca.element import MacroElement
from jinja2 import Template

from geo.schema import KINDS, ZONE_TYPES
from layers.escape import text
from layers.jscode import style_tag
from layers.styles import (
    AGGREGATE_RAMP,
    APPROX_DASH,
    KIND_STYLES,
    REGION_STYLE,
    USER_STYLE,
    ZONE_STYLES,
    Style,
)

SYMBOLS = ("area", "line", "point")
_GEOM_SYMBOL = {"Polygon": "area", "MultiPolygon": "area", "LineString": "line",
                "MultiLineString": "line", "Point": "point", "MultiPoint": "point"}  # fmt: skip


def symbol_of(geom_type: str) -> str:
    """Legend symbol (``area``, ``line`` or ``point``) for a geometry type."""
    return _GEOM_SYMBOL.get(geom_type, "line")


def swatch(style: Style, symbol: str, *, dashed: bool = False) -> str:
    """Inline SVG sample drawn with the same colour, width and dash as the map."""
    dash = APPROX_DASH if dashed else style.dash
    da = f' stroke-dasharray="{dash}"' if dash else ""
    stroke = f'stroke="{style.color}" stroke-width="{min(style.weight, 3)}"{da}'
    if symbol == "area":
        body = (
            f'<rect x="2" y="2" width="24" height="12" fill="{style.color}" '
            f'fill-opacity="{max(style.fill_opacity, 0.15)}" {stroke}/>'
        )
    elif symbol == "point":
        body = (
            f'<circle cx="14" cy="8" r="6" fill="{style.color}" '
            f'fill-opacity="{style.fill_opacity}" {stroke}/>'
        )
    else:
        body = f'<line x1="1" y1="8" x2="27" y2="8" {stroke}/>'
    return f'<svg width="28" height="16" aria-hidden="true">{body}</svg>'


def legend_html(
    kind_symbols: Mapping[str, Iterable[str]],
    *,
    any_approximate: bool,
    zone_symbols: Mapping[str, Iterable[str]] | None = None,
    regions: bool = False,
    grouped: bool = False,
    user: tuple[str, int, set[str]] | None = None,
) -> str:
    """Legend rows for what is drawn.

    Parameters
    ----------
    kind_symbols : mapping
        Event kind -> symbols (``area``/``line``/``point``) present on the map.
    any_approximate : bool
        Add the dashed "approximate geometry" row.
    zone_symbols : mapping, optional
        Zone type -> symbols of the zones drawn; the map fills in, under them, when a zone
        came into force inside the selected years (``layers/js/zones.js``).
    regions : bool
        Add the region-outline row.
    grouped : bool
        Large catalogs (:mod:`layers.dense`): add the rows for sites grouped when zoomed out
        and for events counted per grid cell; the map shows each row only while it applies.
    user : tuple, optional
        ``(file name, records, symbols)`` of the user's uploaded layer.
    """
    rows = []
    for kind in KINDS:
        if kind not in kind_symbols:
            continue
        style = KIND_STYLES[kind]
        syms = [s for s in SYMBOLS if s in set(kind_symbols[kind])]
        rows.append(
            f"<div data-kind='{kind}'>{''.join(swatch(style, s) for s in syms)} "
            f"{text(style.label)}</div>"
        )
    if user is not None:
        label, count, user_syms = user
        rows.append(
            f"<div data-kind='user'>"
            f"{''.join(swatch(USER_STYLE, s) for s in SYMBOLS if s in user_syms)} "
            f"Your data: {text(label)} ({count})</div>"
        )
    if grouped:
        ramp = "".join(
            f"<rect x='{2 + 4 * i}' y='3' width='4' height='10' fill='{c}'/>"
            for i, c in enumerate(AGGREGATE_RAMP)
        )
        rows.append(
            f"<div data-cells='1'><svg width='28' height='16' aria-hidden='true'>{ramp}"
            "</svg> Events per cell (too many in view to draw; zoom in)</div>"
        )
        rows.append(
            "<div data-grouped='1'><svg width='28' height='16' aria-hidden='true'>"
            "<circle cx='14' cy='8' r='7' fill='#fff' stroke='#555' stroke-width='2'/>"
            "<text x='14' y='11.5' "
            "font-size='9' font-weight='bold' text-anchor='middle'>n</text></svg> "
            "n sites grouped (zoomed out)</div>"
        )
    if any_approximate:
        grey = Style("approximate", "#444444", 2.5)
        rows.append(
            f"<div data-approx='1'>{swatch(grey, 'line', dashed=True)} "
            "Approximate geometry (dashed)</div>"
        )
    zone_symbols = zone_symbols or {}
    if zone_symbols:
        rows.append("<div style='margin-top:4px;font-weight:600'>Contested zones</div>")
    for zone_type in ZONE_TYPES:
        if zone_type in zone_symbols:
            style = ZONE_STYLES[zone_type]
            syms = [s for s in SYMBOLS if s in set(zone_symbols[zone_type])]
            rows.append(
                f"<div data-zone-type='{zone_type}'>{''.join(swatch(style, s) for s in syms)} "
                f"{text(style.label)}</div>"
            )
    if zone_symbols:
        rows.append("<div class='jm-zone-notes' style='display:none'></div>")
    if regions:
        rows.append(f"<div>{swatch(REGION_STYLE, 'line')} {text(REGION_STYLE.label)}</div>")
    if not rows:
        rows.append("<div>No features drawn</div>")
    return "".join(rows)


class Control(MacroElement):
    """A Leaflet control holding fixed HTML (passed as a JSON string, never a template).

    The control replaces any earlier control of the same ``slot``, so it can ride in a
    feature group that st_folium swaps on every filter change without remounting the map.

    Parameters
    ----------
    html : str
        Already-escaped HTML.
    slot : str
        Identity of the control (``legend``, ``caption``).
    position : str
        Leaflet control position.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            window.__jmControls = window.__jmControls || {};
            var old = window.__jmControls[{{ this.slot|tojson }}];
            if (old) { old.remove(); }
            var ctl = L.control({position: {{ this.position|tojson }}});
            ctl.onAdd = function() {
                var div = L.DomUtil.create('div', {{ this.css_class|tojson }});
                div.innerHTML = {{ this.html_json }};
                L.DomEvent.disableClickPropagation(div);
                L.DomEvent.disableScrollPropagation(div);
                return div;
            };
            ctl.addTo({{ this.map_name }});
            window.__jmControls[{{ this.slot|tojson }}] = ctl;
            window.dispatchEvent(new CustomEvent('jm-control', {detail: {{ this.slot|tojson }}}));
        })();
        {% endmacro %}
        """
    )

    def __init__(self, html: str, *, slot: str, position: str) -> None:
        super().__init__()
        self._name = "Control"
        self.slot = slot
        self.position = position
        self.css_class = f"jm-{slot}"
        self.html_json = json.dumps(html).replace("</", "<\\/")

    @property
    def map_name(self) -> str:
        """JS name of the map above this control (see :func:`enclosing_map_name`)."""
        return enclosing_map_name(self)


def enclosing_map_name(element: MacroElement) -> str:
    """JS name of the folium Map above ``element``, resolved at render time.

    st_folium renames the map's variable while rendering, so it cannot be fixed earlier.

    Raises
    ------
    ValueError
        If the element is not inside a map.
    """
    node = element._parent
    while node is not None and not isinstance(node, folium.Map):
        node = getattr(node, "_parent", None)
    if node is None:
        raise ValueError("expected the control inside a folium.Map, got a detached control")
    return node.get_name()


LEGEND_CSS = style_tag("jointmap.css")


def legend_control(rows_html: str, title: str = "Legend") -> Control:
    """The legend control (bottom right, over the open Pacific)."""
    html = f"<div class='jm-title'>{text(title)}</div>{rows_html}"
    return Control(html, slot="legend", position="bottomright")


def caption_control(title: str, lines: Sequence[str], position: str = "topright") -> Control:
    """Title and caption lines, e.g. for exports."""
    body = "".join(f"<div>{text(line)}</div>" for line in lines)
    html = f"<div class='jm-title'>{text(title)}</div>{body}"
    return Control(html, slot="caption", position=position)
