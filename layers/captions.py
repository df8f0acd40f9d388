"""Words shared by the page and every export: the filter line, citations, data attribution."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from geo.schema import COUNTRY_NAMES, KIND_LABELS
from geo.view import View, Years

DATA_SOURCES = (
    "Data: curated from official releases (PRC MND, Russian MoD, Japan JSO, ROK JCS, "
    "NORAD/USCG) and press reports; sources per event."
)


def describe_view(view: View, region_names: Mapping[str, str], years: Years) -> str:
    """One line naming the active filters, e.g. for a caption or an export subtitle.

    Parameters
    ----------
    view : View
        The filters.
    region_names : mapping
        Region id -> display name.
    years : tuple of int
        The record's year span, shown when the view does not filter by year.

    Returns
    -------
    str
        For example ``2019–2024 · regions: Sea of Japan · kinds: all · participants: all``.
    """
    lo, hi = view.years or years
    parts = [f"{lo}–{hi}" if lo != hi else str(lo)]
    parts.append(
        "regions: "
        + (
            ", ".join(sorted(region_names.get(r, r) for r in view.regions))
            if view.regions
            else "all"
        )
    )
    parts.append(
        "kinds: "
        + (", ".join(sorted(KIND_LABELS.get(k, k) for k in view.kinds)) if view.kinds else "all")
    )
    parts.append(
        "participants: "
        + (
            ", ".join(sorted(COUNTRY_NAMES.get(p, p) for p in view.participants))
            if view.participants
            else "all"
        )
    )
    return " · ".join(parts)


def citation(source: Mapping[str, Any]) -> str:
    """One-line citation: ``Publisher, “Title”, date, table, url`` (the parts present)."""
    parts = [
        source.get("publisher"),
        f"“{source['title']}”" if source.get("title") else None,
        source.get("date"),
        source.get("table"),
        source.get("url"),
    ]
    return ", ".join(str(p) for p in parts if p)
