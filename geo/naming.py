"""Names of disputed features: neutral (every party's name) or one party's usage."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import geopandas as gpd

NEUTRAL = "neutral"
"""The naming option that shows every party's name of a disputed feature."""


def zone_name(zone: Mapping[str, Any], naming: str = NEUTRAL) -> str:
    """The zone's display name: neutral, or the name used by party ``naming`` (e.g. ``JP``)."""
    names = zone.get("names") or {}
    return str(names.get(naming, zone["name"]) if naming != NEUTRAL else zone["name"])


def zone_names(zones: gpd.GeoDataFrame, naming: str = NEUTRAL) -> dict[str, str]:
    """Zone id -> display name under the naming setting."""
    return {z["id"]: zone_name(z, naming) for z in zones.to_dict("records")}


def naming_options(zones: gpd.GeoDataFrame) -> list[str]:
    """``neutral`` plus every party that names a disputed feature, e.g. ``CN``, ``JP``."""
    parties = sorted({p for names in zones["names"] for p in (names or {})})
    return [NEUTRAL, *parties]


def zone_label(zone: Mapping[str, Any], naming: str = NEUTRAL) -> str:
    """The zone's short map label: its ``label``, or the name party ``naming`` uses for it."""
    names = zone.get("names") or {}
    if naming != NEUTRAL and naming in names:
        return str(names[naming])
    return str(zone.get("label") or zone["name"])
