"""``python -m layers export ...``: forwards to :mod:`layers.export.cli` (the contract)."""

from layers.export.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
