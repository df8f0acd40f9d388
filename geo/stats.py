"""Counts of events by year, kind and region."""

from __future__ import annotations

from typing import TypedDict

import pandas as pd

from geo.schema import KINDS

ACTIVITY_RULE = (
    "Each activity is counted once: a record that is a phase of another (a naval episode of "
    "a strategic exercise) or the same deployment of the same ships under another name "
    "links to it (part_of) and is counted under it, in the year and month the activity "
    "started."
)


def counted(events: pd.DataFrame) -> pd.DataFrame:
    """One row per activity, under :data:`ACTIVITY_RULE`.

    A record with ``part_of`` is dropped when its parent is among ``events``; phases whose
    parent is not there stand for it, once (the first in the frame's order, which is start
    order for a catalog).

    Parameters
    ----------
    events : pandas.DataFrame
        With ``id`` and, optionally, ``part_of``.

    Returns
    -------
    pandas.DataFrame
        A subset of ``events``, in their order.
    """
    if len(events) == 0 or "part_of" not in events.columns:
        return events
    ids = list(events["id"])
    present = set(ids)
    chosen: dict[str, int] = {}
    for pos, (rid, parent) in enumerate(zip(ids, events["part_of"], strict=True)):
        parent = parent if isinstance(parent, str) and parent else None
        if parent in present:
            continue  # counted with its parent
        chosen.setdefault(parent or rid, pos)  # in start order: the earliest phase stands
    return events.iloc[sorted(chosen.values())]


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
    events = counted(events)
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
    """Activities per region; an activity in two regions counts in each."""
    events = counted(events)
    if len(events) == 0:
        return pd.Series(dtype=int, name="events")
    exploded = events[["id", "regions"]].explode("regions").dropna()
    return exploded.groupby("regions")["id"].nunique().rename("events").sort_values(ascending=False)


def by_year_month(events: pd.DataFrame, years: tuple[int, int] | None = None) -> pd.DataFrame:
    """Events per start year (rows) and start month (columns 1–12): the seasonality.

    An event is counted once, in the month it started (a record dated only to the month
    counts in that month).

    Parameters
    ----------
    events : pandas.DataFrame
        With a ``start_date`` column.
    years : tuple of int, optional
        Rows to show (default: the first to the last start year).

    Returns
    -------
    pandas.DataFrame
        Integer counts, index ``year``, columns ``1`` … ``12``.
    """
    months = list(range(1, 13))
    events = counted(events)
    if len(events) == 0 and years is None:
        return pd.DataFrame(columns=months, index=pd.Index([], name="year", dtype=int))
    starts = events["start_date"]
    frame = pd.DataFrame({"year": [d.year for d in starts], "month": [d.month for d in starts]})
    table = pd.crosstab(frame["year"], frame["month"]) if len(frame) else pd.DataFrame()
    lo, hi = years or (int(table.index.min()), int(table.index.max()))
    table = table.reindex(index=range(lo, hi + 1), columns=months, fill_value=0).fillna(0)
    table.index.name = "year"
    table.columns.name = None
    return table.astype(int)


class KeyPoint(TypedDict):
    """One point for a briefing, and the ids of the events behind it."""

    text: str
    events: list[str]


def key_points(
    events: pd.DataFrame, record: pd.DataFrame, years: tuple[int, int], zone_labels: dict[str, str]
) -> list[KeyPoint]:
    """Points a briefer leads with, each with the ids of the events behind it.

    Counts in the years and against the period of the same length before; the firsts (an
    event the first of its kind in the whole record); the zones entered most; the longest
    route (geodesic length). Returns dicts ``text`` and ``events`` (ids).
    """
    from geo.analysis import route_km

    lo, hi = years
    span = hi - lo + 1
    out: list[KeyPoint] = []
    before = record[(record["year_start"] >= lo - span) & (record["year_start"] <= lo - 1)]
    n, m = len(counted(events)), len(counted(before))
    first = int(record["year_start"].min()) if len(record) else lo
    change = (
        f"{n - m:+d} against {lo - span}–{lo - 1} ({m})"
        if lo - span >= first
        else f"the record begins in {first}"
    )
    out.append(
        {"text": f"{n} joint activities in {lo}–{hi} ({change}).", "events": list(events["id"])}
    )
    by_kind = counted(events)["kind"].value_counts()
    if len(by_kind):
        from geo.schema import KIND_LABELS

        parts = [f"{c} {KIND_LABELS[k].lower()}" for k, c in by_kind.items()]
        out.append({"text": "By kind: " + ", ".join(parts) + ".", "events": list(events["id"])})
    firsts = record.sort_values("start_date").drop_duplicates("kind")
    for ev in firsts[firsts["id"].isin(events["id"])].to_dict("records"):
        out.append(
            {
                "text": f"First of its kind in the record: {ev['name']} ({ev['start']}).",
                "events": [ev["id"]],
            }
        )
    counts: dict[str, list[str]] = {}
    for ev in events.to_dict("records"):
        for z in {*ev.get("entered", []), *ev.get("crossed", [])}:
            counts.setdefault(z, []).append(ev["id"])
    for z, ids in sorted(counts.items(), key=lambda t: -len(t[1]))[:3]:
        out.append(
            {"text": f"{len(ids)} entered or crossed {zone_labels.get(z, z)}.", "events": ids}
        )
    routes = events[events.geom_type.isin(["LineString", "MultiLineString"])]
    if len(routes):
        km = [route_km(g) for g in routes.geometry]
        i = max(range(len(km)), key=km.__getitem__)
        ev = routes.iloc[i]
        out.append(
            {
                "text": f"Longest route: {ev['name']} ({ev['start']}), about "
                f"{km[i]:,.0f} km as drawn.",
                "events": [ev["id"]],
            }
        )
    return out
