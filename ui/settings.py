"""The page's words and limits in one place: titles, widget labels and keys, table caps.

Widget keys are part of the page's contract: the URL seeds them, tests and the page script
find widgets by them (the years bridge finds the slider by its label).
"""

from __future__ import annotations

from dataclasses import dataclass

from geo.naming import NEUTRAL
from geo.schema import COUNTRY_NAMES


@dataclass(frozen=True)
class Widget:
    """One widget's label, session-state key and optional placeholder or help text."""

    label: str
    key: str
    placeholder: str | None = None
    help: str | None = None


PAGE_TITLE = "China–Russia joint activity map"
HEADING = "China–Russia joint military activity"
MAP_HEIGHT = 720
TABLE_MAX = 5000  # a browser table of 50k rows costs seconds per slider move

YEARS = Widget("Years", "years")  # the years bridge finds the slider by this label
REGIONS = Widget("Regions", "regions", placeholder="All regions")
KINDS = Widget("Kinds", "kinds", placeholder="All kinds")
PARTICIPANTS = Widget("Participants", "participants", placeholder="All participants")
ZONE_TYPES = Widget("Contested zones", "zone_types", placeholder="No zones")
SHOW_EVENTS = Widget("Events", "show_events")
OUTLINES = Widget("Region outlines", "outlines")
NAMING = Widget("Names of disputed features", "naming")

UPLOAD = Widget(
    "Add your own records: name, date and geometry (GeoJSON, CSV, KML, or one of "
    "them in a ZIP/KMZ)",
    "upload",
)
NONE = "(none)"  # a CSV mapping slot left empty
CSV_SLOTS = {
    "name": "Name column",
    "date": "Date column",
    "end": "End date column (optional)",
    "lon": "Longitude column",
    "lat": "Latitude column",
    "wkt": "WKT geometry column (instead of lon/lat)",
    "id": "Id column (optional)",
}

EXPORT_FORMAT = Widget("Format", "export_format")
EXPORT_SIZE = Widget("Image size", "export_size")
EXPORT_FILE = "joint-activity"  # download file name, without the extension
EXPORT_FIGURE = Widget("Figure (PNG, PDF, SVG)", "export_figure")
FIGURE_CHOICES = {
    "map": "Map",
    "year": "Map per year (small multiples)",
    "month": "Map per month of one year",
    "calendar": "Seasonality calendar",
}
EXPORT_PALETTE = Widget("Palette", "export_palette")
PRESENT = Widget("Presentation view", "present")


def naming_label(option: str) -> str:
    """Label of a naming option: ``Neutral (all names)`` or ``Japan's names``."""
    if option == NEUTRAL:
        return "Neutral (all names)"
    return f"{COUNTRY_NAMES.get(option, option)}'s names"
