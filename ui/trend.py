"""The Trend tab.

Events per year stacked by kind (colours from the style table), and the research paper's
claims checked against the record.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from geo import stats
from geo.claims import COUNTING_RULE, Claims, check
from geo.schema import KINDS
from geo.titles import MONTHS
from layers.captions import citation
from layers.styles import AGGREGATE_RAMP, KIND_STYLES


def trend_data(events: pd.DataFrame, years: tuple[int, int]) -> pd.DataFrame:
    """Long table ``year, kind, label, events`` for every year in ``years`` (zeros kept)."""
    table = stats.by_year_kind(events)
    table = table.reindex(range(years[0], years[1] + 1), fill_value=0)
    long = table.reset_index().melt(id_vars="year", var_name="kind", value_name="events")
    long["label"] = long["kind"].map(lambda k: KIND_STYLES[k].label)
    return long


def trend_chart(
    events: pd.DataFrame, years: tuple[int, int], selected: tuple[int, int] | None = None
) -> alt.Chart:
    """Stacked bars of events per start year; years outside ``selected`` are faded.

    Parameters
    ----------
    events : pandas.DataFrame
        Events to count (already filtered by region, kind, participants).
    years : tuple of int
        First and last year on the axis.
    selected : tuple of int, optional
        The year range chosen on the slider.
    """
    data = trend_data(events, years)
    order = [k for k in KINDS if k in set(data["kind"])]
    lo, hi = selected or years
    return (
        alt.Chart(data, title="Joint China–Russia activities per year (by start year)")
        .mark_bar()
        .encode(
            x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("sum(events):Q", title="events", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color(
                "label:N",
                title="Kind",
                scale=alt.Scale(
                    domain=[KIND_STYLES[k].label for k in order],
                    range=[KIND_STYLES[k].color for k in order],
                ),
                legend=alt.Legend(orient="bottom", columns=3),
            ),
            order=alt.Order("kind_rank:Q"),
            opacity=alt.condition(
                f"datum.year >= {int(lo)} && datum.year <= {int(hi)}",
                alt.value(1.0),
                alt.value(0.3),
            ),
            tooltip=["year:O", "label:N", "events:Q"],
        )
        .transform_calculate(kind_rank=f"indexof({order!r}, datum.kind)")
        .properties(height=380)
    )


def calendar_chart(events: pd.DataFrame, years: tuple[int, int]) -> alt.LayerChart:
    """The seasonality calendar: events by start month and year, counts printed in cells."""
    table = stats.by_year_month(events, years)
    long = table.reset_index().melt(id_vars="year", var_name="month", value_name="events")
    long["name"] = long["month"].map(lambda m: MONTHS[int(m) - 1][:3])
    base = alt.Chart(long, title="When in the year: joint activities by start month").encode(
        x=alt.X(
            "name:O",
            sort=[m[:3] for m in MONTHS],
            title=None,
            axis=alt.Axis(labelAngle=0, orient="top"),
        ),
        y=alt.Y("year:O", title=None),
    )
    cells = base.mark_rect(stroke="#ffffff").encode(
        color=alt.condition(
            "datum.events > 0",
            alt.Color("events:Q", scale=alt.Scale(range=list(AGGREGATE_RAMP)), legend=None),
            alt.value("#f4f4f4"),
        ),
        tooltip=["year:O", "name:O", "events:Q"],
    )
    counts = base.mark_text(fontWeight="bold").encode(
        text=alt.condition("datum.events > 0", "events:Q", alt.value(""))
    )
    return (cells + counts).properties(height=28 * len(table) + 40)


def trend_tab(
    every_year: pd.DataFrame,
    all_events: int,
    span: tuple[int, int],
    selected: tuple[int, int] | None,
    claims: Claims,
) -> None:
    """The Trend tab: the chart and the claims check.

    Both count every year of the events that match the region, kind and participant filters.
    """
    st.altair_chart(trend_chart(every_year, span, selected), width="stretch")
    st.caption(stats.ACTIVITY_RULE)
    st.altair_chart(calendar_chart(every_year, selected or span), width="stretch")
    st.subheader("Claims check: the research paper's Table 1 against the record")
    st.caption(
        f"Claim: {citation(claims.source)}. {claims.note} Counting rule: "
        f"{COUNTING_RULE} Counted among the events matching the region, kind and "
        f"participant filters ({len(every_year)} of {all_events})."
    )
    st.dataframe(check(every_year, claims), hide_index=True, width="stretch", key="claims")
