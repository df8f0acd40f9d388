"""What the user asked to see, and its URL form.

:class:`View` holds the filters (years, regions, kinds, participants) and :class:`Layers`
what is drawn (events, zone types, region outlines, the naming of disputed features).
:func:`to_query` and :func:`parse_state` turn both (and the map extent) into URL query
parameters and back; a bad parameter falls back to its default with a notice that names
what was expected and what was got. Everything here is pure: no folium, no Streamlit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, TypeAlias

from geo.naming import NEUTRAL, naming_options
from geo.schema import ZONE_TYPES

if TYPE_CHECKING:
    from geo.catalog import Catalog

Years: TypeAlias = tuple[int, int]
"""An inclusive ``(first, last)`` year range."""
Extent: TypeAlias = tuple[float, float, float]
"""A map extent ``(lat, lng, zoom)``, longitude in the Pacific-centred display frame."""
Query: TypeAlias = Mapping[str, "str | list[str]"]
"""URL query parameters as read (a repeated parameter gives a list)."""

EXTENT_HELP = "map extent LAT,LNG,ZOOM (longitude in the Pacific-centred frame), e.g. 40,135,5"
_YEARS = re.compile(r"^(\d{4})(?:-(\d{4}))?$")
_EXTENT = re.compile(r"^\s*(-?\d+(?:\.\d+)?),\s*(-?\d+(?:\.\d+)?),\s*(\d+(?:\.\d+)?)\s*$")


def one(query: Query, key: str) -> str | None:
    """The value of parameter ``key``: the last one when repeated, ``None`` when absent."""
    v = query.get(key)
    if isinstance(v, list):
        return v[-1] if v else None
    return v


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

    years: Years | None = None
    regions: frozenset[str] = field(default_factory=frozenset)
    kinds: frozenset[str] = field(default_factory=frozenset)
    participants: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if self.years is not None:
            lo, hi = self.years
            if lo > hi:
                raise ValueError(f"expected years (first, last) with first <= last, got {lo}-{hi}")
            object.__setattr__(self, "years", (int(lo), int(hi)))
        for name in ("regions", "kinds", "participants"):
            object.__setattr__(self, name, frozenset(getattr(self, name)))

    @classmethod
    def of(
        cls,
        *,
        years: Iterable[int] | None = None,
        regions: Iterable[str] = (),
        kinds: Iterable[str] = (),
        participants: Iterable[str] = (),
    ) -> View:
        """A view from widget values (any iterables; ``years`` as a pair of numbers)."""
        span = None if years is None else tuple(years)
        if span is not None and len(span) != 2:
            raise ValueError(f"expected years as (first, last), got {span!r}")
        return cls(
            years=None if span is None else (int(span[0]), int(span[1])),
            regions=frozenset(regions),
            kinds=frozenset(kinds),
            participants=frozenset(participants),
        )

    def with_(self, **changes: Any) -> View:
        """Return a copy with some fields replaced."""
        return replace(self, **changes)

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
        query: Query,
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
            The decoded filters.
        notices : list of str
            One message per ignored parameter or value, naming what was expected and got.
        """
        notices: list[str] = []
        years = None
        if (raw := one(query, "years")) is not None:
            m = _YEARS.match(raw.strip())
            if m:
                lo, hi = int(m[1]), int(m[2] or m[1])
                if lo <= hi:
                    years = (lo, hi)
            if years is None:
                notices.append(f"years: expected YYYY or YYYY-YYYY (first <= last), got {raw!r}")
        sets: dict[str, frozenset[str]] = {}
        for name in ("regions", "kinds", "participants"):
            raw = one(query, name)
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


@dataclass(frozen=True)
class Layers:
    """Which layers are drawn, and how disputed features are named.

    Attributes
    ----------
    events : bool
        Draw the events.
    zones : bool
        Draw contested zones at all.
    outlines : bool
        Draw the briefing regions' outlines.
    naming : str
        :data:`geo.naming.NEUTRAL` or the party code whose names of disputed features are used.
    zone_types : frozenset of str or None
        Zone types drawn; ``None`` for every type.
    """

    events: bool = True
    zones: bool = True
    outlines: bool = False
    naming: str = NEUTRAL
    zone_types: frozenset[str] | None = None

    def shown_zone_types(self, present: Iterable[str]) -> list[str]:
        """The zone types drawn, of those ``present`` in the data, in legend order."""
        if not self.zones:
            return []
        have = set(present)
        return [
            t for t in ZONE_TYPES if t in have and (self.zone_types is None or t in self.zone_types)
        ]


def parse_extent(text: str) -> Extent:
    """``"40,135,5"`` -> ``(40.0, 135.0, 5.0)``.

    Raises
    ------
    ValueError
        Naming the expected form and the value got.
    """
    m = _EXTENT.match(text or "")
    if m:
        lat, lng, zoom = float(m[1]), float(m[2]), float(m[3])
        if -85 <= lat <= 85 and -180 <= lng <= 360 and 1 <= zoom <= 12:
            return lat, lng, zoom
    raise ValueError(f"map: expected {EXTENT_HELP}, got {text!r}")


def parse_state(query: Query, catalog: Catalog) -> tuple[View, Layers, list[str]]:
    """Filters and layer state from URL parameters; bad values fall back with a notice.

    Parameters
    ----------
    query : mapping
        ``years``, ``regions``, ``kinds``, ``participants`` (see :class:`View`), ``zones``
        (zone types, or ``none``), ``names`` (``neutral`` or a party code), ``outlines`` and
        ``events`` (``1``/``0``).
    catalog : Catalog
        Supplies the allowed values.

    Returns
    -------
    view : View
        The filters.
    layers : Layers
        What is drawn.
    notices : list of str
        One message per parameter that fell back to its default.
    """
    view, notices = View.from_query(query, known=catalog.known())
    zone_types: frozenset[str] | None = None
    if (raw := one(query, "zones")) is not None:
        wanted = {z.strip() for z in raw.split(",") if z.strip()}
        if wanted == {"none"}:
            zone_types = frozenset()
        else:
            bad = sorted(wanted - set(ZONE_TYPES))
            if bad:
                notices.append(
                    f"zones: expected values from {list(ZONE_TYPES)} or 'none', got unknown {bad}"
                )
            zone_types = frozenset(wanted & set(ZONE_TYPES))
    naming = one(query, "names") or NEUTRAL
    options = naming_options(catalog.zones)
    if naming not in options:
        notices.append(f"names: expected one of {options}, got {naming!r}")
        naming = NEUTRAL
    flags = {}
    for key, default in (("events", True), ("outlines", False)):
        raw = one(query, key)
        if raw is None:
            flags[key] = default
        elif raw in ("0", "1"):
            flags[key] = raw == "1"
        else:
            notices.append(f"{key}: expected 0 or 1, got {raw!r}")
            flags[key] = default
    layers = Layers(
        events=flags["events"], outlines=flags["outlines"], naming=naming, zone_types=zone_types
    )
    return view, layers, notices


def to_query(view: View, layers: Layers, extent: Extent | None = None) -> dict[str, str]:
    """URL parameters for the state; :func:`parse_state` and :func:`parse_extent` invert it.

    Defaults are left out so links stay short.
    """
    q = view.to_query()
    if layers.zone_types is not None:
        q["zones"] = ",".join(t for t in ZONE_TYPES if t in layers.zone_types) or "none"
    if layers.naming != NEUTRAL:
        q["names"] = layers.naming
    if not layers.events:
        q["events"] = "0"
    if layers.outlines:
        q["outlines"] = "1"
    if extent is not None:
        q["map"] = ",".join(f"{v:g}" for v in extent)
    return q


def clamp_years(years: Years | None, span: Years) -> tuple[Years | None, str | None]:
    """A link's years fitted to the record's span, and what was changed.

    A link made when the record ended earlier (or later) must still open: years partly
    outside the span are cut to it, years wholly outside fall back to the whole span, and
    the notice says so.

    Parameters
    ----------
    years : tuple of int or None
        From the link (``None``: not given).
    span : tuple of int
        The record's first and last year.

    Returns
    -------
    years : tuple of int or None
        Inside ``span`` (``None`` when not given or wholly outside).
    notice : str or None
        Names what was expected and what was got, when the years were changed.
    """
    if years is None:
        return None, None
    lo, hi = span
    got = f"{years[0]}–{years[1]}"
    if years[1] < lo or years[0] > hi:
        return None, f"years: expected years within the record's {lo}–{hi}, got {got}; all shown"
    fitted = (max(years[0], lo), min(years[1], hi))
    if fitted != tuple(years):
        return fitted, (
            f"years: expected years within the record's {lo}–{hi}, got {got}; "
            f"{fitted[0]}–{fitted[1]} shown"
        )
    return fitted, None
