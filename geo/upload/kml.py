"""KML uploads, read with defusedxml: no DTD, no entities, nothing fetched."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

from geo.numbers import parse_number
from geo.schema import Problem, short
from geo.upload.model import Limits, Upload, UploadError
from geo.upload.records import Records


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child(el: Any, name: str) -> Any:
    return next((c for c in el if _local(c.tag) == name), None)


def read_kml(label: str, data: bytes, limits: Limits) -> Upload:
    """Records of the Placemarks of a KML document (name, time, ExtendedData, geometry).

    Raises
    ------
    UploadError
        When the XML is not well formed, declares a DTD or entities, or breaks a cap.
    """
    try:
        root = SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise UploadError(
            f"{label}: expected KML without a DTD or entity declarations, got "
            f"{type(exc).__name__} (refused: entity expansion and external "
            "files are never processed)"
        ) from None
    except SafeET.ParseError as exc:
        raise UploadError(f"{label}: expected well-formed KML (XML), got {exc}") from None
    marks = [el for el in root.iter() if _local(el.tag) == "Placemark"]
    out = Records(label, limits)
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
        out.add(
            record, name_el.text if name_el is not None else None, start, end, geometry, props, uid
        )
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
            out.append([parse_number(parts[0]), parse_number(parts[1])])
        except (ValueError, IndexError):
            raise ValueError(f"expected coordinates 'lon,lat[,alt]', got {short(token)}") from None
    return out


def _kml_geometry(pm: Any) -> dict[str, Any]:
    parts = list(_geometries(pm))
    if not parts:
        raise ValueError("expected a Point, LineString or Polygon, got no geometry")
    kinds = {p["type"] for p in parts}
    if len(parts) == 1:
        return parts[0]
    if len(kinds) > 1:
        raise ValueError(
            f"expected one geometry type in a MultiGeometry, got {', '.join(sorted(kinds))}"
        )
    kind = kinds.pop()
    return {"type": f"Multi{kind}", "coordinates": [p["coordinates"] for p in parts]}


MAX_NESTING = 16  # MultiGeometry inside MultiGeometry: far deeper than any real file


def _geometries(el: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > MAX_NESTING:
        raise ValueError(f"expected MultiGeometry nested at most {MAX_NESTING} deep, got deeper")
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
            yield from _geometries(child, depth + 1)
        elif tag in ("Model", "Track", "MultiTrack", "gx:Track"):
            raise ValueError(f"expected a Point, LineString or Polygon, got {tag}")
