"""The 16:9 briefing deck (python-pptx): a deck that briefs.

Title; key points computed from the view, each traceable to its events; a full-width
overview figure; per region a full-width figure zoomed to the region with numbered callouts
and, on the next slides, the numbered list as a table whose text wraps (nothing is cut;
a long list continues); the trend as a native chart and the seasonality calendar; the
sources as a compact appendix. Every slide's speaker notes carry the citations behind it.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

import geopandas as gpd
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.util import Inches, Pt

from geo import stats
from geo.naming import zone_label
from geo.schema import KINDS
from geo.view import View
from layers.captions import citation
from layers.cards import date_span
from layers.export import browser
from layers.export.briefing import Briefing
from layers.export.calendar import calendar_svg
from layers.export.compose import compose
from layers.export.figure import FigureOptions, event_date, main_assets, reporters
from layers.styles import KIND_STYLES

W, H = Inches(13.333), Inches(7.5)
EMU_IN = 914400
MARGIN = Inches(0.4)
TABLE_TOP = Inches(1.05)
TABLE_BOTTOM = H - Inches(0.6)
COLUMNS = ("No.", "Date", "Event", "Assets", "Zones", "Reported by")
FRACS = (0.05, 0.12, 0.30, 0.21, 0.16, 0.16)
CHARS_PER_INCH = 12.0  # 10-pt text, conservative (LibreOffice and PowerPoint wrap early)
LINE_IN, PAD_IN = 0.19, 0.12
SOURCE_LINES_PER_SLIDE = 30
DARK = RGBColor(0x22, 0x22, 0x22)
GREY = RGBColor(0x55, 0x55, 0x55)


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def _citations(events: gpd.GeoDataFrame) -> str:
    lines = []
    for ev in events.to_dict("records"):
        lines.append(
            f"{ev['name']} ({date_span(ev['start'], ev['end'], ev.get('last_reported'))}):"
        )
        lines += [f"  - {citation(s)}" for s in ev["sources"]]
        if ev.get("accounts"):
            lines.append("  Accounts side by side:")
            lines += [
                f"  * {a['by']}: {a['says']} ({a['source']['publisher']}, {a['source']['date']})"
                for a in ev["accounts"]
            ]
    return "\n".join(lines)


class _Deck:
    def __init__(self, b: Briefing) -> None:
        self.b = b
        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = W, H
        self.blank = self.prs.slide_layouts[6]

    def slide(self, title: str | None, notes: str = "") -> Any:
        s = self.prs.slides.add_slide(self.blank)
        if title:
            self.text(s, title, MARGIN, Inches(0.25), W - 2 * MARGIN, Inches(0.7), 26, bold=True)
            self.text(
                s,
                f"{self.b.subtitle()} · {self.b.footer()}",
                MARGIN,
                H - Inches(0.45),
                W - 2 * MARGIN,
                Inches(0.35),
                9,
                colour=GREY,
            )
        if notes:
            s.notes_slide.notes_text_frame.text = notes
        return s

    @staticmethod
    def text(
        s: Any,
        text: str,
        x: int,
        y: int,
        w: int,
        h: int,
        size: float,
        bold: bool = False,
        colour: RGBColor = DARK,
    ) -> Any:
        box = s.shapes.add_textbox(x, y, w, h)
        tf = box.text_frame
        tf.word_wrap = True
        for i, line in enumerate(text.split("\n")):
            p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
            p.text = line
            p.font.size, p.font.bold, p.font.color.rgb = Pt(size), bold, colour
        return box

    def picture(self, s: Any, png: bytes, x: int, y: int, w: int, h: int) -> None:
        s.shapes.add_picture(io.BytesIO(png), x, y, width=w, height=h)

    def full_picture(self, png: bytes, notes: str) -> Any:
        """A slide that is one 16:9 figure, edge to edge (the figure carries its title)."""
        s = self.slide(None, notes)
        self.picture(s, png, 0, 0, W, H)
        return s

    def table(
        self,
        s: Any,
        rows: Sequence[Sequence[str]],
        x: int,
        y: int,
        w: int,
        widths: Sequence[float],
        heights: Sequence[float],
    ) -> None:
        shape = s.shapes.add_table(len(rows), len(rows[0]), x, y, w, int(sum(heights) * EMU_IN))
        tbl = shape.table
        for j, frac in enumerate(widths):
            tbl.columns[j].width = int(w * frac)
        for i, row in enumerate(rows):
            tbl.rows[i].height = int(heights[i] * EMU_IN)
            for j, value in enumerate(row):
                cell = tbl.cell(i, j)
                cell.text = value
                cell.text_frame.word_wrap = True
                cell.margin_top = cell.margin_bottom = Inches(0.04)
                for p in cell.text_frame.paragraphs:
                    p.font.size = Pt(10.5 if i == 0 else 10)
                    p.font.bold = i == 0


def row_height(row: Sequence[str], widths: Sequence[float]) -> float:
    """Estimated height in inches of a table row whose columns are ``widths`` inches wide."""
    lines = max(
        math.ceil(len(cell) / max(w * CHARS_PER_INCH - 2, 1)) + cell.count("\n")
        for cell, w in zip(row, widths, strict=True)
    )
    return PAD_IN + LINE_IN * max(lines, 1)


def paginate(
    rows: Sequence[Sequence[str]], widths: Sequence[float], height: float
) -> list[list[Sequence[str]]]:
    """Split rows into pages whose estimated height (plus a header row) fits ``height``."""
    pages: list[list[Sequence[str]]] = [[]]
    used = PAD_IN + LINE_IN
    for row in rows:
        h = row_height(row, widths)
        if pages[-1] and used + h > height:
            pages.append([])
            used = PAD_IN + LINE_IN
        pages[-1].append(row)
        used += h
    return pages


def event_rows(events: gpd.GeoDataFrame, labels: dict[str, str]) -> list[list[str]]:
    """The numbered list as table rows, in full (wrapped by the table, never cut)."""
    rows = []
    for i, ev in enumerate(events.sort_values(["start_date", "id"]).to_dict("records"), 1):
        zones = [labels.get(z, z) for z in [*ev.get("entered", []), *ev.get("crossed", [])]]
        rows.append(
            [
                str(i),
                event_date(ev),
                ev["name"],
                main_assets(ev["assets"]),
                ", ".join(zones) or "—",
                reporters(ev, top=3),
            ]
        )
    return rows


def build_deck(
    b: Briefing,
    *,
    max_regions: int = 6,
    progress: Callable[[float, str], None] | None = None,
    palette: str = "colour",
) -> Any:
    """Build the deck as a :class:`pptx.Presentation`.

    Parameters
    ----------
    b : Briefing
        The view.
    max_regions : int
        Region slides when the view selects no region: the regions with most events.
    progress : callable, optional
        ``progress(fraction, message)`` for a progress bar.
    palette : str
        ``colour`` or ``greyscale`` figures.
    """
    step = progress or (lambda _f, _m: None)
    shown = b.require_events()
    d = _Deck(b)
    names = b.catalog.region_names()
    labels = {z["id"]: zone_label(z, b.layers.naming) for z in b.catalog.zones.to_dict("records")}
    chosen = sorted(b.view.regions) or list(stats.by_region(shown).index[:max_regions])
    years = b.view.years or (int(shown["year_start"].min()), int(shown["year_end"].max()))

    s = d.prs.slides.add_slide(d.blank)
    d.text(s, b.heading(), MARGIN, Inches(2.2), W - 2 * MARGIN, Inches(1.4), 36, bold=True)
    d.text(s, b.subtitle(), MARGIN, Inches(3.7), W - 2 * MARGIN, Inches(0.8), 18, colour=GREY)
    d.text(
        s,
        f"{len(shown)} events · {b.footer()}",
        MARGIN,
        Inches(4.5),
        W - 2 * MARGIN,
        Inches(1.0),
        12,
        colour=GREY,
    )
    s.notes_slide.notes_text_frame.text = "Sources of every event shown:\n" + _citations(shown)

    points = stats.key_points(shown, b.catalog.events, years, labels)
    by_id = shown.set_index("id")
    s = d.slide(
        "Key points",
        "\n\n".join(
            p["text"]
            + "\nEvents: "
            + "; ".join(
                f"{by_id.loc[i, 'name']} ({by_id.loc[i, 'start']})" for i in p["events"][:40]
            )
            for p in points
        ),
    )
    d.text(
        s,
        "\n".join(f"• {p['text']}" for p in points),
        MARGIN,
        Inches(1.2),
        W - 2 * MARGIN,
        H - Inches(2.0),
        18,
    )

    with browser.browser() as chrome:
        step(0.1, "Drawing the overview figure")
        opts = FigureOptions(palette=palette, list_panel=False)
        overview = compose(b, opts)
        d.full_picture(_png(chrome, overview.svg), _citations(shown))
        _list_slides(d, "Overview", shown, labels)
        for i, rid in enumerate(chosen):
            sub = shown[shown["regions"].map(lambda rs, r=rid: r in rs)]
            if sub.empty:
                continue
            step(0.2 + 0.6 * i / max(len(chosen), 1), f"Drawing {names.get(rid, rid)}")
            rb = replace(b, view=replace(b.view, regions=frozenset({rid})), title=None, extent=None)
            fig = compose(rb, opts)
            d.full_picture(_png(chrome, fig.svg), _citations(sub))
            _list_slides(d, names.get(rid, rid), sub, labels)
        step(0.85, "Trend, calendar and sources")
        _trend_slide(d, shown)
        cal = calendar_svg(
            shown,
            years,
            title="When in the year: joint activities by start month",
            subtitle=f"{len(shown)} events · {b.subtitle()}",
            footer=f"Counted once, in the month each activity started. {b.footer()}",
        )
        d.full_picture(_png(chrome, cal), "Counts by start month; see the sources slides.")
    _source_slides(d, shown)
    step(1.0, "Deck ready")
    return d.prs


def _png(chrome: Any, svg: str) -> bytes:
    return browser.svg_png(chrome, svg, 1920, 1080, 1.0)


def _list_slides(d: _Deck, where: str, events: gpd.GeoDataFrame, labels: dict[str, str]) -> None:
    """The numbered events of a figure, as wrapped table rows over as many slides as needed."""
    rows = event_rows(events, labels)
    tw = W - 2 * MARGIN
    widths_in = [tw / EMU_IN * f for f in FRACS]
    pages = paginate(rows, widths_in, (TABLE_BOTTOM - TABLE_TOP) / EMU_IN)
    for k, page in enumerate(pages):
        cont = f" ({k + 1}/{len(pages)})" if len(pages) > 1 else ""
        ids = {r[0] for r in page}
        sub = events.sort_values(["start_date", "id"]).iloc[
            [int(i) - 1 for i in sorted(ids, key=int)]
        ]
        s = d.slide(f"{where}: the numbered events{cont}", _citations(sub))
        table = [list(COLUMNS), *page]
        heights = [row_height(r, widths_in) for r in table]
        d.table(s, table, MARGIN, TABLE_TOP, tw, FRACS, heights)


def _trend_slide(d: _Deck, shown: gpd.GeoDataFrame) -> None:
    table = stats.by_year_kind(shown)
    s = d.slide(
        "Joint activities per year, by kind",
        f"{stats.ACTIVITY_RULE} Source: the dataset; see the sources slides.",
    )
    data = CategoryChartData()
    data.categories = [str(y) for y in table.index]
    kinds = [k for k in KINDS if k in table.columns]
    for k in kinds:
        data.add_series(KIND_STYLES[k].label, [int(v) for v in table[k]])
    frame = s.shapes.add_chart(
        XL_CHART_TYPE.COLUMN_STACKED, MARGIN, Inches(1.0), W - 2 * MARGIN, H - Inches(1.6), data
    )
    chart = frame.chart
    chart.has_legend, chart.legend.position = True, XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    chart.legend.font.size = Pt(11)
    for series, k in zip(chart.series, kinds, strict=True):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = _rgb(KIND_STYLES[k].color)


def source_lines(shown: gpd.GeoDataFrame) -> list[str]:
    """One compact line per event: its date, name and publishers with dates."""
    out = []
    for ev in shown.sort_values(["start_date", "id"]).to_dict("records"):
        srcs = "; ".join(f"{s.get('publisher')} ({s.get('date')})" for s in ev["sources"])
        out.append(f"{event_date(ev)} · {ev['name']}: {srcs}")
    return out


def _source_slides(d: _Deck, shown: gpd.GeoDataFrame) -> None:
    """The sources as a compact appendix: publisher and date per source.

    Titles and links are in the notes (and in the data exports).
    """
    lines = source_lines(shown)
    widths = [(W - 2 * MARGIN) / EMU_IN]
    pages = paginate([[line] for line in lines], widths, (TABLE_BOTTOM - TABLE_TOP) / EMU_IN)
    for k, page in enumerate(pages):
        chunk = [r[0] for r in page]
        idx = [lines.index(c) for c in chunk]
        sub = shown.sort_values(["start_date", "id"]).iloc[idx]
        s = d.slide(f"Sources ({k + 1}/{len(pages)})", _citations(sub))
        d.text(s, "\n".join(chunk), MARGIN, TABLE_TOP, W - 2 * MARGIN, TABLE_BOTTOM - TABLE_TOP, 10)


def deck_bytes(
    b: Briefing,
    *,
    max_regions: int = 6,
    progress: Callable[[float, str], None] | None = None,
    palette: str = "colour",
) -> bytes:
    """The briefing deck as PPTX bytes; see :func:`build_deck`.

    Raises
    ------
    EmptyViewError
        When the view shows no events.
    """
    b.require_events()
    buf = io.BytesIO()
    build_deck(b, max_regions=max_regions, progress=progress, palette=palette).save(buf)
    return buf.getvalue()


__all__ = ["View", "build_deck", "deck_bytes", "paginate"]
