r"""The body of ``python -m layers export``: the app's exports from the command line.

Example::

    python -m layers export --format png --out sea-of-japan.png \\
        --years 2019-2024 --regions sea_of_japan,east_china_sea --kinds air_patrol --size print
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from geo.cache import load_cached
from geo.paths import data_dir
from geo.view import EXTENT_HELP, parse_extent, parse_state
from layers.export import BY, EXPORT_FORMATS, FIGURES, PALETTES, export_view


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
    e.add_argument("--data", default=str(data_dir()), help="data folder")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code (2 for a bad option or an empty view)."""
    args = _parser().parse_args(argv)
    cat = load_cached(args.data)[0]
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
        )
    except (ValueError, RuntimeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    args.out.write_bytes(data)
    print(f"wrote {args.out} ({len(data):,} bytes)")
    return 0
