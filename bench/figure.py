"""Time the figures of the bundled data: compose (SVG), then PNG and PDF through Chromium.

Each case runs ``--repeat`` times in one process with one Chromium (warm), after one
untimed run; the whole CLI command (new process, Chromium started, catalog from the disk
cache) is timed once per case as the cold figure. Figures are printed and written as JSON;
nothing is asserted.

Usage::

    .venv/bin/python bench/figure.py --repeat 5 --out bench/results-figure.json
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.cache import load_cached  # noqa: E402
from geo.view import Layers, View  # noqa: E402
from layers.export import browser  # noqa: E402
from layers.export.briefing import Briefing  # noqa: E402
from layers.export.compose import compose  # noqa: E402
from layers.export.deck import deck_bytes  # noqa: E402
from layers.export.figure import FigureOptions  # noqa: E402
from layers.export.render import figure_bytes  # noqa: E402

CASES: dict[str, tuple[View, FigureOptions, list[str]]] = {
    "default view": (View(), FigureOptions(), []),
    "Alaska 2024": (
        View(years=(2024, 2024), regions=frozenset({"alaska_bering"})),
        FigureOptions(),
        ["--years", "2024", "--regions", "alaska_bering"],
    ),
    "Sea of Japan air patrols 2019-2025": (
        View(
            years=(2019, 2025), regions=frozenset({"sea_of_japan"}), kinds=frozenset({"air_patrol"})
        ),
        FigureOptions(),
        ["--years", "2019-2025", "--regions", "sea_of_japan", "--kinds", "air_patrol"],
    ),
    "small multiples 2019-2025": (
        View(years=(2019, 2025)),
        FigureOptions(by="year"),
        ["--years", "2019-2025", "--by", "year"],
    ),
}


def timed(fn, repeat: int) -> tuple[float, object]:
    """Median seconds of ``repeat`` calls of ``fn`` after one untimed call, and its result."""
    fn()  # untimed: imports, caches, fonts
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def main() -> None:
    """Run every case, print and write the figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    cat = load_cached()[0]
    rows = []
    with browser.browser() as chrome, tempfile.TemporaryDirectory() as tmp:
        for name, (view, opts, cli) in CASES.items():
            b = Briefing(cat, view, Layers())
            t_svg, fig = timed(lambda b=b, opts=opts: compose(b, opts), args.repeat)
            t_png, png = timed(
                lambda fig=fig: figure_bytes(fig, "png", "slide", chromium=chrome), args.repeat
            )
            t_pdf, _ = timed(lambda fig=fig: figure_bytes(fig, "pdf", chromium=chrome), args.repeat)
            t = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "layers", "export", "--format", "png", *cli,
                 "--out", str(Path(tmp) / "f.png")],
                cwd=ROOT, check=True, capture_output=True,
            )  # fmt: skip
            t_cli = time.perf_counter() - t
            rows.append(
                {
                    "case": name,
                    "events": len(b.shown),
                    "compose_s": round(t_svg, 3),
                    "png_s": round(t_svg + t_png, 3),
                    "pdf_s": round(t_svg + t_pdf, 3),
                    "cli_png_cold_s": round(t_cli, 2),
                    "png_bytes": len(png),  # type: ignore[arg-type]
                }
            )
            print(rows[-1], flush=True)
    b = Briefing(cat, View(years=(2022, 2025)), Layers())
    t = time.perf_counter()
    deck = deck_bytes(b)  # starts its own Chromium
    rows.append(
        {"case": "deck 2022-2025", "events": len(b.shown),
         "deck_s": round(time.perf_counter() - t, 2), "pptx_bytes": len(deck)}
    )  # fmt: skip
    print(rows[-1], flush=True)
    result = {
        "machine": f"{platform.machine()}, {platform.system()}, Python {platform.python_version()}",
        "repeat": args.repeat,
        "rows": rows,
    }
    if args.out:
        args.out.write_text(json.dumps(result, indent=1) + "\n")


if __name__ == "__main__":
    main()
