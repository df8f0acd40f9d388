"""Rebuild ``labels.geojson``: the gazetteer of map labels, each with its source.

- countries: Natural Earth 1:50m (``basemap/countries-50m.geojson``), labelled at the pole of
  inaccessibility of their largest part, shown from a zoom set by their size;
- seas, straits, gulfs, channels, islands and capes: Natural Earth's own label points and
  zoom levels (``basemap/ne_labels.json``, extracted by ``basemap/prepare_labels.py``);
- the bases, ports, towns, straits and islands the event records name, at the positions the
  records give (``records/*.json``), cited to the record's first source.

Usage: ``python data/build_labels.py`` (``--check`` exits 1 if the file is stale).
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import Point, shape
from shapely.ops import polylabel

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]
from buildtools import write_or_check  # noqa: E402

from geo.frame import to_display, to_storage_lon  # noqa: E402

OUT = HERE / "labels.geojson"
NE = {"publisher": "Natural Earth (public domain)", "date": "n.d.",
      "url": "https://www.naturalearthdata.com/"}  # fmt: skip
# waypoint labels of the records (their start) -> label and type; the position is the record's
RECORD_PLACES: dict[str, tuple[str, str]] = {
    "Vladivostok": ("Vladivostok", "port"),
    "Qingdao": ("Qingdao", "port"),
    "Anadyr (Ugolny) airfield": ("Anadyr (Ugolny airfield)", "base"),
    "Avacha Bay, Petropavlovsk-Kamchatsky": ("Petropavlovsk-Kamchatsky", "port"),
    "Port of Latakia": ("Latakia", "port"),
    "Karachi": ("Karachi", "port"),
    "Muara, Brunei": ("Muara", "port"),
    "Makassar": ("Makassar", "port"),
    "Padang": ("Padang", "port"),
    "Singapore (Changi Naval Base": ("Changi Naval Base", "base"),
    "Beijing": ("Beijing", "city"),
    "Moscow (TsNII VKO": ("Moscow", "city"),
    "Novosibirsk": ("Novosibirsk", "city"),
    "Orenburg": ("Orenburg", "city"),
    "Chebarkul": ("Chebarkul range", "base"),
    "Ussuriysk": ("Ussuriysk", "city"),
    "Tsugol": ("Tsugol range", "base"),
    "Kapustin Yar": ("Kapustin Yar range", "base"),
    "Khujand": ("Khujand", "city"),
    "Balykchy": ("Balykchy", "city"),
    "Manzhouli": ("Manzhouli", "city"),
    "Heihe-Blagoveshchensk": ("Heihe", "city"),
    "Zhurihe training base": ("Zhurihe training base", "base"),
    "Qingtongxia": ("Qingtongxia training base", "base"),
    "Guilin": ("Guilin", "city"),
    "Pune": ("Pune", "city"),
    "Five Hills Training Area": ("Ulaanbaatar", "city"),
    "Chonburi": ("Chonburi", "city"),
    "Bandar Seri Begawan": ("Bandar Seri Begawan", "city"),
    "Jeju Island": ("Jeju", "island"),
    "Ulleungdo": ("Ulleungdo", "island"),
    "Ieodo/Socotra Rock": ("Ieodo / Socotra Rock", "island"),
    "Miyako Island": ("Miyako-jima", "island"),
    "Okinotori-shima": ("Okinotori-shima", "island"),
    "Oki-Daito-jima": ("Oki-Daito-jima", "island"),
    "Kiska Island": ("Kiska", "island"),
    "Aleutian Islands": ("Aleutian Islands", "island"),
    "Danjo Islands": ("Danjo Islands", "island"),
    "Shikoku": ("Shikoku", "island"),
    "Tsushima Strait": ("Tsushima Strait", "strait"),
    "Tsugaru Strait": ("Tsugaru Strait", "strait"),
    "Soya (La Pérouse) Strait": ("Soya (La Pérouse) Strait", "strait"),
    "Osumi Strait": ("Osumi Strait", "strait"),
    "Miyako Strait": ("Miyako Strait", "strait"),
    "Bussol Strait": ("Bussol Strait", "strait"),
    "Bering Strait": ("Bering Strait", "strait"),
    "Balintang Channel": ("Balintang Channel", "strait"),
}
TYPES = {"sea": "sea", "ocean": "sea", "gulf": "sea", "bay": "sea", "sound": "sea",
         "strait": "strait", "channel": "strait", "island": "island",
         "island group": "island", "peninsula": "region"}  # fmt: skip
# the places the records name are the briefing's subject: shown from zoom 5 (a sea's scale)
MIN_ZOOM = {"country": 3, "sea": 3, "strait": 5, "island": 5, "region": 5, "base": 5,
            "port": 5, "city": 6}  # fmt: skip


def _point(lon: float, lat: float) -> dict[str, Any]:
    return {"type": "Point", "coordinates": [round(lon, 3), round(lat, 3)]}


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = "".join(c.lower() if c.isalnum() else "-" for c in ascii_text)
    return "-".join(p for p in out.split("-") if p)[:70]


def record_points() -> list[Any]:
    """Display-frame points of every waypoint the records give."""
    pts = []
    for path in sorted((HERE / "records").glob("*.json")):
        for rec in json.loads(path.read_text("utf-8"))["records"]:
            pts += [to_display(Point(w[1], w[2])) for w in rec["waypoints"] if len(w) == 3]
    return pts


def countries() -> list[dict[str, Any]]:
    """Country labels from Natural Earth, zoom by size (large ones first).

    A country within about 3° of a record's waypoint is labelled from zoom 3 at the latest:
    the briefing's theatre (Japan, the Koreas, Taiwan) is named in the first view.
    """
    doc = json.loads((HERE / "basemap" / "countries-50m.geojson").read_text("utf-8"))
    near = shapely.MultiPoint(record_points()).buffer(3.0)
    out = []
    for f in doc["features"]:
        g = to_display(shape(f["geometry"]))
        part = max(getattr(g, "geoms", [g]), key=lambda p: p.area)
        if part.area < 0.5:  # small islands states: no label at briefing scales
            continue
        p = polylabel(part, tolerance=0.05)
        lon = to_storage_lon(p.x)
        if p.y < -60:  # Antarctica: no record reaches it
            continue
        zoom = 2 if part.area > 400 else 3 if part.area > 60 else 4 if part.area > 8 else 5
        if g.intersects(near):
            zoom = min(zoom, 3)
        out.append(
            (
                {
                    "name": f["properties"]["name"],
                    "label_type": "country",
                    "min_zoom": zoom,
                    "rank": 1 if zoom <= 2 else 2 if zoom <= 3 else 3,
                    "sources": [
                        NE
                        | {
                            "title": "Admin 0 countries 1:50m, v4.1.0 (via "
                            "world-atlas 2.0.2), label point computed"
                        }
                    ],
                },
                _point(lon, p.y),
            )
        )
    return [_feature(*pair) for pair in out]


def natural_earth() -> list[dict[str, Any]]:
    """Seas, straits, islands and capes from Natural Earth's own label data."""
    path = HERE / "basemap" / "ne_labels.json"
    if not path.exists():
        return []
    out = []
    for r in json.loads(path.read_text("utf-8"))["features"]:
        kind = TYPES.get(r["class"])
        if kind is None:
            continue
        ne_zoom = r.get("min_label") or r.get("min_zoom")
        zoom = max(2.0, min(float(ne_zoom), 9.0)) if ne_zoom else MIN_ZOOM[kind]
        out.append(
            _feature(
                {
                    "name": r["name"],
                    "label_type": kind,
                    "min_zoom": zoom,
                    "rank": int(r.get("scalerank") or 5) + 1,
                    "sources": [NE | {"title": r["source"]}],
                },
                _point(r["lon"], r["lat"]),
            )
        )
    return out


def record_places(known: set[str]) -> list[dict[str, Any]]:
    """Places the records name, at the records' positions, cited to each record's source."""
    found: dict[str, dict[str, Any]] = {}
    for path in sorted((HERE / "records").glob("*.json")):
        for rec in json.loads(path.read_text("utf-8"))["records"]:
            for w in rec["waypoints"]:
                if len(w) != 3:  # a strait's channel, not a named place (geo/channels.py)
                    continue
                label, lon, lat = w
                for start, (name, kind) in RECORD_PLACES.items():
                    if label.startswith(start) and name not in found and name.lower() not in known:
                        src = dict(rec["sources"][0])
                        src["title"] = (
                            f"{src.get('title')} (position of {label.split(' (')[0]} "
                            f"as the record {rec['id']} gives it)"
                        )
                        found[name] = _feature(
                            {
                                "name": name,
                                "label_type": kind,
                                "min_zoom": MIN_ZOOM[kind],
                                "rank": 4,
                                "sources": [src],
                            },
                            _point(lon, lat),
                        )
    return list(found.values())


# islands the routes pass (their waypoints are now the reported positions off them): the
# island's own position, as the record named it before, cited to that record's first source
ISLANDS = [("Kiska", 177.5, 52.0, "naval-patrol-2022-09"),
           ("Shikoku", 133.5, 33.75, "air-patrol-2025-12"),
           ("Aleutian Islands", -176.6, 51.9, "naval-patrol-2023-07"),
           ("St. Lawrence Island", -170.3, 63.4, "coast-guard-patrol-2024-09"),
           ("Miyako-jima", 125.317, 24.767, "air-patrol-2022-05")]  # fmt: skip
STRAIT_NAMES = {"korea": "Korea Strait", "bering": "Bering Strait"}
CHANNEL_NAMES = {"korea-west": "Korea Strait (western channel)",
                 "korea-east": "Tsushima Strait (eastern channel)",
                 "bering-west": "Bering Strait (western channel)",
                 "bering-east": "Bering Strait (eastern channel)"}  # fmt: skip


def channels(known: set[str]) -> list[dict[str, Any]]:
    """The strait channels the routes take, at the centre of their narrows, and islands."""
    from build_events import land_parts  # the 1:10m coast the routes are built on

    from geo.channels import CHANNELS, STRAITS, centre

    out = []
    src = dict(NE, title="1:10m coastline; the channel's centre is the middle of its narrows, "
               "computed (geo/channels.py)")  # fmt: skip
    for cid, name in CHANNEL_NAMES.items():
        lon, lat = centre(CHANNELS[cid], land_parts())
        props = {"name": name, "label_type": "strait", "min_zoom": 7, "rank": 4, "sources": [src]}
        out.append(_feature(props, _point(lon, lat)))
    # the strait as a whole, between its channels, for the views that show it whole
    for strait, ids in STRAITS.items():
        pts = [centre(CHANNELS[c], land_parts()) for c in ids]
        lon, lat = sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)
        name = STRAIT_NAMES[strait]
        if name.lower() in known:
            continue
        props = {"name": name, "label_type": "strait", "min_zoom": 5, "max_zoom": 6, "rank": 4,
                 "sources": [src]}  # fmt: skip
        out.append(_feature(props, _point(round(lon, 3), round(lat, 3))))
    recs = {r["id"]: r for p in sorted((HERE / "records").glob("*.json"))
            for r in json.loads(p.read_text("utf-8"))["records"]}  # fmt: skip
    for name, lon, lat, rid in ISLANDS:
        first = dict(recs[rid]["sources"][0])
        first["title"] = f"{first.get('title')} (position of {name} as the record {rid} gives it)"
        props = {"name": name, "label_type": "island", "min_zoom": MIN_ZOOM["island"], "rank": 4,
                 "sources": [first]}  # fmt: skip
        out.append(_feature(props, _point(lon, lat)))
    return out


# sea names that differ by party: the neutral label gives both where both are in wide use;
# each party's own name follows the naming setting (as for the disputed zones)
KOREA_NET = {"publisher": "Korea.net (Korean Culture and Information Service)",
             "title": "East Sea: the Korean government's position", "date": "2012-02-02",
             "url": "https://www.korea.net/Government/Current-Affairs/National-Affairs/"
                    "view?affairId=83&articleId=1045&subId=236"}  # fmt: skip
AO_29 = {"publisher": "Philippine Daily Inquirer",
         "title": "It's official: Aquino signs order on West Philippine Sea (Administrative "
                  "Order No. 29, 5 Sept 2012, names the waters west of the archipelago)",
         "date": "2012-09-13",
         "url": "http://globalnation.inquirer.net/50012/its-official-aquino-signs-order-on-west-"
                "philippine-sea"}  # fmt: skip
PARTY_NAMES: dict[str, tuple[str, dict[str, str], list[dict[str, str]]]] = {
    "Sea of Japan": ("Sea of Japan / East Sea", {"JP": "Sea of Japan", "KR": "East Sea"},
                     [KOREA_NET]),
    "South China Sea": ("South China Sea", {"PH": "West Philippine Sea (its western waters)"},
                        [AO_29]),
}  # fmt: skip


def with_party_names(feature: dict[str, Any]) -> dict[str, Any]:
    """Add the parties' names of a sea whose name is disputed (see :data:`PARTY_NAMES`)."""
    props = feature["properties"]
    if props["name"] in PARTY_NAMES:
        label, names, sources = PARTY_NAMES[props["name"]]
        props["name"] = label
        props["names"] = names
        props["sources"] = [*props["sources"], *sources]
    return feature


def _feature(props: dict[str, Any], geom: dict[str, Any]) -> dict[str, Any]:
    props = {"id": f"{props['label_type']}-{_slug(props['name'])}", **props}
    return {"type": "Feature", "properties": props, "geometry": geom}


def render() -> str:
    """The file text: one label per line, for readable diffs."""
    ne = natural_earth()
    known = {f["properties"]["name"].lower() for f in ne}
    feats = countries() + [with_party_names(f) for f in ne] + record_places(known) + channels(known)
    seen: set[str] = set()
    unique = []
    for f in feats:  # one label per id (Natural Earth lists a few names twice)
        if f["properties"]["id"] not in seen:
            seen.add(f["properties"]["id"])
            unique.append(f)
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in unique]
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def main(argv: list[str]) -> int:
    """Write labels.geojson; with ``--check``, exit 1 if the committed file differs."""
    text = render()
    return write_or_check(OUT, text, argv, f"{text.count(chr(10)) - 2} labels")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
