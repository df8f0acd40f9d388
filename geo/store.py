"""The team's shared record on PostgreSQL/PostGIS: one schema, revisions, "as of" reads.

With ``JOINTMAP_DB=postgresql://…`` the app reads and writes here; without it, the files in
``data/`` (the embedded default). Both paths end in the same loader: the database gives
back the exact text of ``events.geojson``, ``zones.geojson``, ``regions.geojson`` and
``labels.geojson`` (:meth:`Store.files`), which :func:`geo.catalog.load_catalog_files`
validates as it validates files, so the two backends can never disagree on a rule.

Schema (versioned migrations, :data:`MIGRATIONS`):

- ``revisions``: every change to an event, ever: who, when, why and the whole feature and
  record as they became (``feature`` NULL: deleted). Nothing is updated or deleted here;
  the previous values are the previous revision.
- ``events``: the current feature of each live event (a copy of its latest revision), with
  ``properties``, ``kind``, ``name`` and a PostGIS ``geom`` (EPSG:4326, cut at 180° as in
  the files) derived from it, so QGIS and ``ogrinfo`` read it as a layer.
- ``features``: zones, regions and gazetteer labels as imported (not edited in the app).
- ``collections``: each file's top-level members (``as_of``) and text layout.
- views ``event_sources``, ``event_accounts``, ``zones`` and ``regions`` for desktop GIS.

Every statement is parameterised; no SQL is built from values.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

DB_ENV = "JOINTMAP_DB"
"""Environment variable holding the PostgreSQL connection string (``postgresql://…``)."""
CHANNEL = "jointmap_changes"
"""LISTEN/NOTIFY channel: the new revision number after every save."""
LAYERS = {  # file -> (layout, how features are ordered in it)
    "zones.geojson": "lines",
    "regions.geojson": "single",
    "labels.geojson": "lines",
}
EVENTS = "events.geojson"


def _migrations() -> tuple[str, ...]:
    folder = resources.files("geo") / "sql"
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".sql"))
    return tuple((folder / n).read_text("utf-8") for n in names)


MIGRATIONS: tuple[str, ...] = _migrations()
"""The schema's migrations, in order: ``geo/sql/NNN_*.sql`` (applied once each)."""


class StoreError(RuntimeError):
    """The database could not be used; the message says which and why."""


@dataclass
class Conflict(Exception):
    """Another editor saved this event first (optimistic locking).

    Attributes
    ----------
    event_id : str
    expected : int
        The version the editor started from.
    current : Revision or None
        What is in the record now (``None``: nothing, e.g. the id was taken meanwhile).
    """

    event_id: str
    expected: int
    current: Revision | None

    def __str__(self) -> str:
        who = (
            f"{self.current.author} saved version {self.current.version} at "
            f"{self.current.made_at:%Y-%m-%d %H:%M:%S %Z}"
            if self.current is not None
            else "another editor saved it"
        )
        return (
            f"{self.event_id}: expected to change version {self.expected}, got a newer one: "
            f"{who}. Nothing was overwritten; compare both versions and save again."
        )


@dataclass(frozen=True)
class Revision:
    """One change to one event."""

    rev: int
    event_id: str
    version: int
    feature: dict[str, Any] | None
    record: dict[str, Any] | None
    author: str
    reason: str
    made_at: dt.datetime

    @property
    def deleted(self) -> bool:
        """Whether this revision deleted the event."""
        return self.feature is None


def dsn() -> str | None:
    """The connection string in ``$JOINTMAP_DB`` (``None``: the file backend)."""
    return os.environ.get(DB_ENV) or None


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError as exc:  # pragma: no cover - declared in pyproject
        raise StoreError(f"expected the psycopg package for {DB_ENV}, got {exc}") from None
    return psycopg


class Store:
    """The record in one PostgreSQL database.

    Parameters
    ----------
    conninfo : str
        ``postgresql://user@host:port/dbname`` (as for ``psql``).
    """

    def __init__(self, conninfo: str) -> None:
        self.conninfo = conninfo

    @contextmanager
    def connect(self) -> Iterator[Any]:
        """A connection in a transaction, committed on success."""
        psycopg = _psycopg()
        try:
            conn = psycopg.connect(self.conninfo, connect_timeout=10)
        except psycopg.OperationalError as exc:
            where = self.conninfo.split("@")[-1]
            raise StoreError(
                f"expected a PostgreSQL server at {where}, got: {str(exc).strip()}"
            ) from None
        try:
            with conn.transaction():
                yield conn
        finally:
            conn.close()

    # ------------------------------------------------------------------ schema

    def migrate(self) -> int:
        """Apply the migrations not yet applied; return the schema version."""
        with self.connect() as conn:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, "
                "applied_at timestamptz NOT NULL DEFAULT now())"
            )
            conn.execute("LOCK TABLE schema_version IN EXCLUSIVE MODE")  # one migrator
            row = conn.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()
            done = int(row[0])
            for number, sql in enumerate(MIGRATIONS, 1):
                if number > done:
                    conn.execute(sql)
                    conn.execute("INSERT INTO schema_version (version) VALUES (%s)", (number,))
            return len(MIGRATIONS)

    # ------------------------------------------------------------------ moving the record

    def import_dir(self, folder: Path, author: str, reason: str = "imported") -> int:
        """Load a data folder (its GeoJSON files and ``records/``); return events imported.

        Replaces the zones, regions and labels; each event becomes a new revision (a
        first one, or a later one when the event was already here and changed).
        """
        folder = Path(folder)
        records = _records(folder / "records")
        n = 0
        with self.connect() as conn:
            for name, layout in LAYERS.items():
                path = folder / name
                if not path.exists():
                    continue
                raw = path.read_text("utf-8")
                doc = json.loads(raw)
                ascii_only = raw.isascii() and "\\u" in raw  # written with \u escapes: kept so
                members = {k: v for k, v in doc.items() if k not in ("type", "features")}
                conn.execute("DELETE FROM features WHERE layer = %s", (name,))
                conn.execute(
                    "INSERT INTO collections (name, members, layout) VALUES (%s, %s, %s) "
                    "ON CONFLICT (name) DO UPDATE SET members = excluded.members, "
                    "layout = excluded.layout, imported_at = clock_timestamp()",
                    (name, json.dumps(members, ensure_ascii=False), layout),
                )
                with conn.cursor() as cur:
                    cur.executemany(
                        "INSERT INTO features (layer, position, id, feature) "
                        "VALUES (%s, %s, %s, %s)",
                        [
                            (name, i, f["properties"]["id"], _dump(f, ascii_only))
                            for i, f in enumerate(doc["features"])
                        ],
                    )
            doc = json.loads((folder / EVENTS).read_text("utf-8"))
            members = {k: v for k, v in doc.items() if k not in ("type", "features")}
            conn.execute(
                "INSERT INTO collections (name, members, layout) VALUES (%s, %s, 'lines') "
                "ON CONFLICT (name) DO UPDATE SET members = excluded.members, "
                "imported_at = clock_timestamp()",
                (EVENTS, json.dumps(members, ensure_ascii=False)),
            )
            current = {
                r[0]: (r[1], r[2])
                for r in conn.execute("SELECT id, version, feature::text FROM events")
            }
            for f in doc["features"]:
                eid = f["properties"]["id"]
                text = _dump(f)
                if eid in current and current[eid][1] == text:
                    continue
                version = current[eid][0] if eid in current else 0
                self._write(conn, eid, version, f, records.get(eid), author, reason)
                n += 1
        return n

    def files(self, as_of: dt.datetime | None = None) -> dict[str, str]:
        """The text of each data file, as the record stood now or at ``as_of``."""
        out: dict[str, str] = {}
        with self.connect() as conn:
            members = {
                r[0]: (r[1], r[2])
                for r in conn.execute("SELECT name, members::text, layout FROM collections")
            }
            for name in LAYERS:
                if name not in members:
                    continue
                rows = conn.execute(
                    "SELECT feature::text FROM features WHERE layer = %s ORDER BY position",
                    (name,),
                ).fetchall()
                out[name] = _collection([r[0] for r in rows], members[name][0], members[name][1])
            feats = [json.loads(t) for t in self._event_texts(conn, as_of)]
            feats.sort(key=lambda f: (f["properties"]["start"], f["properties"]["id"]))
            head = members.get(EVENTS, ("{}", "lines"))[0]
            out[EVENTS] = _collection([_dump(f) for f in feats], head, "lines")
        return out

    def _event_texts(self, conn: Any, as_of: dt.datetime | None) -> list[str]:
        if as_of is None:
            return [r[0] for r in conn.execute("SELECT feature::text FROM events")]
        rows = conn.execute(
            "SELECT DISTINCT ON (event_id) feature::text FROM revisions "
            "WHERE made_at <= %s ORDER BY event_id, version DESC",
            (as_of,),
        ).fetchall()
        return [r[0] for r in rows if r[0] is not None]

    def export_dir(self, folder: Path, as_of: dt.datetime | None = None) -> list[str]:
        """Write the data files into ``folder``; return their names."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for name, text in self.files(as_of).items():
            (folder / name).write_text(text, "utf-8")
            written.append(name)
        return written

    # ------------------------------------------------------------------ edits

    def stamp(self) -> tuple[int, str]:
        """What changes whenever the record does: the last revision and the last import."""
        with self.connect() as conn:
            row = conn.execute(
                "SELECT (SELECT coalesce(max(rev), 0) FROM revisions), "
                "(SELECT coalesce(max(imported_at)::text, '') FROM collections)"
            ).fetchone()
        return int(row[0]), str(row[1])

    def current(self, event_id: str) -> Revision | None:
        """The latest revision of an event (a deletion included), or ``None``."""
        with self.connect() as conn:
            return _latest(conn, event_id)

    def save(
        self,
        feature: dict[str, Any],
        record: dict[str, Any] | None,
        *,
        author: str,
        reason: str,
        expected: int,
    ) -> Revision:
        """Save a new or corrected event as a new revision.

        Parameters
        ----------
        feature : dict
            The checked feature (:func:`geo.authoring.check_record`).
        record : dict, optional
            The record it was built from (kept for the next edit).
        author, reason : str
            Who and why (both required).
        expected : int
            The version the editor started from (0 for a new event).

        Raises
        ------
        Conflict
            When the event's version is no longer ``expected``: nothing is written.
        """
        eid = feature["properties"]["id"]
        with self.connect() as conn:
            return self._write(conn, eid, expected, feature, record, author, reason)

    def delete(self, event_id: str, *, author: str, reason: str, expected: int) -> Revision:
        """Delete an event: a revision with no feature; its history stays."""
        with self.connect() as conn:
            return self._write(conn, event_id, expected, None, None, author, reason)

    def _write(
        self,
        conn: Any,
        eid: str,
        expected: int,
        feature: dict[str, Any] | None,
        record: dict[str, Any] | None,
        author: str,
        reason: str,
    ) -> Revision:
        if not author.strip() or not reason.strip():
            raise ValueError(
                f"expected a named author and a reason, got author={author!r}, reason={reason!r}"
            )
        # one writer per event at a time; the version check is then exact
        conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (eid,))
        latest = _latest(conn, eid)
        have = latest.version if latest is not None else 0
        if have != expected:
            raise Conflict(eid, expected, latest)
        text = _dump(feature) if feature is not None else None
        rtext = json.dumps(record, ensure_ascii=False) if record is not None else None
        row = conn.execute(
            "INSERT INTO revisions (event_id, version, feature, record, author, reason) "
            "VALUES (%s, %s, %s, %s, %s, %s) RETURNING rev, made_at",
            (eid, have + 1, text, rtext, author, reason),
        ).fetchone()
        rev, made_at = int(row[0]), row[1]
        if feature is None:
            conn.execute("DELETE FROM events WHERE id = %s", (eid,))
        else:
            conn.execute(
                "INSERT INTO events (id, version, rev, feature, record) "
                "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (id) DO UPDATE SET "
                "version = excluded.version, rev = excluded.rev, feature = excluded.feature, "
                "record = excluded.record",
                (eid, have + 1, rev, text, rtext),
            )
        conn.execute("SELECT pg_notify(%s, %s)", (CHANNEL, str(rev)))
        return Revision(rev, eid, have + 1, feature, record, author, reason, made_at)

    def history(self, event_id: str) -> list[Revision]:
        """Every revision of an event, newest first."""
        with self.connect() as conn:
            rows = conn.execute(
                "SELECT rev, event_id, version, feature::text, record::text, author, reason, "
                "made_at FROM revisions WHERE event_id = %s ORDER BY version DESC",
                (event_id,),
            ).fetchall()
        return [_revision(r) for r in rows]

    def record_of(self, event_id: str) -> dict[str, Any] | None:
        """The record (waypoints and all) the event's current feature was built from."""
        with self.connect() as conn:
            row = conn.execute("SELECT record::text FROM events WHERE id = %s", (event_id,))
            got = row.fetchone()
        return json.loads(got[0]) if got and got[0] else None


def _latest(conn: Any, eid: str) -> Revision | None:
    row = conn.execute(
        "SELECT rev, event_id, version, feature::text, record::text, author, reason, made_at "
        "FROM revisions WHERE event_id = %s ORDER BY version DESC LIMIT 1",
        (eid,),
    ).fetchone()
    return _revision(row) if row else None


def _revision(row: Any) -> Revision:
    feature = json.loads(row[3]) if row[3] is not None else None
    record = json.loads(row[4]) if row[4] is not None else None
    return Revision(int(row[0]), row[1], int(row[2]), feature, record, row[5], row[6], row[7])


def _dump(feature: dict[str, Any], ascii_only: bool = False) -> str:
    return json.dumps(feature, ensure_ascii=ascii_only, separators=(",", ":"))


def _collection(lines: list[str], members_json: str, layout: str) -> str:
    members = json.loads(members_json)
    head = '{"type":"FeatureCollection"'
    for key, value in members.items():
        head += f",{json.dumps(key)}:{json.dumps(value, ensure_ascii=False)}"
    if layout == "single":
        return head + ',"features":[' + ",".join(lines) + "]}\n"
    return head + ',"features":[\n' + ",\n".join(lines) + "\n]}\n"


def _records(folder: Path) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        for rec in json.loads(path.read_text("utf-8")).get("records", []):
            out[str(rec.get("id"))] = rec
    return out
