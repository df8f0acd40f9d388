"""GeoJSON uploads, read with the standard library's json (never GDAL)."""

from __future__ import annotations

import json
from typing import Any

from geo.numbers import DuplicateKeyError, loads
from geo.schema import Problem, short
from geo.upload.archive import text_of
from geo.upload.model import Limits, Upload, UploadError
from geo.upload.records import Records, as_text


def read_geojson(label: str, data: bytes, limits: Limits) -> Upload:
    """Records of a GeoJSON FeatureCollection (or a single Feature).

    Raises
    ------
    UploadError
        When the file is not JSON, is XML in disguise, nests too deeply, is not a
        FeatureCollection or Feature, or breaks a cap.
    """
    text = text_of(label, data)
    head = text.lstrip()[:40]
    if head.startswith("<"):
        raise UploadError(
            f"{label}: expected GeoJSON (JSON text), got XML starting "
            f"{short(head)}; it is not opened as anything else"
        )
    try:
        doc = loads(text)
    except json.JSONDecodeError as exc:
        raise UploadError(
            f"{label}: expected GeoJSON (JSON text), got {exc.msg} at line "
            f"{exc.lineno} column {exc.colno}"
        ) from None
    except RecursionError:
        raise UploadError(f"{label}: expected GeoJSON, got JSON nested too deeply") from None
    except DuplicateKeyError as exc:
        raise UploadError(f"{label}: {exc}; a value would be lost") from None
    feats: Any
    if isinstance(doc, dict) and doc.get("type") == "Feature":
        feats = [doc]
    elif isinstance(doc, dict) and doc.get("type") == "FeatureCollection":
        feats = doc.get("features")
        if not isinstance(feats, list):
            raise UploadError(
                f"{label}: expected 'features' to be a list, got {type(feats).__name__}"
            )
    else:
        got = doc.get("type") if isinstance(doc, dict) else type(doc).__name__
        raise UploadError(
            f"{label}: expected a GeoJSON FeatureCollection or Feature, got {short(got)}"
        )
    out = Records(label, limits)
    out.check_count(len(feats))
    for i, feat in enumerate(feats, start=1):
        record = f"feature {i}"
        if not isinstance(feat, dict) or feat.get("type") != "Feature":
            got = feat.get("type") if isinstance(feat, dict) else type(feat).__name__
            out.problems.append(
                Problem(label, record, "type", short(got), "expected a GeoJSON Feature")
            )
            continue
        props = feat.get("properties")
        if props is None:
            props = {}
        if not isinstance(props, dict):
            out.problems.append(
                Problem(label, record, "properties", short(props), "expected an object")
            )
            continue
        rest = {k: v for k, v in props.items() if k not in ("name", "date", "start", "end", "id")}
        uid = props.get("id", feat.get("id"))
        if uid not in (None, ""):
            record = f"feature {i} (id {short(as_text(uid), 40)})"
        out.add(
            record,
            props.get("name"),
            props.get("date", props.get("start")),
            props.get("end"),
            feat.get("geometry"),
            rest,
            uid,
        )
    return out.result("geojson", len(feats))
