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
