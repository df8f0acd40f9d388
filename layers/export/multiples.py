"""Small multiples: one panel per year (or per month of one year), same extent and scale.

Each panel shows the events active in its period and the zones as they stood then, titled
with the period and its count; legend, locator, title and source line are shared.
"""

from __future__ import annotations

import math
import re
from datetime import date

import geopandas as gpd

from geo.extent import MapFrame, fit
from geo.frame import to_display
from geo.titles import MONTHS
from layers.export.briefing import Briefing
from layers.export.figure import (
    MARGIN,
    SIDEBAR,
    Figure,
    FigureOptions,
    Layout,
    _darker,
    _events,
    _land,
    _zones,
    anchor_points,
    event_date,
    in_view,
    inset,
    legend,
    place_names,
    view_bounds,
    zones_as_of,
)
from layers.export.placement import Box, Label, Placer, around
from layers.export.svgmap import attr, esc, text
from layers.styles import GREY_SEA, SEA, event_ink


def periods(
    events: gpd.GeoDataFrame, by: str, years: tuple[int, int]
) -> list[tuple[str, date, date]]:
    """``(label, first day, last day)`` per panel.

    Raises
    ------
    ValueError
        On an unknown ``by``, or ``month`` over more than one year.
    """
    lo, hi = years
    if by == "year":
        return [(str(y), date(y, 1, 1), date(y, 12, 31)) for y in range(lo, hi + 1)]
    if by == "month":
        if lo != hi:
            raise ValueError(f"expected one year for --by month, got {lo}–{hi}")
        out = []
        for m in range(1, 13):
            last = date(lo + (m == 12), m % 12 + 1, 1).toordinal() - 1
            out.append((f"{MONTHS[m - 1]} {lo}", date(lo, m, 1), date.fromordinal(last)))
        return out
    raise ValueError(f"expected by 'year' or 'month', got {by!r}")


def panel_labels(b: Briefing, events: gpd.GeoDataFrame, frame: MapFrame, palette: str) -> list[str]:
    """A panel's short date labels on its events, then country and sea names where free."""
    placer = Placer(Box(frame.x + 2, frame.y + 2, frame.x + frame.width - 2,
                        frame.y + frame.height - 2))  # fmt: skip
    out = []
    for ev in events.sort_values("start_date").to_dict("records"):
        body = re.sub(r" \d{4}", "", event_date(ev))  # the panel gives the year
        colour = event_ink(ev["kind"], palette).stroke
        for x, y in anchor_points(to_display(ev["geometry"]), frame):
            p = placer.place(Label(body, 11.5, around(x, y, 7), bold=True))
            if p:
                out.append(text(p.x, p.y, body, 11.5, anchor=p.anchor, bold=True,
                                colour=_darker(colour), cls="event-label"))  # fmt: skip
                break
    names, _ = place_names(b, frame, placer, palette, shrink=0.75, types=("country", "sea"))
    return [*out, names]


def compose_multiples(b: Briefing, opts: FigureOptions) -> Figure:
    """A grid of panels over the view's years (or the months of its one year)."""
    events = b.require_events()
    years = b.view.years or (int(events["year_start"].min()), int(events["year_end"].max()))
    panels = periods(events, opts.by or "year", years)
    W, H = opts.width, opts.height
    header_h, footer_h = 92.0, 52.0
    side_x = W - SIDEBAR - MARGIN
    gx, gy, gw, gh = MARGIN, header_h, side_x - MARGIN - 14, H - header_h - footer_h - 8
    bounds = view_bounds(b, events)
    n = len(panels)

    def grid(cols: int) -> MapFrame:
        rows = math.ceil(n / cols)
        return fit(bounds, (gx, gy + 20, gw / cols - 8, gh / rows - 28))

    cols = max(range(1, n + 1), key=lambda c: grid(c).scale)  # the largest panels
    rows = math.ceil(n / cols)
    pw, ph = gw / cols, gh / rows
    first = grid(cols)
    palette = opts.palette
    sea = GREY_SEA if palette == "greyscale" else SEA
    defs: list[str] = []
    body: list[str] = []
    # every panel has the same extent and scale: the land is drawn once and reused
    land_at = (gx, gy + 20)
    land_frame = MapFrame(*land_at, pw - 8, ph - 28, first.lon, first.lat, first.scale)
    defs.append(
        _land(land_frame, palette).replace(
            '<g class="land">', '<g id="panel-land" class="land">', 1
        )
    )
    counts = []
    for k, (label, start, end) in enumerate(panels):
        r, c = divmod(k, cols)
        x, y = gx + c * pw, gy + r * ph
        frame = MapFrame(x, y + 20, pw - 8, ph - 28, first.lon, first.lat, first.scale)
        sub = events[(events["start_date"] <= end) & (events["end_date"] >= start)]
        zones, _ = zones_as_of(b, (start.year, end.year))
        counts.append(len(sub))
        cid = f"panel-{k}"
        defs.append(
            f'<clipPath id="{cid}"><rect x="{frame.x}" y="{frame.y}" '
            f'width="{frame.width}" height="{frame.height}"/></clipPath>'
        )
        body += [
            f'<rect x="{frame.x}" y="{frame.y}" width="{frame.width}" '
            f'height="{frame.height}" fill="{sea}"/>',
            f'<g clip-path="url(#{cid})">',
            f'<use href="#panel-land" x="{frame.x - land_at[0]}" y="{frame.y - land_at[1]}"/>',
            _zones(zones, frame, palette),
            _events(sub, frame, palette, defs),
            *panel_labels(b, sub, frame, palette),
            "</g>",
            f'<rect x="{frame.x}" y="{frame.y}" width="{frame.width}" '
            f'height="{frame.height}" fill="none" stroke="#777"/>',
            text(
                x,
                y + 10,
                f"{label} · {len(sub)} event{'s' if len(sub) != 1 else ''}",
                14,
                bold=True,
                halo=False,
                cls="panel-title",
            ),
        ]
    zones_all, notes = zones_as_of(b, years)
    zones_all = in_view(zones_all, first)
    legend_svg, legend_h = legend(
        b, events, zones_all, notes, side_x, header_h, SIDEBAR, palette, defs
    )
    body.append(legend_svg)
    room = gh - legend_h - 12
    if room >= 110:
        inset_h = min(230.0, room)
        body.append(inset(first, side_x, header_h + gh - inset_h, SIDEBAR, inset_h, palette))
    layout = Layout(b, opts, events)
    body += layout._header((MARGIN, 0, W - 2 * MARGIN, header_h))
    body += layout._footer((MARGIN, H - footer_h, W - 2 * MARGIN, footer_h))
    title = layout.title
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" '
        f'viewBox="0 0 {W} {H}" font-family={attr("DejaVu Sans, sans-serif")}>'
        f"<title>{esc(title)}</title><defs>{''.join(defs)}</defs>"
        f'<rect width="{W}" height="{H}" fill="#ffffff"/>{"".join(body)}</svg>'
    )
    return Figure(
        svg,
        first,
        title,
        [{"panel": p[0], "events": c} for p, c in zip(panels, counts, strict=True)],
    )
