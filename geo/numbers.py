"""One strict rule for numbers in users' files, whatever the format.

Python's own ``float()`` reads ``13_5`` as 135, ``infinity`` and ``1e999`` as infinite, and
``int()`` refuses a number of 5,000 digits with a ValueError about its own limits; a
coordinate cell is none of those. A number here is plain decimal text: an optional sign,
digits with an optional decimal point, an optional exponent, at most
:data:`MAX_NUMBER_CHARS` characters, and finite.
"""

from __future__ import annotations

import json
import math
import re

MAX_NUMBER_CHARS = 40  # far more than any coordinate needs (17 significant digits)
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d{1,3})?")


def parse_number(text: str) -> float:
    """The value of a decimal number written as text.

    Parameters
    ----------
    text : str
        A cell or token, surrounding spaces allowed.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        Naming what was expected and what was got: not plain decimal text (``13_5``,
        ``0x10``, ``nan``, ``1,5``), too long, or not finite.
    """
    t = text.strip()
    shown = t if len(t) <= 24 else f"{t[:20]}… ({len(t)} characters)"
    if len(t) > MAX_NUMBER_CHARS:
        raise ValueError(
            f"expected a number of at most {MAX_NUMBER_CHARS} characters, got {shown!r}"
        )
    if not _NUMBER.fullmatch(t):
        raise ValueError(f"expected a decimal number such as 135.5, got {shown!r}")
    value = float(t)
    if not math.isfinite(value):
        raise ValueError(f"expected a finite number, got {shown!r}")
    return value


_WKT_TOKEN = re.compile(r"[^\s(),]+")


def check_wkt_numbers(wkt: str) -> None:
    """Hold every number in a WKT text to :func:`parse_number`'s rule.

    GEOS reads ``0x10`` as 16 without a word; words (``POINT``,
    ``EMPTY``, ``Z``) are left to the WKT reader.

    Raises
    ------
    ValueError
        For the first token that is neither a word nor a plain decimal number.
    """
    for token in _WKT_TOKEN.findall(wkt):
        if not token.isalpha():
            parse_number(token)


def json_number(text: str) -> float:
    """``json.loads``'s reader for numbers: a float, infinite when it is too long to be one.

    An infinite value is then rejected for its record ("expected finite [lon, lat]"),
    where Python's own readers would raise for the whole file (``int`` of 5,000 digits,
    ``float`` of a huge ``int``).
    """
    try:
        return parse_number(text)
    except ValueError:
        return math.inf


def json_int(text: str) -> int | float:
    """``json.loads``'s reader for integers: an int, infinite when absurdly long (see above)."""
    return int(text) if len(text) <= MAX_NUMBER_CHARS else math.inf


class DuplicateKeyError(ValueError):
    """A JSON object names one key twice (``json`` would silently keep the last value)."""


def _unique(pairs: list[tuple[str, object]]) -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in pairs:
        if key in out:
            shown = key if len(key) <= 40 else key[:37] + "…"
            raise DuplicateKeyError(f"expected each key once in an object, got {shown!r} twice")
        out[key] = value
    return out


def loads(text: str) -> object:
    """:func:`json.loads` with the numbers rule and unique keys.

    No number makes the whole file fail; a key given twice in one object raises
    :class:`DuplicateKeyError` (a ``ValueError``) instead of losing a value silently.
    """
    return json.loads(text, parse_int=json_int, parse_float=json_number, object_pairs_hook=_unique)
