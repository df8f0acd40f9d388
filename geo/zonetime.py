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
