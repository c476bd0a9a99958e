"""One count of open significant differences everywhere: the queue, the group page, the draft (page and
DOCX), the reports' figures, the CSV/XLSX group lists and the board report agree for one scenario, and a
proposed group's differences are counted as "not yet confirmed", never as zero."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime

import docx
from openpyxl import load_workbook

from converge.core.model import Block, BlockKind, Document, Section, SourceRef, make_document_id
from converge.reports.exports import board_report_docx, build_board_report, groups_csv, groups_xlsx
from converge.reports.figures import compute_figures
from converge.store.models import MatchGroupRow, MatchMember
from converge.workflow.actors import Actor
from converge.workflow.comparison.stored import compute_review
from converge.workflow.comparison.summary import summarise_group
from converge.workflow.draft import assemble_draft, export_docx
from converge.workflow.library import get_or_create_trust, store_document
from converge.workflow.queue import QueueFilter, queue_page
from converge.workflow.review import record_decision, transition
from converge.workflow.signoff import group_open_work
from tests.web.conftest import session_factory_of

LEAD = Actor("lead.jpuh", "lead", "JPUH")
REVIEWER = Actor("reviewer", "reviewer")
RATES = {"JPUH": ("10", "must not", "4"), "NNUH": ("10", "must not", "6"), "QEH": ("20", "may", "4")}


def _doc(trust: str, topic: str, body: list[str], n: int) -> Document:
    sha = f"{trust.lower()}{n}".ljust(64, "0")
    section = Section("Administration", "1", 1, tuple(Block(BlockKind.PARAGRAPH, p) for p in body))
    scope = Section("Scope", "2", 1, (Block(BlockKind.PARAGRAPH, "Adults in hospital."),))
    return Document(
        id=make_document_id(trust, sha),
        trust=trust,
        title=topic,
        source=SourceRef(f"{trust}/{topic}.docx", "application/docx", sha, "test@1"),
        sections=(section, scope),
    )


def _scenario(app) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """Group A (potassium, confirmed, one difference adopted, one deferred) and group B (proposed)."""
    with session_factory_of(app)() as session, session.begin():
        ids: dict[str, list[str]] = {"A": [], "B": []}
        for trust, (rate, duty, hours) in RATES.items():
            t = get_or_create_trust(session, trust)
            a = _doc(
                trust,
                "Intravenous potassium",
                [
                    f"Give no more than {rate} mmol/hour through a peripheral cannula.",
                    f"Potassium {duty} be added to infusion bags on the ward.",
                    f"Check serum potassium within {hours} hours of the infusion.",
                ],
                1,
            )
            b = _doc(
                trust,
                "Sepsis in adults",
                [f"Screen adults with a NEWS2 score of {'7' if trust == 'QEH' else '5'} or more."],
                2,
            )
            for doc in (a, b):
                store_document(session, t, doc, original=None)
            ids["A"].append(a.id)
            ids["B"].append(b.id)
        groups = {}
        for name, topic in (("A", "Intravenous potassium"), ("B", "Sepsis in adults")):
            group = MatchGroupRow(
                status="proposed", topic=topic, members=[MatchMember(document_id=d) for d in ids[name]]
            )
            session.add(group)
            session.flush()
            summarise_group(session, group)
            groups[name] = group.id
        a = groups["A"]
        transition(session, a, "confirmed", LEAD)
        significant = [
            d for d in compute_review(session, session.get(MatchGroupRow, a)).differences if d.significant
        ]
        assert len(significant) >= 3
        record_decision(session, a, significant[0].key, "adopt", REVIEWER, adopted_trust="JPUH")
        record_decision(session, a, significant[1].key, "defer", REVIEWER)
        assemble_draft(session, a, REVIEWER)
    return groups["A"], groups["B"]


def test_counts_agree_across_queue_group_page_draft_reports_and_exports(app, sign_in) -> None:
    a, b = _scenario(app)
    client = sign_in("reviewer")
    with session_factory_of(app)() as session:
        work = group_open_work(session, session.get(MatchGroupRow, a))
        unconfirmed = group_open_work(session, session.get(MatchGroupRow, b))
        page = queue_page(session, QueueFilter())
        now = datetime.now(UTC)
        fig = compute_figures(session, now)
        board = docx.Document(io.BytesIO(board_report_docx(build_board_report(session, now))))
        draft = docx.Document(io.BytesIO(export_docx(session, a)))
    significant, open_ = work.significant, work.open
    assert significant >= 3 and open_ == significant - 1  # one adopted; the deferred one stays open
    assert not unconfirmed.confirmed and unconfirmed.significant >= 1

    # The queue: the same numbers, and the proposed group counted as not yet confirmed.
    items = {i.id: i for i in page.items}
    assert (items[a].open, items[a].significant) == (open_, significant)
    assert items[b].significant == unconfirmed.significant and not items[b].confirmed
    queue_html = client.get("/").get_data(as_text=True)
    assert f"{open_} of {significant} open" in queue_html
    assert f'{unconfirmed.significant} <span class="nhsuk-body-s">not yet confirmed</span>' in queue_html

    # The group page.
    group_html = client.get(f"/groups/{a}").get_data(as_text=True)
    assert f"{significant} significant ({open_} undecided)" in group_html
    assert f"{open_} of {significant} significant differences undecided" in group_html

    # The draft: its page, and the control block of its DOCX.
    draft_html = client.get(f"/groups/{a}/draft").get_data(as_text=True)
    assert re.search(rf"\b{open_} significant differences not decided", draft_html)
    control = {r.cells[0].text: r.cells[1].text for r in draft.tables[0].rows}
    assert control["Open differences"].startswith(
        f"{open_} of {significant} significant differences undecided"
    )

    # The reports' figures: group A's open ones; group B's as not yet confirmed.
    snap = {s.id: s for s in fig.groups}
    assert snap[a].open == open_ and snap[b].open == unconfirmed.significant
    assert sum(fig.open_significant.values()) == open_
    assert sum(fig.unconfirmed_significant.values()) == unconfirmed.significant

    # The CSV and XLSX group lists and the board report.
    rows = {int(r["group_id"]): r for r in csv.DictReader(io.StringIO(groups_csv(fig.groups)))}
    assert int(rows[a]["open_significant"]) == open_ and rows[a]["not_yet_confirmed"] == "False"
    assert (
        int(rows[b]["open_significant"]) == unconfirmed.significant and rows[b]["not_yet_confirmed"] == "True"
    )
    sheet = load_workbook(io.BytesIO(groups_xlsx(fig.groups))).active
    header = [c.value for c in sheet[1]]
    xlsx = {r[0]: dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert xlsx[a]["open_significant"] == open_
    headline = {r.cells[0].text: r.cells[1].text for r in board.tables[0].rows}
    assert headline["Open significant differences"] == str(open_)
    assert headline["Significant differences in groups not yet confirmed"] == str(unconfirmed.significant)
