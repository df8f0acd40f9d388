"""Publishing to static/: atomic, and safe for several app processes on one folder."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from layers.publish import KEEP, Publisher


def _hammer(folder: str, worker: int, n: int, errors) -> None:  # in a child process
    pub = Publisher(Path(folder))
    try:
        for i in range(n):
            url = pub(f"{worker}-{i % 12}", lambda i=i: f'{{"n": {i}}}')
            assert url.startswith("app/static/events-")
    except Exception as exc:  # reported to the parent, which fails the test
        errors.put(f"{type(exc).__name__}: {exc}")


def test_two_processes_publishing_to_one_folder_never_fail(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("spawn")
    errors = ctx.Queue()
    procs = [ctx.Process(target=_hammer, args=(str(tmp_path), w, 300, errors)) for w in (1, 2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    got = []
    while not errors.empty():
        got.append(errors.get())
    assert got == [] and all(p.exitcode == 0 for p in procs), got
    files = list(tmp_path.glob("events-*.json"))
    assert 0 < len(files) <= KEEP + 2  # pruned (two writers may each keep their newest)
    assert not list(tmp_path.glob("*.tmp"))  # nothing half written left behind


def test_a_file_pruned_meanwhile_is_written_again(tmp_path: Path) -> None:
    pub = Publisher(tmp_path)
    url = pub("k", lambda: "{}")
    (tmp_path / url.rsplit("/", 1)[1]).unlink()  # another process pruned it
    assert pub("k", lambda: '{"again": 1}') == url
    assert (tmp_path / url.rsplit("/", 1)[1]).read_text() == '{"again": 1}'
