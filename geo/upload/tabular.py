"""CSV uploads (comma, semicolon, tab or pipe separated), read with the standard library.

A point comes from longitude/latitude columns, or any geometry from a WKT column; the
columns are mapped by name (guessed, and changeable in the app).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import PurePath
from typing import Any

from shapely.geometry import mapping

from geo.numbers import check_wkt_numbers, parse_number
from geo.schema import Problem, short
from geo.upload.archive import text_of, unzip
from geo.upload.model import CsvMapping, Limits, Upload, UploadError
from geo.upload.records import Records

_GUESS = {
    "name": ("name", "title", "event", "label"),
    "date": ("date", "start", "start_date", "when", "begin", "day"),
    "end": ("end", "end_date", "until", "finish"),
    "lon": ("lon", "lng", "long", "longitude", "x"),
    "lat": ("lat", "latitude", "y"),
    "wkt": ("wkt", "geometry", "geom", "the_geom", "shape"),
    "id": ("id", "uid", "event_id", "fid"),
}


def guess_mapping(header: list[str]) -> CsvMapping:
    """A mapping from common column names (case-insensitive); unknown slots stay empty."""
    lower = {h.strip().lower(): h for h in header}
    found = {
        slot: next((lower[c] for c in cands if c in lower), None) for slot, cands in _GUESS.items()
    }
    return CsvMapping(**found)


def _sniff(text: str) -> Any:
    """The CSV dialect of ``text`` (its separator among , ; tab |), Excel's by default."""
    try:
        return csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
    except csv.Error:
        return csv.excel


def csv_header(name: str, data: bytes, limits: Limits = Limits()) -> list[str] | None:
    """The header row when ``name``/``data`` is a CSV (possibly zipped), else ``None``.

    Raises
    ------
    UploadError
        As :func:`parse_upload` for an unreadable file or archive.
    """
    label = PurePath(str(name)).name or "upload"
    ext = PurePath(label).suffix.lower().lstrip(".")
    if len(data) > limits.max_bytes:
        return None  # parse_upload reports the size
    if data[:4] == b"PK\x03\x04" or ext in ("zip", "kmz"):
        label, ext, data = unzip(label, data, limits)
    if ext not in ("csv", "tsv", "txt"):
        return None
    text = text_of(label, data)
    dialect = _sniff(text)
    try:
        first = next(csv.reader(io.StringIO(text[:65536], newline=""), dialect), [])
    except csv.Error as exc:
        raise UploadError(f"{label}: expected CSV, got {exc}") from None
    return [h.strip() for h in first]


def read_csv(label: str, data: bytes, mapping: CsvMapping | None, limits: Limits) -> Upload:
    """Records of a CSV file, one per row after the header.

    Raises
    ------
    UploadError
        When the file has no header, names a mapped column it lacks, has no geometry
        columns, cannot be parsed as CSV, or breaks a cap.
    """
    text = text_of(label, data)
    dialect = _sniff(text)
    # the csv module's own 131,072-character field limit is not a documented cap: a long
    # cell is rejected for its row (the text rule), a long WKT by the vertex caps
    if csv.field_size_limit() < limits.max_uncompressed:
        csv.field_size_limit(limits.max_uncompressed)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), dialect))
    except csv.Error as exc:
        raise UploadError(f"{label}: expected CSV, got {exc}") from None
    if not rows or not any(c.strip() for c in rows[0]):
        raise UploadError(f"{label}: expected a header row naming the columns, got none")
    header = [h.strip() for h in rows[0]]
    twice = sorted({h for h in header if header.count(h) > 1})
    if twice:  # a dict of the row would keep only the last of them: a value lost
        raise UploadError(
            f"{label}: expected each column name once in the header, got "
            f"{', '.join(repr(h) for h in twice)} more than once; rename them"
        )
    body = [r for r in rows[1:] if any(c.strip() for c in r)]
    mapping = mapping or guess_mapping(header)
    for slot, col in mapping.slots().items():
        if col is not None and col not in header:
            raise UploadError(
                f"{label}: expected column {short(col)} for {slot}, got columns {', '.join(header)}"
            )
    if mapping.wkt is None and (mapping.lon is None or mapping.lat is None):
        raise UploadError(
            f"{label}: expected a WKT column or longitude and latitude columns, "
            f"got columns {', '.join(header)}; choose them in the column mapping"
        )
    out = Records(label, limits)
    out.check_count(len(body))
    used = {c for c in mapping.slots().values() if c}
    for i, row in enumerate(body, start=2):
        record = f"row {i}"
        if len(row) != len(header):
            out.problems.append(
                Problem(
                    label,
                    record,
                    "row",
                    f"{len(row)} cells",
                    f"expected {len(header)} cells like the header",
                )
            )
            continue
        cells = dict(zip(header, row, strict=True))
        geometry = _csv_geometry(cells, mapping, record, out)
        if geometry is False:
            continue
        rest = {k: v for k, v in cells.items() if k not in used}
        out.add(
            record,
            cells.get(mapping.name) if mapping.name else None,
            cells.get(mapping.date) if mapping.date else None,
            cells.get(mapping.end) if mapping.end else None,
            geometry,
            rest,
            cells.get(mapping.id) if mapping.id else None,
        )
    return out.result("csv", len(body), header, mapping)


def _csv_geometry(cells: dict[str, str], mapping: CsvMapping, record: str, out: Records) -> Any:
    """GeoJSON geometry from WKT or lon/lat cells; ``False`` after reporting a problem."""
    if mapping.wkt is not None and cells[mapping.wkt].strip():
        text = cells[mapping.wkt].strip()
        if len(text) > out.limits.max_feature_vertices * 60:
            out.problems.append(
                Problem(
                    out.label, record, mapping.wkt, f"{len(text):,} chars", "expected a shorter WKT"
                )
            )
            return False
        try:
            from shapely import wkt

            check_wkt_numbers(text)
            return mapping_of(wkt.loads(text))
        except Exception as exc:  # GEOS reports parse errors with several types
            out.problems.append(
                Problem(
                    out.label,
                    record,
                    mapping.wkt,
                    short(text),
                    f"expected WKT such as POINT (135 40), got {exc}",
                )
            )
            return False
    if mapping.lon is None or mapping.lat is None:
        out.problems.append(
            Problem(
                out.label,
                record,
                mapping.wkt or "geometry",
                "''",
                "expected a WKT geometry, got an empty cell",
            )
        )
        return False
    coords = []
    for col in (mapping.lon, mapping.lat):
        try:
            coords.append(parse_number(cells[col]))
        except ValueError as exc:
            out.problems.append(
                Problem(
                    out.label,
                    record,
                    col,
                    short(cells[col]),
                    f"expected a number in decimal degrees ({exc})",
                )
            )
            return False
    return {"type": "Point", "coordinates": coords}


def mapping_of(geom: Any) -> dict[str, Any]:
    """GeoJSON-like mapping with lists (shapely gives tuples) for :func:`check_geometry`."""
    return json.loads(json.dumps(mapping(geom)))
