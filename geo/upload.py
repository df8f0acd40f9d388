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

import csv
import io
import json
import math
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath
from typing import Any

import geopandas as gpd
import pandas as pd
from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException
from shapely.geometry import mapping, shape
from shapely.validation import explain_validity, make_valid

from geo.dates import parse_partial
from geo.frame import to_display
from geo.geometry import GeometryError, check_geometry
from geo.schema import Problem, short
from geo.text import text_problem

FORMATS = ("geojson", "csv", "kml")
EXTENSIONS = ("geojson", "json", "csv", "tsv", "txt", "kml", "kmz", "zip")
_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}")
_YEAR = re.compile(r"^\d{4}$")
_AREA = ("Polygon", "MultiPolygon")


@dataclass(frozen=True)
class Limits:
    """Caps on what one upload may cost; each breach is refused with its own message."""

    max_bytes: int = 20_000_000  # the file as uploaded
    max_uncompressed: int = 50_000_000  # what a ZIP/KMZ member may expand to
    max_members: int = 50  # entries in a ZIP/KMZ
    max_features: int = 20_000
    max_vertices: int = 1_000_000  # summed over the file
    max_feature_vertices: int = 100_000
    max_text: int = 10_000  # characters in one field


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
    found = {slot: next((lower[c] for c in cands if c in lower), None)
             for slot, cands in _GUESS.items()}
    return CsvMapping(**found)


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


COLUMNS = ["uid", "name", "start", "end", "start_date", "end_date", "year_start", "year_end",
           "props", "note", "display"]


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
        label, ext, data = _unzip(label, data, limits)
    if ext not in ("csv", "tsv", "txt"):
        return None
    text = _text(label, data)
    try:
        dialect: Any = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    try:
        first = next(csv.reader(io.StringIO(text[:65536], newline=""), dialect), [])
    except csv.Error as exc:
        raise UploadError(f"{label}: expected CSV, got {exc}") from None
    return [h.strip() for h in first]


# --------------------------------------------------------------------------- entry point


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
        raise UploadError(f"{label}: expected at most {limits.max_bytes:,} bytes, "
                          f"got {len(data):,}")
    ext = PurePath(label).suffix.lower().lstrip(".")
    if data[:4] == b"PK\x03\x04" or ext in ("zip", "kmz"):
        label, ext, data = _unzip(label, data, limits)
    if ext in ("geojson", "json"):
        return _geojson(label, data, limits)
    if ext in ("csv", "tsv", "txt"):
        return _csv(label, data, mapping, limits)
    if ext == "kml":
        return _kml(label, data, limits)
    raise UploadError(f"{label}: expected a file ending in one of "
                      f"{', '.join('.' + e for e in EXTENSIONS)}, got {short('.' + ext)}")


def _unzip(label: str, data: bytes, limits: Limits) -> tuple[str, str, bytes]:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UploadError(f"{label}: expected a readable ZIP/KMZ archive, got {exc}") from None
    if len(infos) > limits.max_members:
        raise UploadError(f"{label}: expected at most {limits.max_members} entries in the "
                          f"archive, got {len(infos)}")
    wanted = [i for i in infos if not i.is_dir()
              and PurePath(i.filename).suffix.lower().lstrip(".") in
              ("geojson", "json", "csv", "tsv", "txt", "kml")]
    if len(wanted) != 1:
        names = ", ".join(short(i.filename, 40) for i in wanted[:5]) or "none"
        raise UploadError(f"{label}: expected exactly one .geojson, .csv or .kml file in the "
                          f"archive, got {len(wanted)} ({names})")
    info = wanted[0]
    if info.file_size > limits.max_uncompressed:
        raise UploadError(f"{label}: expected the archive to expand to at most "
                          f"{limits.max_uncompressed:,} bytes, got {info.file_size:,} declared "
                          f"for {short(info.filename, 40)}")
    out = io.BytesIO()
    try:
        with zf.open(info) as member:  # read in chunks: a lying header cannot blow memory
            while chunk := member.read(1 << 20):
                out.write(chunk)
                if out.tell() > limits.max_uncompressed:
                    raise UploadError(f"{label}: expected the archive to expand to at most "
                                      f"{limits.max_uncompressed:,} bytes, got more "
                                      f"(decompression stopped)")
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, ValueError) as exc:
        raise UploadError(f"{label}: expected a readable archive member, got {exc}") from None
    inner = PurePath(info.filename).name
    return (f"{label}/{inner}", PurePath(inner).suffix.lower().lstrip("."), out.getvalue())


def _text(label: str, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UploadError(f"{label}: expected UTF-8 text, got byte 0x{data[exc.start]:02x} "
                          f"at offset {exc.start} (save the file as UTF-8)") from None


# --------------------------------------------------------------------------- record checks


class _Records:
    """Collects accepted rows and per-record problems for one file."""

    def __init__(self, label: str, limits: Limits) -> None:
        self.label, self.limits = label, limits
        self.rows: list[dict[str, Any]] = []
        self.geoms: list[Any] = []
        self.problems: list[Problem] = []
        self.notes: list[Problem] = []
        self.ids: dict[str, str] = {}
        self.vertices = 0

    def add(self, record: str, name: Any, start: Any, end: Any, geometry: Any,
            props: dict[str, Any], uid: Any = None) -> None:
        """Check one record; accept it or list why not."""
        bad: list[Problem] = []

        def report(fld: str, value: object, msg: str) -> None:
            bad.append(Problem(self.label, record, fld, short(value), msg))

        clean: dict[str, str] = {}
        for key, value in props.items():
            k = _check_text(str(key), "field name", report)
            v = _as_text(value)
            if k is not None and v is not None and (v := _check_text(v, k, report)) is not None:
                clean[k] = v
        if not isinstance(name, str) or not name.strip():
            report("name", name, "expected a non-empty name")
        else:
            name = _check_text(name, "name", report)
        if uid not in (None, ""):
            uid = _check_text(_as_text(uid) or "", "id", report)
            if uid is not None and uid in self.ids:
                report("id", uid, f"expected a unique id, got a duplicate of {self.ids[uid]}")
            elif uid is not None:
                self.ids[uid] = record
        d0 = _date(start, False, "date", report)
        d1 = _date(end, True, "end", report) if end not in (None, "") else \
            (_date(start, True, "date", None) if d0 else None)
        if d0 and d1 and d1 < d0:
            report("end", end, f"expected an end on or after the start {start}")
        geom, note = None, ""
        n = _count_positions(geometry)
        if n > self.limits.max_feature_vertices:
            report("geometry", f"{n:,} positions",
                   f"expected at most {self.limits.max_feature_vertices:,} positions")
        else:
            self.vertices += n
            if self.vertices > self.limits.max_vertices:
                raise UploadError(f"{self.label}: expected at most "
                                  f"{self.limits.max_vertices:,} positions in the file, got "
                                  f"more by {record}")
            geom, note = _geometry(geometry, report)
        if bad:
            self.problems.extend(bad)
            return
        if note:
            self.notes.append(Problem(self.label, record, "geometry", geom.geom_type, note))
        self.rows.append({
            "uid": uid if uid not in (None, "") else record, "name": name,
            "start": d0.isoformat(), "end": d1.isoformat(), "start_date": d0, "end_date": d1,
            "year_start": d0.year, "year_end": d1.year, "props": clean, "note": note,
            "display": to_display(geom)})
        self.geoms.append(geom)

    def result(self, fmt: str, total: int, header: list[str] | None = None,
               mapping: CsvMapping | None = None) -> Upload:
        """The :class:`Upload` of what was collected."""
        frame = gpd.GeoDataFrame(pd.DataFrame(self.rows, columns=COLUMNS, dtype=object),
                                 geometry=gpd.GeoSeries(self.geoms, dtype="geometry",
                                                        crs="EPSG:4326"))
        return Upload(self.label, fmt, frame, self.problems, self.notes, total,
                      header or [], mapping)

    def check_count(self, total: int) -> None:
        """Refuse a file with more records than the cap."""
        if total > self.limits.max_features:
            raise UploadError(f"{self.label}: expected at most {self.limits.max_features:,} "
                              f"records, got {total:,}")


def _as_text(value: Any) -> str | None:
    """A property value as text: scalars as written, lists/objects as JSON."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool | int):
        return str(value).lower() if isinstance(value, bool) else str(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else str(value)
    return json.dumps(value, ensure_ascii=False, allow_nan=True)


def _check_text(value: str, fld: str, report: Any) -> str | None:
    """The text if it can be shown and exported unchanged; else report and return None."""
    why = text_problem(value)
    if why is not None:
        report(fld, value if len(value) <= 200 else f"{len(value):,} characters", why)
        return None
    return value


def _date(value: Any, end: bool, fld: str, report: Any) -> date | None:
    text = value.strip() if isinstance(value, str) else value
    if isinstance(text, int) and not isinstance(text, bool):
        text = str(text)
    try:
        if not isinstance(text, str) or not text:
            raise ValueError("expected a date YYYY-MM-DD, YYYY-MM or YYYY, got "
                             f"{'nothing' if text in (None, '') else type(text).__name__}")
        if m := _DATETIME.match(text):
            text = m.group(1)
        if _YEAR.match(text):
            return date(int(text), 12, 31) if end else date(int(text), 1, 1)
        return parse_partial(text, end=end)
    except ValueError as exc:
        if report is not None:
            report(fld, value, str(exc).replace("YYYY-MM-DD or YYYY-MM", "YYYY-MM-DD, YYYY-MM "
                                                                           "or YYYY"))
        return None


def _count_positions(geom: Any) -> int:
    if not isinstance(geom, dict):
        return 0
    stack, n = [geom.get("coordinates")], 0
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            if item and not isinstance(item[0], list):
                n += 1
            else:
                stack.extend(item)
    return n


def _geometry(geom: Any, report: Any) -> tuple[Any, str]:
    """Checked shapely geometry and a repair note; (None, "") after a report."""
    try:
        return check_geometry(geom), ""
    except GeometryError as exc:
        msg = str(exc)
        if msg.startswith("expected a valid") and geom.get("type") in _AREA:
            fixed = make_valid(shape(geom))
            fixed = _areas_only(fixed)
            if fixed is not None and not fixed.is_empty:
                why = explain_validity(shape(geom))
                return fixed, f"repaired an invalid {geom['type']} ({why}) with make_valid"
        report("geometry", _summary(geom), msg)
        return None, ""
    except (TypeError, ValueError, RecursionError) as exc:
        report("geometry", _summary(geom), f"expected a GeoJSON geometry, got {exc}")
        return None, ""


def _areas_only(geom: Any) -> Any:
    if geom.geom_type in _AREA:
        return geom
    if geom.geom_type == "GeometryCollection":
        from shapely.ops import unary_union

        polys = [g for g in geom.geoms if g.geom_type in _AREA]
        return unary_union(polys) if polys else None
    return None


def _summary(geom: Any) -> str:
    if isinstance(geom, dict):
        return f"{geom.get('type')!s}"
    return type(geom).__name__


# --------------------------------------------------------------------------- GeoJSON


def _geojson(label: str, data: bytes, limits: Limits) -> Upload:
    text = _text(label, data)
    head = text.lstrip()[:40]
    if head.startswith("<"):
        raise UploadError(f"{label}: expected GeoJSON (JSON text), got XML starting "
                          f"{short(head)}; it is not opened as anything else")
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UploadError(f"{label}: expected GeoJSON (JSON text), got {exc.msg} at line "
                          f"{exc.lineno} column {exc.colno}") from None
    except RecursionError:
        raise UploadError(f"{label}: expected GeoJSON, got JSON nested too deeply") from None
    if isinstance(doc, dict) and doc.get("type") == "Feature":
        feats = [doc]
    elif isinstance(doc, dict) and doc.get("type") == "FeatureCollection":
        feats = doc.get("features")
        if not isinstance(feats, list):
            raise UploadError(f"{label}: expected 'features' to be a list, got "
                              f"{type(feats).__name__}")
    else:
        got = doc.get("type") if isinstance(doc, dict) else type(doc).__name__
        raise UploadError(f"{label}: expected a GeoJSON FeatureCollection or Feature, got "
                          f"{short(got)}")
    out = _Records(label, limits)
    out.check_count(len(feats))
    for i, feat in enumerate(feats, start=1):
        record = f"feature {i}"
        if not isinstance(feat, dict) or feat.get("type") != "Feature":
            got = feat.get("type") if isinstance(feat, dict) else type(feat).__name__
            out.problems.append(Problem(label, record, "type", short(got),
                                        "expected a GeoJSON Feature"))
            continue
        props = feat.get("properties")
        if props is None:
            props = {}
        if not isinstance(props, dict):
            out.problems.append(Problem(label, record, "properties", short(props),
                                        "expected an object"))
            continue
        rest = {k: v for k, v in props.items()
                if k not in ("name", "date", "start", "end", "id")}
        uid = props.get("id", feat.get("id"))
        if uid not in (None, ""):
            record = f"feature {i} (id {short(_as_text(uid), 40)})"
        out.add(record, props.get("name"), props.get("date", props.get("start")),
                props.get("end"), feat.get("geometry"), rest, uid)
    return out.result("geojson", len(feats))


# --------------------------------------------------------------------------- CSV


def _csv(label: str, data: bytes, mapping: CsvMapping | None, limits: Limits) -> Upload:
    text = _text(label, data)
    sample = text[:8192]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), dialect))
    except csv.Error as exc:
        raise UploadError(f"{label}: expected CSV, got {exc}") from None
    if not rows or not any(c.strip() for c in rows[0]):
        raise UploadError(f"{label}: expected a header row naming the columns, got none")
    header = [h.strip() for h in rows[0]]
    body = [r for r in rows[1:] if any(c.strip() for c in r)]
    mapping = mapping or guess_mapping(header)
    for slot, col in mapping.slots().items():
        if col is not None and col not in header:
            raise UploadError(f"{label}: expected column {short(col)} for {slot}, got columns "
                              f"{', '.join(header)}")
    if mapping.wkt is None and (mapping.lon is None or mapping.lat is None):
        raise UploadError(f"{label}: expected a WKT column or longitude and latitude columns, "
                          f"got columns {', '.join(header)}; choose them in the column mapping")
    out = _Records(label, limits)
    out.check_count(len(body))
    used = {c for c in mapping.slots().values() if c}
    for i, row in enumerate(body, start=2):
        record = f"row {i}"
        if len(row) != len(header):
            out.problems.append(Problem(label, record, "row", f"{len(row)} cells",
                                        f"expected {len(header)} cells like the header"))
            continue
        cells = dict(zip(header, row, strict=True))
        geometry = _csv_geometry(cells, mapping, record, out)
        if geometry is False:
            continue
        rest = {k: v for k, v in cells.items() if k not in used}
        out.add(record, cells.get(mapping.name) if mapping.name else None,
                cells.get(mapping.date) if mapping.date else None,
                cells.get(mapping.end) if mapping.end else None, geometry, rest,
                cells.get(mapping.id) if mapping.id else None)
    return out.result("csv", len(body), header, mapping)


def _csv_geometry(cells: dict[str, str], mapping: CsvMapping, record: str,
                  out: _Records) -> Any:
    """GeoJSON geometry from WKT or lon/lat cells; ``False`` after reporting a problem."""
    if mapping.wkt is not None and cells[mapping.wkt].strip():
        text = cells[mapping.wkt].strip()
        if len(text) > out.limits.max_feature_vertices * 60:
            out.problems.append(Problem(out.label, record, mapping.wkt, f"{len(text):,} chars",
                                        "expected a shorter WKT"))
            return False
        try:
            from shapely import wkt

            return mapping_of(wkt.loads(text))
        except Exception as exc:  # GEOS reports parse errors with several types
            out.problems.append(Problem(out.label, record, mapping.wkt, short(text),
                                        f"expected WKT such as POINT (135 40), got {exc}"))
            return False
    if mapping.lon is None or mapping.lat is None:
        out.problems.append(Problem(out.label, record, mapping.wkt or "geometry", "''",
                                    "expected a WKT geometry, got an empty cell"))
        return False
    coords = []
    for col in (mapping.lon, mapping.lat):
        try:
            coords.append(float(cells[col].strip()))
        except ValueError:
            out.problems.append(Problem(out.label, record, col, short(cells[col]),
                                        "expected a number in decimal degrees"))
            return False
    return {"type": "Point", "coordinates": coords}


def mapping_of(geom: Any) -> dict[str, Any]:
    """GeoJSON-like mapping with lists (shapely gives tuples) for :func:`check_geometry`."""
    return json.loads(json.dumps(mapping(geom)))


# --------------------------------------------------------------------------- KML


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child(el: Any, name: str) -> Any:
    return next((c for c in el if _local(c.tag) == name), None)


def _kml(label: str, data: bytes, limits: Limits) -> Upload:
    try:
        root = SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True,
                                 forbid_external=True)
    except DefusedXmlException as exc:
        raise UploadError(f"{label}: expected KML without a DTD or entity declarations, got "
                          f"{type(exc).__name__} (refused: entity expansion and external "
                          "files are never processed)") from None
    except SafeET.ParseError as exc:
        raise UploadError(f"{label}: expected well-formed KML (XML), got {exc}") from None
    marks = [el for el in root.iter() if _local(el.tag) == "Placemark"]
    out = _Records(label, limits)
    out.check_count(len(marks))
    for i, pm in enumerate(marks, start=1):
        record = f"placemark {i}"
        name_el = _child(pm, "name")
        props: dict[str, Any] = {}
        desc = _child(pm, "description")
        if desc is not None and desc.text:
            props["description"] = desc.text  # text kept exactly as written
        for data_el in pm.iter():
            tag = _local(data_el.tag)
            if tag in ("Data", "SimpleData") and data_el.get("name"):
                value = _child(data_el, "value") if tag == "Data" else data_el
                props[data_el.get("name")] = (value.text or "") if value is not None else ""
        start = end = None
        when = _first(pm, "TimeStamp")
        if when is not None:
            start = _text_of(_child(when, "when"))
        span = _first(pm, "TimeSpan")
        if span is not None:
            start, end = _text_of(_child(span, "begin")), _text_of(_child(span, "end"))
        for key in ("date", "start"):
            if start is None and key in props:
                start = props.pop(key)
        if end is None and "end" in props:
            end = props.pop("end")
        try:
            geometry = _kml_geometry(pm)
        except ValueError as exc:
            out.problems.append(Problem(label, record, "geometry", "-", str(exc)))
            continue
        uid = pm.get("id") or props.pop("id", None)
        out.add(record, name_el.text if name_el is not None else None, start, end, geometry,
                props, uid)
    return out.result("kml", len(marks))


def _first(el: Any, name: str) -> Any:
    return next((c for c in el.iter() if _local(c.tag) == name), None)


def _text_of(el: Any) -> str | None:
    return el.text.strip() if el is not None and el.text is not None else None


def _coords(el: Any) -> list[list[float]]:
    text = _text_of(_child(el, "coordinates")) or ""
    out = []
    for token in text.split():
        parts = token.split(",")
        try:
            out.append([float(parts[0]), float(parts[1])])
        except (ValueError, IndexError):
            raise ValueError(f"expected coordinates 'lon,lat[,alt]', got {short(token)}") \
                from None
    return out


def _kml_geometry(pm: Any) -> dict[str, Any]:
    parts = list(_geometries(pm))
    if not parts:
        raise ValueError("expected a Point, LineString or Polygon, got no geometry")
    kinds = {p["type"] for p in parts}
    if len(parts) == 1:
        return parts[0]
    if len(kinds) > 1:
        raise ValueError(f"expected one geometry type in a MultiGeometry, got "
                         f"{', '.join(sorted(kinds))}")
    kind = kinds.pop()
    return {"type": f"Multi{kind}", "coordinates": [p["coordinates"] for p in parts]}


def _geometries(el: Any) -> Iterator[dict[str, Any]]:
    for child in el:
        tag = _local(child.tag)
        if tag == "Point":
            pts = _coords(child)
            if len(pts) != 1:
                raise ValueError(f"expected one position in a Point, got {len(pts)}")
            yield {"type": "Point", "coordinates": pts[0]}
        elif tag in ("LineString", "LinearRing"):
            yield {"type": "LineString", "coordinates": _coords(child)}
        elif tag == "Polygon":
            rings = []
            for bound in child:
                if _local(bound.tag) in ("outerBoundaryIs", "innerBoundaryIs"):
                    ring = _child(bound, "LinearRing")
                    if ring is not None:
                        rings.append(_coords(ring))
            yield {"type": "Polygon", "coordinates": rings}
        elif tag == "MultiGeometry":
            yield from _geometries(child)
        elif tag in ("Model", "Track", "MultiTrack", "gx:Track"):
            raise ValueError(f"expected a Point, LineString or Polygon, got {tag}")
