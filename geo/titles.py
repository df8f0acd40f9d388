"""Titles made from what a view shows: what, where and when, in words.

"Joint China–Russia bomber patrol near Alaska and the Bering Sea, July 2024" for one event;
"Joint China–Russia bomber patrols near the Sea of Japan, 2019–2025" for a series.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import pandas as pd

# what one event of a kind is called in a title, singular and plural
KIND_NOUNS: dict[str, tuple[str, str]] = {
    "air_patrol": ("bomber patrol", "bomber patrols"),
    "naval_patrol": ("naval patrol", "naval patrols"),
    "naval_exercise": ("naval exercise", "naval exercises"),
    "land_exercise": ("land exercise", "land exercises"),
    "counter_terrorism_exercise": ("counter-terrorism exercise", "counter-terrorism exercises"),
    "coast_guard_patrol": ("coast-guard patrol", "coast-guard patrols"),
    "coast_guard_exercise": ("coast-guard exercise", "coast-guard exercises"),
    "missile_defense_exercise": ("missile-defence exercise", "missile-defence exercises"),
    "other": ("activity", "activities"),
}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip


def period(first: date, last: date) -> str:
    """``July 2024``, ``March–May 2023``, ``2024``, or ``2019–2025``."""
    if (first.year, first.month) == (last.year, last.month):
        return f"{MONTHS[first.month - 1]} {first.year}"
    if first.year == last.year:
        if first.month == 1 and last.month == 12:
            return str(first.year)
        return f"{MONTHS[first.month - 1]}–{MONTHS[last.month - 1]} {first.year}"
    return f"{first.year}–{last.year}"


def what(kinds: Sequence[str]) -> str:
    """What a set of events is, in a title's words.

    ``Joint China–Russia bomber patrol`` (one event), ``... naval exercises`` (one kind), or
    ``Joint China–Russia military activity`` (mixed).
    """
    distinct = sorted(set(kinds))
    if len(distinct) != 1:
        return "Joint China–Russia military activity"
    one, many = KIND_NOUNS.get(distinct[0], ("activity", "activities"))
    return f"Joint China–Russia {one if len(kinds) == 1 else many}"


def where(region_ids: Sequence[str], names: Mapping[str, str]) -> str:
    """`` near Alaska and the Bering Sea``, `` in Central Asia`` (two regions at most)."""
    if not region_ids or len(region_ids) > 2:
        return ""
    labels = [_with_article(names.get(r, r).split(" (")[0]) for r in sorted(region_ids)]
    land = all(
        any(w in label for w in _LAND_WORDS) and not any(w in label for w in _SEA_WORDS)
        for label in labels
    )
    return (" in " if land else " near ") + " and ".join(labels)


_LAND_WORDS = ("Asia", "Russia", "China", "Mongolia", "Africa")


_SEA_WORDS = ("Sea", "Ocean", "Pacific", "Arctic", "Gulf", "Strait", "Channel")
_LEADS = ("Sea", "East", "South", "North", "West", "Western", "Eastern", "Arctic", "Gulf",
          "Strait", "Northern", "Southern", "Central")  # fmt: skip


def _with_article(name: str) -> str:
    """``the Sea of Japan``, ``the South China Sea``; ``Alaska and the Bering Sea`` as is."""
    first = name.split()[0] if name else ""
    if first in _LEADS and any(w in name for w in _SEA_WORDS):
        return "the " + name
    return name


def title_for(events: pd.DataFrame, region_ids: Sequence[str], names: Mapping[str, str]) -> str:
    """The title of a figure of ``events`` (start- and end-dated rows) in the regions chosen.

    Parameters
    ----------
    events : pandas.DataFrame
        With ``kind``, ``start_date`` and ``end_date``.
    region_ids : sequence of str
        The regions the view selects (none: the title names no place).
    names : mapping
        Region id -> display name.

    Returns
    -------
    str
        For example ``Joint China–Russia bomber patrol near Alaska and the Bering Sea,
        July 2024``.
    """
    if len(events) == 0:
        return "Joint China–Russia military activity"
    when = period(min(events["start_date"]), max(events["end_date"]))
    return f"{what(list(events['kind']))}{where(region_ids, names)}, {when}"
