"""Vocabulary of the data contracts: kinds, domains, precisions, zone types, problems."""

from __future__ import annotations

from dataclasses import dataclass

KINDS: tuple[str, ...] = (
    "air_patrol",
    "naval_patrol",
    "naval_exercise",
    "land_exercise",
    "counter_terrorism_exercise",
    "coast_guard_patrol",
    "coast_guard_exercise",
    "missile_defense_exercise",
    "other",
)
KIND_LABELS: dict[str, str] = {
    "air_patrol": "Joint air patrol",
    "naval_patrol": "Joint naval patrol",
    "naval_exercise": "Naval exercise",
    "land_exercise": "Land / strategic exercise",
    "counter_terrorism_exercise": "Counter-terrorism exercise",
    "coast_guard_patrol": "Coast-guard patrol",
    "coast_guard_exercise": "Coast-guard exercise",
    "missile_defense_exercise": "Missile-defence exercise",
    "other": "Other joint activity",
}
DOMAINS: tuple[str, ...] = ("air", "sea", "land", "cyber", "space")
FORMATS: tuple[str, ...] = ("bilateral", "with_third_countries", "multinational")
FORMAT_LABELS: dict[str, str] = {
    "bilateral": "China and Russia",
    "with_third_countries": "China, Russia and third countries",
    "multinational": "multinational (both present, not paired)",
}
PRECISIONS: tuple[str, ...] = (
    "reported_route",
    "approximate_route",
    "reported_area",
    "approximate_area",
    "site",
)
PRECISION_LABELS: dict[str, str] = {
    "reported_route": "route as reported",
    "approximate_route": "route approximate (through named waypoints)",
    "reported_area": "area as announced",
    "approximate_area": "area approximate",
    "site": "site (range, port or city)",
}
APPROXIMATE: frozenset[str] = frozenset({"approximate_route", "approximate_area"})
ZONE_TYPES: tuple[str, ...] = (
    "claim_line",
    "adiz",
    "median_line",
    "disputed_territory",
    "maritime_boundary",
    "sea_route",
)
ZONE_TYPE_LABELS: dict[str, str] = {
    "claim_line": "Claim line",
    "adiz": "Air defence identification zone",
    "median_line": "Median line",
    "disputed_territory": "Disputed territory",
    "maritime_boundary": "Maritime boundary",
    "sea_route": "Sea route",
}
COUNTRY_NAMES: dict[str, str] = {
    "CN": "China",
    "RU": "Russia",
    "IR": "Iran",
    "ZA": "South Africa",
    "IN": "India",
    "PK": "Pakistan",
    "KZ": "Kazakhstan",
    "KG": "Kyrgyzstan",
    "TJ": "Tajikistan",
    "UZ": "Uzbekistan",
    "BY": "Belarus",
    "MN": "Mongolia",
    "TM": "Turkmenistan",
    "AZ": "Azerbaijan",
    "AM": "Armenia",
    "LA": "Laos",
    "NI": "Nicaragua",
    "SY": "Syria",
    "DZ": "Algeria",
    "TW": "Taiwan",
    "JP": "Japan",
    "KR": "South Korea",
    "KP": "North Korea",
    "VN": "Vietnam",
    "PH": "Philippines",
    "MY": "Malaysia",
    "BN": "Brunei",
    "US": "United States",
    "AE": "United Arab Emirates",
    "OM": "Oman",
}

EVENT_REQUIRED: tuple[str, ...] = (
    "id",
    "name",
    "kind",
    "domains",
    "start",
    "participants",
    "assets",
    "summary",
    "precision",
    "sources",
)
ZONE_REQUIRED: tuple[str, ...] = ("id", "name", "zone_type", "claimants", "summary", "precision")
REGION_REQUIRED: tuple[str, ...] = ("id", "name")
LABEL_REQUIRED: tuple[str, ...] = ("id", "name", "label_type", "min_zoom", "sources")
LABEL_TYPES: tuple[str, ...] = ("country", "sea", "strait", "island", "region", "base", "port",
                                "city")  # fmt: skip


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one record of a data file.

    Attributes
    ----------
    file : str
        File name as given to the loader (never a full machine path in messages).
    record : str
        Feature id, or ``#<index>`` when the feature has no usable id.
    field : str
        Property (or ``geometry``) at fault.
    value : str
        The offending value, shortened for display.
    message : str
        What was expected and what was got.
    """

    file: str
    record: str
    field: str
    value: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.record}: {self.field}={self.value}: {self.message}"


def short(value: object, limit: int = 80) -> str:
    """Return ``repr(value)`` cut to ``limit`` characters for error messages."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
