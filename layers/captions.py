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
    for label, chosen, names in (
        ("regions", view.regions, region_names),
        ("kinds", view.kinds, KIND_LABELS),
        ("participants", view.participants, COUNTRY_NAMES),
    ):
        shown = ", ".join(sorted(names.get(v, v) for v in chosen)) if chosen else "all"
        parts.append(f"{label}: {shown}")
    return " · ".join(parts)


TITLE_FROM_ADDRESS = "(headline as its address gives it)"
TITLE_NOTES = {"address": TITLE_FROM_ADDRESS, "description": "(a description; headline not seen)"}


def citation(source: Mapping[str, Any]) -> str:
    """One-line citation: ``Publisher, “Title”, date, table, url`` (the parts present)."""
    parts = [
        source.get("publisher"),
        f"“{source['title']}”" if source.get("title") else None,
        TITLE_NOTES.get(str(source.get("title_from"))),
        source.get("date"),
        source.get("table"),
        source.get("url"),
        f"copy: {source['mirror']}" if source.get("mirror") else None,
    ]
    return ", ".join(str(p) for p in parts if p)
