"""Write the hostile/broken upload corpus (run from anywhere: ``python make_corpus.py``).

The files are committed; this script documents how each was made. ``EXPECTED.json`` holds
the documented outcome of each. The 10 MB single-line file is made at test time by
:func:`big_single_line` rather than committed.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
XSS = "<img src=x onerror=alert('xss')><script>alert(1)</script>"
TPL = "`${alert(document.domain)}` {{7*7}} </textarea>\\u2028"


def fc(*features: dict) -> dict:
    return {"type": "FeatureCollection", "features": list(features)}


def feat(props: dict, geom: dict | None = None) -> dict:
    return {
        "type": "Feature",
        "properties": props,
        "geometry": geom or {"type": "Point", "coordinates": [135.0, 40.0]},
    }


def write(name: str, doc: object) -> None:
    (HERE / name).write_text(json.dumps(doc, ensure_ascii=False), "utf-8")


def big_single_line(path: Path, n: int = 15_000) -> Path:
    """A ~10 MB GeoJSON on one line: n points with long descriptions."""
    pad = "x" * 620
    doc = fc(
        *[
            feat(
                {"name": f"point {i}", "date": "2024-01-01", "description": pad},
                {"type": "Point", "coordinates": [100 + i % 70, 10 + i % 50]},
            )
            for i in range(n)
        ]
    )
    path.write_text(json.dumps(doc, separators=(",", ":")), "utf-8")
    return path


def main() -> None:
    write(
        "payloads.geojson",
        fc(
            feat(
                {
                    "name": XSS,
                    "date": "2024-07-24",
                    "description": TPL,
                    XSS: TPL,
                    "link": "javascript:alert(1)",
                    "formula": '=HYPERLINK("http://x")',
                }
            ),
            feat(
                {"name": TPL, "date": "2024-08", "end": "2024-09", "notes": XSS},
                {"type": "LineString", "coordinates": [[130, 35], [136, 38]]},
            ),
            feat(
                {
                    "name": "<b>bold?</b> & ${x}",
                    "date": "2024",
                    "html": "</script><script>alert(3)</script>",
                },
                {"type": "Polygon", "coordinates": [[[140, 30], [142, 30], [142, 32], [140, 30]]]},
            ),
            feat({"name": "payload in the date", "date": XSS}),
        ),
    )
    (HERE / "payloads.csv").write_text(
        "name,date,wkt,comment\n"
        f'"{XSS}",2024-05-01,POINT (135 40),"{TPL}"\n'
        '"=cmd|\' /C calc\'!A0",2024-06-01,"LINESTRING (130 35, 135 38)","@SUM(1+1)"\n'
        "bad wkt,2024-06-01,POINT (oops),x\n",
        "utf-8",
    )
    (HERE / "payloads.kml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<kml xmlns="http://www.opengis.net/kml/2.2"><Document>'
        f"<Placemark><name><![CDATA[{XSS}]]></name>"
        f'<description><![CDATA[{TPL}<a href="javascript:alert(2)">x</a>]]></description>'
        "<TimeStamp><when>2024-07-24T10:00:00Z</when></TimeStamp>"
        '<ExtendedData><Data name="source"><value>&lt;script&gt;alert(4)&lt;/script&gt;'
        "</value></Data></ExtendedData>"
        "<Point><coordinates>135.0,40.0,0</coordinates></Point></Placemark>"
        "<Placemark><name>route</name><TimeSpan><begin>2024-08-01</begin><end>2024-08-03"
        "</end></TimeSpan><LineString><coordinates>130,35 135,38</coordinates></LineString>"
        "</Placemark>"
        "<Placemark><name>mixed</name><TimeStamp><when>2024</when></TimeStamp><MultiGeometry>"
        "<Point><coordinates>1,1</coordinates></Point><LineString><coordinates>1,1 2,2"
        "</coordinates></LineString></MultiGeometry></Placemark>"
        "</Document></kml>\n",
        "utf-8",
    )
    (HERE / "vrt-disguised.geojson").write_text(
        '<OGRVRTDataSource><OGRVRTLayer name="x"><SrcDataSource>/etc/passwd</SrcDataSource>'
        "</OGRVRTLayer></OGRVRTDataSource>\n",
        "utf-8",
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("events.geojson", b" " * 60_000_000)
    (HERE / "zip-bomb.zip").write_bytes(buf.getvalue())
    (HERE / "billion-laughs.kml").write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE kml [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;'
        '&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;'
        '&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">]>\n'
        '<kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><name>&e;</name><Point>'
        "<coordinates>135,40</coordinates></Point></Placemark></kml>\n",
        "utf-8",
    )
    (HERE / "xxe.kml").write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE kml [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
        '<kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><name>&x;</name><Point>'
        "<coordinates>135,40</coordinates></Point></Placemark></kml>\n",
        "utf-8",
    )
    write(
        "swapped.geojson",
        fc(
            feat({"name": "right", "date": "2024-01-01"}),
            feat(
                {"name": "swapped", "date": "2024-01-01"},
                {"type": "Point", "coordinates": [40.0, 135.0]},
            ),
        ),
    )
    write(
        "globe-spanning.geojson",
        fc(
            feat(
                {"name": "wrong way round", "date": "2024-01-01"},
                {
                    "type": "Polygon",
                    "coordinates": [[[170, 30], [-170, 30], [-170, 35], [170, 35], [170, 30]]],
                },
            )
        ),
    )
    (HERE / "bad-encoding.csv").write_bytes(
        "name,date,lon,lat\nCaf\u00e9 r\u00e9union,2024-01-01,135,40\n".encode("latin-1")
    )
    (HERE / "lone-surrogate.geojson").write_text(
        '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":'
        '"half a pair \\ud83d","date":"2024-01-01"},"geometry":{"type":"Point",'
        '"coordinates":[135,40]}},{"type":"Feature","properties":{"name":"fine","date":'
        '"2024-01-01"},"geometry":{"type":"Point","coordinates":[135,40]}}]}',
        "utf-8",
    )
    (HERE / "nul.geojson").write_text(
        '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":'
        '"nul\\u0000byte","date":"2024-01-01"},"geometry":{"type":"Point",'
        '"coordinates":[135,40]}}]}',
        "utf-8",
    )
    (HERE / "nan.geojson").write_text(
        '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":'
        '"not a number","date":"2024-01-01"},"geometry":{"type":"Point",'
        '"coordinates":[NaN,40]}}]}',
        "utf-8",
    )
    write(
        "duplicate-ids.geojson",
        fc(
            feat({"id": "a", "name": "first", "date": "2024-01-01"}),
            feat({"id": "a", "name": "again", "date": "2024-01-02"}),
        ),
    )
    write(
        "invalid-polygon.geojson",
        fc(
            feat(
                {"name": "bow tie", "date": "2024-01-01"},
                {
                    "type": "Polygon",
                    "coordinates": [[[130, 30], [132, 32], [132, 30], [130, 32], [130, 30]]],
                },
            )
        ),
    )
    write(
        "unsupported-type.geojson",
        fc(
            feat(
                {"name": "collection", "date": "2024-01-01"},
                {"type": "GeometryCollection", "geometries": []},
            )
        ),
    )
    write(
        "empty-geometry.geojson",
        fc(
            feat(
                {"name": "nothing", "date": "2024-01-01"}, {"type": "LineString", "coordinates": []}
            )
        ),
    )
    (HERE / "bad-dates.csv").write_text(
        "name,date,lon,lat\nok,2024-02-29,135,40\nno such day,2023-02-29,135,40\n"
        "words,last spring,135,40\nmissing,,135,40\nnot a number,2024-01-01,east,40\n",
        "utf-8",
    )
    (HERE / "deep-nesting.json").write_text(
        '{"type":"FeatureCollection","features":' + "[" * 100_000 + "]" * 100_000 + "}", "utf-8"
    )
    write(
        "cjk-non-bmp.geojson",
        fc(feat({"name": "𠀀𪚥 東シナ海 🛩", "date": "2024-11-29", "備考": "𩸽 and 𠮷"})),
    )

    # numbers: one strict rule in every format (issue 15)
    (HERE / "huge-numbers.geojson").write_text(
        '{"type":"FeatureCollection","features":['
        '{"type":"Feature","properties":{"name":"huge int","date":"2024-01-01","id":7},'
        '"geometry":{"type":"Point","coordinates":[1' + "0" * 5000 + ",40]}},"
        '{"type":"Feature","properties":{"name":"long float","date":"2024-01-01"},'
        '"geometry":{"type":"Point","coordinates":[135.' + "1" * 3000 + ",40]}},"
        '{"type":"Feature","properties":{"name":"fine","date":"2024-01-01"},'
        '"geometry":{"type":"Point","coordinates":[135,40]}}]}',
        "utf-8",
    )
    (HERE / "numbers.csv").write_text(
        "name,date,lon,lat\nunderscore,2024-01-01,13_5,40\nlong,2024-01-01," + "9" * 500 + ",40\n"
        "fine,2024-01-01,135,40\ninfinite,2024-01-01,1e999,40\nhex,2024-01-01,0x10,40\n",
        "utf-8",
    )
    # the same rule inside WKT (GEOS alone reads 0x10 as 16)
    (HERE / "wkt-numbers.csv").write_text(
        'name,date,wkt\nhex,2024-01-01,"POINT (0x10 40)"\n'
        'underscore,2024-01-01,"LINESTRING (13_5 40, 136 41)"\n'
        'fine,2024-01-01,"LINESTRING Z (135 40 0, 136.5 41 0)"\n',
        "utf-8",
    )

    # structure: duplicates refused, nesting bounded (issue 15)
    (HERE / "duplicate-keys.geojson").write_text(
        '{"type":"FeatureCollection","features":[{"type":"Feature","properties":'
        '{"name":"first","name":"second","date":"2024-01-01"},'
        '"geometry":{"type":"Point","coordinates":[135,40]}}]}',
        "utf-8",
    )
    (HERE / "duplicate-headers.csv").write_text(
        "name,date,lon,lat,lat\nx,2024-01-01,135,40,41\n", "utf-8"
    )
    inner = "<Point><coordinates>135,40</coordinates></Point>"
    deep = "<MultiGeometry>" * 5000 + inner + "</MultiGeometry>" * 5000
    (HERE / "deep-multigeometry.kml").write_text(
        '<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>'
        f"<Placemark><name>deep</name><TimeStamp><when>2024-01-01</when></TimeStamp>{deep}"
        "</Placemark><Placemark><name>flat</name><TimeStamp><when>2024-01-01</when>"
        f"</TimeStamp>{inner}</Placemark></Document></kml>",
        "utf-8",
    )

    # caps: only the documented ones (issue 15)
    (HERE / "long-cell.csv").write_text(
        "name,date,lon,lat\n" + "x" * 200_000 + ",2024-01-01,135,40\nok,2024-01-01,135,40\n",
        "utf-8",
    )
    pts = ", ".join(f"{130 + i * 0.001:.6f} {35 + i * 0.0005:.6f}" for i in range(8000))
    (HERE / "long-wkt.csv").write_text(
        f'name,date,wkt\nline,2024-01-01,"LINESTRING ({pts})"\nok,2024-01-01,POINT (135 40)\n',
        "utf-8",
    )

    write(
        "unclosed-ring.geojson",
        fc(
            feat(
                {"name": "open ring", "date": "2024-01-01"},
                {"type": "Polygon", "coordinates": [[[130, 30], [131, 30], [131, 31], [130, 31]]]},
            )
        ),
    )


if __name__ == "__main__":
    main()
