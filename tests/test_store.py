"""The PostGIS backend on a real server: round trip, edits, history, conflicts, "as of".

The server is a throwaway cluster the suite starts itself (``conftest.pg_server``).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import time
from pathlib import Path

import psycopg
import pytest

from geo.authoring import RecordError, check_record
from geo.backends import DbBackend, EditConflict, FileBackend, record_from_feature
from geo.cache import load_cached_texts
from geo.catalog import load_catalog
from geo.paths import DATA_DIR
from geo.store import CHANNEL, Store
from geo.view import Layers, View
from layers.export import export_view
from layers.export.cli import main as export_main

FILES = ("events.geojson", "zones.geojson", "regions.geojson", "labels.geojson")


@pytest.fixture
def store(pg_dsn: str) -> Store:
    s = Store(pg_dsn)
    s.migrate()
    s.import_dir(DATA_DIR, author="tester", reason="test import")
    return s


def a_record(eid: str = "air-patrol-2026-12-test", name: str = "Test joint air patrol") -> dict:
    return {
        "id": eid,
        "name": name,
        "kind": "air_patrol",
        "domains": ["air"],
        "start": "2026-11-20",
        "end": "2026-11-20",
        "participants": ["CN", "RU"],
        "assets": "2 Tu-95MS, 2 H-6K",
        "summary": "A record made by the test suite, never shipped.",
        "precision": "approximate_route",
        "geometry_type": "route",
        "straight_legs": True,
        "waypoints": [
            ["Sea of Japan (conventional centre)", 135.0, 40.0],
            ["East China Sea (conventional centre)", 125.0, 30.0],
        ],
        "sources": [{"publisher": "Test", "title": "Test report", "date": "2026-11-21"}],
    }


def test_files_to_postgis_to_files_is_byte_identical(store: Store, tmp_path: Path) -> None:
    store.export_dir(tmp_path)
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (DATA_DIR / name).read_bytes(), name
    # a second import of the same files writes no revision
    assert store.import_dir(DATA_DIR, author="tester") == 0


def test_catalog_from_postgis_equals_catalog_from_files(store: Store, tmp_path: Path) -> None:
    from_db = load_cached_texts(store.files(), folder=tmp_path)
    from_files = load_catalog(DATA_DIR)
    assert from_db.version == from_files.version  # the same content, the same version
    assert list(from_db.events["id"]) == list(from_files.events["id"])
    assert [str(p) for p in from_db.problems] == [str(p) for p in from_files.problems]


def test_desktop_gis_reads_the_tables(store: Store) -> None:
    """QGIS's view of the record: ogrinfo (GDAL) and a plain geometry query."""
    with psycopg.connect(store.conninfo) as conn:
        srid = conn.execute("SELECT Find_SRID('public', 'events', 'geom')").fetchone()[0]
        n, crossing = conn.execute(
            "SELECT count(*), count(*) FILTER (WHERE ST_XMax(geom) - ST_XMin(geom) > 180) "
            "FROM events"
        ).fetchone()
        srcs = conn.execute("SELECT count(*) FROM event_sources").fetchone()[0]
    assert srid == 4326 and n == 83 and srcs > 83
    assert crossing >= 1  # routes cut at 180° are stored cut, as in the files
    ogr = shutil.which("ogrinfo")
    assert ogr, "expected GDAL's ogrinfo (Debian: gdal-bin), installed by the Makefile"
    c = store.conninfo.removeprefix("postgresql://")
    user, rest = c.split("@")
    host, rest = rest.split(":")
    port, db = rest.split("/")
    out = subprocess.run(
        [ogr, "-ro", "-so", f"PG:host={host} port={port} user={user} dbname={db}", "events"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "Feature Count: 83" in out and "WGS 84" in out


def test_an_added_event_is_a_revision_with_who_and_why(store: Store) -> None:
    db = DbBackend(store)
    before = len(json.loads(store.files()["events.geojson"])["features"])
    msg = db.save(a_record(), author="alice", reason="JSO release of 21 Nov", token="0", new=True)
    assert "version 1 saved by alice" in msg
    feats = json.loads(store.files()["events.geojson"])["features"]
    assert len(feats) == before + 1
    (rev,) = store.history("air-patrol-2026-12-test")
    assert (rev.author, rev.reason, rev.version) == ("alice", "JSO release of 21 Nov", 1)
    assert rev.record is not None and rev.record["waypoints"][0][1] == 135.0


def test_the_same_checks_as_the_loader_refuse_a_bad_record(store: Store) -> None:
    db = DbBackend(store)
    bad = a_record()
    bad["start"] = "2026-02-30"
    with pytest.raises(RecordError) as err:
        db.save(bad, author="alice", reason="typo", token="0", new=True)
    assert any(p.field == "start" and "2026-02-30" in p.value for p in err.value.problems)
    taken = a_record(eid="air-patrol-2019-07")  # an existing id may not be taken by a new one
    with pytest.raises(RecordError, match=r"duplicate|unique"):
        db.save(taken, author="alice", reason="new", token="0", new=True)
    assert store.history("air-patrol-2026-12-test") == []  # nothing written


def test_a_correction_keeps_the_previous_values(store: Store) -> None:
    db = DbBackend(store)
    opened = db.open("air-patrol-2019-07")
    assert opened.token == "1" and opened.record is not None
    fixed = dict(opened.record, assets="2 Tu-95MS, 2 H-6K (corrected)")
    db.save(fixed, author="bob", reason="ROK JCS count", token=opened.token, new=False)
    new, old = store.history("air-patrol-2019-07")
    assert new.version == 2 and new.author == "bob"
    assert old.feature is not None and new.feature is not None
    assert old.feature["properties"]["assets"] != new.feature["properties"]["assets"]
    assert old.feature["geometry"] == new.feature["geometry"]  # same record, same route


def test_two_editors_get_a_conflict_never_a_silent_overwrite(store: Store) -> None:
    db = DbBackend(store)
    first, second = db.open("air-patrol-2019-07"), db.open("air-patrol-2019-07")
    assert first.record is not None and second.record is not None
    db.save(dict(first.record, notes="first editor"), author="alice", reason="a",
            token=first.token, new=False)  # fmt: skip
    with pytest.raises(EditConflict) as err:
        db.save(dict(second.record, notes="second editor"), author="bob", reason="b",
                token=second.token, new=False)  # fmt: skip
    assert err.value.theirs is not None and err.value.theirs["notes"] == "first editor"
    assert err.value.mine["notes"] == "second editor" and "alice" in str(err.value)
    assert db.open("air-patrol-2019-07").record["notes"] == "first editor"  # type: ignore[index]
    # saving again from the version now current is a deliberate, recorded overwrite
    db.save(dict(second.record, notes="second editor"), author="bob", reason="b, after review",
            token=err.value.token, new=False)  # fmt: skip
    assert [r.author for r in store.history("air-patrol-2019-07")] == ["bob", "alice", "tester"]


def test_a_deleted_event_is_a_revision_and_stays_in_the_past(store: Store) -> None:
    db = DbBackend(store)
    t0 = _db_now(store)
    db.delete("air-patrol-2019-07", author="alice", reason="duplicate of another record",
              token="1")  # fmt: skip
    ids_now = {
        f["properties"]["id"] for f in json.loads(store.files()["events.geojson"])["features"]
    }
    past = json.loads(store.files(as_of=t0)["events.geojson"])["features"]
    assert "air-patrol-2019-07" not in ids_now
    assert "air-patrol-2019-07" in {f["properties"]["id"] for f in past}
    gone, first = store.history("air-patrol-2019-07")
    assert gone.deleted and gone.reason == "duplicate of another record" and not first.deleted


def _db_now(store: Store) -> dt.datetime:
    with psycopg.connect(store.conninfo) as conn:
        return conn.execute("SELECT clock_timestamp()").fetchone()[0]


def _figure(store: Store, tmp_path: Path, as_of: dt.datetime | None = None) -> bytes:
    cat = load_cached_texts(store.files(as_of), folder=tmp_path / "cache")
    view = View(years=(2019, 2019), regions=frozenset({"sea_of_japan"}))
    return export_view(cat, view, Layers(), "svg")


def test_an_export_as_of_a_past_time_reproduces_the_figure_made_then(
    store: Store, tmp_path: Path
) -> None:
    then = _figure(store, tmp_path)
    t1 = _db_now(store)
    time.sleep(0.05)
    db = DbBackend(store)
    opened = db.open("air-patrol-2019-07")
    assert opened.record is not None
    renamed = dict(opened.record, name="Renamed later joint strategic air patrol")
    db.save(renamed, author="bob", reason="house style", token=opened.token, new=False)
    now = _figure(store, tmp_path)
    assert now != then and b"Renamed later" in now
    assert _figure(store, tmp_path, as_of=t1) == then  # byte for byte


def test_the_export_command_makes_the_figure_as_of_a_time(
    store: Store, tmp_path: Path, monkeypatch, capsys
) -> None:
    monkeypatch.setenv("JOINTMAP_DB", store.conninfo)
    argv = ["export", "--format", "svg", "--years", "2019", "--regions", "sea_of_japan"]
    assert export_main([*argv, "--out", str(tmp_path / "then.svg")]) == 0
    t1 = _db_now(store)
    opened = DbBackend(store).open("air-patrol-2019-07")
    assert opened.record is not None
    renamed = dict(opened.record, name="Renamed later joint strategic air patrol")
    DbBackend(store).save(renamed, author="bob", reason="style", token=opened.token, new=False)
    assert export_main([*argv, "--out", str(tmp_path / "now.svg")]) == 0
    at = ["--as-of", t1.isoformat(), "--out", str(tmp_path / "again.svg")]
    assert export_main([*argv, *at]) == 0
    then, now = (tmp_path / "then.svg").read_bytes(), (tmp_path / "now.svg").read_bytes()
    assert now != then and (tmp_path / "again.svg").read_bytes() == then
    assert export_main([*argv, "--as-of", "yesterday", "--out", str(tmp_path / "x.svg")]) == 2
    assert "expected a date or time" in capsys.readouterr().err


def test_a_save_is_announced_to_listeners(store: Store) -> None:
    with psycopg.connect(store.conninfo, autocommit=True) as listener:
        listener.execute(f"LISTEN {CHANNEL}")
        DbBackend(store).save(a_record(), author="alice", reason="new", token="0", new=True)
        got = next(listener.notifies(timeout=5.0, stop_after=1))
    assert got.channel == CHANNEL and int(got.payload) == store.stamp()[0]


def test_values_never_become_sql(store: Store) -> None:
    hostile = a_record(eid="x-drop-test", name="Robert'); DROP TABLE events; --")
    hostile["notes"] = "'; DELETE FROM revisions; --"
    DbBackend(store).save(hostile, author="alice", reason="' OR 1=1 --", token="0", new=True)
    (rev,) = store.history("x-drop-test")
    assert rev.feature is not None and rev.feature["properties"]["name"].startswith("Robert');")
    assert rev.reason == "' OR 1=1 --"
    assert len(json.loads(store.files()["events.geojson"])["features"]) == 84


def test_record_from_a_feature_without_one_rebuilds_the_same_geometry() -> None:
    cat_feats = json.loads((DATA_DIR / "events.geojson").read_text("utf-8"))["features"]
    for feat in cat_feats[:20]:
        rec = record_from_feature(feat)
        assert check_record(rec)["geometry"] == feat["geometry"], feat["properties"]["id"]


# ------------------------------------------------------------------------- the files


def _data_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder, ignore=shutil.ignore_patterns("basemap", "*.py"))
    (folder / "basemap").symlink_to(DATA_DIR / "basemap")
    return folder


def test_file_backend_writes_the_record_and_splices_the_feature(tmp_path: Path) -> None:
    folder = _data_copy(tmp_path)
    files = FileBackend(folder)
    before = (folder / "events.geojson").read_text("utf-8").splitlines()
    msg = files.save(a_record(), author="alice", reason="new", token="0", new=True)
    assert "saved to records/" in msg
    after = (folder / "events.geojson").read_text("utf-8").splitlines()
    assert len(after) == len(before) + 1
    assert set(before) <= set(after) | {before[-2]}  # only a comma moved on the old last line
    assert any('"air-patrol-2026-12-test"' in line for line in after)
    family = json.loads((folder / "records" / "air_patrols.json").read_text("utf-8"))
    assert family["records"][-1]["id"] == "air-patrol-2026-12-test"
    cat = load_catalog(folder)
    assert "air-patrol-2026-12-test" in set(cat.events["id"]) and not cat.problems


def test_file_backend_conflict(tmp_path: Path) -> None:
    folder = _data_copy(tmp_path)
    files = FileBackend(folder)
    a, b = files.open("air-patrol-2019-07"), files.open("air-patrol-2019-07")
    assert a.record is not None and b.record is not None
    files.save(dict(a.record, notes="first"), author="alice", reason="a", token=a.token,
               new=False)  # fmt: skip
    with pytest.raises(EditConflict) as err:
        files.save(dict(b.record, notes="second"), author="bob", reason="b", token=b.token,
                   new=False)  # fmt: skip
    assert err.value.theirs is not None and err.value.theirs["notes"] == "first"
