"""A local PostgreSQL + PostGIS server in a folder, from the system's packages.

``make db`` runs ``python ops/pgcluster.py start .db`` (port 5433 unless ``PGPORT``); the
test suite calls :func:`start` on a temporary folder and a free port. On Debian as root,
missing packages are installed with apt (``postgresql`` and ``postgresql-postgis``);
elsewhere the error says what to install. The server listens on 127.0.0.1 only and trusts
local connections: a developer's and the tests' server, not a deployment
(``docs/deploy.md``).

Usage::

    python ops/pgcluster.py install                      # the packages, when missing
    python ops/pgcluster.py start FOLDER [--port 5433]   # prints the connection string
    python ops/pgcluster.py stop FOLDER
"""

from __future__ import annotations

import argparse
import glob
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

USER = "jointmap"
DATABASE = "jointmap"
PACKAGES = ("postgresql", "postgresql-postgis")
GDAL = ("gdal-bin",)  # ogrinfo: how the tests read the tables as desktop GIS does


def bindir() -> Path | None:
    """The newest PostgreSQL server binaries installed (``None``: none)."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parent.parent.name),
    )
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    return Path(on_path).resolve().parent if on_path else None


def _has_postgis(bins: Path) -> bool:
    share = subprocess.run(
        [str(bins / "pg_config"), "--sharedir"], capture_output=True, text=True, check=False
    ).stdout.strip() if (bins / "pg_config").exists() else ""  # fmt: skip
    candidates = [Path(share)] if share else []
    candidates += [Path(p) for p in glob.glob(f"/usr/share/postgresql/{bins.parent.name}")]
    return any((c / "extension" / "postgis.control").exists() for c in candidates)


def ensure_installed() -> Path:
    """The server binaries, with PostGIS; installed from apt when missing (Debian, root).

    Raises
    ------
    RuntimeError
        When they are missing and cannot be installed here, naming the packages.
    """
    bins = bindir()
    if bins is not None and _has_postgis(bins):
        return bins
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print(f"installing {' '.join(PACKAGES)} from apt ...", file=sys.stderr)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", *PACKAGES], check=True, env=env)
        bins = bindir()
        if bins is not None and _has_postgis(bins):
            return bins
    raise RuntimeError(
        "expected PostgreSQL server binaries with PostGIS (Debian: apt-get install "
        f"{' '.join(PACKAGES)}), got {'no initdb' if bins is None else 'no PostGIS'}"
    )


def ensure_gdal() -> str:
    """The path of GDAL's ``ogrinfo``, installed from apt when missing (Debian, root)."""
    found = shutil.which("ogrinfo")
    if found is None and os.geteuid() == 0 and shutil.which("apt-get"):
        print(f"installing {' '.join(GDAL)} from apt ...", file=sys.stderr)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "install", "-y", "-qq", *GDAL], check=True, env=env)
        found = shutil.which("ogrinfo")
    if found is None:
        raise RuntimeError(f"expected GDAL's ogrinfo (Debian: apt-get install {GDAL[0]}), got none")
    return found


def _as_owner(cmd: list[str]) -> list[str]:
    # initdb and postgres refuse to run as root: run them as the packages' postgres user
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


def _traversable(folder: Path) -> None:
    """Let the postgres user reach ``folder``: search (x) permission on its parents.

    Only the search bit is added, never read or write; a checkout under a private
    temporary folder (mode 0700) otherwise hides the cluster from its own server.
    """
    for parent in folder.parents:
        mode = parent.stat().st_mode
        if not mode & 0o001:
            print(f"letting the postgres user pass through {parent} (o+x)", file=sys.stderr)
            parent.chmod(mode | 0o001)


def dsn(port: int, host: str = "127.0.0.1") -> str:
    """The connection string of the local server."""
    return f"postgresql://{USER}@{host}:{port}/{DATABASE}"


def start(folder: Path, port: int) -> str:
    """Start (creating if needed) the server in ``folder`` on ``port``; return its DSN."""
    bins = ensure_installed()
    folder = Path(folder).resolve()
    fresh = not (folder / "PG_VERSION").exists()
    if fresh:
        folder.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(folder, "postgres", "postgres")
            _traversable(folder)
        subprocess.run(
            _as_owner([str(bins / "initdb"), "-D", str(folder), "-U", USER, "--auth=trust",
                       "-E", "UTF8", "--locale=C.UTF-8"]),
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    running = subprocess.run(
        _as_owner([str(bins / "pg_ctl"), "-D", str(folder), "status"]),
        capture_output=True, check=False,
    ).returncode == 0  # fmt: skip
    if not running:
        subprocess.run(
            _as_owner([str(bins / "pg_ctl"), "-D", str(folder), "-l", str(folder / "server.log"),
                       "-o", options, "-w", "-t", "60", "start"]),
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
    for _ in range(60):
        ok = subprocess.run(
            [str(bins / "pg_isready"), "-h", "127.0.0.1", "-p", str(port)],
            capture_output=True, check=False,
        ).returncode == 0  # fmt: skip
        if ok:
            break
        time.sleep(0.5)
    if fresh:
        subprocess.run(
            [str(bins / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", USER, DATABASE],
            check=True,
        )
    return dsn(port)


def stop(folder: Path) -> None:
    """Stop the server in ``folder`` (nothing when it is not running)."""
    bins = bindir()
    if bins is None or not (Path(folder) / "PG_VERSION").exists():
        return
    subprocess.run(
        _as_owner([str(bins / "pg_ctl"), "-D", str(Path(folder).resolve()), "-m", "fast",
                   "-w", "stop"]),
        capture_output=True, check=False,
    )  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    """Command line: ``start`` prints the DSN; ``stop`` stops the server."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("action", choices=["install", "start", "stop"])
    p.add_argument("folder", type=Path, nargs="?", default=Path(".db"))
    p.add_argument("--port", type=int, default=int(os.environ.get("PGPORT", "5433")))
    args = p.parse_args(argv)
    try:
        if args.action == "install":
            print(f"PostgreSQL with PostGIS: {ensure_installed()}; ogrinfo: {ensure_gdal()}")
        elif args.action == "start":
            print(start(args.folder, args.port))
        else:
            stop(args.folder)
    except (RuntimeError, subprocess.CalledProcessError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        log = Path(args.folder) / "server.log"
        if log.exists():
            print(log.read_text(errors="replace")[-2000:], file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
