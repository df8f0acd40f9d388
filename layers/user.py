"""The user's own records (an upload) as a map layer of its own style and legend row."""

from __future__ import annotations

from typing import Any

from geo.upload import Upload
from layers.cards import date_span
from layers.escape import text
from layers.features import FeatureLayer, collection_json, feature
from layers.styles import USER_STYLE

USER_KIND = "user"  # the legend row and playback treat uploads as one more kind


def user_card(row: dict[str, Any], source: str) -> str:
    """Popup HTML for one uploaded record; every value from the file is escaped."""
    rows = "".join(
        f"<tr><th style='text-align:left;padding-right:6px'>{text(k)}</th><td>{text(v)}</td></tr>"
        for k, v in row["props"].items()
    )
    note = f"<br><i>{text(row['note'])}</i>" if row.get("note") else ""
    return (
        f"<b>{text(row['name'])}</b><br>{text(date_span(row['start'], row['end']))}"
        f"<br><span style='color:#555'>Your data: {text(source)}</span>{note}"
        + (f"<table style='margin-top:4px'>{rows}</table>" if rows else "")
    )


def user_layer(upload: Upload, records: Any = None) -> FeatureLayer:
    """One ``L.geoJson`` of the upload's records (default: all accepted ones).

    Features carry ``t0``/``t1`` so the year slider and playback filter them with the
    events.
    """
    rows = upload.records if records is None else records
    style = USER_STYLE.leaflet()
    feats = [
        feature(
            r["display"],
            style,
            fid=f"user-{i}",
            displayed=True,
            popup=user_card(r, upload.name),
            tooltip=text(r["name"]),
            kind=USER_KIND,
            t0=r["start_date"].isoformat(),
            t1=r["end_date"].isoformat(),
        )
        for i, r in enumerate(rows.to_dict("records"))
    ]
    return FeatureLayer(collection_json(feats), name="Your data")
