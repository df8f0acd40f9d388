"""Counts of events by year, kind and region."""

from __future__ import annotations

import pandas as pd

from geo.schema import KINDS


def by_year_kind(events: pd.DataFrame) -> pd.DataFrame:
    """Events per start year (rows) and kind (columns).

    An event is counted once, in the year it started; rows cover every year from the
    first to the last start year, so gaps show as zeros.

    Parameters
    ----------
    events : pandas.DataFrame
        With ``year_start`` and ``kind`` columns.

    Returns
    -------
    pandas.DataFrame
        Integer counts, index ``year``, columns in the order of :data:`geo.schema.KINDS`
        (kinds with no events omitted).
    """
    if len(events) == 0:
        return pd.DataFrame(index=pd.Index([], name="year", dtype=int))
    table = pd.crosstab(events["year_start"].astype(int), events["kind"])
    years = range(int(table.index.min()), int(table.index.max()) + 1)
    table = table.reindex(years, fill_value=0)
    table.index.name = "year"
    table.columns.name = None
    return table[[k for k in KINDS if k in table.columns]].astype(int)


def by_year(events: pd.DataFrame) -> pd.Series:
    """Events per start year; see :func:`by_year_kind`."""
    return by_year_kind(events).sum(axis=1).rename("events")


def by_region(events: pd.DataFrame) -> pd.Series:
    """Events per region; an event in two regions counts in each."""
    if len(events) == 0:
        return pd.Series(dtype=int, name="events")
    exploded = events[["id", "regions"]].explode("regions").dropna()
    return exploded.groupby("regions")["id"].nunique().rename("events").sort_values(ascending=False)
