"""Load on the team backend (``bench/dbload.py``, shorter): two app processes on one
database, ten reading sessions and two editors for 20 s (the bench runs a minute).

No error, no lost revision, every save visible in both processes, and concurrent
corrections refused, never overwritten.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from dbload import run

pytestmark = pytest.mark.browser


def test_two_processes_ten_readers_two_editors(pg_dsn: str) -> None:
    res = asyncio.run(run(pg_dsn, sessions=10, seconds=20))
    assert res["error_count"] == 0, res["errors"]
    assert res["saves"] > 0 and res["lost_revisions"] == 0
    assert res["revisions_written"] == res["saves"]
    assert res["events_on_each_server_after"] == [res["expected_on_each_server"]] * 2
    assert res["slider_moves"] > 0
