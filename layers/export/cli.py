r"""The body of ``python -m layers export``: the app's exports from the command line.

Example::

    python -m layers export --format png --out sea-of-japan.png \\
        --years 2019-2024 --regions sea_of_japan,east_china_sea --kinds air_patrol --size print
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from geo.cache import load_cached, load_cached_texts
from geo.catalog import Catalog
from geo.paths import data_dir
from geo.store import Store, StoreError, dsn
from geo.upload import Upload, UploadError, parse_upload
from geo.view import EXTENT_HELP, parse_extent, parse_state
from layers.export import BY, EXPORT_FORMATS, FIGURES, MAP_FORMATS, PALETTES, export_view


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m layers",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = p.add_subparsers(dest="cmd", required=True)
    e = sub.add_parser(
        "export", help="write the view as png, pdf, svg, html, pptx, csv, geojson, gpkg or kml"
    )
    e.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    e.add_argument("--out", required=True, type=Path, help="file to write")
    e.add_argument("--years", help="YYYY or YYYY-YYYY (default: all)")
    e.add_argument("--regions", help="comma-separated region ids from data/regions.geojson")
    e.add_argument("--kinds", help="comma-separated kinds, e.g. air_patrol,naval_patrol")
    e.add_argument("--participants", help="comma-separated ISO codes, e.g. CN,RU,IR")
    e.add_argument(
        "--zones", help="comma-separated zone types to draw (default: all; 'none' for no zones)"
    )
    e.add_argument(
        "--names",
        default="neutral",
        help="names of disputed features: neutral or a party code (JP, CN, KR...)",
    )
    e.add_argument("--view", help=EXTENT_HELP)
    e.add_argument(
        "--size",
        default="slide",
        choices=["slide", "print"],
        help="png size: slide 1920x1080, print 3840x2160",
    )
    e.add_argument(
        "--title",
        help="title of the figure and the deck (default: made from the view: what, where, when)",
    )
    e.add_argument(
        "--palette",
        default="colour",
        choices=PALETTES,
        help="figures: colour, or greyscale for print (kinds differ by pattern and marker shape)",
    )
    e.add_argument(
        "--by",
        choices=BY,
        help="figures: one panel per year, or per month of one year (small multiples)",
    )
    e.add_argument(
        "--figure",
        default="map",
        choices=FIGURES,
        help="figures: the map, or the seasonality calendar",
    )
    e.add_argument(
        "--upload",
        type=Path,
        help="your own GeoJSON, CSV, KML or ZIP/KMZ file, drawn as 'Your data' on the map "
        "formats (checked as `python -m geo validate FILE` checks it)",
    )
    e.add_argument(
        "--data",
        help="data folder (default: the PostGIS record at $JOINTMAP_DB when set, else data/)",
    )
    e.add_argument(
        "--as-of",
        help="PostGIS: the record as it stood at this date or time (ISO, e.g. 2026-11-30 or "
        "2026-11-30T14:05+00:00; a date means its end, UTC): the figure made then, again",
    )
    return p


def load_record(data: str | None, as_of: str | None) -> Catalog:
    """The catalog to export: a data folder, or the PostGIS record (now or as of a time).

    Raises
    ------
    ValueError
        For an ``--as-of`` that is not a date or time, or without a database.
    geo.store.StoreError
        When the database cannot be reached.
    """
    conninfo = dsn()
    if data is not None or conninfo is None:
        if as_of is not None:
            raise ValueError(
                f"--as-of: expected the PostGIS record ($JOINTMAP_DB) and no --data, got "
                f"{'--data ' + data if data else 'no database'}"
            )
        return load_cached(data or str(data_dir()))[0]
    when = parse_as_of(as_of) if as_of is not None else None
    return load_cached_texts(Store(conninfo).files(when))


def parse_as_of(text: str) -> dt.datetime:
    """An ``--as-of`` value as an aware time (a bare date is the end of that day, UTC)."""
    try:
        if len(text) == 10:
            day = dt.date.fromisoformat(text)
            return dt.datetime.combine(day, dt.time.max, tzinfo=dt.UTC)
        when = dt.datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f"--as-of: expected a date or time such as 2026-11-30 or 2026-11-30T14:05+00:00, "
            f"got {text!r}"
        ) from None
    return when if when.tzinfo is not None else when.replace(tzinfo=dt.UTC)


def read_upload(path: Path) -> tuple[Upload | None, list[str]]:
    """The user's file for ``--upload``, or ``None`` and why it was refused.

    Rejected records and repairs are printed to stderr; the export goes on with the rest,
    as the app's does.
    """
    try:
        up = parse_upload(path.name, path.read_bytes())
    except UploadError as exc:
        return None, [f"--upload: {exc}"]
    except OSError as exc:
        return None, [f"--upload: expected a readable file, got {path} ({exc.strerror or exc})"]
    print(
        f"{up.name}: {up.loaded} loaded, {up.rejected} rejected, {up.total} total", file=sys.stderr
    )
    for note in up.notes:
        print(f"  repaired: {note}", file=sys.stderr)
    for problem in up.problems:
        print(f"  rejected: {problem}", file=sys.stderr)
    return up, []


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code.

    0 when written; 2 for a bad option, an empty view or an ``--out`` that cannot be
    written (checked first); 1 when writing fails (a full disk): nothing is left half
    written.
    """
    args = _parser().parse_args(argv)
    try:
        cat = load_record(args.data, args.as_of)
    except (ValueError, StoreError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    query = {
        k: v
        for k in ("years", "regions", "kinds", "participants", "zones", "names")
        if (v := getattr(args, k)) is not None
    }
    view, layers, notices = parse_state(query, cat)
    extent = None
    if args.view:
        try:
            extent = parse_extent(args.view)
        except ValueError as exc:
            notices.append(str(exc))
    if (why := out_problem(args.out)) is not None:
        notices.append(why)
    user = None
    if args.upload is not None:
        if args.format not in MAP_FORMATS:
            notices.append(
                f"--upload: expected a map format ({', '.join(MAP_FORMATS)}), got {args.format} "
                "(the data formats hold the record only)"
            )
        elif args.by or args.figure != "map":
            notices.append("--upload: drawn on the single map only, not with --by or a calendar")
        else:
            user, why_not = read_upload(args.upload)
            notices += why_not
    if notices:
        for n in notices:
            print(f"error: {n}", file=sys.stderr)
        return 2
    try:
        data = export_view(
            cat,
            view,
            layers,
            args.format,
            extent=extent,
            size=args.size,
            title=args.title,
            palette=args.palette,
            by=args.by,
            figure=args.figure,
            user=user,
        )
    except (ValueError, RuntimeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        write_atomic(args.out, data)
    except OSError as exc:
        print(f"error: could not write --out {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"wrote {args.out} ({len(data):,} bytes)")
    return 0


def out_problem(path: Path) -> str | None:
    """Why ``path`` cannot be written, checked before any work starts (``None``: it can)."""
    if path.is_dir():
        return f"--out: expected a file name, got the folder {path}"
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        return f"--out: expected an existing folder for {path.name}, got {parent} (no such folder)"
    if not os.access(parent, os.W_OK):
        return f"--out: expected a folder you may write to, got {parent} (not writable)"
    return None


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place.

    A full disk or a failed write leaves no half-written file under ``path``.
    """
    fd, tmp = tempfile.mkstemp(dir=path.parent if str(path.parent) else ".", prefix=".jointmap-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)  # as an ordinary new file would be, not mkstemp's 0600
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
