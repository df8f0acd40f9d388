"""Which text can be shown and exported unchanged (shared by the catalog and uploads)."""

from __future__ import annotations

import re

MAX_TEXT = 10_000  # characters in one field
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def text_problem(value: str, limit: int = MAX_TEXT) -> str | None:
    """Why ``value`` cannot be kept as it is (``None`` when it can).

    Unpaired surrogates cannot be encoded as UTF-8, NUL and other control characters
    cannot be written to KML (XML 1.0) and break CSV and HTML consumers; they are refused
    rather than silently altered.
    """
    if m := _SURROGATE.search(value):
        return (
            f"expected valid Unicode text, got an unpaired surrogate "
            f"U+{ord(m.group()):04X} at character {m.start()}"
        )
    if "\x00" in value:
        return (
            f"expected text without NUL characters, got U+0000 at character "
            f"{value.index(chr(0))} (NUL cannot be kept in CSV, KML or HTML)"
        )
    if m := _CONTROL.search(value):
        return (
            f"expected text without control characters, got "
            f"U+{ord(m.group()):04X} at character {m.start()}"
        )
    if len(value) > limit:
        return f"expected at most {limit:,} characters, got {len(value):,}"
    return None
