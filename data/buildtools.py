"""What every build script in data/ shares: write its file, or check the committed one."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path


def write_or_check(out: Path, text: str, argv: Sequence[str], summary: str) -> int:
    """Write ``text`` to ``out``; with ``--check`` in ``argv``, only compare.

    Parameters
    ----------
    out : pathlib.Path
        The built file.
    text : str
        Its content as built now.
    argv : sequence of str
        The script's arguments.
    summary : str
        What the file holds, e.g. ``78 events``, printed after writing it.

    Returns
    -------
    int
        The exit code: 1 when ``--check`` finds the committed file stale, else 0.
    """
    script = f"python data/{Path(sys.argv[0]).name}"
    if "--check" in argv:
        if not out.exists() or out.read_text("utf-8") != text:
            print(
                f"{out.name} is stale: expected it to equal what {script} builds, got a "
                f"different file; run {script}",
                file=sys.stderr,
            )
            return 1
        print(f"{out.name}: up to date")
        return 0
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out.name}: {summary}")
    return 0
