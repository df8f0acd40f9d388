"""A missing or corrupt bundled data file: a clear banner, and the app starts with the rest."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.paths import DATA_DIR

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
