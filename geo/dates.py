"""Partial ISO dates (``YYYY-MM-DD`` or ``YYYY-MM``) as date ranges."""

from __future__ import annotations

import calendar
import re
from datetime import date

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def parse_partial(text: object, *, end: bool = False) -> date:
    """Parse a ``YYYY-MM-DD`` or ``YYYY-MM`` string.

    Parameters
    ----------
    text : object
        The value from the data file.
    end : bool
        For a month-only value, return the month's last day instead of its first.

    Returns
    -------
    datetime.date

    Raises
    ------
    ValueError
        With a message naming the expected forms and the value got.
    """
    if not isinstance(text, str):
        raise ValueError(f"expected a date string YYYY-MM-DD or YYYY-MM, got {type(text).__name__}")
    if m := _DAY.match(text):
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError as exc:
            raise ValueError(f"expected a calendar date YYYY-MM-DD, got {text!r} ({exc})") from None
    if m := _MONTH.match(text):
        year, month = int(m[1]), int(m[2])
        if not 1 <= month <= 12:
            raise ValueError(f"expected a month 01-12 in YYYY-MM, got {text!r}")
        day = calendar.monthrange(year, month)[1] if end else 1
        return date(year, month, day)
    raise ValueError(f"expected a date YYYY-MM-DD or YYYY-MM, got {text!r}")


UNKNOWN_END_SHORT = "No reported end: shown until the last report, marked 'end not reported'."
UNKNOWN_END_RULE = (
    "An activity whose end was not reported is shown and filtered as lasting until its last "
    "reported date (the last day a source reports it going on), or its start when there is "
    "no later report; it is marked 'end not reported' wherever it appears."
)


def span_text(start: str, end: str | None, last_reported: str | None = None) -> str:
    """The dates of an event as the record gives them, an unknown end said as such.

    Parameters
    ----------
    start, end : str
        ``YYYY-MM-DD`` or ``YYYY-MM``; ``end`` is ``None`` or empty when not reported.
    last_reported : str, optional
        The last date a source reports the activity going on (used when ``end`` is unknown).

    Returns
    -------
    str
        ``2024-07-24 – 2024-07-25``, ``2024-07-24``, or
        ``2022-09-15 – end not reported (last reported 2022-10-04)``.
    """
    if end:
        return f"{start} – {end}" if end != start else str(start)
    return f"{start} – {end_note(end, last_reported)}"


def end_note(end: str | None, last_reported: str | None) -> str:
    """``""`` for a reported end, else what the map assumes in its place."""
    if end:
        return ""
    if last_reported:
        return f"end not reported (last reported {last_reported})"
    return "end not reported (shown on its start date)"
