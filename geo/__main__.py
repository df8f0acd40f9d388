"""Command line: ``python -m geo validate``, ``python -m geo stats`` and ``python -m geo db``.

``python -m geo validate [DIR | FILE]``, ``python -m geo stats [DIR]``, and
``python -m geo db init | import DIR | export DIR [--as-of TIME]`` for the PostGIS backend
at ``$JOINTMAP_DB``.

``validate FILE`` checks a user's own file (GeoJSON, CSV, KML, ZIP/KMZ) exactly as the app's
upload does: exit 0 when every record loads, 1 when some are rejected, 2 when the file is
refused as a whole.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from geo import stats
from geo.catalog import load_catalog
from geo.claims import load_claims
from geo.paths import CLAIMS_FILE, data_dir
from geo.schema import KIND_LABELS
from geo.upload import CsvMapping, UploadError, parse_upload


def _validate_file(path: Path, mapping: CsvMapping | None) -> int:
    try:
        up = parse_upload(path.name, path.read_bytes(), mapping=mapping)
    except UploadError as exc:
        print(f"refused: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(
            f"refused: {path.name}: expected a readable file, got {exc.strerror}", file=sys.stderr
        )
        return 2
    if up.mapping is not None:
        print("columns: " + ", ".join(f"{k}={v}" for k, v in up.mapping.slots().items() if v))
    print(f"{up.name}: {up.loaded} loaded, {up.rejected} rejected, {up.total} total")
    for note in up.notes:
        print(f"  repaired: {note}")
    if up.problems:
        print(f"\n{len(up.problems)} problem(s):", file=sys.stderr)
        for p in up.problems:
            print(f"  - {p}", file=sys.stderr)
        return 1
    print("OK: no problems")
    return 0


def _validate(args: argparse.Namespace) -> int:
    if Path(args.data).is_file():
        mapping = None
        if any((args.name, args.date, args.lon, args.lat, args.wkt)):
            mapping = CsvMapping(
                name=args.name,
                date=args.date,
                end=args.end,
                lon=args.lon,
                lat=args.lat,
                wkt=args.wkt,
            )
        return _validate_file(Path(args.data), mapping)
    cat = load_catalog(args.data)
    loaded = {"events.geojson": len(cat.events), "zones.geojson": len(cat.zones),
              "labels.geojson": len(cat.labels),
              "regions.geojson": len(cat.regions)}  # fmt: skip
    for name, total in cat.totals.items():
        print(f"{name}: {loaded[name]} loaded, {total - loaded[name]} rejected, {total} total")
    lo, hi = cat.year_span()
    print(f"{cat.as_of_text()}; events span {lo}–{hi}")
    problems = [str(p) for p in cat.problems]
    claims_file = Path(args.data) / CLAIMS_FILE.name
    if claims_file.exists():
        try:
            rows = load_claims(claims_file).rows
            print(f"{claims_file.name}: {len(rows)} claimed years")
        except (ValueError, OSError) as exc:
            problems.append(str(exc))
    if problems:
        print(f"\n{len(problems)} problem(s):", file=sys.stderr)
        for p in problems:
            print(f"  - {p}", file=sys.stderr)
        return 1
    print("OK: no problems")
    return 0


def _stats(args: argparse.Namespace) -> int:
    cat = load_catalog(args.data)
    ev = cat.events
    print(f"{len(ev)} events (counted once, in the year they started)\n")
    table = stats.by_year_kind(ev)
    table["total"] = table.sum(axis=1)
    print("By year and kind:")
    print(table.to_string())
    print("\nBy kind:")
    for kind, n in ev["kind"].value_counts().items():
        print(f"  {KIND_LABELS.get(str(kind), kind):<32} {n}")
    print("\nBy region (an event in two regions counts in each):")
    names = dict(zip(cat.regions["id"], cat.regions["name"], strict=True))
    for rid, n in stats.by_region(ev).items():
        print(f"  {names.get(rid, rid):<32} {n}")
    if cat.problems:
        print(
            f"\n{len(cat.problems)} record(s) rejected: run `python -m geo validate`",
            file=sys.stderr,
        )
    return 0


def _db(args: argparse.Namespace) -> int:
    from geo.store import DB_ENV, Store, StoreError, dsn

    conninfo = args.db or dsn()
    if not conninfo:
        print(f"error: expected --db or ${DB_ENV} (postgresql://…), got neither", file=sys.stderr)
        return 2
    store = Store(conninfo)
    try:
        if args.action == "init":
            print(f"schema at version {store.migrate()}")
            return 0
        if args.folder is None:
            print(f"error: expected a folder for db {args.action}, got none", file=sys.stderr)
            return 2
        if args.action == "import":
            store.migrate()
            n = store.import_dir(Path(args.folder), author=args.author, reason=args.reason)
            print(f"imported {args.folder}: {n} event revision(s) written")
            return 0
        as_of = None
        if args.as_of:
            try:
                as_of = dt.datetime.fromisoformat(args.as_of)
            except ValueError:
                print(
                    "error: --as-of: expected a date or time such as 2026-11-30T12:00+00:00, "
                    f"got {args.as_of!r}",
                    file=sys.stderr,
                )
                return 2
            if as_of.tzinfo is None:
                as_of = as_of.replace(tzinfo=dt.UTC)
        names = store.export_dir(Path(args.folder), as_of=as_of)
        print(f"wrote {', '.join(names)} to {args.folder}")
        return 0
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def _users(args: argparse.Namespace) -> int:
    from geo.users import USERS_ENV, add_user, users_file

    path = Path(args.file) if args.file else users_file()
    if path is None:
        print(f"error: expected --file or ${USERS_ENV}, got neither", file=sys.stderr)
        return 2
    password = sys.stdin.readline().rstrip("\n") if args.password_stdin else getpass.getpass()
    if len(password) < 8:
        print(f"error: expected a password of at least 8 characters, got {len(password)}",
              file=sys.stderr)  # fmt: skip
        return 2
    try:
        add_user(path, args.name, password)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"{args.name}: added to {path}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the process exit code."""
    parser = argparse.ArgumentParser(prog="python -m geo", description=__doc__)
    sub = parser.add_subparsers(dest="cmd", required=True)
    for name, func, text in (
        ("validate", _validate, "check every data file; exit 1 with a list of problems"),
        ("stats", _stats, "print counts by year, kind and region"),
    ):
        p = sub.add_parser(name, help=text)
        p.add_argument(
            "data",
            nargs="?",
            default=str(data_dir()),
            help="data folder" + (", or one user file" if name == "validate" else ""),
        )
        p.set_defaults(func=func)
        if name == "validate":
            for col in ("name", "date", "end", "lon", "lat", "wkt"):
                p.add_argument(f"--{col}", help=f"CSV column holding the {col}")
    db = sub.add_parser("db", help="the PostGIS backend: init, import DIR, export DIR")
    db.add_argument("action", choices=["init", "import", "export"])
    db.add_argument("folder", nargs="?", help="data folder to import from or export to")
    db.add_argument("--db", help="connection string (default: $JOINTMAP_DB)")
    db.add_argument("--author", default=os.environ.get("USER") or "import",
                    help="who the import's revisions name")  # fmt: skip
    db.add_argument("--reason", default="imported from files", help="why (import)")
    db.add_argument("--as-of", help="export: the record as it stood then (ISO date or time)")
    db.set_defaults(func=_db)
    us = sub.add_parser("users", help="who may edit: add NAME (password from a prompt)")
    us.add_argument("action", choices=["add"])
    us.add_argument("name")
    us.add_argument("--file", help="users file (default: $JOINTMAP_USERS)")
    us.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    us.set_defaults(func=_users)
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
