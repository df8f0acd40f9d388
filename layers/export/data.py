"""Data exports of the shown events: CSV, GeoJSON, GeoPackage and KML (with TimeSpan).

Every format carries the route-analytics columns (zones entered and crossed, closest
approaches). Text cells that a spreadsheet would run as a formula are neutralised.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import geopandas as gpd
import shapely
from shapely.geometry import mapping

from geo.dates import end_note
from geo.schema import KIND_LABELS
from layers.escape import xml_text

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
FIELDS = ["id", "name", "kind", "start", "end", "end_note", "participants", "format",
          "regions", "precision", "assets", "summary", "accounts", "notes", "part_of",
          "entered", "crossed", "closest_approach_km", "sources", "record_as_of"]  # fmt: skip


def safe_cell(value: str) -> str:
    """Prefix a cell that a spreadsheet would evaluate (``= + - @``, tab, CR) with ``'``."""
    return "'" + value if value.startswith(FORMULA_START) else value


def records(
    shown: gpd.GeoDataFrame, zone_names: Mapping[str, str], as_of: str = ""
) -> list[dict[str, Any]]:
    """Flat, text-valued records of the shown events with the route facts.

    ``end_note`` says when an end was not reported (and what the map assumed);
    ``record_as_of`` is the date the record was last checked complete.
    """
    out = []
    for ev in shown.to_dict("records"):
        approach = {zone_names.get(k, k): v for k, v in (ev.get("zone_km") or {}).items()}
        approach |= dict(ev.get("country_km") or {})
        out.append(
            {
                "id": ev["id"],
                "name": ev["name"],
                "kind": ev["kind"],
                "start": ev["start"],
                "end": ev["end"] or "",
                "end_note": end_note(ev["end"], ev.get("last_reported")),
                "participants": ",".join(ev["participants"]),
                "format": ev.get("format", ""),
                "regions": ",".join(ev["regions"]),
                "precision": ev["precision"],
                "assets": ev["assets"],
                "summary": ev["summary"],
                "accounts": json.dumps(ev.get("accounts") or [], ensure_ascii=False),
                "notes": ev.get("notes") or "",
                "part_of": ev.get("part_of") or "",
                "entered": "; ".join(zone_names.get(z, z) for z in ev.get("entered") or []),
                "crossed": "; ".join(zone_names.get(z, z) for z in ev.get("crossed") or []),
                "closest_approach_km": json.dumps(
                    dict(sorted(approach.items(), key=lambda t: t[1])), ensure_ascii=False
                ),
                "sources": json.dumps(ev["sources"], ensure_ascii=False),
                "record_as_of": as_of,
                "geometry": ev["geometry"],
            }
        )
    return out


def to_csv(shown: gpd.GeoDataFrame, zone_names: Mapping[str, str], as_of: str = "") -> bytes:
    """CSV (UTF-8 with BOM for spreadsheets), geometry as WKT, formula cells neutralised."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=[*FIELDS, "geometry_wkt"], lineterminator="\n")
    writer.writeheader()
    for rec in records(shown, zone_names, as_of):
        row = {k: safe_cell(str(rec[k])) for k in FIELDS}
        # full precision: coordinates survive a round trip unchanged
        row["geometry_wkt"] = shapely.to_wkt(rec["geometry"], rounding_precision=-1)
        writer.writerow(row)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_geojson(shown: gpd.GeoDataFrame, zone_names: Mapping[str, str], as_of: str = "") -> bytes:
    """RFC 7946 FeatureCollection (storage frame, cut at 180°)."""
    feats = [
        {"type": "Feature", "geometry": mapping(r.pop("geometry")), "properties": r}
        for r in records(shown, zone_names, as_of)
    ]
    doc = {"type": "FeatureCollection", "as_of": as_of, "features": feats}
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def to_gpkg(shown: gpd.GeoDataFrame, zone_names: Mapping[str, str], as_of: str = "") -> bytes:
    """GeoPackage, layer ``events`` (EPSG:4326)."""
    recs = records(shown, zone_names, as_of)
    frame = (
        gpd.GeoDataFrame(
            [{k: v for k, v in r.items() if k != "geometry"} for r in recs],
            geometry=[r["geometry"] for r in recs],
            crs="EPSG:4326",
        )
        if recs
        else gpd.GeoDataFrame({k: [] for k in FIELDS}, geometry=[], crs="EPSG:4326")
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "events.gpkg"
        frame.to_file(path, layer="events", driver="GPKG")
        return path.read_bytes()


def _kml_coords(coords: Any) -> str:
    return " ".join(f"{float(x)!r},{float(y)!r},0" for x, y, *_ in coords)


def _kml_geometry(geom: Any) -> str:
    t = geom.geom_type
    if t == "Point":
        return f"<Point><coordinates>{float(geom.x)!r},{float(geom.y)!r},0</coordinates></Point>"
    if t == "LineString":
        return (
            f"<LineString><tessellate>1</tessellate><coordinates>{_kml_coords(geom.coords)}"
            "</coordinates></LineString>"
        )
    if t == "Polygon":
        return (
            "<Polygon><outerBoundaryIs><LinearRing><coordinates>"
            f"{_kml_coords(geom.exterior.coords)}</coordinates></LinearRing>"
            "</outerBoundaryIs></Polygon>"
        )
    return "<MultiGeometry>" + "".join(_kml_geometry(g) for g in geom.geoms) + "</MultiGeometry>"


def to_kml(
    shown: gpd.GeoDataFrame, zone_names: Mapping[str, str], title: str, as_of: str = ""
) -> bytes:
    """KML with a TimeSpan per event, so Google Earth's time slider plays them."""
    marks = []
    for r, ev in zip(records(shown, zone_names, as_of), shown.to_dict("records"), strict=True):
        data = "".join(
            f'<Data name="{k}"><value>{xml_text(str(r[k]))}</value></Data>' for k in FIELDS
        )
        desc = xml_text(
            f"{KIND_LABELS.get(r['kind'], r['kind'])}, {r['start']}"
            f"{' – ' + (r['end'] or r['end_note'])}. {r['summary']}"
        )
        marks.append(
            f"<Placemark><name>{xml_text(r['name'])}</name>"
            f"<description>{desc}</description>"
            f"<TimeSpan><begin>{ev['start_date'].isoformat()}</begin>"
            f"<end>{ev['end_date'].isoformat()}</end></TimeSpan>"
            f"<ExtendedData>{data}</ExtendedData>{_kml_geometry(r['geometry'])}</Placemark>"
        )
    doc = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<kml xmlns="http://www.opengis.net/kml/2.2"><Document>'
        f"<name>{xml_text(title)}</name>{''.join(marks)}</Document></kml>\n"
    )
    return doc.encode("utf-8")
