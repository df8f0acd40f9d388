"""Property tests of the entry points a user's link or command reaches (issue 15).

Invariants: no traceback, the documented exit codes, and every refusal says what was
expected and what was got.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.view import clamp_years, parse_extent, parse_state
from layers.export import cli
from tests.helpers import curated

KEYS = ["years", "regions", "kinds", "participants", "zones", "names", "events", "outlines"]
hostile_text = st.one_of(
    st.text(max_size=80),
    st.sampled_from(
        ["2030-2031", "2010-2013", "2026", "9" * 500, "1e999", "![x](http://e.x/a.png)",
         "<img src=x>", "sea_of_japan,atlantis", "13_5", "-1--2", "0x10", "\x00", "\udcff"]
    ),
)  # fmt: skip


@given(st.dictionaries(st.sampled_from(KEYS), hostile_text, max_size=6))
def test_any_link_gives_a_view_and_notices_never_an_exception(query: dict[str, str]) -> None:
    cat = curated()
    view, _layers, notices = parse_state(query, cat)
    years, why = clamp_years(view.years, cat.year_span())
    lo, hi = cat.year_span()
    assert years is None or lo <= years[0] <= years[1] <= hi
    for n in [*notices, *([why] if why else [])]:
        assert isinstance(n, str) and "expected" in n


@given(hostile_text)
def test_any_map_parameter_is_an_extent_or_a_value_error(text: str) -> None:
    try:
        lat, _lng, zoom = parse_extent(text)
    except ValueError as exc:
        assert "expected" in str(exc)
    else:
        assert -90 <= lat <= 90 and 0 <= zoom <= 20


OPTIONS = ["--years", "--regions", "--kinds", "--participants", "--zones", "--names", "--view",
           "--title", "--size", "--palette", "--by", "--figure"]  # fmt: skip


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    fmt=st.sampled_from(["csv", "geojson", "kml", "docx", ""]),
    opts=st.lists(st.tuples(st.sampled_from(OPTIONS), hostile_text), max_size=3),
)
def test_any_command_line_exits_as_documented(fmt: str, opts, tmp_path: Path) -> None:
    args = ["export", "--format", fmt, "--out", str(tmp_path / "out.bin")]
    for opt, value in opts:
        args += [opt, value]
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            code = cli.main(args)
        except SystemExit as exc:  # argparse: a bad option
            code = exc.code
    assert code in (0, 1, 2), (args, code)
    if code != 0:
        assert "error" in err.getvalue() and "Traceback" not in err.getvalue()


@pytest.mark.parametrize(
    "args",
    [
        ["--years", "2030-2031"],
        ["--view", "1e999,1,1"],
        ["--title", "a\x00b"],
        ["--years", "9" * 500],
    ],
)
def test_known_bad_command_lines(args: list[str], tmp_path: Path) -> None:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = cli.main(["export", "--format", "kml", "--out", str(tmp_path / "x.kml"), *args])
    assert code in (0, 2), err.getvalue()
