"""The seasonality calendar: joint activities by start month (columns) and year (rows).

Each cell gives its count as a number (so the shading never carries meaning alone), shaded
along the style table's ordered ramp.
"""

from __future__ import annotations

import pandas as pd

from geo import stats
from geo.titles import MONTHS
from layers.export.svgmap import attr, esc, text
from layers.styles import AGGREGATE_RAMP


def calendar_svg(
    events: pd.DataFrame,
    years: tuple[int, int],
    *,
    title: str,
    subtitle: str = "",
    footer: str = "",
    width: int = 1920,
    height: int = 1080,
) -> str:
    """The calendar as a standalone SVG figure.

    Parameters
    ----------
    events : pandas.DataFrame
        With ``start_date``.
    years : tuple of int
        The rows (first and last year).
    title, subtitle, footer : str
        Printed above and below the grid.
    width, height : int
        Size in pixels.
    """
    table = stats.by_year_month(events, years)
    rows, top = len(table), int(table.to_numpy().max()) if len(table) else 0
    x0, y0 = 150.0, 170.0
    cw = (width - x0 - 60) / 12
    ch = min((height - y0 - 110) / max(rows, 1), 64.0)
    out = [
        text(40, 50, title, 30, bold=True, halo=False, cls="title"),
        text(40, 88, subtitle, 16, halo=False, colour="#444444", cls="subtitle"),
    ]
    for m in range(12):
        out.append(
            text(
                x0 + (m + 0.5) * cw,
                y0 - 22,
                MONTHS[m][:3],
                15,
                anchor="middle",
                bold=True,
                halo=False,
            )
        )
    ramp = AGGREGATE_RAMP
    for r, (year, row) in enumerate(table.iterrows()):
        y = y0 + r * ch
        out.append(text(x0 - 16, y + ch / 2, str(year), 15, anchor="end", bold=True, halo=False))
        for m, n in enumerate(row.tolist()):
            fill = (
                "#f4f4f4"
                if n == 0
                else ramp[min(len(ramp) - 1, (n - 1) * len(ramp) // max(top, 1))]
            )
            colour = (
                "#ffffff"
                if n and (n - 1) * len(ramp) // max(top, 1) >= len(ramp) / 2
                else "#222222"
            )
            out.append(
                f'<rect x="{x0 + m * cw + 1:.1f}" y="{y + 1:.1f}" width="{cw - 2:.1f}" '
                f'height="{ch - 2:.1f}" fill="{fill}" rx="3"/>'
            )
            if n:
                out.append(
                    text(
                        x0 + (m + 0.5) * cw,
                        y + ch / 2,
                        str(n),
                        16,
                        anchor="middle",
                        bold=True,
                        halo=False,
                        colour=colour,
                        cls="cell",
                    )
                )
    totals = table.sum(axis=0).tolist()
    y = y0 + rows * ch + 26
    out.append(text(x0 - 16, y, "All", 15, anchor="end", bold=True, halo=False))
    for m, n in enumerate(totals):
        out.append(text(x0 + (m + 0.5) * cw, y, str(n), 15, anchor="middle", halo=False))
    if footer:
        out.append(
            text(40, height - 30, footer, 13, halo=False, colour="#444444", cls="source-line")
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family={attr("DejaVu Sans, sans-serif")}>'
        f'<title>{esc(title)}</title><rect width="{width}" height="{height}" '
        f'fill="#ffffff"/>{"".join(out)}</svg>'
    )
