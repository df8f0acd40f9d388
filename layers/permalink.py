"""The whole on-screen state as URL parameters, and back (filters, layers, names, extent)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from geo.catalog import Catalog
from geo.schema import ZONE_TYPES
from geo.view import View
from layers.map import Toggles
from layers.zones import NEUTRAL, naming_options

EXTENT_HELP = "map extent LAT,LNG,ZOOM (longitude in the Pacific-centred frame), e.g. 40,135,5"
_EXTENT = re.compile(r"^\s*(-?\d+(?:\.\d+)?),\s*(-?\d+(?:\.\d+)?),\s*(\d+(?:\.\d+)?)\s*$")


def parse_extent(text: str) -> tuple[float, float, float]:
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


def _one(query: Mapping[str, str | list[str]], key: str) -> str | None:
    v = query.get(key)
    if isinstance(v, list):
        return v[-1] if v else None
    return v


def parse_state(
    query: Mapping[str, str | list[str]], catalog: Catalog
) -> tuple[View, Toggles, list[str]]:
    """Filters and layer state from URL parameters; bad values fall back with a notice.

    Parameters
    ----------
    query : mapping
        ``years``, ``regions``, ``kinds``, ``participants`` (see :class:`geo.view.View`),
        ``zones`` (zone types, or ``none``), ``names`` (``neutral`` or a party code),
        ``outlines`` and ``events`` (``1``/``0``).
    catalog : Catalog
        Supplies the allowed values.
    """
    view, notices = View.from_query(query, known=catalog.known())
    zone_types = None
    if (raw := _one(query, "zones")) is not None:
        wanted = {z.strip() for z in raw.split(",") if z.strip()}
        if wanted == {"none"}:
            zone_types = frozenset()
        else:
            bad = sorted(wanted - set(ZONE_TYPES))
            if bad:
                notices.append(f"zones: expected values from {list(ZONE_TYPES)} or 'none', "
                               f"got unknown {bad}")
            zone_types = frozenset(wanted & set(ZONE_TYPES))
    naming = _one(query, "names") or NEUTRAL
    options = naming_options(catalog.zones)
    if naming not in options:
        notices.append(f"names: expected one of {options}, got {naming!r}")
        naming = NEUTRAL
    flags = {}
    for key, default in (("events", True), ("outlines", False)):
        raw = _one(query, key)
        if raw is None:
            flags[key] = default
        elif raw in ("0", "1"):
            flags[key] = raw == "1"
        else:
            notices.append(f"{key}: expected 0 or 1, got {raw!r}")
            flags[key] = default
    toggles = Toggles(events=flags["events"], regions=flags["outlines"], naming=naming,
                      zone_types=zone_types)
    return view, toggles, notices


def to_query(
    view: View, toggles: Toggles, extent: tuple[float, float, float] | None = None
) -> dict[str, str]:
    """URL parameters that :func:`parse_state` (and :func:`parse_extent`) turn back into
    the same state; defaults are left out so links stay short."""
    q = view.to_query()
    if toggles.zone_types is not None:
        q["zones"] = ",".join(t for t in ZONE_TYPES if t in toggles.zone_types) or "none"
    if toggles.naming != NEUTRAL:
        q["names"] = toggles.naming
    if not toggles.events:
        q["events"] = "0"
    if toggles.regions:
        q["outlines"] = "1"
    if extent is not None:
        q["map"] = ",".join(f"{v:g}" for v in extent)
    return q
