"""Shared fixtures: the real ``streamlit run`` server and a headless Chromium."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from geo.catalog import Catalog
from layers.export.browser import CHROMIUM_ARGS
from layers.export.browser import chromium_path as find_chromium
from tests.helpers import ARTIFACTS, ROOT, app_command, curated

# One catalog cache for the session, shared by this process, the app servers and the CLI
# runs it starts (they inherit the environment): the curated record is validated once.
os.environ.setdefault("JOINTMAP_CACHE", tempfile.mkdtemp(prefix="jointmap-test-cache-"))

# Property tests: `make test` runs a fixed, bounded set (same examples every run);
# `make fuzz` runs many more, new ones each time (HYPOTHESIS_PROFILE=fuzz).
settings.register_profile(
    "ci", derandomize=True, max_examples=100, deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)  # fmt: skip
settings.register_profile(
    "fuzz", max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def chromium_path() -> str:
    """The browser ``make test`` found (CHROMIUM_PATH), else one on PATH; never a skip."""
    path = find_chromium()
    if not path:
        pytest.fail(
            "expected a Chromium for the browser tests (run `make test`, which installs "
            "one, or set CHROMIUM_PATH), got none"
        )
    return path


@pytest.fixture(scope="session", name="curated")
def curated_fixture() -> Catalog:
    """The bundled catalog with its route facts (loaded once per session)."""
    return curated()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def run_app(log_name: str = "streamlit.log", **env: str) -> Iterator[str]:
    """Run the app with ``streamlit run`` on a free port (extra environment ``env``);
    yield its URL."""
    port = _free_port()
    log = ARTIFACTS / log_name
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with log.open("w") as out:
        proc = subprocess.Popen(
            app_command(port),
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=os.environ | env,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 90
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                        if r.status == 200:
                            break
                except OSError:
                    pass
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(
                        f"expected streamlit to serve {url}, got exit "
                        f"{proc.poll()}: {log.read_text()[-2000:]}"
                    )
                time.sleep(0.5)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    """The app on the bundled data."""
    with run_app() as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Per module: Playwright's sync API allows one running instance per thread, and the
    export renderers start their own."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield b
        b.close()


# ------------------------------------------------------------------ PostgreSQL + PostGIS


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """A throwaway PostgreSQL + PostGIS cluster (initdb in a temp folder, a free port).

    Installed from apt when missing (``ops/pgcluster.py``); never skipped: a machine that
    cannot run it fails here, naming the packages.
    """
    from ops import pgcluster

    root = Path(tempfile.mkdtemp(prefix="jointmap-pg-"))
    root.chmod(0o755)  # the server runs as the postgres user when the tests run as root
    folder = root / "cluster"
    try:
        conninfo = pgcluster.start(folder, _free_port())
    except (RuntimeError, subprocess.CalledProcessError) as exc:
        log = folder / "server.log"
        pytest.fail(
            f"expected a PostgreSQL + PostGIS server for the database tests, got {exc}"
            + (f"\n{log.read_text(errors='replace')[-1500:]}" if log.exists() else "")
        )
    yield conninfo
    pgcluster.stop(folder)
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def pg_dsn(pg_server: str, request) -> str:
    """A new, empty database on the test cluster, for one test."""
    import psycopg

    name = "t_" + re.sub(r"[^a-z0-9]+", "_", request.node.name.lower())[:50]
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')  # a test name, not user input
        conn.execute(f'CREATE DATABASE "{name}"')
    return pg_server.rsplit("/", 1)[0] + "/" + name
