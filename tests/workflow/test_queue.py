"""The work queue as data: filters, sorting, status counts, gaps and paging, on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib

import pytest
from werkzeug.datastructures import MultiDict

from converge.core.model import Block, BlockKind, Document, Section, SourceRef, make_document_id
from converge.store.models import MatchGroupRow, MatchMember, Wave
from converge.workflow.library import get_or_create_trust, store_document
from converge.workflow.queue import QueueFilter, parse_filter, queue_facets, queue_page


def _doc(trust: str, title: str) -> Document:
    sha = hashlib.sha256(f"{trust}{title}".encode()).hexdigest()
    section = Section("Purpose", "1", 1, (Block(BlockKind.PARAGRAPH, f"About {title}."),))
    return Document(
        make_document_id(trust, sha),
        trust,
        title,
        SourceRef(f"{trust}/{title}", "text/plain", sha, "t@1"),
        (),
        (section,),
    )


@pytest.fixture
def session(session_factory):  # type: ignore[no-untyped-def]
    with session_factory() as s:
        trusts = {c: get_or_create_trust(s, c) for c in ("JPUH", "NNUH", "QEH")}
        wave = Wave(name="Wave 1")
        s.add(wave)
        s.flush()
        specs = [  # topic, trusts, status, specialty, confidence, divergence, significant, wave
            ("Sepsis in adults", "JPUH NNUH QEH", "proposed", "Acute Medicine", 0.9, 0.4, 3, wave.id),
            ("Falls prevention", "JPUH NNUH", "confirmed", "Nursing", 0.7, 0.2, 1, None),
            ("Potassium replacement", "QEH", "proposed", "Pharmacy", 0.5, None, 0, None),
            ("Old proposal", "JPUH NNUH", "superseded", "Nursing", 0.95, 0.9, 9, None),
            ("Blood 100%_transfusion", "JPUH QEH", "in_review", "Haematology", 0.8, 0.7, 6, wave.id),
        ]
        for topic, codes, status, specialty, conf, div, sig, wave_id in specs:
            members = []
            for code in codes.split():
                doc = _doc(code, topic)
                store_document(s, trusts[code], doc, None)
                members.append(MatchMember(document_id=doc.id))
            s.add(
                MatchGroupRow(
                    topic=topic,
                    status=status,
                    specialty=specialty,
                    confidence=conf,
                    divergence=div,
                    wave_id=wave_id,
                    diff_summary={"significant": sig},
                    members=members,
                )
            )
        s.commit()
        yield s


def topics(session, **kw) -> list[str]:  # type: ignore[no-untyped-def]
    return [i.topic for i in queue_page(session, QueueFilter(**kw)).items]


def test_superseded_proposals_are_never_work(session):
    page = queue_page(session, QueueFilter(sort="topic", descending=False))
    assert "Old proposal" not in [i.topic for i in page.items] and page.total == 4
    assert page.status_counts["proposed"] == 2 and page.status_counts["in_review"] == 1
    assert "superseded" not in page.status_counts


def test_filters(session):
    wave_id = queue_facets(session).waves[0][0]
    assert topics(session, specialty="nursing") == ["Falls prevention"]
    assert sorted(topics(session, wave_id=wave_id)) == ["Blood 100%_transfusion", "Sepsis in adults"]
    assert topics(session, status="confirmed") == ["Falls prevention"]
    assert sorted(topics(session, min_confidence=0.75)) == ["Blood 100%_transfusion", "Sepsis in adults"]
    assert topics(session, max_confidence=0.6) == ["Potassium replacement"]
    assert topics(session, min_divergence=0.5) == ["Blood 100%_transfusion"]
    assert topics(session, max_divergence=0.3) == ["Falls prevention"]
    assert sorted(topics(session, missing="QEH")) == ["Falls prevention"]
    assert sorted(topics(session, present="QEH")) == [
        "Blood 100%_transfusion",
        "Potassium replacement",
        "Sepsis in adults",
    ]
    assert topics(session, query="SEPSIS adults") == ["Sepsis in adults"]
    # LIKE wildcards in the search are literal characters.
    assert topics(session, query="100%_") == ["Blood 100%_transfusion"]
    assert topics(session, query="%") == ["Blood 100%_transfusion"]


def test_status_counts_ignore_the_status_filter_but_keep_others(session):
    page = queue_page(session, QueueFilter(status="confirmed", present="JPUH"))
    assert page.status_counts["proposed"] == 1 and page.status_counts["confirmed"] == 1
    assert page.total == 1


def test_sorting(session):
    assert topics(session, sort="significant") == [
        "Blood 100%_transfusion",
        "Sepsis in adults",
        "Falls prevention",
        "Potassium replacement",
    ]
    assert topics(session, sort="confidence", descending=False)[0] == "Potassium replacement"
    assert topics(session, sort="divergence")[-1] == "Potassium replacement"  # not yet diffed sorts last


def test_gaps_and_members(session):
    items = {i.topic: i for i in queue_page(session, QueueFilter()).items}
    assert items["Potassium replacement"].only_at == "QEH"
    assert items["Falls prevention"].missing == ("QEH",) and items["Falls prevention"].only_at is None
    assert items["Sepsis in adults"].trusts == ("JPUH", "NNUH", "QEH")


def test_paging(session):
    first = queue_page(session, QueueFilter(sort="topic", descending=False, per_page=3))
    second = queue_page(session, QueueFilter(sort="topic", descending=False, per_page=3, page=2))
    beyond = queue_page(session, QueueFilter(sort="topic", descending=False, per_page=3, page=99))
    assert (first.pages, first.first, first.last) == (2, 1, 3)
    assert [i.topic for i in second.items] == ["Sepsis in adults"] and (second.first, second.last) == (4, 4)
    assert beyond.page == 2


def test_parse_filter_is_forgiving():
    flt = parse_filter(
        MultiDict(
            {
                "q": "sepsis",
                "cmin": "0.5",
                "cmax": "x",
                "dmax": "7",
                "wave": "3",
                "status": "nonsense",
                "sort": "drop table",
                "order": "asc",
                "page": "-1",
                "present": "jpuh",
            }
        )
    )
    assert (flt.query, flt.min_confidence, flt.max_confidence, flt.max_divergence) == (
        "sepsis",
        0.5,
        None,
        1.0,
    )
    assert (flt.wave_id, flt.status, flt.sort, flt.descending, flt.page, flt.present) == (
        3,
        "",
        "significant",
        False,
        1,
        "JPUH",
    )


def test_facets(session):
    facets = queue_facets(session)
    assert facets.trusts == ("JPUH", "NNUH", "QEH")
    assert facets.specialties == ("Acute Medicine", "Haematology", "Nursing", "Pharmacy")
    assert [n for _, n in facets.waves] == ["Wave 1"]


def test_only_the_page_of_groups_is_loaded(session):
    """A few statements whatever the library's size: counts by status, one page's ids (LIMIT), its rows."""
    from sqlalchemy import event

    statements: list[str] = []
    engine = session.get_bind()

    def record(conn, cursor, statement, params, context, executemany):  # type: ignore[no-untyped-def]
        statements.append(" ".join(statement.split()))

    event.listen(engine, "before_cursor_execute", record)
    try:
        page = queue_page(session, QueueFilter(per_page=2, present="QEH", sort="significant"))
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert [i.topic for i in page.items] == ["Blood 100%_transfusion", "Sepsis in adults"]
    assert page.total == 3 and page.pages == 2
    groups = [s for s in statements if "FROM match_groups" in s and "match_members.group_id IN" not in s]
    counts = [s for s in groups if "GROUP BY match_groups.status" in s]
    pages = [s for s in groups if "LIMIT" in s]
    assert len(counts) == 1 and len(pages) == 1, statements
    assert len(statements) <= 7, statements  # + rows, members, waves, trust codes, standing decisions of the page
