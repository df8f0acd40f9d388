"""The whole hostile corpus through each entry point that reads files.

``python -m geo validate FILE`` and the app's upload are checked in ``test_upload.py`` and
``test_upload_browser.py``; here the export command draws each file as the user's data
(``--upload``), and each JSON file of the corpus stands in for the bundled
``events.geojson`` of a data folder (``--data``) before ``geo validate`` and ``layers
export`` read it. Every case ends in a message and a documented exit code; an exception
escaping either command fails the test, as a traceback would reach the user.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest

from geo.__main__ import main as geo_main
from geo.paths import DATA_DIR
from layers.export.cli import main as export_main
from tests.test_upload import CORPUS, EXPECTED, corpus_file

DATA_FILES = ("zones.geojson", "labels.geojson", "regions.geojson", "claims.json")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_as_the_users_data_in_an_export(name: str, tmp_path: Path, capsys) -> None:
    want, out = EXPECTED[name], tmp_path / "figure.svg"
    argv = ["export", "--format", "svg", "--out", str(out)]
    code = export_main([*argv, "--upload", str(corpus_file(name, tmp_path))])
    err = capsys.readouterr().err
    if want.get("refused"):
        assert code == 2 and want["message"] in err and "--upload" in err, err
        assert not out.exists()
        return
    assert code == 0, err
    summary = f"{name}: {want['loaded']} loaded, {want['rejected']} rejected, {want['total']}"
    assert summary in err
    assert err.count("  rejected: ") == want["rejected"]
    for msg in want.get("messages", []):
        assert msg in err
    for msg in want.get("repaired", []):
        assert f"repaired: {name}" in err and msg in err
    svg = out.read_text("utf-8")
    drawn = re.search(r'<g class="user">(.*?)</g>', svg)
    assert (drawn is not None and drawn.group(1) != "") == (want["loaded"] > 0)
    assert ("Your data: " in svg) == (want["loaded"] > 0)
    assert "<script" not in svg and "onerror=" not in svg.replace("onerror=alert", "")


def _data_folder(tmp_path: Path, events: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    for name in DATA_FILES:
        (folder / name).symlink_to(DATA_DIR / name)
    shutil.copyfile(events, folder / "events.geojson")
    return folder


JSON_CASES = sorted(n for n in EXPECTED if n.endswith((".geojson", ".json")))


@pytest.mark.parametrize("name", JSON_CASES)
def test_corpus_as_a_data_folders_events(name: str, tmp_path: Path, capsys) -> None:
    """A broken or hostile events.geojson: problems listed (exit 1), no traceback."""
    folder = _data_folder(tmp_path, corpus_file(name, tmp_path))
    assert geo_main(["validate", str(folder)]) == 1
    out, err = capsys.readouterr()
    assert "events.geojson: 0 loaded" in out, out  # none has every field a data file needs
    assert "problem(s):" in err and "events.geojson" in err, err
    code = export_main(
        ["export", "--format", "geojson", "--out", str(tmp_path / "x.geojson"), "--data",
         str(folder)]
    )  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2 and "error: " in err, err  # an empty record: nothing to export
    assert not (tmp_path / "x.geojson").exists()


def test_every_corpus_file_is_documented() -> None:
    """The corpus and EXPECTED.json list the same files (the big one is generated)."""
    files = {p.name for p in CORPUS.iterdir() if p.suffix in (".geojson", ".json", ".csv",
                                                             ".kml", ".zip", ".kmz")}  # fmt: skip
    files -= {"EXPECTED.json"}
    assert files | {"big-single-line.geojson"} == set(EXPECTED)
    assert all(json.loads((CORPUS / "EXPECTED.json").read_text("utf-8"))[n] for n in files)


def test_readme_page_is_generated_from_the_corpus() -> None:
    """README's "What the app accepts and refuses" is the one readme_page.py writes."""
    sys.path.insert(0, str(CORPUS))
    import readme_page

    text = (CORPUS.parents[2] / "README.md").read_text("utf-8")
    assert readme_page.updated(text) == text, "run python tests/data/hostile/readme_page.py"
    section = readme_page.page()
    for name in EXPECTED:  # every case is on the page, with its outcome
        assert f"| `{name}` |" in section
    stale = text.replace("| 20,000 records |", "| 10,000 records |")
    assert readme_page.updated(stale) != stale  # the check can fail
