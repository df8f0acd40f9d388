"""The View: what the user asked to see, with a round trip through URL query parameters."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

_YEARS = re.compile(r"^(\d{4})(?:-(\d{4}))?$")


@dataclass(frozen=True)
class View:
    """Filters applied to the catalog. Empty selections mean "all".

    Attributes
    ----------
    years : tuple of int or None
        Inclusive ``(first, last)`` year range; ``None`` for all years.
    regions, kinds, participants : frozenset of str
        Region ids, event kinds, ISO alpha-2 codes; an empty set does not filter.
    """

    years: tuple[int, int] | None = None
    regions: frozenset[str] = field(default_factory=frozenset)
    kinds: frozenset[str] = field(default_factory=frozenset)
    participants: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if self.years is not None:
            lo, hi = self.years
            if lo > hi:
                raise ValueError(f"expected years (first, last) with first <= last, got {lo}-{hi}")
        for name in ("regions", "kinds", "participants"):
            object.__setattr__(self, name, frozenset(getattr(self, name)))

    def with_(self, **changes: object) -> View:
        """Return a copy with some fields replaced."""
        return replace(self, **changes)  # type: ignore[arg-type]

    def to_query(self) -> dict[str, str]:
        """Encode as URL query parameters (only the fields that filter)."""
        q: dict[str, str] = {}
        if self.years is not None:
            q["years"] = f"{self.years[0]}-{self.years[1]}"
        for name in ("regions", "kinds", "participants"):
            values = getattr(self, name)
            if values:
                q[name] = ",".join(sorted(values))
        return q

    @classmethod
    def from_query(
        cls,
        query: Mapping[str, str | list[str]],
        *,
        known: Mapping[str, frozenset[str]] | None = None,
    ) -> tuple[View, list[str]]:
        """Decode URL query parameters, falling back to defaults on bad values.

        Parameters
        ----------
        query : mapping
            Parameters as read from the URL.
        known : mapping, optional
            Allowed values per field (``regions``, ``kinds``, ``participants``); unknown
            values are dropped with a notice.

        Returns
        -------
        view : View
        notices : list of str
            One message per ignored parameter or value, naming what was expected and got.
        """
        notices: list[str] = []

        def one(key: str) -> str | None:
            v = query.get(key)
            if isinstance(v, list):
                v = v[-1] if v else None
            return v

        years = None
        if (raw := one("years")) is not None:
            m = _YEARS.match(raw.strip())
            if m:
                lo, hi = int(m[1]), int(m[2] or m[1])
                if lo <= hi:
                    years = (lo, hi)
            if years is None:
                notices.append(f"years: expected YYYY or YYYY-YYYY (first <= last), got {raw!r}")
        sets: dict[str, frozenset[str]] = {}
        for name in ("regions", "kinds", "participants"):
            raw = one(name)
            values = frozenset(v.strip() for v in (raw or "").split(",") if v.strip())
            if known is not None and name in known:
                unknown = values - known[name]
                if unknown:
                    notices.append(
                        f"{name}: expected values from {sorted(known[name])}, "
                        f"got unknown {sorted(unknown)}"
                    )
                values = values & known[name]
            sets[name] = values
        return cls(years=years, **sets), notices
