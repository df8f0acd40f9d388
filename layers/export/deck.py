"""The 16:9 briefing deck (python-pptx): title, overview map, regions, trend, sources.

Every slide's speaker notes carry the citations behind it; tables are paginated and text is
shortened so that it fits its box (the full text stays in the notes and the sources slides).
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Sequence
from typing import Any

import geopandas as gpd
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.util import Inches, Pt

from geo import stats
from geo.schema import KIND_LABELS, KINDS
from layers.captions import citation
from layers.cards import date_span
from layers.export import browser
from layers.export.briefing import Briefing, export_map, map_png, region_maps
from layers.styles import KIND_STYLES

W, H = Inches(13.333), Inches(7.5)
FRACS = (0.15, 0.35, 0.17, 0.33)  # table column widths: date, event, kind, assets
MARGIN = Inches(0.4)
SOURCES_PER_SLIDE = 14
TABLE_TOP = Inches(1.1)
TABLE_BOTTOM = H - Inches(0.8)
CHARS_PER_INCH = 13.0  # 9-pt text, conservative (LibreOffice and PowerPoint wrap early)
LINE_IN, PAD_IN = 0.18, 0.12
DARK = RGBColor(0x22, 0x22, 0x22)
GREY = RGBColor(0x55, 0x55, 0x55)


def _short(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def _citations(events: gpd.GeoDataFrame) -> str:
    lines = []
    for ev in events.to_dict("records"):
        lines.append(f"{ev['name']} ({date_span(ev['start'], ev['end'])}):")
        lines += [f"  - {citation(s)}" for s in ev["sources"]]
    return "\n".join(lines)


class _Deck:
    def __init__(self, b: Briefing) -> None:
        self.b = b
        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = W, H
        self.blank = self.prs.slide_layouts[6]

    def slide(self, title: str, notes: str = "") -> Any:
        s = self.prs.slides.add_slide(self.blank)
        self.text(s, title, MARGIN, Inches(0.25), W - 2 * MARGIN, Inches(0.7), 26, bold=True)
        foot = f"{self.b.subtitle()} · {self.b.footer()}"
        self.text(
            s,
            _short(foot, 230),
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
        size: int,
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

    def table(
        self, s: Any, rows: Sequence[Sequence[str]], x: int, y: int, w: int, widths: Sequence[float]
    ) -> None:
        shape = s.shapes.add_table(len(rows), len(rows[0]), x, y, w, Inches(0.3) * len(rows))
        tbl = shape.table
        for j, frac in enumerate(widths):
            tbl.columns[j].width = int(w * frac)
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                cell = tbl.cell(i, j)
                cell.text = value
                cell.margin_top = cell.margin_bottom = Inches(0.04)
                for p in cell.text_frame.paragraphs:
                    p.font.size = Pt(10 if i == 0 else 9)
                    p.font.bold = i == 0


def _row_height(row: Sequence[str], widths: Sequence[float]) -> float:
    """Estimated height in inches of a table row whose columns are ``widths`` inches wide."""
    lines = max(
        math.ceil(len(cell) / max(w * CHARS_PER_INCH - 2, 1))
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
        h = _row_height(row, widths)
        if pages[-1] and used + h > height:
            pages.append([])
            used = PAD_IN + LINE_IN
        pages[-1].append(row)
        used += h
    return pages


def _event_rows(events: gpd.GeoDataFrame) -> list[list[str]]:
    return [
        [
            ev["start"],
            _short(ev["name"], 55),
            KIND_LABELS.get(ev["kind"], ev["kind"]),
            _short(ev["assets"], 80),
        ]
        for ev in events.to_dict("records")
    ]


def build_deck(
    b: Briefing,
    *,
    max_regions: int = 6,
    progress: Callable[[float, str], None] | None = None,
) -> Any:
    """Build the deck as a :class:`pptx.Presentation`.

    Parameters
    ----------
    b : Briefing
    max_regions : int
        Region slides when the view selects no region: the regions with most events.
    progress : callable, optional
        ``progress(fraction, message)`` for a progress bar.
    """
    step = progress or (lambda _f, _m: None)
    shown = b.require_events()
    d = _Deck(b)
    names = b.catalog.region_names()
    chosen = sorted(b.view.regions) or list(stats.by_region(shown).index[:max_regions])
    regions = region_maps(b, chosen)

    s = d.prs.slides.add_slide(d.blank)
    d.text(s, b.title, MARGIN, Inches(2.3), W - 2 * MARGIN, Inches(1.2), 40, bold=True)
    d.text(s, b.subtitle(), MARGIN, Inches(3.6), W - 2 * MARGIN, Inches(0.8), 18, colour=GREY)
    d.text(
        s,
        f"{len(shown)} events · {b.footer()}",
        MARGIN,
        Inches(4.4),
        W - 2 * MARGIN,
        Inches(1.0),
        12,
        colour=GREY,
    )
    s.notes_slide.notes_text_frame.text = "Sources of every event shown:\n" + _citations(shown)

    with browser.browser() as chrome:
        step(0.1, "Rendering the overview map")
        png = map_png(export_map(b, static=True), "slide", chrome)
        s = d.slide(f"Overview: {len(shown)} joint activities", _citations(shown))
        top = Inches(1.0)
        ph = H - top - Inches(0.55)
        pw = int(ph * 16 / 9)
        d.picture(s, png, int((W - pw) / 2), top, pw, ph)
        for i, (rid, evs) in enumerate(regions):
            step(0.2 + 0.6 * i / max(len(regions), 1), f"Rendering {names.get(rid, rid)}")
            png = map_png(
                export_map(b, evs, static=True, title=names.get(rid, rid)), "slide", chrome
            )
            rows, done = _event_rows(evs), 0
            pw = Inches(6.4)
            for k in range(len(rows)):  # a page per slide; the first beside the map
                if done >= len(rows):
                    break
                x = MARGIN + (pw + Inches(0.2) if not k else 0)
                tw = W - x - MARGIN
                page = paginate(
                    rows[done:],
                    [tw / 914400 * f for f in FRACS],
                    (TABLE_BOTTOM - TABLE_TOP) / 914400,
                )[0]
                cont = " (continued)" if k else ""
                s = d.slide(
                    f"{names.get(rid, rid)}: {len(evs)} events{cont}",
                    _citations(evs.iloc[done : done + len(page)]),
                )
                if not k:
                    d.picture(s, png, MARGIN, TABLE_TOP, pw, int(pw * 9 / 16))
                d.table(s, [["Date", "Event", "Kind", "Assets"], *page], x, TABLE_TOP, tw, FRACS)
                done += len(page)
    step(0.85, "Trend chart and sources")
    _trend_slide(d, shown)
    _source_slides(d, shown)
    step(1.0, "Deck ready")
    return d.prs


def _trend_slide(d: _Deck, shown: gpd.GeoDataFrame) -> None:
    table = stats.by_year_kind(shown)
    s = d.slide(
        "Joint activities per year, by kind",
        "Counted once, in the year each activity started. Source: the dataset; see "
        "the sources slides.",
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


def _source_slides(d: _Deck, shown: gpd.GeoDataFrame) -> None:
    lines = []
    for ev in shown.to_dict("records"):
        for src in ev["sources"]:
            lines.append(f"{ev['start']} {ev['name']}: {citation(src)}")
    for k in range(0, len(lines), SOURCES_PER_SLIDE):
        chunk = lines[k : k + SOURCES_PER_SLIDE]
        page = k // SOURCES_PER_SLIDE + 1
        total = (len(lines) - 1) // SOURCES_PER_SLIDE + 1
        s = d.slide(f"Sources ({page}/{total})", "\n".join(chunk))
        d.text(
            s,
            "\n".join(_short(line, 210) for line in chunk),
            MARGIN,
            Inches(1.0),
            W - 2 * MARGIN,
            H - Inches(1.6),
            10,
        )


def deck_bytes(
    b: Briefing, *, max_regions: int = 6, progress: Callable[[float, str], None] | None = None
) -> bytes:
    """The briefing deck as PPTX bytes; see :func:`build_deck`.

    Raises
    ------
    EmptyViewError
        When the view shows no events.
    """
    b.require_events()
    buf = io.BytesIO()
    build_deck(b, max_regions=max_regions, progress=progress).save(buf)
    return buf.getvalue()
