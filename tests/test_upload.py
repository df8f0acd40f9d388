"""Users' own files: the hostile corpus, caps, CSV mapping, escaping, and round trips."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.__main__ import main as geo_main
from geo.catalog import load_catalog
from geo.upload import CsvMapping, Limits, UploadError, guess_mapping, parse_upload
from geo.view import Layers
from layers.export import data as export_data
from layers.map import base_map, overlay, standalone_map
from tests.helpers import event, write_data

CORPUS = Path(__file__).resolve().parent / "data" / "hostile"
EXPECTED = {
    k: v
    for k, v in json.loads((CORPUS / "EXPECTED.json").read_text("utf-8")).items()
    if not k.startswith("_")
}
sys.path.insert(0, str(CORPUS))
from make_corpus import XSS, big_single_line  # noqa: E402


def corpus_file(name: str, tmp_path: Path) -> Path:
    if name == "big-single-line.geojson":
        return big_single_line(tmp_path / name)
    return CORPUS / name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_outcome_in_the_parser(name: str, tmp_path: Path) -> None:
    want, path = EXPECTED[name], corpus_file(name, tmp_path)
    if want.get("refused"):
        with pytest.raises(UploadError) as err:
            parse_upload(name, path.read_bytes())
        assert want["message"] in str(err.value) and name in str(err.value)
        return
    up = parse_upload(name, path.read_bytes())
    assert (up.loaded, up.rejected, up.total) == (want["loaded"], want["rejected"], want["total"])
    assert up.loaded + up.rejected == up.total
    reasons = " | ".join(p.message for p in up.problems)
    for msg in want.get("messages", []):
        assert msg in reasons
    for msg in want.get("repaired", []):
        assert any(msg in n.message for n in up.notes)
    for p in up.problems:  # every rejection names file, record, field and value
        assert p.file == name and p.record and p.field and p.value


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_outcome_on_the_command_line(name: str, tmp_path: Path, capsys) -> None:
    want = EXPECTED[name]
    code = geo_main(["validate", str(corpus_file(name, tmp_path))])
    out, err = capsys.readouterr()
    if want.get("refused"):
        assert code == 2 and want["message"] in err
        return
    assert f"{want['loaded']} loaded, {want['rejected']} rejected, {want['total']} total" in out
    assert code == (1 if want["rejected"] else 0)
    for msg in want.get("messages", []):
        assert msg in err


def test_command_line_runs_as_a_module() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "geo", "validate", str(CORPUS / "swapped.geojson")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1 and "1 loaded, 1 rejected, 2 total" in proc.stdout


def test_caps_each_give_their_own_message() -> None:
    doc = json.dumps(
        {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "properties": {"name": f"p{i}", "date": "2024"},
                    "geometry": {
                        "type": "LineString",
                        "coordinates": [[130, 30], [131, 31], [132, 30]],
                    },
                }
                for i in range(5)
            ],
        }
    ).encode()
    with pytest.raises(UploadError, match="expected at most 4 records, got 5"):
        parse_upload("a.geojson", doc, limits=Limits(max_features=4))
    with pytest.raises(UploadError, match="expected at most 100 bytes"):
        parse_upload("a.geojson", doc, limits=Limits(max_bytes=100))
    with pytest.raises(UploadError, match="expected at most 10 positions in the file"):
        parse_upload("a.geojson", doc, limits=Limits(max_vertices=10))
    up = parse_upload("a.geojson", doc, limits=Limits(max_feature_vertices=2))
    assert up.rejected == 5 and "expected at most 2 positions" in up.problems[0].message
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("a.geojson", doc)
        zf.writestr("b.csv", b"x")
    with pytest.raises(UploadError, match=r"expected exactly one \.geojson, \.csv or \.kml"):
        parse_upload("two.zip", buf.getvalue())
    with pytest.raises(UploadError, match="expected a file ending in one of"):
        parse_upload("evil.vrt", b"<OGRVRTDataSource/>")


def test_zipped_file_is_read_in_memory_and_named_without_paths() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("../../etc/events.csv", "name,date,lon,lat\na,2024-01-01,135,40\n")
    up = parse_upload("mine.zip", buf.getvalue())
    assert up.loaded == 1 and up.name == "mine.zip/events.csv"


def test_csv_mapping_is_guessed_and_can_be_changed() -> None:
    data = b"Title;When;X;Y;other\nfirst;2024-03;135;40;kept\n"
    assert guess_mapping(["Title", "When", "X", "Y"]) == CsvMapping(
        name="Title", date="When", lon="X", lat="Y"
    )
    with pytest.raises(UploadError, match="expected a WKT column or longitude and latitude"):
        parse_upload("a.csv", b"a;b\n1;2\n")
    up = parse_upload(
        "a.csv", data, mapping=CsvMapping(name="Title", date="When", lon="X", lat="Y")
    )
    row = up.records.iloc[0]
    assert (row["name"], row["start"], row["end"]) == ("first", "2024-03-01", "2024-03-31")
    assert row["props"] == {"other": "kept"}
    swapped = parse_upload(
        "a.csv", data, mapping=CsvMapping(name="Title", date="When", lon="Y", lat="X")
    )
    assert swapped.rejected == 1 and "swap them" in swapped.problems[0].message


def test_payload_text_is_escaped_on_the_map(tmp_path: Path) -> None:
    write_data(tmp_path, [event("a")])
    cat = load_catalog(tmp_path)
    up = parse_upload("payloads.geojson", (CORPUS / "payloads.geojson").read_bytes())
    html = standalone_map(cat, cat.events, Layers()).get_root().render()
    assert "onerror=alert" not in html
    group = overlay(cat, cat.events, Layers(), user=up)
    m = base_map(cat, Layers())
    group.add_to(m)
    page = m.get_root().render()
    # no payload survives raw: not as HTML, not as a template-literal expression
    for raw in (
        "<script>alert(1)</script>",
        "<img src=x onerror",
        "${alert(document",
        "</script><script>alert(3)",
    ):
        assert raw not in page, raw
    assert "\\u0026lt;script\\u0026gt;alert(1)" in page  # escaped, then JSON-escaped
    assert "Your data: payloads.geojson (3)" in page


def test_kml_times_and_fields() -> None:
    up = parse_upload("payloads.kml", (CORPUS / "payloads.kml").read_bytes())
    first, route = up.records.iloc[0], up.records.iloc[1]
    assert first["name"] == XSS and first["start"] == "2024-07-24"
    assert first["props"]["source"] == "<script>alert(4)</script>"
    assert (route["start"], route["end"]) == ("2024-08-01", "2024-08-03")


# --------------------------------------------------------------------------- Hypothesis

SAFE_TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029"),
    min_size=1,
    max_size=40,
).filter(str.strip)


@given(
    data=st.binary(max_size=2000),
    ext=st.sampled_from(["geojson", "csv", "kml", "zip", "json", "kmz"]),
)
def test_random_bytes_give_records_or_a_validation_error(data: bytes, ext: str) -> None:
    try:
        up = parse_upload(f"x.{ext}", data)
    except UploadError as exc:
        assert str(exc).startswith("x.")
        return
    assert up.loaded + up.rejected == up.total


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda kids: (
        st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=8), kids, max_size=4)
    ),
    max_leaves=20,
)


@given(doc=JSON, features=st.lists(JSON, max_size=5))
def test_random_json_gives_records_or_a_validation_error(doc, features) -> None:
    for candidate in (
        doc,
        {"type": "FeatureCollection", "features": features},
        {"type": "Feature", "properties": doc, "geometry": doc},
    ):
        try:
            up = parse_upload("x.geojson", json.dumps(candidate).encode())
        except UploadError:
            continue
        assert up.loaded + up.rejected == up.total


POINT = st.tuples(st.floats(-179.9, 179.9), st.floats(-89.9, 89.9))


@st.composite
def valid_events(draw) -> list[dict]:
    n = draw(st.integers(1, 4))
    out = []
    for i in range(n):
        year = draw(st.integers(2012, 2025))
        month = draw(st.integers(1, 12))
        pts = draw(st.lists(POINT, min_size=2, max_size=4, unique=True))
        if any(abs(a[0] - b[0]) > 170 for a, b in itertools.pairwise(pts)):
            pts = [(p[0] % 90, p[1]) for p in pts]
        geom = {"type": "LineString", "coordinates": [list(p) for p in pts]}
        out.append(
            event(
                f"ev-{i}",
                name=draw(SAFE_TEXT),
                summary=draw(SAFE_TEXT),
                assets=draw(SAFE_TEXT),
                start=f"{year}-{month:02d}-01",
                end=f"{year}-{month:02d}-15",
                geometry=geom,
            )
        )
    return out


def _unformula(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:2] in tuple("=+-@\t\r") else value


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(feats=valid_events())
def test_valid_events_survive_save_load_and_every_export(feats, tmp_path: Path) -> None:
    folder = tmp_path / "d"
    write_data(folder, feats)
    cat = load_catalog(folder, analyse=False)
    assert not [p for p in cat.problems if p.field != "geometry"], cat.problems
    assert len(cat.events) == len(feats)
    want = {f["properties"]["id"]: f for f in feats}

    def same(eid: str, name: str, start: str, coords: list) -> None:
        props = want[eid]["properties"]
        assert name == props["name"] and start == props["start"]
        got = [float(v) for c in coords for v in c[:2]]
        exp = [float(v) for c in want[eid]["geometry"]["coordinates"] for v in c]
        assert got == pytest.approx(exp, abs=1e-9)

    doc = json.loads(export_data.to_geojson(cat.events, {}))
    for f in doc["features"]:
        p = f["properties"]
        same(p["id"], p["name"], p["start"], f["geometry"]["coordinates"])
        assert p["summary"] == want[p["id"]]["properties"]["summary"]

    rows = list(csv.DictReader(io.StringIO(export_data.to_csv(cat.events, {}).decode("utf-8-sig"))))
    from shapely import wkt

    for r in rows:
        same(r["id"], _unformula(r["name"]), r["start"], list(wkt.loads(r["geometry_wkt"]).coords))
        assert _unformula(r["assets"]) == want[r["id"]]["properties"]["assets"]

    import geopandas as gpd

    path = tmp_path / "x.gpkg"
    path.write_bytes(export_data.to_gpkg(cat.events, {}))
    for r in gpd.read_file(path).to_dict("records"):
        same(r["id"], r["name"], r["start"], list(r["geometry"].coords))

    kml = parse_upload("x.kml", export_data.to_kml(cat.events, {}, "t"))
    assert kml.loaded == len(feats) and kml.rejected == 0
    for r in kml.records.to_dict("records"):
        same(r["uid"], r["name"], r["start"], list(r["geometry"].coords))


def test_markdown_escape_leaves_nothing_to_render() -> None:
    from ui.text import markdown

    name = "![x](http://203.0.113.9/x.png) [a](javascript:alert(1)) <b>b</b> $x$ *i* `c`"
    out = markdown(name)
    # every metacharacter is backslash-escaped (CommonMark then shows it literally) ...
    for i, ch in enumerate(out):
        if ch in "![]()<>`*_$:" and out[i - 1] != "\\":
            raise AssertionError(f"unescaped {ch!r} at {i} in {out!r}")
    # ... and removing the escapes gives the text back
    assert re.sub(r"\\(.)", r"\1", out) == name
