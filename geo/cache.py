"""A disk cache of validated catalogs, so a large catalog is validated once, not per start.

The key is a SHA-256 over the bytes of every input file (events, zones, regions, labels,
basemap), the source of the ``geo`` package (a code change re-validates) and the Python
version. The
cache holds pickles that only this module writes, in a folder of the user's own cache
(``$JOINTMAP_CACHE``, else ``$XDG_CACHE_HOME/jointmap``, else ``~/.cache/jointmap``); a user
file is never unpickled. A cache that cannot be read or written is skipped, never fatal.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

from geo.catalog import Catalog, load_catalog, load_catalog_texts, no_gc
from geo.paths import BASEMAP_NAME, CATALOG_FILES, DATA_DIR, LABELS_FILE

log = logging.getLogger(__name__)
_GEO = Path(__file__).resolve().parent
KEEP = 4  # newest cache files kept; older ones are removed


def cache_dir() -> Path:
    """Where cached catalogs are kept."""
    if os.environ.get("JOINTMAP_CACHE"):
        return Path(os.environ["JOINTMAP_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "jointmap"


def fingerprint(
    data_dir: Path, analyse: bool | None = None, texts: Mapping[str, str] | None = None
) -> str:
    """SHA-256 of the inputs and code that determine :func:`geo.catalog.load_catalog`.

    With ``texts`` (the database backend's files), those stand in for the data files.
    """
    h = hashlib.sha256(f"{sys.version_info[:2]}|{analyse}|".encode())
    for name in (*CATALOG_FILES, LABELS_FILE, BASEMAP_NAME):
        h.update(str(name).encode())
        try:
            if texts is not None and str(name) != str(BASEMAP_NAME):
                h.update(texts[str(name)].encode("utf-8"))
            else:
                h.update((data_dir / name).read_bytes())
        except (OSError, KeyError):
            h.update(b"\0missing")
    for src in sorted(_GEO.rglob("*.py")):  # subpackages too (geo/upload/)
        h.update(src.relative_to(_GEO).as_posix().encode() + src.read_bytes())
    return h.hexdigest()


def load_cached(
    data_dir: Path | str = DATA_DIR,
    *,
    analyse: bool | None = None,
    folder: Path | None = None,
) -> tuple[Catalog, bool]:
    """Like :func:`geo.catalog.load_catalog`, from the disk cache when the inputs are unchanged.

    Parameters
    ----------
    data_dir : pathlib.Path or str
        The catalog folder.
    analyse : bool, optional
        Passed to :func:`~geo.catalog.load_catalog`.
    folder : pathlib.Path, optional
        Cache folder; default :func:`cache_dir`.

    Returns
    -------
    (Catalog, bool)
        The catalog and whether it came from the cache.
    """
    data_dir = Path(data_dir)
    folder = folder or cache_dir()
    path = folder / f"catalog-{fingerprint(data_dir, analyse)}.pickle"
    try:
        blob = path.read_bytes()
    except OSError:
        blob = None
    if blob is not None:
        try:
            with no_gc():
                cat = pickle.loads(blob)  # our own file, named by a content hash
            if isinstance(cat, Catalog):
                return cat, True
            log.warning(
                "cache %s holds %s, expected a Catalog; re-validating", path, type(cat).__name__
            )
        except Exception as exc:  # a truncated or stale file: validate again
            log.warning("cache %s unreadable (%s); re-validating", path, exc)
    cat = load_catalog(data_dir, analyse=analyse)
    _store(folder, path, cat)
    return cat, False


def load_cached_texts(
    texts: Mapping[str, str], *, basemap_dir: Path = DATA_DIR, folder: Path | None = None
) -> Catalog:
    """:func:`geo.catalog.load_catalog_texts`, from the disk cache when the texts are known."""
    folder = folder or cache_dir()
    path = folder / f"catalog-{fingerprint(basemap_dir, None, texts)}.pickle"
    try:
        with no_gc():
            cat = pickle.loads(path.read_bytes())  # our own file, named by a content hash
        if isinstance(cat, Catalog):
            return cat
    except Exception as exc:  # absent, truncated or stale: validate again
        log.debug("cache %s not used (%s)", path, exc)
    cat = load_catalog_texts(texts, basemap_dir=basemap_dir)
    _store(folder, path, cat)
    return cat


def _store(folder: Path, path: Path, cat: Catalog) -> None:
    tmp_name = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, suffix=".tmp", delete=False) as tmp:
            tmp_name = tmp.name
            pickle.dump(cat, tmp, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp_name, path)  # atomic: a reader never sees half a file
        tmp_name = None
        old = sorted(folder.glob("catalog-*.pickle"), key=lambda p: p.stat().st_mtime)
        for stale in old[:-KEEP]:
            stale.unlink(missing_ok=True)
    except OSError as exc:
        _PROBLEMS[str(folder)] = (
            f"the catalog cache could not be written to {folder} ({exc.strerror or exc}); "
            "the record is checked afresh at each start, which is slower"
        )
        log.warning("catalog cache not written to %s: %s", folder, exc)
        if tmp_name is not None:  # a full disk: no half-written file left behind
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
        return
    _PROBLEMS.pop(str(folder), None)


_PROBLEMS: dict[str, str] = {}


def store_problem(folder: Path | None = None) -> str | None:
    """Why the last catalog could not be cached in ``folder`` (``None``: it was, or untried)."""
    return _PROBLEMS.get(str(folder or cache_dir()))
