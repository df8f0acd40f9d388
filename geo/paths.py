"""Where the data lives: one place for every path the packages and tools read."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
"""The bundled record (the embedded default)."""
CATALOG_FILES = ("events.geojson", "zones.geojson", "regions.geojson")
"""The catalog files inside a data folder (the data contract)."""
BASEMAP_NAME = Path("basemap") / "countries-50m.geojson"
"""The Natural Earth countries file, relative to a data folder."""
BASEMAP = DATA_DIR / BASEMAP_NAME
BASEMAP_10M = DATA_DIR / "basemap" / "countries-10m.geojson"
"""Natural Earth at 1:10m, for figures at strait and island scale (zoom 7 and closer)."""
LABELS_FILE = "labels.geojson"
"""The gazetteer of map labels, inside a data folder (optional)."""
CLAIMS_FILE = DATA_DIR / "claims.json"
"""The research paper's Table 1, held against the record."""
DATA_ENV = "JOINTMAP_DATA"
"""Environment variable naming another data folder (synthetic catalogs, tests, bench)."""


def data_dir() -> Path:
    """The data folder in use: ``$JOINTMAP_DATA`` when set, else the bundled :data:`DATA_DIR`."""
    return Path(os.environ.get(DATA_ENV) or DATA_DIR)
