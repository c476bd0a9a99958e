"""`converge backup` then `converge restore` gives back every row: originals, decisions, drafts, audit."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import MetaData, select
from tests.conftest import _postgres_schema_url
from tests.web.conftest import make_doc

from converge.cli.main import cli
from converge.store.backup import _encode
from converge.store.models import DifferenceDecision, DraftSection, MatchGroupRow, MatchMember, StoredDocument
from converge.store.session import make_engine
from converge.workflow.accounts import create_user
from converge.workflow.actors import Actor
from converge.workflow.library import get_or_create_trust, store_document
from converge.workflow.review import add_comment, record_decision, transition

ORIGINAL = bytes(range(256)) * 40  # an uploaded original, every byte value


@pytest.fixture
def target_url(db_url: str, tmp_path: Path) -> Iterator[str]:
    """A second, empty database of the same kind."""
    if db_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'restored.db'}"
    else:
        yield from _postgres_schema_url()


def seed(session_factory) -> int:  # type: ignore[no-untyped-def]
    with session_factory() as session, session.begin():
        ids = []
        for code in ("NNUH", "QEH"):
            doc = make_doc(code, "Sepsis", f"Screen {code} adults.", sha=(code * 40)[:64].lower())
            store_document(session, get_or_create_trust(session, code), doc, ORIGINAL)
            ids.append(doc.id)
        newer = make_doc("QEH", "Sepsis", "Screen QEH adults, v2.", sha=("qeh2" * 20)[:64], version="2")
        store_document(session, get_or_create_trust(session, "QEH"), newer, ORIGINAL[::-1])
        group = MatchGroupRow(
            status="confirmed", topic="Sepsis", members=[MatchMember(document_id=i) for i in ids]
        )
        session.add(group)
        session.flush()
        create_user(session, "lead.nnuh", "a-long-password", "lead", trust="NNUH")
        gid = group.id
    for text in ("adopt NNUH", "no, new text"):
        with session_factory() as session, session.begin():
            if text.startswith("adopt"):
                record_decision(session, gid, "k1", "adopt", Actor("r", "reviewer"), adopted_trust="NNUH")
            else:
                record_decision(session, gid, "k1", "new_text", Actor("s", "reviewer"), text=text)
    with session_factory() as session, session.begin():
        add_comment(session, gid, Actor("r", "reviewer"), "NEWS2 5 or 7?", "k1")
        session.add(DraftSection(group_id=gid, position=1, heading="Scope", text="Adults.", actor="r"))
        transition(session, gid, "draft_agreed", Actor("r", "reviewer"))
    return gid


def dump(url: str) -> dict[str, list[dict]]:  # type: ignore[type-arg]
    engine = make_engine(url)
    meta = MetaData()
    with engine.connect() as conn:
        meta.reflect(bind=conn)
        out = {
            t.name: sorted(
                ({k: _encode(v) for k, v in r._mapping.items()} for r in conn.execute(select(t))), key=repr
            )
            for t in meta.sorted_tables
        }
    engine.dispose()
    return out


def test_backup_and_restore_round_trip(db_url: str, target_url: str, session_factory, tmp_path: Path) -> None:
    gid = seed(session_factory)
    out = tmp_path / "converge.backup"
    result = CliRunner().invoke(cli, ["backup", "--out", str(out), "--db", db_url])
    assert result.exit_code == 0, result.output
    assert gzip.open(out).readline().startswith(b'{"format": "converge-backup"')

    result = CliRunner().invoke(cli, ["restore", str(out), "--db", target_url])
    assert result.exit_code == 0, result.output
    before, after = dump(db_url), dump(target_url)
    assert before.keys() == after.keys()
    # The groups' data versions are not data: set anew by the restored rows, never the values of the source.
    versions = before.pop("group_versions"), after.pop("group_versions")
    assert {r["group_id"] for r in versions[1]} == {r["group_id"] for r in versions[0]}
    assert not {r["version"] for r in versions[1]} & {r["version"] for r in versions[0]}
    for table in before:
        assert after[table] == before[table], table
    assert len(after["difference_decisions"]) == 2 and len(after["draft_sections"]) == 1
    assert len(after["group_transitions"]) == 2 and len(after["comments"]) == 1

    # The restored database goes on working: new rows get new ids, the originals are byte-identical.
    from converge.store.session import make_session_factory

    engine = make_engine(target_url)
    factory = make_session_factory(engine)
    with factory() as session:
        originals = {row.original for row in session.scalars(select(StoredDocument))}
        assert ORIGINAL in originals and ORIGINAL[::-1] in originals
    with factory() as session, session.begin():
        transition(session, gid, "in_review", Actor("r", "reviewer"), "one more change")
        record_decision(session, gid, "k2", "defer", Actor("r", "reviewer"))
    with factory() as session:
        assert len(session.scalars(select(DifferenceDecision)).all()) == 3
    engine.dispose()

    # Restoring over data is refused: a restore goes into an empty database.
    again = CliRunner().invoke(cli, ["restore", str(out), "--db", target_url])
    assert again.exit_code == 1 and "not empty" in again.output


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path: Path) -> None:
    bogus = tmp_path / "x.backup"
    bogus.write_text("hello")
    result = CliRunner().invoke(cli, ["restore", str(bogus), "--db", f"sqlite:///{tmp_path / 'r.db'}"])
    assert result.exit_code == 1 and "not a Converge backup" in result.output
