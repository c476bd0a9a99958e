"""`converge backup` / `converge restore`: the whole database in one portable file.

The file is gzip-compressed JSON Lines: a header (format, schema revision, tables), then one line per row,
table by table in foreign-key order. Every table is included (documents with their uploaded originals,
match groups, decisions, drafts, the audit trail, users, upload jobs); bytes are base64 and dates ISO:
one format for SQLite and PostgreSQL. A restore goes into an empty database: the schema is brought to the
backup's revision, the rows are inserted, then later migrations run as for any upgrade.
"""

from __future__ import annotations

import base64
import gzip
import json
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Engine, MetaData, Table, func, select, text
from sqlalchemy.engine import Connection

from converge.core.errors import ConvergeError
from converge.store.migrate import upgrade
from converge.store.session import make_engine

FORMAT = "converge-backup"
VERSION = 1
# Not data: the schema's revision, and the groups' data versions (models.GroupVersion), which the restored
# rows' own triggers set anew (a restored database must not repeat the values a server may hold pages under).
SKIP = {"alembic_version", "group_versions"}
_TAG = "$converge"


class BackupError(ConvergeError):
    """A backup could not be written or restored as asked."""


def _encode(value: Any) -> Any:
    if isinstance(value, bytes | bytearray | memoryview):
        return {_TAG: "bytes", "v": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, datetime):
        return {_TAG: "datetime", "v": value.isoformat()}
    if isinstance(value, date):
        return {_TAG: "date", "v": value.isoformat()}
    if isinstance(value, Decimal):
        return float(value)
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict) and _TAG in value and set(value) == {_TAG, "v"}:
        kind, raw = value[_TAG], value["v"]
        if kind == "bytes":
            return base64.b64decode(raw)
        if kind == "datetime":
            return datetime.fromisoformat(raw)
        if kind == "date":
            return date.fromisoformat(raw)
    return value


def _tables(conn: Connection) -> list[Table]:
    meta = MetaData()
    meta.reflect(bind=conn)
    return [t for t in meta.sorted_tables if t.name not in SKIP]


def _revision(conn: Connection) -> str | None:
    try:
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception:  # noqa: BLE001 - no alembic table: not a Converge database
        return None


def write_backup(engine: Engine, out: Path) -> dict[str, int]:
    """Write every row of the database at `engine` to `out`; the row count of each table."""
    counts: dict[str, int] = {}
    tmp = out.with_name(out.name + ".partial")
    with engine.connect() as conn, conn.begin():  # one snapshot (PostgreSQL); SQLite reads one file
        revision = _revision(conn)
        if revision is None:
            raise BackupError("this database has no Converge schema: nothing to back up")
        tables = _tables(conn)
        with gzip.open(tmp, "wt", encoding="utf-8") as fh:
            header = {"format": FORMAT, "version": VERSION, "revision": revision, "tables": []}
            header["tables"] = [t.name for t in tables]
            fh.write(json.dumps(header) + "\n")
            for table in tables:
                counts[table.name] = _write_table(conn, table, fh)
    tmp.replace(out)  # never a half-written backup under the asked name
    return counts


def _write_table(conn: Connection, table: Table, fh: IO[str]) -> int:
    order = list(table.primary_key.columns) or list(table.columns)
    n = 0
    for row in conn.execution_options(yield_per=500).execute(select(table).order_by(*order)):
        fh.write(json.dumps({"t": table.name, "r": {k: _encode(v) for k, v in row._mapping.items()}}) + "\n")
        n += 1
    return n


def _read(path: Path) -> tuple[dict[str, Any], Iterator[dict[str, Any]]]:
    try:
        fh = gzip.open(path, "rt", encoding="utf-8")
        header = json.loads(fh.readline())
    except (OSError, EOFError, ValueError) as exc:
        raise BackupError(f"{path} is not a Converge backup ({exc})") from None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise BackupError(f"{path} is not a Converge backup")
    if header.get("version") != VERSION:
        raise BackupError(
            f"{path} is a backup of format {header.get('version')}; this version reads {VERSION}"
        )

    def rows() -> Iterator[dict[str, Any]]:
        with fh:
            for line in fh:
                if line.strip():
                    yield json.loads(line)

    return header, rows()


# Tables a migration fills with starting rows (0007_forms: the default document types): an empty database has
# them, and a backup's rows replace them.
SEEDED_BY_MIGRATIONS = frozenset({"vocabulary_terms"})


def restore_backup(url: str, path: Path) -> dict[str, int]:
    """Restore `path` into the empty database at `url`; the row count of each table."""
    header, rows = _read(path)
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            if _revision(conn) is not None:
                for table in _tables(conn):
                    if table.name in SEEDED_BY_MIGRATIONS:
                        continue
                    if conn.execute(select(func.count()).select_from(table)).scalar():
                        raise BackupError(
                            f"the database is not empty (table {table.name} has rows): restore "
                            "into a new, empty database"
                        )
        upgrade(url, header["revision"])
        with engine.begin() as conn:
            tables = {t.name: t for t in _tables(conn)}
            for name in SEEDED_BY_MIGRATIONS & tables.keys():
                conn.execute(tables[name].delete())  # the backup's own rows replace the migration's seed
            counts = _insert_all(conn, tables, rows)
            if conn.dialect.name == "postgresql":
                _reset_sequences(conn, tables.values())
    finally:
        engine.dispose()
    upgrade(url)
    return counts


def _insert_all(conn: Connection, tables: dict[str, Table], rows: Iterator[dict[str, Any]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    pending: dict[str, list[dict[str, Any]]] = {}

    def flush(name: str) -> None:
        batch = pending.pop(name, [])
        if batch:
            for row in _referenced_first(tables[name], batch):
                conn.execute(tables[name].insert(), row)
            counts[name] = counts.get(name, 0) + len(batch)

    current = None
    for line in rows:
        name = line["t"]
        if name not in tables:
            raise BackupError(f"the backup has a table {name!r} this schema does not")
        if name != current and current is not None:
            flush(current)
        current = name
        pending.setdefault(name, []).append({k: _decode(v) for k, v in line["r"].items()})
    if current is not None:
        flush(current)
    return counts


def _referenced_first(table: Table, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows ordered so a row that another row of the same table points to (superseded_by) comes first."""
    links = [
        (fk.parent.name, fk.column.name) for fk in table.foreign_keys if fk.column.table.name == table.name
    ]
    if not links:
        return rows
    by_key = {(col, row.get(col)): row for _, col in links for row in rows}
    done: set[int] = set()
    ordered: list[dict[str, Any]] = []

    def visit(row: dict[str, Any], depth: int = 0) -> None:
        if id(row) in done or depth > len(rows):
            return
        for parent_col, col in links:
            target = by_key.get((col, row.get(parent_col)))
            if row.get(parent_col) is not None and target is not None and target is not row:
                visit(target, depth + 1)
        if id(row) not in done:
            done.add(id(row))
            ordered.append(row)

    for row in rows:
        visit(row)
    return ordered


def _reset_sequences(conn: Connection, tables: Any) -> None:
    """After rows arrive with their ids, PostgreSQL's id sequences must continue after them."""
    for table in tables:
        pk = list(table.primary_key.columns)
        try:
            if len(pk) != 1 or pk[0].type.python_type is not int:
                continue
        except NotImplementedError:
            continue
        sequence = conn.execute(
            text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": table.name, "c": pk[0].name}
        ).scalar()
        if sequence:
            column, name = pk[0].name, table.name
            last = f'COALESCE((SELECT MAX("{column}") FROM "{name}"), 0) + 1'
            conn.execute(text(f"SELECT setval(:s, {last}, false)"), {"s": sequence})
