"""Users' own event files (GeoJSON, CSV, KML, or one of them in a ZIP/KMZ), parsed safely.

Nothing here hands a file to GDAL: GeoJSON and CSV are read with the standard library, KML
with defusedxml (no DTD, no entities, nothing fetched), ZIP archives in memory with a cap on
what they expand to. No string from a file is ever used as a path or URL. A file is refused
as a whole (:class:`UploadError`) only when it cannot be read at all or breaks a cap;
otherwise each record is accepted or rejected on its own, with the record, field, value and
reason, and loaded + rejected = total.

The minimal schema is a name, a date (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``, optionally
an end date) and a geometry; every other field is kept, as text, and shown.
"""

from __future__ import annotations

from pathlib import PurePath

from geo.schema import short
from geo.upload.archive import unzip
from geo.upload.geojson import read_geojson
from geo.upload.kml import read_kml
from geo.upload.model import EXTENSIONS, CsvMapping, Limits, Upload, UploadError
from geo.upload.tabular import csv_header, guess_mapping, read_csv

__all__ = [
    "EXTENSIONS",
    "CsvMapping",
    "Limits",
    "Upload",
    "UploadError",
    "csv_header",
    "guess_mapping",
    "parse_upload",
]


def parse_upload(
    name: str,
    data: bytes,
    *,
    mapping: CsvMapping | None = None,
    limits: Limits = Limits(),
) -> Upload:
    """Parse one uploaded file.

    Parameters
    ----------
    name : str
        File name as given by the user (its extension picks the format; shown in messages).
    data : bytes
        The file's bytes.
    mapping : CsvMapping, optional
        CSV column mapping; guessed from the header when omitted.
    limits : Limits
        Caps.

    Returns
    -------
    Upload

    Raises
    ------
    UploadError
        When the file cannot be read as the format it claims, or breaks a cap.
    """
    label = PurePath(str(name)).name or "upload"
    if len(data) > limits.max_bytes:
        raise UploadError(
            f"{label}: expected at most {limits.max_bytes:,} bytes, got {len(data):,}"
        )
    ext = PurePath(label).suffix.lower().lstrip(".")
    if data[:4] == b"PK\x03\x04" or ext in ("zip", "kmz"):
        label, ext, data = unzip(label, data, limits)
    if ext in ("geojson", "json"):
        return read_geojson(label, data, limits)
    if ext in ("csv", "tsv", "txt"):
        return read_csv(label, data, mapping, limits)
    if ext == "kml":
        return read_kml(label, data, limits)
    raise UploadError(
        f"{label}: expected a file ending in one of "
        f"{', '.join('.' + e for e in EXTENSIONS)}, got {short('.' + ext)}"
    )
