"""Apply a :class:`~geo.view.View` to the events frame (pure functions)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import geopandas as gpd
import pandas as pd

from geo.view import View, Years

if TYPE_CHECKING:
    from geo.upload import Upload


def _any_in(series: pd.Series, wanted: frozenset[str]) -> pd.Series:
    return series.map(lambda values: bool(wanted.intersection(values)))


def mask(events: gpd.GeoDataFrame, view: View) -> pd.Series:
    """Boolean mask of the events the view shows.

    An event matches a year range it overlaps (bounds inclusive); it matches a set filter
    when it shares at least one value with it (an event in two regions matches either).

    Parameters
    ----------
    events : geopandas.GeoDataFrame
        Catalog events with ``year_start``, ``year_end``, ``kind``, ``regions`` and
        ``participants`` columns.
    view : View

    Returns
    -------
    pandas.Series of bool, aligned with ``events``.
    """
    keep = pd.Series(True, index=events.index)
    if view.years is not None:
        lo, hi = view.years
        keep &= (events["year_start"] <= hi) & (events["year_end"] >= lo)
    if view.kinds:
        keep &= events["kind"].isin(sorted(view.kinds))
    if view.regions:
        keep &= _any_in(events["regions"], view.regions)
    if view.participants:
        keep &= _any_in(events["participants"], view.participants)
    return keep.astype(bool)


def apply(events: gpd.GeoDataFrame, view: View) -> gpd.GeoDataFrame:
    """Return the events the view shows, in start-date order.

    Parameters
    ----------
    events : geopandas.GeoDataFrame
    view : View

    Returns
    -------
    geopandas.GeoDataFrame
        A filtered copy; may be empty.
    """
    out = events[mask(events, view)]
    if "order" in out:  # the catalog's precomputed start-date rank
        return out if out["order"].is_monotonic_increasing else out.sort_values("order")
    return out.sort_values(["start_date", "id"], kind="stable")


def in_years(upload: Upload, years: Years | None) -> Upload:
    """The upload with only the records overlapping ``years`` (inclusive); all if ``None``."""
    if years is None or not upload.loaded:
        return upload
    r = upload.records
    keep = (r["year_start"] <= years[1]) & (r["year_end"] >= years[0])
    return replace(upload, records=r[keep.astype(bool)])
