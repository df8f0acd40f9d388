"""Faults: a missing or corrupt data file, a full disk, an unwritable cache or static/
folder, the data changed while the app runs. Each leaves the app working and says what
happened. (Two processes on one static/ folder: ``test_publish.py``; a corrupt cache entry:
``test_dense.py``.)"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo import cache
from geo.cache import load_cached, store_problem
from geo.catalog import load_catalog
from geo.paths import DATA_DIR
from layers import publish
from layers.dense import DenseLayer
from layers.events import LOD_EVENTS, events_layer
from layers.publish import Publisher
from tests.synthetic import generate

APP = Path(__file__).resolve().parent.parent / "streamlit_app.py"


def data_copy(tmp: Path) -> Path:
    folder = tmp / "data"
    folder.mkdir()
    for name in ("events.geojson", "zones.geojson", "regions.geojson"):
        shutil.copy(DATA_DIR / name, folder / name)
    return folder


@pytest.mark.parametrize(
    ("broken", "how"),
    [
        ("events.geojson", "corrupt"),
        ("zones.geojson", "missing"),
        ("regions.geojson", "corrupt"),
    ],
)
def test_app_starts_with_what_it_could_load(
    tmp_path: Path, monkeypatch, broken: str, how: str
) -> None:
    folder = data_copy(tmp_path)
    if how == "missing":
        (folder / broken).unlink()
    else:
        (folder / broken).write_text('{"type": "FeatureCollection", "features": [', "utf-8")
    monkeypatch.setenv("JOINTMAP_DATA", str(folder))
    monkeypatch.setenv("JOINTMAP_CACHE", str(tmp_path / "cache"))
    at = AppTest.from_file(str(APP), default_timeout=120).run()
    assert not at.exception, [e.value for e in at.exception]
    banners = [re.sub(r"\\(.)", r"\1", e.value) for e in at.error]  # markdown-escaped
    assert any(f"Bundled data file {broken} could not be read" in b for b in banners), banners
    assert len(at.get("component_instance")) == 1  # the map is still drawn
    shown = [m.value for m in at.markdown if "events shown" in m.value]
    assert shown, "expected the count line"
    if broken == "events.geojson":
        assert shown[0].startswith("**0 of 0 events shown**")
    else:
        assert not shown[0].startswith("**0 of")


# ---------------------------------------------------------------------------------- disks

NO_SPACE = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _full_disk(monkeypatch, module) -> None:
    """Every temporary file ``module`` writes fails as on a full disk."""
    real = tempfile.NamedTemporaryFile

    def failing(*args, **kwargs):
        tmp = real(*args, **kwargs)

        def write(_data):
            raise NO_SPACE

        tmp.write = write
        return tmp

    monkeypatch.setattr(module.tempfile, "NamedTemporaryFile", failing)


def test_publisher_on_a_full_disk_says_so_and_leaves_nothing(tmp_path: Path, monkeypatch) -> None:
    _full_disk(monkeypatch, publish)
    pub = Publisher(tmp_path / "static")
    assert pub("k", lambda: '{"a": 1}') is None
    assert (
        pub.problem
        and "No space left on device" in pub.problem
        and "inside the page" in (pub.problem)
    )
    assert list((tmp_path / "static").iterdir()) == []  # no half-written file


def test_publisher_with_an_unusable_folder_says_so(tmp_path: Path) -> None:
    blocker = tmp_path / "static"
    blocker.write_text("a file where the folder should be", "utf-8")
    pub = Publisher(blocker)
    assert pub("k", lambda: "{}") is None and "Not a directory" in str(pub.problem)
    ok = Publisher(tmp_path / "fine")
    assert ok("k", lambda: "{}") is not None and ok.problem is None


def test_a_large_layer_is_inlined_when_static_cannot_be_written(tmp_path: Path) -> None:
    folder = generate(LOD_EVENTS + 50, tmp_path / "big", basemap=False)
    cat = load_catalog(folder, analyse=False)
    blocker = tmp_path / "static"
    blocker.write_text("", "utf-8")
    group = events_layer(cat.events, cat.region_names(), version=cat.version,
                         publish=Publisher(blocker))  # fmt: skip
    dense = [c for c in group._children.values() if isinstance(c, DenseLayer)]
    assert len(dense) == 1 and dense[0].url is None and len(dense[0].data_json) > 100_000
    fine = events_layer(cat.events, cat.region_names(), version=cat.version,
                        publish=Publisher(tmp_path / "ok"))  # fmt: skip
    assert next(c.url for c in fine._children.values() if isinstance(c, DenseLayer))


def test_catalog_cache_on_a_full_disk_or_unwritable_folder(tmp_path: Path, monkeypatch) -> None:
    folder = data_copy(tmp_path)
    blocker = tmp_path / "cache-is-a-file"
    blocker.write_text("", "utf-8")
    cat, hit = load_cached(folder, folder=blocker)
    assert not hit and len(cat.events) > 0
    assert "could not be written" in str(store_problem(blocker))
    _full_disk(monkeypatch, cache)
    cat, hit = load_cached(folder, folder=tmp_path / "cache")
    assert not hit and len(cat.events) > 0
    assert "No space left on device" in str(store_problem(tmp_path / "cache"))
    assert not list((tmp_path / "cache").glob("*.tmp"))  # no half-written file
    monkeypatch.undo()
    load_cached(folder, folder=tmp_path / "cache")
    assert store_problem(tmp_path / "cache") is None  # written now: the notice goes


def test_app_works_with_an_unwritable_cache_and_says_so(tmp_path: Path, monkeypatch) -> None:
    folder = data_copy(tmp_path)
    blocker = tmp_path / "cache-is-a-file"
    blocker.write_text("", "utf-8")
    monkeypatch.setenv("JOINTMAP_DATA", str(folder))
    monkeypatch.setenv("JOINTMAP_CACHE", str(blocker))
    at = AppTest.from_file(str(APP), default_timeout=120).run()
    assert not at.exception, [e.value for e in at.exception]
    warnings = [re.sub(r"\\(.)", r"\1", w.value) for w in at.warning]
    assert any("Catalog cache: the catalog cache could not be written" in w for w in warnings)
    assert len(at.get("component_instance")) == 1


# ----------------------------------------------------------------- data changed meanwhile


def _count_line(at: AppTest) -> str:
    return next(m.value for m in at.markdown if "events shown" in m.value)


def test_data_folder_changed_while_the_app_runs(tmp_path: Path, monkeypatch) -> None:
    """An edit shows at the next rerun; a file broken meanwhile gives the banner, no crash."""
    folder = data_copy(tmp_path)
    monkeypatch.setenv("JOINTMAP_DATA", str(folder))
    monkeypatch.setenv("JOINTMAP_CACHE", str(tmp_path / "cache"))
    at = AppTest.from_file(str(APP), default_timeout=120).run()
    before = _count_line(at)
    n = int(re.search(r"of (\d+) events", before).group(1))
    doc = json.loads((folder / "events.geojson").read_text("utf-8"))
    doc["features"] = doc["features"][:-1]
    events = folder / "events.geojson"
    events.write_text(json.dumps(doc), "utf-8")
    later = events.stat().st_mtime + 5
    os.utime(events, (later, later))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert f"of {n - 1} events" in _count_line(at)
    events.write_text('{"type": "FeatureCollection", "features": [', "utf-8")
    os.utime(events, (later + 5, later + 5))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    banners = [re.sub(r"\\(.)", r"\1", e.value) for e in at.error]
    assert any("Bundled data file events.geojson could not be read" in b for b in banners)
    assert len(at.get("component_instance")) == 1
