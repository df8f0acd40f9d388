"""The report figure: one SVG that tells the story on its own.

Title and subtitle made from the view; the map fitted to the chosen regions (what runs
beyond is clipped), with land at 1:50m (1:10m from zoom 7 in), the zones as they stood in
the view's years, the events with direction arrows and start and end marks, each event
labelled with its date and name or, when crowded, a numbered callout keyed to a list; place
names from the gazetteer; a legend of what is drawn; an inset locator, north arrow and scale
bar; and a source line with the record's as-of date and the dataset version. PNG and
PDF are this SVG drawn by Chromium (:mod:`layers.export.render`); the SVG is the file itself.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import shapely
from shapely.geometry import box as shapely_box
from shapely.ops import polylabel

from geo import basemap
from geo.extent import Bounds, MapFrame, fit
from geo.extent import view_bounds as extent_of_view
from geo.frame import to_display
from geo.naming import zone_label
from geo.paths import BASEMAP, BASEMAP_10M
from geo.schema import APPROXIMATE, KIND_LABELS, KINDS, ZONE_TYPE_LABELS, ZONE_TYPES
from geo.zonetime import as_of_years
from layers.export.briefing import Briefing
from layers.export.placement import Box, Label, Placer, around, wrap
from layers.export.svgmap import (
    attr,
    clip,
    esc,
    hatch_defs,
    marker,
    path_d,
    route_marks,
    stroke_attrs,
    text,
)
from layers.styles import (
    APPROX_DASH,
    GREY_LAND,
    GREY_SEA,
    LAND,
    SEA,
    Ink,
    event_ink,
    user_ink,
    zone_ink,
)
from layers.zones import zone_timeline

FIGURE_DETAIL = 1.0  # figures are still and large: labels one zoom level before the live map
TEN_M_ZOOM = 7.0  # from this zoom in, coastlines at 1:10m (1:50m is too coarse at strait scale)
LABELS_MAX = 6  # more events than this are numbered, with a list, not labelled in the map
FULL_LIST_MAX = 24  # up to this many, list entries give assets, zones and reporters too
SIDEBAR = 430
MARGIN = 22


@dataclass(frozen=True)
class FigureOptions:
    """How a figure is drawn.

    Attributes
    ----------
    width, height : int
        Size in pixels (SVG user units); PNG ``print`` size doubles the pixel density.
    palette : str
        ``colour`` or ``greyscale`` (kinds then differ by pattern and marker shape).
    by : str or None
        ``year`` or ``month``: one panel per period (small multiples).
    list_panel : bool
        Print the numbered events' list under the map (a deck puts it on its own slide).
    """

    width: int = 1920
    height: int = 1080
    palette: str = "colour"
    by: str | None = None
    list_panel: bool = True


@dataclass
class Figure:
    """A composed figure: the SVG and what tests and decks want to know about it."""

    svg: str
    frame: MapFrame | None
    title: str
    numbered: list[dict[str, Any]] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- extent


def view_bounds(b: Briefing, events: gpd.GeoDataFrame) -> Bounds:
    """The display-frame bounds a figure of the view shows (see :func:`geo.extent.view_bounds`)."""
    return extent_of_view(b.catalog.regions, b.view.regions, events)


def map_frame(
    b: Briefing, events: gpd.GeoDataFrame, box: tuple[float, float, float, float]
) -> MapFrame:
    """The figure's map frame: the user's extent when given, else fitted to the view."""
    if b.extent is not None:
        lat, lng, zoom = b.extent
        scale = 256.0 * 2**zoom / (2 * math.pi)
        return MapFrame(*box, lng, lat, scale)
    return fit(view_bounds(b, events), box)


# --------------------------------------------------------------------------- drawing


def _land(frame: MapFrame, palette: str) -> str:
    path = BASEMAP_10M if frame.zoom >= TEN_M_ZOOM and BASEMAP_10M.exists() else BASEMAP
    view = shapely_box(*_padded(frame.bounds, 0.2))
    fill, stroke = (
        (GREY_LAND["fill"], GREY_LAND["stroke"])
        if palette == "greyscale"
        else (LAND["fillColor"], LAND["color"])
    )
    parts = []
    for _, geom in basemap.display_countries(path):
        if not geom.intersects(view):
            continue
        d = path_d(clip(geom, frame, 0.2), frame)
        if d:
            parts.append(d)
    return (
        f'<g class="land"><path d="{"".join(parts)}" fill="{fill}" stroke="{stroke}" '
        'stroke-width="0.7" fill-rule="evenodd"/></g>'
    )


def _padded(bounds: Bounds, pad: float) -> Bounds:
    lon0, lat0, lon1, lat1 = bounds
    dx, dy = (lon1 - lon0) * pad, (lat1 - lat0) * pad
    return lon0 - dx, max(lat0 - dy, -85.0), lon1 + dx, min(lat1 + dy, 85.0)


def zones_as_of(b: Briefing, years: tuple[int, int] | None) -> tuple[gpd.GeoDataFrame, list[str]]:
    """The zones drawn (by type) as they stood in ``years``, and the legend's notes."""
    types = b.layers.shown_zone_types(b.catalog.zones["zone_type"])
    zones = b.catalog.zones[b.catalog.zones["zone_type"].isin(types)]
    if zones.empty:
        return zones, []
    timeline = zone_timeline(zones, b.layers.naming)
    shown, notes = as_of_years(timeline, *(years or (None, None)))
    return zones[shown], notes


def in_view(zones: gpd.GeoDataFrame, frame: MapFrame) -> gpd.GeoDataFrame:
    """The zones that reach into the map (the legend lists only what is drawn)."""
    view = shapely_box(*frame.bounds)
    return zones[[to_display(g).intersects(view) for g in zones.geometry]]


def _zones(zones: gpd.GeoDataFrame, frame: MapFrame, palette: str) -> str:
    out = []
    for z in zones.to_dict("records"):
        geom = clip(to_display(z["geometry"]), frame)
        if geom.is_empty:
            continue
        ink = zone_ink(z["zone_type"], palette)
        area = geom.geom_type in ("Polygon", "MultiPolygon")
        d = path_d(geom, frame)
        if d:
            out.append(f'<path d="{d}" {stroke_attrs(ink, fill=area)}/>')
        for p in [g for g in getattr(geom, "geoms", [geom]) if g.geom_type == "Point"]:
            x, y = frame.xy(p.x, p.y)
            out.append(marker("ring", x, y, 5, ink))
    return f'<g class="zones">{"".join(out)}</g>'


def _events(events: gpd.GeoDataFrame, frame: MapFrame, palette: str, defs: list[str]) -> str:
    order = {"Polygon": 0, "MultiPolygon": 0, "LineString": 1, "MultiLineString": 1}
    rows = sorted(events.to_dict("records"), key=lambda ev: order.get(ev["geometry"].geom_type, 2))
    out = []
    for ev in rows:
        ink = event_ink(ev["kind"], ev["precision"], palette)
        geom = clip(ev["display"] if "display" in ev else to_display(ev["geometry"]), frame)
        if geom.is_empty:
            continue
        kind = geom.geom_type
        if kind in ("Polygon", "MultiPolygon"):
            hid = None
            if ink.hatch:
                hid = f"hatch-{ev['kind']}"
                if not any(f'id="{hid}"' in d for d in defs):
                    defs.append(hatch_defs(ink.hatch, ink.stroke, hid))
            attrs = stroke_attrs(ink, fill=True, hatch_id=hid)
            out.append(f'<path d="{path_d(geom, frame)}" {attrs}/>')
        elif kind in ("LineString", "MultiLineString"):
            halo = Ink("#ffffff", ink.width + 2.5, None, "none", 0)
            d = path_d(geom, frame)
            out.append(f'<path d="{d}" {stroke_attrs(halo, fill=False)} opacity="0.7"/>')
            out.append(f'<path d="{d}" {stroke_attrs(ink, fill=False)}/>')
            out.append(route_marks(geom, frame, ink.stroke))
        else:
            for p in getattr(geom, "geoms", [geom]):
                x, y = frame.xy(p.x, p.y)
                out.append(marker(ink.marker, x, y, 6.5, ink))
    return f'<g class="events">{"".join(out)}</g>'


def _user(b: Briefing, frame: MapFrame, palette: str) -> str:
    """The user's own records in the view's years, in their own style, over the events."""
    mine = b.user_shown()
    if mine is None:
        return ""
    ink = user_ink(palette)
    out = []
    for geom in mine.records["display"]:
        g = clip(geom, frame)
        if g.is_empty:
            continue
        if g.geom_type in ("Polygon", "MultiPolygon", "LineString", "MultiLineString"):
            area = g.geom_type.endswith("Polygon")
            out.append(f'<path d="{path_d(g, frame)}" {stroke_attrs(ink, fill=area)}/>')
        for p in [p for p in getattr(g, "geoms", [g]) if p.geom_type == "Point"]:
            x, y = frame.xy(p.x, p.y)
            out.append(marker(ink.marker, x, y, 6.0, ink))
    return f'<g class="user">{"".join(out)}</g>'


def anchor_points(geom: Any, frame: MapFrame, n: int = 9) -> list[tuple[float, float]]:
    """Pixel points along or in an event where its label or number may sit, best first."""
    if geom.is_empty:
        return []
    if geom.geom_type in ("LineString", "MultiLineString"):
        line = max(getattr(geom, "geoms", [geom]), key=lambda g: g.length)
        order = [0.5, 0.35, 0.65, 0.2, 0.8, 0.1, 0.9, 0.0, 1.0][:n]
        return [frame.xy(*line.interpolate(t, normalized=True).coords[0]) for t in order]
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        p = geom.representative_point()
        return [frame.xy(p.x, p.y)]
    return [frame.xy(p.x, p.y) for p in getattr(geom, "geoms", [geom])][:1]


def short_name(name: str, limit: int = 60) -> str:
    """An event's name shortened at a word boundary for a map label (full name in the list)."""
    name = name.split(" (")[0]
    if len(name) <= limit:
        return name
    return name[: name.rfind(" ", 0, limit - 1)].rstrip(",;:") + "…"


def event_date(ev: dict[str, Any]) -> str:
    """``24 Jul 2024`` or ``24–25 Jul 2024`` (the record's precision kept: ``Jul 2024``).

    An unknown end is said: ``15 Sep 2022 (end not reported, last reported 4 Oct 2022)``.
    """
    start, end = ev["start_date"], ev["end_date"]
    fmt = "%d %b %Y" if len(str(ev["start"])) == 10 else "%b %Y"
    first = start.strftime(fmt).lstrip("0")
    if not ev.get("end"):  # said, never drawn as a one-day event silently
        last = ev.get("last_reported")
        seen = f", last reported {end.strftime('%d %b %Y').lstrip('0')}" if last else ""
        return f"{first} (end not reported{seen})"
    if end == start or ev.get("end") == ev["start"]:
        return first
    if fmt == "%b %Y" and (start.year, start.month) == (end.year, end.month):
        return first
    if (start.year, start.month) == (end.year, end.month) and fmt == "%d %b %Y":
        return f"{start.day}–{end.strftime(fmt).lstrip('0')}"
    return f"{first} – {end.strftime(fmt).lstrip('0')}"


def reporters(ev: dict[str, Any], top: int = 2) -> str:
    """The first publishers of an event's sources: who reported it."""
    names = []
    for s in ev["sources"]:
        p = str(s.get("publisher", "")).split(" (")[0]
        if p and p not in names:
            names.append(p)
    return ", ".join(names[:top])


def main_assets(assets: str) -> str:
    """The first clause of an event's assets ("2 Tu-95MS, 2 H-6K" of a longer account)."""
    first = str(assets).split(";")[0].split(". ")[0]
    return first.split(" (")[0].strip().rstrip(".")


def entry(ev: dict[str, Any], number: int, zone_labels: dict[str, str]) -> str:
    """One entry of the numbered list: when, what, with what, which zones, who reported it.

    The assets are their first clause; the full account is in the data exports.
    """
    zones = [zone_labels.get(z, z) for z in [*ev.get("entered", []), *ev.get("crossed", [])]]
    parts = [f"{number}. {event_date(ev)}", short_name(ev["name"], 80)]
    if ev.get("assets"):
        parts.append(main_assets(ev["assets"]))
    if zones:
        parts.append("in " + ", ".join(zones))
    parts.append("reported by " + reporters(ev))
    return " · ".join(parts)


# --------------------------------------------------------------------------- panels


def scale_bar(frame: MapFrame) -> tuple[str, Box]:
    """A scale bar in km and nautical miles, bottom left of the map."""
    km_px = frame.km_per_px()
    target = frame.width * 0.16 * km_px
    nice = next(
        v
        for v in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000)
        if v >= target * 0.6
    )
    nm = nice / 1.852
    w_km, w_nm = nice / km_px, nm / km_px
    x, y = frame.x + 16, frame.y + frame.height - 40
    out = (
        f'<g class="scale"><rect x="{x - 8}" y="{y - 14}" width="{max(w_km, w_nm) + 90:.0f}"'
        ' height="44" fill="#ffffff" fill-opacity="0.85" rx="3"/>'
        f'<path d="M{x},{y}h{w_km:.1f}" stroke="#222" stroke-width="3"/>'
        f'<path d="M{x},{y - 5}v10M{x + w_km:.1f},{y - 5}v10" stroke="#222" stroke-width="1.5"/>'
        + text(x + w_km + 6, y, f"{nice:,} km", 12, halo=False)
        + f'<path d="M{x},{y + 16}h{w_nm:.1f}" stroke="#555" stroke-width="2"/>'
        + text(x + w_km + 6, y + 16, f"{nm:,.0f} nm", 12, halo=False, colour="#555555")
        + "</g>"
    )
    return out, Box(x - 8, y - 14, x + max(w_km, w_nm) + 82, y + 30)


def north_arrow(frame: MapFrame) -> tuple[str, Box]:
    """A north arrow, top left of the map (Web Mercator: north is up everywhere)."""
    x, y = frame.x + 30, frame.y + 30
    out = (
        f'<g class="north"><circle cx="{x}" cy="{y + 4}" r="20" fill="#ffffff" '
        'fill-opacity="0.85"/>'
        f'<polygon points="{x},{y - 12} {x + 7},{y + 10} {x},{y + 5} {x - 7},{y + 10}" '
        'fill="#222"/>' + text(x, y + 17, "N", 10, anchor="middle", bold=True, halo=False) + "</g>"
    )
    return out, Box(x - 21, y - 17, x + 21, y + 25)


def inset(frame: MapFrame, x: float, y: float, w: float, h: float, palette: str) -> str:
    """A locator: the map's extent as a red box on a small map of Eurasia and the Pacific."""
    small = fit((-10.0, -25.0, 250.0, 80.0), (x, y, w, h), margin=0.0)
    parts = []
    for _, geom in basemap.display_countries(BASEMAP):
        g = shapely.simplify(clip(geom, small, 0.0), 0.3)
        d = path_d(g, small)
        if d:
            parts.append(d)
    fill = GREY_LAND["fill"] if palette == "greyscale" else LAND["fillColor"]
    sea = GREY_SEA if palette == "greyscale" else SEA
    lon0, lat0, lon1, lat1 = frame.bounds
    (ax, ay), (bx, by) = small.xy(lon0, lat1), small.xy(lon1, lat0)
    ax, ay, bx, by = max(ax, x), max(ay, y), min(bx, x + w), min(by, y + h)
    colour = "#000000" if palette == "greyscale" else "#c0392b"
    return (
        f'<g class="inset"><clipPath id="inset-clip"><rect x="{x}" y="{y}" width="{w}" '
        f'height="{h}"/></clipPath><rect x="{x}" y="{y}" width="{w}" height="{h}" '
        f'fill="{sea}" stroke="#888"/><g clip-path="url(#inset-clip)"><path d="'
        f'{"".join(parts)}" fill="{fill}" stroke="#999" stroke-width="0.4"/></g>'
        f'<rect x="{ax:.1f}" y="{ay:.1f}" width="{max(bx - ax, 3):.1f}" '
        f'height="{max(by - ay, 3):.1f}" fill="none" stroke="{colour}" stroke-width="2.2"/>'
        + text(x + 6, y + h - 10, "Locator", 11, colour="#555555")
        + "</g>"
    )


def _swatch(ink: Ink, symbol: str, x: float, y: float, defs: list[str], key: str) -> str:
    if symbol == "area":
        hid = None
        if ink.hatch:
            hid = f"hatch-legend-{key}"
            defs.append(hatch_defs(ink.hatch, ink.stroke, hid))
        attrs = stroke_attrs(ink, fill=True, hatch_id=hid)
        return f'<rect x="{x}" y="{y - 7}" width="28" height="14" {attrs}/>'
    if symbol == "point":
        return marker(ink.marker, x + 14, y, 6, ink)
    return f'<path d="M{x},{y}h28" {stroke_attrs(ink, fill=False)}/>'


def legend(
    b: Briefing,
    events: gpd.GeoDataFrame,
    zones: gpd.GeoDataFrame,
    notes: list[str],
    x: float,
    y: float,
    width: float,
    palette: str,
    defs: list[str],
) -> tuple[str, float]:
    """The legend of what is drawn, from the style table; returns the SVG and its height."""
    rows: list[str] = []
    yy = y + 22
    rows.append(text(x + 10, yy, "Legend", 15, bold=True, halo=False))
    yy += 24
    symbols = {
        "Polygon": "area",
        "MultiPolygon": "area",
        "LineString": "line",
        "MultiLineString": "line",
        "Point": "point",
        "MultiPoint": "point",
    }
    for kind in KINDS:
        sub = events[events["kind"] == kind]
        if sub.empty:
            continue
        syms = sorted(
            {symbols.get(t, "line") for t in sub.geom_type}, key=["area", "line", "point"].index
        )
        ink = event_ink(kind, "reported_route", palette)
        sw = "".join(_swatch(ink, s, x + 10 + 34 * i, yy, defs, kind) for i, s in enumerate(syms))
        rows.append(sw + text(x + 14 + 34 * len(syms), yy, KIND_LABELS[kind], 13, halo=False))
        yy += 21
    if events["precision"].isin(sorted(APPROXIMATE)).any():
        label = (
            "Approximate geometry (thinner)"
            if palette == "greyscale"
            else "Approximate geometry (dashed)"
        )
        ink = Ink(
            "#444444",
            1.8 if palette == "greyscale" else 2.5,
            None if palette == "greyscale" else APPROX_DASH,
            "none",
            0,
        )
        rows.append(
            _swatch(ink, "line", x + 10, yy, defs, "approx")
            + text(x + 48, yy, label, 13, halo=False)
        )
        yy += 21
    if events.geom_type.isin(["LineString", "MultiLineString"]).any():
        demo = Ink("#444444", 2.5, None, "none", 0)
        rows.append(
            f'<path d="M{x + 10},{yy}h28" {stroke_attrs(demo, fill=False)}/>'
            + route_marks(_demo_line(x + 10, yy), _IDENTITY, "#444444", 6)
            + text(x + 48, yy, "Route: start ○, direction ▶, end ▮", 13, halo=False)
        )
        yy += 21
    if (mine := b.user_line()) is not None:
        sample = _swatch(user_ink(palette), "point", x + 10, yy, defs, "user")
        for k, line in enumerate(wrap(mine, width - 62, 13)):
            rows.append((sample if k == 0 else "") + text(x + 48, yy, line, 13, halo=False))
            yy += 19
        yy += 2
    if not zones.empty:
        yy += 4
        rows.append(text(x + 10, yy, "Contested zones", 13, bold=True, halo=False))
        yy += 20
        for zt in ZONE_TYPES:
            sub = zones[zones["zone_type"] == zt]
            if sub.empty:
                continue
            syms = sorted(
                {symbols.get(t, "line") for t in sub.geom_type}, key=["area", "line", "point"].index
            )
            ink = zone_ink(zt, palette)
            sw = "".join(
                _swatch(ink, s if s != "point" else "line", x + 10 + 34 * i, yy, defs, zt)
                for i, s in enumerate(syms)
            )
            rows.append(
                sw + text(x + 14 + 34 * len(syms), yy, ZONE_TYPE_LABELS[zt], 13, halo=False)
            )
            yy += 21
        for note in notes:
            for line in wrap(note, width - 24, 11.5):
                rows.append(text(x + 10, yy, line, 11.5, italic=True, halo=False, colour="#444444"))
                yy += 16
    height = yy - y + 4
    frame_rect = (
        f'<rect x="{x}" y="{y}" width="{width}" height="{height:.0f}" '
        'fill="#ffffff" fill-opacity="0.95" stroke="#bbbbbb" rx="4"/>'
    )
    return f'<g class="legend">{frame_rect}{"".join(rows)}</g>', height


class _Identity:
    """A pixel-to-pixel frame for drawing legend samples with the map's own functions."""

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        return lon, lat


_IDENTITY: Any = _Identity()


def _demo_line(x: float, y: float) -> Any:
    return shapely.LineString([(x, y), (x + 28, y)])


# --------------------------------------------------------------------------- compose


def single(b: Briefing, opts: FigureOptions = FigureOptions()) -> Figure:
    """The single-map figure of a briefing's view (see :func:`layers.export.compose.compose`).

    Raises
    ------
    EmptyViewError
        When the view shows no events.
    ValueError
        On an unknown palette.
    """
    if opts.palette not in ("colour", "greyscale"):
        raise ValueError(f"expected palette 'colour' or 'greyscale', got {opts.palette!r}")
    events = b.require_events() if b.layers.events else b.shown.iloc[0:0]
    return Layout(b, opts, events).draw()


class Layout:
    """Places the parts of a single-map figure and draws them (see :func:`compose`)."""

    def __init__(self, b: Briefing, opts: FigureOptions, events: gpd.GeoDataFrame) -> None:
        self.b, self.opts, self.events = b, opts, events
        self.W, self.H = opts.width, opts.height
        self.defs: list[str] = []
        self.years = b.view.years or b.catalog.year_span()
        self.title = b.heading()
        rows = events.sort_values(["start_date", "id"]).to_dict("records")
        self.rows = rows
        self.numbered = len(rows) > LABELS_MAX
        self.show_list = opts.list_panel
        self.list_size = 12.0
        self.zone_names = {
            z["id"]: zone_label(z, b.layers.naming) for z in b.catalog.zones.to_dict("records")
        }

    # layout: header | map + sidebar | list band (when long) | footer
    def boxes(self) -> dict[str, tuple[float, float, float, float]]:
        """Pixel boxes ``(x, y, w, h)`` of the header, map, sidebar, list and footer."""
        W, H = self.W, self.H
        header_h, footer_h = 92.0, 52.0
        side_x = W - SIDEBAR - MARGIN
        list_h = 0.0
        if self.numbered and self.show_list:
            per_row = 1 if len(self.rows) <= 4 else 2 if len(self.rows) <= FULL_LIST_MAX else 4
            self.list_size = 12.0 if per_row < 4 else 11.0
            lines = self._list_lines(width=(W - 2 * MARGIN) / per_row - 16)
            step = self.list_size * 1.4
            list_h = step * (math.ceil(len(lines) / per_row) + 1) + 14
            self.list_cols = per_row
        map_h = H - header_h - footer_h - list_h - 12
        return {
            "header": (MARGIN, 0, W - 2 * MARGIN, header_h),
            "map": (MARGIN, header_h, side_x - MARGIN - 14, map_h),
            "side": (side_x, header_h, SIDEBAR, map_h),
            "list": (MARGIN, header_h + map_h + 8, W - 2 * MARGIN, list_h),
            "footer": (MARGIN, H - footer_h, W - 2 * MARGIN, footer_h),
        }

    def _entry(self, ev: dict[str, Any], i: int) -> str:
        if len(self.rows) > FULL_LIST_MAX:  # many events: date and name (the rest in the data)
            return f"{i}. {event_date(ev)} · {ev['name'].split(' (')[0]}"
        return entry(ev, i, self.zone_names)

    def _list_lines(self, width: float) -> list[str]:
        out = []
        for i, ev in enumerate(self.rows, 1):
            out += wrap(self._entry(ev, i), width, self.list_size)
        return out

    def draw(self) -> Figure:
        """The figure's SVG.

        When the events' labels find no room in the map they are numbered instead; the
        figure is then laid out again, with room for the numbered list.
        """
        was_numbered = self.numbered
        fig = self._draw()
        if self.numbered and not was_numbered and self.show_list:
            self.defs = []
            fig = self._draw()
        return fig

    def _draw(self) -> Figure:
        boxes = self.boxes()
        mx, my, mw, mh = boxes["map"]
        frame = map_frame(self.b, self.events, (mx, my, mw, mh))
        palette = self.opts.palette
        zones, notes = zones_as_of(self.b, self.years)
        zones = in_view(zones, frame)
        drawn = {zone_label(z, self.b.layers.naming) for z in zones.to_dict("records")}
        notes = [n for n in notes if n.split(": ")[0] in drawn]
        sea = GREY_SEA if palette == "greyscale" else SEA
        body = [
            f'<rect x="{mx}" y="{my}" width="{mw}" height="{mh}" fill="{sea}"/>',
            '<g clip-path="url(#map-clip)">',
            _land(frame, palette),
            _zones(zones, frame, palette),
            _events(self.events, frame, palette, self.defs),
            _user(self.b, frame, palette),
        ]
        scale_svg, scale_box = scale_bar(frame)
        north_svg, north_box = north_arrow(frame)
        placer = Placer(Box(mx + 2, my + 2, mx + mw - 2, my + mh - 2), [scale_box, north_box])
        label_svg, numbered = self._event_labels(frame, placer)
        zone_svg = self._zone_labels(zones, frame, placer)
        place_svg, names = self._gazetteer(frame, placer)
        body += [
            place_svg,
            zone_svg,
            label_svg,
            "</g>",
            f'<rect x="{mx}" y="{my}" width="{mw}" height="{mh}" fill="none" '
            'stroke="#777" stroke-width="1"/>',
            scale_svg,
            north_svg,
        ]
        sx, sy, sw, sh = boxes["side"]
        legend_svg, legend_h = legend(
            self.b, self.events, zones, notes, sx, sy, sw, palette, self.defs
        )
        room = sh - legend_h - 12
        body.append(legend_svg)
        if room >= 110:  # the locator only where it fits under the legend
            inset_h = min(230.0, room)
            body.append(inset(frame, sx, sy + sh - inset_h, sw, inset_h, palette))
        if numbered and self.show_list:
            body.append(self._list(boxes["list"]))
        body += self._header(boxes["header"]) + self._footer(boxes["footer"])
        defs = (
            f'<defs><clipPath id="map-clip"><rect x="{mx}" y="{my}" width="{mw}" '
            f'height="{mh}"/></clipPath>{"".join(self.defs)}</defs>'
        )
        svg = (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{self.W}" height="{self.H}" '
            f'viewBox="0 0 {self.W} {self.H}" font-family={attr(_FONT)}>'
            f"<title>{esc(self.title)}</title>{defs}"
            f'<rect width="{self.W}" height="{self.H}" fill="#ffffff"/>{"".join(body)}</svg>'
        )
        return Figure(svg, frame, self.title, numbered, names)

    def _event_labels(self, frame: MapFrame, placer: Placer) -> tuple[str, list[dict[str, Any]]]:
        out: list[str] = []
        numbered: list[dict[str, Any]] = []
        if not self.numbered:
            for ev in self.rows:
                geom = ev["display"] if "display" in ev else to_display(ev["geometry"])
                pts = anchor_points(geom, frame)
                cands = [c for x, y in pts for c in around(x, y, 9)]
                for body in (f"{event_date(ev)} · {short_name(ev['name'])}", event_date(ev)):
                    p = placer.place(Label(body, 14, cands, bold=True, key=ev["id"]))
                    if p:
                        colour = event_ink(ev["kind"], ev["precision"], self.opts.palette).stroke
                        out.append(
                            text(
                                p.x,
                                p.y,
                                body,
                                14,
                                anchor=p.anchor,
                                bold=True,
                                colour=_darker(colour),
                                cls="event-label",
                            )
                        )
                        break
                else:  # no room for a label: number them all instead
                    self.numbered = True
                    return self._event_labels(frame, Placer(placer.frame, placer.taken[:2]))
            return "".join(out), numbered
        for i, ev in enumerate(self.rows, 1):
            geom = ev["display"] if "display" in ev else to_display(ev["geometry"])
            colour = event_ink(ev["kind"], ev["precision"], self.opts.palette).stroke
            spots = anchor_points(geom, frame)
            r = 10 if i < 10 else 12
            for x, y in spots + [
                (x + dx, y + dy)
                for x, y in spots[:1]
                for dx, dy in ((22, 0), (-22, 0), (0, 22), (0, -22), (30, 30), (-30, -30))
            ]:
                cbox = Box(x - r, y - r, x + r, y + r)
                if cbox.inside(placer.frame) and not any(cbox.overlaps(t, 1) for t in placer.taken):
                    placer.block(cbox)
                    out.append(
                        f'<g class="callout"><circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" '
                        f'fill="#ffffff" stroke="{colour}" stroke-width="2.5"/>'
                        + text(x, y + 0.5, str(i), 11.5, anchor="middle", bold=True, halo=False)
                        + "</g>"
                    )
                    numbered.append({"n": i, "id": ev["id"], "x": x, "y": y})
                    break
            else:
                numbered.append({"n": i, "id": ev["id"], "x": None, "y": None})
        return "".join(out), numbered

    def _zone_labels(self, zones: gpd.GeoDataFrame, frame: MapFrame, placer: Placer) -> str:
        out = []
        for z, t in zip(
            zones.to_dict("records"), zone_timeline(zones, self.b.layers.naming), strict=True
        ):
            x, y = frame.xy(t["lon"], t["lat"])
            body = zone_label(z, self.b.layers.naming)
            cands = [(x, y + (12 if t["below"] else 0), "middle"), *around(x, y, 10)]
            p = placer.place(Label(body, 12.5, cands, italic=True, bold=True))
            if p:
                colour = zone_ink(z["zone_type"], self.opts.palette).stroke
                out.append(
                    text(
                        p.x,
                        p.y,
                        body,
                        12.5,
                        anchor=p.anchor,
                        italic=True,
                        bold=True,
                        colour=colour,
                        cls="zone-label",
                    )
                )
        return "".join(out)

    def _gazetteer(self, frame: MapFrame, placer: Placer) -> tuple[str, list[str]]:
        return place_names(self.b, frame, placer, self.opts.palette)

    def _list(self, box: tuple[float, float, float, float]) -> str:
        x, y, w, h = box
        cols = getattr(self, "list_cols", 1)
        colw = w / cols
        size, step = self.list_size, self.list_size * 1.4
        entries = [wrap(self._entry(ev, i), colw - 16, size) for i, ev in enumerate(self.rows, 1)]
        per_col = math.ceil(sum(len(e) for e in entries) / cols)
        out = [f'<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="#fafafa" stroke="#cccccc"/>']
        c, r = 0, 0
        for lines in entries:  # an entry never splits across columns
            if r and r + len(lines) > per_col and c < cols - 1:
                c, r = c + 1, 0
            for line in lines:
                out.append(
                    text(
                        x + 8 + c * colw,
                        y + 14 + r * step,
                        line,
                        size,
                        halo=False,
                        cls="list-entry",
                    )
                )
                r += 1
        return f'<g class="callout-list">{"".join(out)}</g>'

    def _header(self, box: tuple[float, float, float, float]) -> list[str]:
        x, y, _w, _ = box
        b, n = self.b, len(self.events)
        sub = f"{n} event{'s' if n != 1 else ''} shown · {b.subtitle()}"
        return [
            text(x, y + 34, self.title, 30, bold=True, halo=False, cls="title"),
            text(x, y + 68, sub, 16, halo=False, colour="#444444", cls="subtitle"),
        ]

    def _footer(self, box: tuple[float, float, float, float]) -> list[str]:
        x, y, w, _ = box
        pubs: dict[str, int] = {}
        for ev in self.rows:
            for s in ev["sources"]:
                p = str(s.get("publisher", "")).split(" (")[0]
                pubs[p] = pubs.get(p, 0) + 1
        top = [p for p, _ in sorted(pubs.items(), key=lambda t: (-t[1], t[0]))][:8]
        line1 = (
            f"Sources: {', '.join(top)}{' and others' if len(pubs) > len(top) else ''}"
            " (each event's sources in the record and the export's data files)."
        )
        line2 = (
            f"{self.b.as_of_text()}; dataset version {self.b.catalog.version}; "
            f"made {self.b.today.isoformat()}. Basemap: Natural Earth (public domain). "
            "Zones as they stood in the years shown."
        )
        out = []
        for k, line in enumerate([*wrap(line1, w, 12.5)[:1], line2]):
            out.append(
                text(
                    x, y + 14 + 18 * k, line, 12.5, halo=False, colour="#444444", cls="source-line"
                )
            )
        return out


_FONT = "'DejaVu Sans', 'Liberation Sans', Arial, sans-serif"
_PLACE_STYLE: dict[str, dict[str, Any]] = {
    "country": {"size": 15.0, "bold": True, "italic": False, "colour": "#6b6255"},
    "sea": {"size": 14.0, "bold": False, "italic": True, "colour": "#2c5f7c"},
    "strait": {"size": 12.0, "bold": False, "italic": True, "colour": "#2c5f7c"},
    "island": {"size": 12.0, "bold": False, "italic": False, "colour": "#4d4d4d"},
    "region": {"size": 13.0, "bold": False, "italic": False, "colour": "#6b6255"},
    "base": {"size": 12.0, "bold": False, "italic": False, "colour": "#222222"},
    "port": {"size": 12.0, "bold": False, "italic": False, "colour": "#222222"},
    "city": {"size": 12.0, "bold": False, "italic": False, "colour": "#222222"},
}


def place_names(
    b: Briefing,
    frame: MapFrame,
    placer: Placer,
    palette: str,
    shrink: float = 1.0,
    types: tuple[str, ...] | None = None,
) -> tuple[str, list[str]]:
    """The gazetteer's names on ``frame``, placed by ``placer`` (SVG, names placed).

    Parameters
    ----------
    shrink : float
        Font scale (small multiples use smaller names).
    types : tuple of str, optional
        Only these label types (default: all).
    """
    labels = getattr(b.catalog, "labels", None)
    if labels is None or labels.empty:
        return "", []
    lon0, lat0, lon1, lat1 = frame.bounds
    land = visible_land(frame)
    if types is not None:
        labels = labels[labels["label_type"].isin(list(types))]
    top = labels["max_zoom"].astype(float).fillna(99.0) if "max_zoom" in labels else 99.0
    deep = frame.zoom + FIGURE_DETAIL
    rows = labels[
        ((labels["min_zoom"] <= deep) & (deep < top + 1))
        | ((labels["label_type"] == "country") & labels["name"].isin(list(land)))
    ]
    out, names = [], []
    for lab in rows.sort_values(["rank", "name"]).to_dict("records"):
        lon, lat = lab["lon"], lab["lat"]
        if lab["label_type"] == "country":
            if lab["name"] not in land:
                continue
            lon, lat = land[lab["name"]]  # on the part of the country the map shows
        if not (lon0 <= lon <= lon1 and lat0 <= lat <= lat1):
            continue
        name = _place_name(lab, b.layers.naming)
        style = _PLACE_STYLE[lab["label_type"]]
        x, y = frame.xy(lon, lat)
        if lab["label_type"] in ("country", "sea"):  # an area's name may move within it
            steps = [(0, 0), (0, 28), (0, -28), (0, 56), (0, -56), (-90, 0), (90, 0),
                     (0, 84), (0, -84), (-90, 40), (90, -40), (-90, -40), (90, 40)]  # fmt: skip
            cands = [(x + dx * shrink, y + dy * shrink, "middle") for dx, dy in steps]
        elif lab["label_type"] == "strait":
            cands = [(x, y, "middle")]
        else:
            cands = around(x, y, 6)
        p = placer.place(
            Label(name, style["size"] * shrink, cands, bold=style["bold"], italic=style["italic"])
        )
        if p is None:
            continue
        if lab["label_type"] in ("base", "port", "city"):
            out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.6" fill="#333"/>')
        colour = _grey(style["colour"]) if palette == "greyscale" else style["colour"]
        out.append(
            text(
                p.x,
                p.y,
                name,
                style["size"] * shrink,
                anchor=p.anchor,
                bold=style["bold"],
                italic=style["italic"],
                colour=colour,
                cls="place-label",
            )
        )
        names.append(name)
    return "".join(out), names


def visible_land(frame: MapFrame, min_px: float = 9000.0) -> dict[str, tuple[float, float]]:
    """Where to name each country the map shows: the point farthest inside its visible land.

    A country whose own label point lies off the map (Russia's lies west of the Urals) is
    named on the part the map shows, if that part covers at least ``min_px`` square pixels.
    """
    view = shapely_box(*frame.bounds)
    px_per_deg = math.radians(1.0) * frame.scale
    out = {}
    for name, geom in basemap.display_countries(BASEMAP):
        if not geom.intersects(view):
            continue
        seen = geom.intersection(view)
        part = max(getattr(seen, "geoms", [seen]), key=lambda g: g.area)
        stretch = 1 / math.cos(math.radians(min(abs(part.centroid.y), 80.0)))
        if part.area * px_per_deg**2 * stretch < min_px:
            continue
        p = polylabel(part, tolerance=0.02 * math.sqrt(part.area))
        out[name] = (p.x, p.y)
    return out


def _place_name(lab: dict[str, Any], naming: str) -> str:
    names = lab.get("names") or {}
    if naming != "neutral" and naming in names:
        return str(names[naming])
    return str(lab["name"])


def _grey(colour: str) -> str:
    """The grey of the same lightness (for the greyscale palette)."""
    c = colour.lstrip("#")
    v = round(0.299 * int(c[0:2], 16) + 0.587 * int(c[2:4], 16) + 0.114 * int(c[4:6], 16))
    return f"#{v:02x}{v:02x}{v:02x}"


def _darker(colour: str) -> str:
    """A label colour that reads on the sea: the kind's colour, darkened by a third."""
    c = colour.lstrip("#")
    if len(c) != 6:
        return colour
    r, g, b = (int(c[i : i + 2], 16) * 2 // 3 for i in (0, 2, 4))
    return f"#{r:02x}{g:02x}{b:02x}"


def calendar_figure(b: Briefing) -> Figure:
    """The seasonality calendar of the view's events (:mod:`layers.export.calendar`)."""
    from layers.export.calendar import calendar_svg

    events = b.require_events()
    years = b.view.years or (int(events["year_start"].min()), int(events["year_end"].max()))
    title = f"When in the year: {b.heading()[0].lower()}{b.heading()[1:]}"
    svg = calendar_svg(
        events,
        years,
        title=title,
        subtitle=f"{len(events)} events by start month · {b.subtitle()}",
        footer=f"Counted once, in the month each activity started. {b.footer()}",
    )
    return Figure(svg, None, title)
