"""What an upload is.

Its caps, the error that refuses a file, the CSV column mapping, and the result of parsing
one file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd

from geo.schema import Problem
from geo.text import MAX_TEXT

EXTENSIONS = ("geojson", "json", "csv", "tsv", "txt", "kml", "kmz", "zip")
"""File endings accepted (a ZIP/KMZ must hold one GeoJSON, CSV or KML file)."""


@dataclass(frozen=True)
class Limits:
    """Caps on what one upload may cost; each breach is refused with its own message."""

    max_bytes: int = 20_000_000  # the file as uploaded
    max_uncompressed: int = 50_000_000  # what a ZIP/KMZ member may expand to
    max_members: int = 50  # entries in a ZIP/KMZ
    max_features: int = 20_000
    max_vertices: int = 1_000_000  # summed over the file
    max_feature_vertices: int = 100_000
    max_text: int = MAX_TEXT  # characters in one field


class UploadError(ValueError):
    """The file as a whole was refused; the message names file, expectation and value."""


@dataclass(frozen=True)
class CsvMapping:
    """Which CSV columns hold the required fields (``None``: not present)."""

    name: str | None = None
    date: str | None = None
    end: str | None = None
    lon: str | None = None
    lat: str | None = None
    wkt: str | None = None
    id: str | None = None

    def slots(self) -> dict[str, str | None]:
        """Slot name -> column (``None`` when unmapped)."""
        return {k: getattr(self, k) for k in ("name", "date", "end", "lon", "lat", "wkt", "id")}


@dataclass
class Upload:
    """What one file gave.

    Attributes
    ----------
    name : str
        The file's name as uploaded (display only; never used as a path).
    format : str
        ``geojson``, ``csv`` or ``kml``.
    records : geopandas.GeoDataFrame
        Accepted records: ``uid``, ``name``, ``start``, ``end``, ``start_date``,
        ``end_date``, ``year_start``, ``year_end``, ``props`` (other fields as text),
        ``note`` (a repair, if any), ``display`` and the geometry.
    problems : list of Problem
        Why each rejected record was rejected (one or more per record).
    notes : list of Problem
        Accepted records that were repaired, and how.
    total : int
        Records in the file.
    header : list of str
        CSV column names (empty for other formats).
    mapping : CsvMapping or None
        The CSV mapping used.
    """

    name: str
    format: str
    records: gpd.GeoDataFrame
    problems: list[Problem]
    notes: list[Problem]
    total: int
    header: list[str] = field(default_factory=list)
    mapping: CsvMapping | None = None

    @property
    def loaded(self) -> int:
        """Accepted records."""
        return len(self.records)

    @property
    def rejected(self) -> int:
        """Rejected records (a record with several problems counts once)."""
        return len({p.record for p in self.problems})


COLUMNS = [
    "uid",
    "name",
    "start",
    "end",
    "start_date",
    "end_date",
    "year_start",
    "year_end",
    "props",
    "note",
    "display",
]
