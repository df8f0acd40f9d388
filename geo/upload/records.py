"""The checks every uploaded record goes through, whatever its format.

Name, dates, id, fields as text, geometry (with repairs listed), and the caps on positions.
"""

from __future__ import annotations

import json
import math
import re
from datetime import date
from typing import Any

import geopandas as gpd
import pandas as pd
from shapely import force_2d
from shapely.geometry import shape
from shapely.validation import explain_validity, make_valid

from geo.dates import parse_partial
from geo.frame import to_display
from geo.geometry import UNCLOSED, GeometryError, check_geometry
from geo.schema import Problem, short
from geo.text import text_problem
from geo.upload.model import COLUMNS, CsvMapping, Limits, Upload, UploadError

_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}")
_YEAR = re.compile(r"^\d{4}$")
_AREA = ("Polygon", "MultiPolygon")


class Records:
    """Collects accepted rows and per-record problems for one file."""

    def __init__(self, label: str, limits: Limits) -> None:
        self.label, self.limits = label, limits
        self.rows: list[dict[str, Any]] = []
        self.geoms: list[Any] = []
        self.problems: list[Problem] = []
        self.notes: list[Problem] = []
        self.ids: dict[str, str] = {}
        self.vertices = 0

    def add(
        self,
        record: str,
        name: Any,
        start: Any,
        end: Any,
        geometry: Any,
        props: dict[str, Any],
        uid: Any = None,
    ) -> None:
        """Check one record; accept it or list why not."""
        bad: list[Problem] = []

        def report(fld: str, value: object, msg: str) -> None:
            bad.append(Problem(self.label, record, fld, short(value), msg))

        clean: dict[str, str] = {}
        for key, value in props.items():
            k = _check_text(str(key), "field name", report, self.limits.max_text)
            v = as_text(value)
            if (
                k is not None
                and v is not None
                and (v := _check_text(v, k, report, self.limits.max_text)) is not None
            ):
                clean[k] = v
        if not isinstance(name, str) or not name.strip():
            report("name", name, "expected a non-empty name")
        else:
            name = _check_text(name, "name", report, self.limits.max_text)
        if uid not in (None, ""):
            uid = _check_text(as_text(uid) or "", "id", report, self.limits.max_text)
            if uid is not None and uid in self.ids:
                report("id", uid, f"expected a unique id, got a duplicate of {self.ids[uid]}")
            elif uid is not None:
                self.ids[uid] = record
        d0 = _date(start, False, "date", report)
        d1 = (
            _date(end, True, "end", report)
            if end not in (None, "")
            else (_date(start, True, "date", None) if d0 else None)
        )
        if d0 and d1 and d1 < d0:
            report("end", end, f"expected an end on or after the start {start}")
        geom, note = None, ""
        n = _count_positions(geometry)
        if n > self.limits.max_feature_vertices:
            report(
                "geometry",
                f"{n:,} positions",
                f"expected at most {self.limits.max_feature_vertices:,} positions",
            )
        else:
            self.vertices += n
            if self.vertices > self.limits.max_vertices:
                raise UploadError(
                    f"{self.label}: expected at most "
                    f"{self.limits.max_vertices:,} positions in the file, got "
                    f"more by {record}"
                )
            geom, note = _geometry(geometry, report)
            if geom is not None and geom.has_z:
                geom = force_2d(geom)
                drop = "dropped the heights (third values): the map is two-dimensional"
                note = f"{note}; {drop}" if note else drop
        if bad or geom is None or d0 is None or d1 is None:  # each None was reported
            self.problems.extend(bad)
            return
        if note:
            self.notes.append(Problem(self.label, record, "geometry", geom.geom_type, note))
        self.rows.append(
            {
                "uid": uid if uid not in (None, "") else record,
                "name": name,
                "start": d0.isoformat(),
                "end": d1.isoformat(),
                "start_date": d0,
                "end_date": d1,
                "year_start": d0.year,
                "year_end": d1.year,
                "props": clean,
                "note": note,
                "display": to_display(geom),
            }
        )
        self.geoms.append(geom)

    def result(
        self,
        fmt: str,
        total: int,
        header: list[str] | None = None,
        mapping: CsvMapping | None = None,
    ) -> Upload:
        """The :class:`Upload` of what was collected."""
        frame = gpd.GeoDataFrame(
            pd.DataFrame(self.rows, columns=COLUMNS, dtype=object),
            geometry=gpd.GeoSeries(self.geoms, dtype="geometry", crs="EPSG:4326"),
        )
        return Upload(
            self.label, fmt, frame, self.problems, self.notes, total, header or [], mapping
        )

    def check_count(self, total: int) -> None:
        """Refuse a file with more records than the cap."""
        if total > self.limits.max_features:
            raise UploadError(
                f"{self.label}: expected at most {self.limits.max_features:,} "
                f"records, got {total:,}"
            )


def as_text(value: Any) -> str | None:
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


def _check_text(value: str, fld: str, report: Any, limit: int) -> str | None:
    """The text if it can be shown and exported unchanged; else report and return None."""
    why = text_problem(value, limit)
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
            raise ValueError(
                "expected a date YYYY-MM-DD, YYYY-MM or YYYY, got "
                f"{'nothing' if text in (None, '') else type(text).__name__}"
            )
        if m := _DATETIME.match(text):
            text = m.group(1)
        if _YEAR.match(text):
            return date(int(text), 12, 31) if end else date(int(text), 1, 1)
        return parse_partial(text, end=end)
    except ValueError as exc:
        if report is not None:
            report(
                fld, value, str(exc).replace("YYYY-MM-DD or YYYY-MM", "YYYY-MM-DD, YYYY-MM or YYYY")
            )
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
        if msg.startswith(UNCLOSED) and geom.get("type") in _AREA:
            closed = _closed(geom)
            shp, note = _geometry(closed, report)
            if shp is None:
                return None, ""
            done = "closed an unclosed ring (RFC 7946: first and last positions equal)"
            return shp, f"{done}; {note}" if note else done
        if msg.startswith("expected a valid") and geom.get("type") in _AREA:
            fixed = make_valid(shape(geom))
            fixed = _areas_only(fixed)
            if fixed is not None and not fixed.is_empty:
                why = explain_validity(shape(geom))
                return fixed, f"repaired an invalid {geom['type']} ({why}) with make_valid"
        report("geometry", geometry_summary(geom), msg)
        return None, ""
    except (TypeError, ValueError, RecursionError) as exc:
        report("geometry", geometry_summary(geom), f"expected a GeoJSON geometry, got {exc}")
        return None, ""


def _closed(geom: dict[str, Any]) -> dict[str, Any]:
    """``geom`` with each ring's first position repeated at its end where it was not."""

    def close(ring: list[Any]) -> list[Any]:
        return [*ring, ring[0]] if ring and ring[0] != ring[-1] else ring

    coords = geom["coordinates"]
    if geom["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": [close(r) for r in coords]}
    return {"type": "MultiPolygon", "coordinates": [[close(r) for r in p] for p in coords]}


def _areas_only(geom: Any) -> Any:
    if geom.geom_type in _AREA:
        return geom
    if geom.geom_type == "GeometryCollection":
        from shapely.ops import unary_union

        polys = [g for g in geom.geoms if g.geom_type in _AREA]
        return unary_union(polys) if polys else None
    return None


def geometry_summary(geom: Any) -> str:
    """A geometry's type for a message (the geometry itself may be huge or hostile)."""
    if isinstance(geom, dict):
        return f"{geom.get('type')!s}"
    return type(geom).__name__
