"""Zones through time: which zones (and which version of a zone) were in force when.

A zone record applies from ``valid_from`` (none: since before the record begins) to
``valid_to`` (none: still in force); a zone that changed shape is one record per version,
the versions sharing a ``family``. Route facts use only the zones in force during an event,
so an event before a zone existed never "entered" it.
"""

from __future__ import annotations

from datetime import date
from typing import Any


def in_force(zone: Any, start: date, end: date) -> bool:
    """Whether ``zone`` applied at some time between ``start`` and ``end`` (inclusive).

    ``zone`` is a row with ``from_date`` and ``to_date`` (dates or ``None``).
    """
    first, last = zone["from_date"], zone["to_date"]
    return (first is None or first <= end) and (last is None or last >= start)


def validity(zone: Any) -> str:
    """The validity of a zone in words.

    ``from 2013-11-23``, ``2001-09-28 to 2013-12-14``, or ``throughout the record``.
    """
    first, last = zone.get("valid_from"), zone.get("valid_to")
    if first and last:
        return f"{first} to {last}"
    if first:
        return f"from {first}"
    if last:
        return f"until {last}"
    return "throughout the record"


def as_of_years(
    zones: list[dict[str, Any]], lo: int | None, hi: int | None
) -> tuple[list[bool], list[str]]:
    """Which zones a map of the years ``lo``–``hi`` shows, and the notes its legend gives.

    Per family, the latest version in force at some time in the range is shown; a note
    says when a shown zone came into force inside the range. The map in the browser does
    the same (``layers/js/zones.js``, ``JointMap.zonesInYears``); both are tested against
    one table of cases.

    Parameters
    ----------
    zones : list of dict
        ``family``, ``label``, ``t0``/``t1`` (ISO dates or ``None``), ``drawn``.
    lo, hi : int or None
        The years (``None``: every year, and no notes).

    Returns
    -------
    shown : list of bool
        Per zone.
    notes : list of str
        For the legend.
    """
    start = "0000-01-01" if lo is None else f"{lo:04d}-01-01"
    end = "9999-12-31" if hi is None else f"{hi:04d}-12-31"
    best: dict[str, int] = {}
    for i, z in enumerate(zones):
        if (z["t0"] and z["t0"] > end) or (z["t1"] and z["t1"] < start):
            continue
        b = best.get(z["family"])
        if b is None or (zones[b]["t0"] or "") < (z["t0"] or ""):
            best[z["family"]] = i
    shown = [best.get(z["family"]) == i for i, z in enumerate(zones)]
    notes: list[str] = []
    if lo is not None:
        for i, z in enumerate(zones):
            if not shown[i] or not z.get("drawn", True) or not z["t0"] or z["t0"] <= start:
                continue
            earlier = [
                o
                for k, o in enumerate(zones)
                if k != i
                and o["family"] == z["family"]
                and (not o["t1"] or o["t1"] >= start)
                and (not o["t0"] or o["t0"] <= end)
            ]
            notes.append(
                f"{z['label']}: the shape in force from {z['t0']} is shown"
                if earlier
                else f"{z['label']}: in force only from {z['t0']}"
            )
    return shown, notes
