"""End to end in Chromium: a three-trust group from proposed to approved with a sign-off from a lead of every
trust, refused on the way while anything is undecided, and the exported shared policy checked: nothing
undecided left unmarked, no trust's local names, Word tables kept, sources appendix matching the decisions."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest

from converge.core.config import Settings
from converge.store.models import Trust
from converge.web.db import session_factory
from converge.workflow.groups import match_library
from converge.workflow.library import ingest_paths
from tests.e2e.conftest import axe_violations, screenshot, sign_in, sign_out, wait_for_built_draft

pytestmark = pytest.mark.browser

TITLE = "Intravenous Potassium Replacement in Adults"
# Each trust's own wording: the rate, the duty to add potassium on the ward, and the monitoring interval
# differ (significant); hospitals, wards, bleeps, e-mail addresses, committees and authors are local.
TRUSTS = {
    "JPUH": {
        "rate": "10",
        "duty": "must not",
        "hours": "4",
        "hospital": "James Paget University Hospital",
        "ward": "Ward 10",
        "bleep": "7318",
        "mail": "iv.team@jpaget.nhs.uk",
        "ref": "JPUH-CP-038",
        "committee": "Clinical Effectiveness and Audit Committee",
        "author": "Dr Anna Marsh",
    },
    "NNUH": {
        "rate": "10",
        "duty": "must not",
        "hours": "6",
        "hospital": "Norfolk and Norwich University Hospital",
        "ward": "Cley Ward",
        "bleep": "4412",
        "mail": "iv.team@nnuh.nhs.uk",
        "ref": "CA9471",
        "committee": "Clinical Guidelines Assessment Panel",
        "author": "Ruth Okafor",
    },
    "QEH": {
        "rate": "20",
        "duty": "may",
        "hours": "4",
        "hospital": "Queen Elizabeth Hospital",
        "ward": "Tennyson Ward",
        "bleep": "3064",
        "mail": "iv.team@qehkl.nhs.uk",
        "ref": "QEH-CLIN-PROT-888",
        "committee": "Clinical Policy Review Group",
        "author": "Helen Devereux",
    },
}
LOCAL_TERMS = {
    code: [v["hospital"], v["ward"], v["committee"], v["mail"].split("@")[1]] for code, v in TRUSTS.items()
}


def policy(trust: str) -> bytes:
    """A trust's Word policy: a front sheet with a document-control table, numbered sections, a body table."""
    v = TRUSTS[trust]
    d = docx.Document()
    d.add_heading(TITLE, level=0)
    d.add_paragraph(f"{v['hospital']} – Pharmacy and Medicines")
    control = d.add_table(rows=0, cols=2)
    for key, value in (
        ("Reference", v["ref"]),
        ("Version", "2.0"),
        ("Author", v["author"]),
        ("Approved by", v["committee"]),
        ("Review date", "2027-06-30"),
    ):
        cells = control.add_row().cells
        cells[0].text, cells[1].text = key, value
    d.add_heading("1. Purpose", level=1)
    d.add_paragraph("This guideline sets out how potassium is replaced intravenously in adult inpatients.")
    d.add_heading("2. Administration", level=1)
    d.add_paragraph(f"Potassium {v['duty']} be added to infusion bags on the ward.")
    d.add_paragraph("Give every infusion through a volumetric pump.")
    table = d.add_table(rows=0, cols=2)
    for row in (
        ("Access", "Maximum rate"),
        ("Peripheral cannula", f"{v['rate']} mmol/hour"),
        ("Central line", "40 mmol/hour"),
    ):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = row
    d.add_heading("3. Monitoring", level=1)
    d.add_paragraph(f"Check serum potassium within {v['hours']} hours of starting the infusion.")
    d.add_paragraph(f"Patients with ECG changes are nursed on {v['ward']} at {v['hospital']}.")
    d.add_heading("4. Advice", level=1)
    d.add_paragraph(f"Queries go to {v['mail']} or bleep {v['bleep']}.")
    d.add_paragraph(f"Audit results are reported to the {v['committee']}.")
    if trust == "QEH":  # the most complete document: the draft's base
        d.add_heading("5. Training", level=1)
        d.add_paragraph("Registered nurses giving intravenous potassium hold a current IV competency.")
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def arrange(live_server, folder: Path) -> None:  # type: ignore[no-untyped-def]
    """Each trust's library and local terms loaded, and the matcher run (as `converge ingest` and `match`)."""
    with live_server.app.app_context():
        factory = session_factory()
    with factory() as session, session.begin():
        for trust in session.query(Trust).filter(Trust.code.in_(list(TRUSTS))):
            trust.local_terms = LOCAL_TERMS[trust.code]
    for trust in TRUSTS:
        path = folder / f"{trust.lower()}-potassium.docx"
        path.write_bytes(policy(trust))
        results = ingest_paths(factory, trust, [path], Settings())
        assert [r.status for r in results] == ["ingested"], results
    with factory() as session, session.begin():
        match_library(session)


def move_group(page, label: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_label(label, exact=True).check()
    page.get_by_role("button", name="Move group").click()


def decide(page, group_url: str, key: str) -> None:  # type: ignore[no-untyped-def]
    """Adopt JPUH's wording of one difference, on the difference's own page (the form without JavaScript)."""
    page.goto(f"{group_url}/differences/{key}")
    page.get_by_label("Adopt JPUH's text").check()
    page.get_by_role("button", name="Save decision").click()
    page.get_by_text("Decision recorded.").wait_for()


def build_draft(page, group_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{group_url}/draft")
    page.get_by_role("button", name=re.compile(r"(Re)?[Bb]uild the draft from the decisions")).click()
    page.get_by_text("The draft is being built from the decisions").wait_for()
    wait_for_built_draft(page)


def download(page, tmp_path: Path, name: str) -> docx.Document:  # type: ignore[no-untyped-def]
    with page.expect_download() as info:
        page.get_by_role("link", name="Download the draft as a Word document").click()
    saved = tmp_path / name
    info.value.save_as(saved)
    return docx.Document(str(saved))


def body_text(document) -> str:  # type: ignore[no-untyped-def]
    """Every paragraph and every table cell except the shared policy's own control block (table 0)."""
    parts = [p.text for p in document.paragraphs]
    for table in document.tables[1:]:
        parts += [c.text for row in table.rows for c in row.cells]
    return "\n".join(parts)


def test_three_trusts_sign_off_and_the_export_is_honest(page, live_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    arrange(live_server, tmp_path)

    # JPUH's lead finds the proposed three-trust group and confirms it.
    sign_in(page, "lead.jpuh")
    page.get_by_role("link", name=re.compile("Intravenous Potassium")).first.click()
    page.wait_for_url(re.compile(r"/groups/\d+$"))
    group_url = page.url.replace(live_server.url, "")
    for code in TRUSTS:
        assert page.get_by_role("cell", name=code, exact=True).count() == 1
    assert "not yet confirmed" in page.locator("#open-work").inner_text()
    move_group(page, "Confirmed")
    page.get_by_text("Group moved to Confirmed.").wait_for()
    sign_out(page)

    # A reviewer decides all but one significant difference and builds the draft.
    sign_in(page, "reviewer")
    page.goto(group_url)
    keys = [k[2:] for k in page.locator("li.cv-diff--significant").evaluate_all("els => els.map(e => e.id)")]
    keys = list(dict.fromkeys(keys))
    assert len(keys) >= 3, keys
    duty = page.locator("li.cv-diff--significant", has_text="infusion bags").first.get_attribute("id")[2:]
    for key in keys:
        if key != duty:
            decide(page, group_url, key)
    build_draft(page, group_url)
    # The undecided duty is marked in the draft with every trust's wording, never QEH's (the base) alone.
    draft = download(page, tmp_path, "draft-undecided.docx")
    undecided = [p.text for p in draft.paragraphs if p.text.startswith("UNDECIDED:")]
    assert len(undecided) == 1, undecided
    assert "JPUH and NNUH say \u201cPotassium must not be added" in undecided[0]
    assert "QEH says \u201cPotassium may be added" in undecided[0]
    assert not [
        p.text for p in draft.paragraphs if "may be added" in p.text and not p.text.startswith("UNDECIDED")
    ]
    # The group cannot be agreed while it is open; the page says why.
    page.goto(group_url)
    assert "1 of" in page.locator("#open-work").inner_text()
    assert "1 of" in page.locator("#agree-blockers").inner_text()
    move_group(page, "Draft agreed")
    # Refused on the group page itself: the error summary, the move form still there.
    page.locator(".nhsuk-error-summary").get_by_text(
        re.compile("The draft cannot be agreed yet: 1 of \\d+ significant differences")
    ).wait_for()
    assert page.console_errors == [
        "Failed to load resource: the server responded with a status of 400 (BAD REQUEST)"
    ]
    page.console_errors.clear()  # that refusal (400) was the point

    # The last difference decided, the draft rebuilt: now it can be agreed.
    decide(page, group_url, duty)
    page.goto(group_url)
    assert "rebuild" in page.locator("#agree-blockers").inner_text()
    build_draft(page, group_url)
    page.goto(group_url)
    assert page.locator("#agree-ready").count() == 1
    move_group(page, "Draft agreed")
    page.get_by_text("Group moved to Draft agreed.").wait_for()
    sign_out(page)

    # A lead of each trust signs off; the page says who is still needed; the last one approves.
    for n, lead in enumerate(("lead.jpuh", "lead.nnuh", "lead.qeh")):
        sign_in(page, lead)
        page.goto(group_url)
        table = page.locator("#signoff-table").inner_text()
        assert table.count("Still needed") == 3 - n
        if n == 0:
            assert "Approved" not in [
                t.strip() for t in page.locator("input[name=to_status] + label").all_inner_texts()
            ]
            screenshot(page, "09-signoff")
            assert axe_violations(page) == []
        trust = lead.split(".")[1].upper()
        page.get_by_role("button", name=f"Sign off for {trust}").click()
        page.get_by_text(f"Signed off for {trust}.").wait_for()
        if lead != "lead.qeh":
            sign_out(page)
    page.get_by_text("Every member trust has signed off: the group is approved.").wait_for()
    assert "Approved" in page.locator(".nhsuk-summary-list").inner_text()
    screenshot(page, "10-approved-by-three-leads")
    page.goto(f"{group_url}/history")
    trail = page.locator("main").inner_text()
    for trust in TRUSTS:
        assert f"signed off the agreed draft for {trust}" in trail

    # The exported shared policy.
    page.goto(f"{group_url}/draft")
    exported = download(page, tmp_path, "approved.docx")
    front = {r.cells[0].text: r.cells[1].text for r in exported.tables[0].rows}
    assert front["Status"] == "Approved" and front["Version"] == "1.0"
    assert front["Open differences"].startswith("all ") and "UNDECIDED" not in front["Open differences"]
    body = body_text(exported)
    assert "UNDECIDED" not in body and "may be added" not in body
    assert "Potassium must not be added to infusion bags on the ward." in body
    assert "within 4 hours" in body and "within 6 hours" not in body
    assert "Registered nurses giving" not in body  # only QEH had it; adopting JPUH's (none) leaves it out
    for v in TRUSTS.values():  # no trust's local names, contacts, committees, references or authors
        for name in (v["hospital"], v["ward"], v["bleep"], v["mail"], v["committee"], v["ref"], v["author"]):
            assert name not in body, name
    assert "[LOCAL: e-mail address]" in body and "[LOCAL: ward]" in body
    assert "Pharmacy and Medicines" not in body  # the front sheets are not a section
    # The rate table is a Word table, with JPUH's adopted rate.
    rates = next(t for t in exported.tables[1:] if t.rows[0].cells[0].text == "Access")
    assert [[c.text for c in r.cells] for r in rates.rows] == [
        ["Access", "Maximum rate"],
        ["Peripheral cannula", "10 mmol/hour"],
        ["Central line", "40 mmol/hour"],
    ]
    # The sources appendix: every adopted clause credited to JPUH alone; no clause with JPUH's rate or
    # duty credited to QEH, whose wording differs.
    appendix = next(
        t
        for t in exported.tables
        if [c.text for c in t.rows[0].cells] == ["Section", "Clause", "How", "Source"]
    )
    rows = [[c.text for c in r.cells] for r in appendix.rows[1:]]
    adopted = [r for r in rows if r[2].startswith("adopted")]
    assert adopted and all(r[3].startswith("JPUH:") and "QEH" not in r[3] for r in adopted), adopted
    for r in rows:
        if "10 mmol/hour" in r[1] or "must not be added" in r[1] or "within 4 hours" in r[1]:
            assert "JPUH" in r[3], r
        if "10 mmol/hour" in r[1] or "must not be added" in r[1]:
            assert "QEH" not in r[3], r
    assert page.console_errors == []
