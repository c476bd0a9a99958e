"""The national-alignment appendix, written and read back (openpyxl, python-docx), and its CLI."""

from __future__ import annotations

import io
import json

from click.testing import CliRunner
from docx import Document as Docx
from openpyxl import load_workbook
from sqlalchemy import select

from converge.cli.main import cli
from converge.reports.national import DEPARTURE_COLUMNS, SUMMARY_COLUMNS, alignment_docx, alignment_xlsx
from converge.store.models import StoredDocument
from converge.workflow.actors import Actor
from converge.workflow.national.deviations import alignment_register, justify
from converge.workflow.national.linking import decide_link, link_library, links_of

LEAD = Actor("lead.mwl", "lead", "MWL")


def _confirm_all(factory) -> None:  # type: ignore[no-untyped-def]
    with factory() as session, session.begin():
        link_library(session)
        for doc_id in session.scalars(select(StoredDocument.id).where(StoredDocument.id.like("MWL:%"))):
            for link in links_of(session, doc_id):
                decide_link(session, link.id, "confirmed", LEAD)


def test_the_xlsx_appendix_lists_each_document_source_departure_justification_and_status(library) -> None:  # type: ignore[no-untyped-def]
    _confirm_all(library)
    with library() as session, session.begin():
        [sepsis] = [r for r in alignment_register(session, "MWL") if r.local.title == "Adult sepsis pathway"]
        justify(session, sepsis.link.id, sepsis.alignment.departures[0], "=HYPERLINK(evil) site reason", LEAD)
    with library() as session:
        data = alignment_xlsx(alignment_register(session, "MWL"), "MWL")
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["About", "Documents", "Departures"]
    docs = list(book["Documents"].iter_rows(values_only=True))
    assert docs[0] == SUMMARY_COLUMNS
    by_title = {r[2]: dict(zip(SUMMARY_COLUMNS, r, strict=True)) for r in docs[1:]}
    assert "NG51" in by_title["Adult sepsis pathway"]["national source"]
    assert by_title["Adult sepsis pathway"]["status"] == "departures justified"
    assert by_title["Adult minor head injury"]["status"].startswith("outdated national reference")
    deps = [
        dict(zip(DEPARTURE_COLUMNS, r, strict=True))
        for r in book["Departures"].iter_rows(min_row=2, values_only=True)
    ]
    justified = [d for d in deps if d["status"] == "justified"]
    assert len(justified) == 1 and justified[0]["local document"] == "Adult sepsis pathway"
    assert "1 hour" in justified[0]["national wording"] and "3 hours" in justified[0]["local wording"]
    # a reason typed by a person never becomes a formula
    assert justified[0]["justification"].startswith("local deviation: =HYPERLINK")
    assert all(c.data_type != "f" for row in book["Departures"].iter_rows() for c in row)
    assert any(d["status"] == "unjustified" for d in deps)


def test_the_docx_appendix_reads_back_with_a_summary_and_each_documents_departures(library) -> None:  # type: ignore[no-untyped-def]
    _confirm_all(library)
    with library() as session:
        data = alignment_docx(alignment_register(session, "MWL"), "MWL")
    doc = Docx(io.BytesIO(data))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "National alignment appendix" in text and "Scope: MWL" in text
    summary = doc.tables[0]
    assert [c.text for c in summary.rows[0].cells][:2] == ["Local document", "National source"]
    cells = [[c.text for c in row.cells] for row in summary.rows[1:]]
    assert any("Adult sepsis pathway" in r[0] and r[5] == "unjustified departures" for r in cells)
    departure_text = "\n".join(c.text for t in doc.tables[1:] for row in t.rows for c in row.cells)
    assert "3 hours" in departure_text and "1 hour" in departure_text


def test_the_cli_marks_links_lists_and_exports(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from converge.store.migrate import upgrade
    from converge.store.session import make_engine, make_session_factory
    from converge.workflow.library import get_or_create_trust, store_document
    from tests.workflow.national.builders import local_sepsis, national_sepsis

    url = f"sqlite:///{tmp_path / 'c.db'}"
    upgrade(url)
    engine = make_engine(url)
    with make_session_factory(engine)() as session, session.begin():
        store_document(
            session, get_or_create_trust(session, "MWL"), local_sepsis(antibiotics="3 hours"), None
        )
        store_document(session, get_or_create_trust(session, "NICE"), national_sepsis(), None)
    engine.dispose()
    runner = CliRunner()
    refused = runner.invoke(cli, ["national", "link", "--db", url])
    assert refused.exit_code != 0 and "no national library" in refused.output
    assert runner.invoke(cli, ["national", "mark", "NICE", "--db", url]).output.strip() == "NICE\tnational"
    assert runner.invoke(cli, ["national", "link", "--db", url]).exit_code == 0
    shown = json.loads(runner.invoke(cli, ["national", "links", "--json", "--db", url]).output)
    assert [(x["local_title"], x["status"]) for x in shown] == [("Adult sepsis pathway", "proposed")]
    out = tmp_path / "a.xlsx"
    result = runner.invoke(
        cli, ["national", "export", "--format", "xlsx", "--out", str(out), "--include-proposed", "--db", url]
    )
    assert result.exit_code == 0, result.output
    rows = list(load_workbook(out)["Departures"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 1 and rows[0][DEPARTURE_COLUMNS.index("category")] == "time_limit"
