"""End to end in Chromium: upload two trusts' libraries, confirm a match, decide differences side by side,
agree the shared draft, sign it off by each trust's lead, export it as DOCX; axe-core finds no WCAG 2.2 A/AA
violations on the way."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest

from converge.workflow.vocab import add_term
from tests.e2e.conftest import axe_violations, screenshot, sign_in, sign_out, wait_for_built_draft
from tests.web.conftest import session_factory_of

pytestmark = pytest.mark.browser

TOPICS = {
    "sepsis": (
        "Sepsis in adults",
        [
            ("Purpose", "This policy sets out how staff recognise and treat sepsis in adult inpatients."),
            (
                "Recognition",
                "Screen adults for sepsis when the NEWS2 score is {news2} or more. "
                "Record the score and the time of screening in the notes.",
            ),
            (
                "Treatment",
                "Give intravenous antibiotics within {hours} of recognition. "
                "Take blood cultures before the first dose.",
            ),
            ("Escalation", "Call the critical care outreach team if the patient does not improve."),
        ],
    ),
    "vte": (
        "Venous thromboembolism prevention",
        [
            ("Purpose", "This guideline describes risk assessment for venous thromboembolism on admission."),
            (
                "Assessment",
                "Assess every adult for bleeding and thrombosis risk within 14 hours of admission.",
            ),
            (
                "Prophylaxis",
                "Offer low molecular weight heparin to patients at increased risk unless contraindicated.",
            ),
        ],
    ),
    "falls": (
        "Prevention of falls in hospital",
        [
            ("Purpose", "This procedure reduces the risk of inpatient falls and harm from falls."),
            ("Assessment", "Complete a multifactorial falls risk assessment for patients aged 65 and over."),
            (
                "After a fall",
                "Check the patient for injury before moving them and inform the doctor on call.",
            ),
        ],
    ),
}
VALUES = {"JPUH": {"news2": "5", "hours": "1 hour"}, "NNUH": {"news2": "7", "hours": "1 hour"}}


def policy_docx(trust: str, topic: str) -> bytes:
    """A small real Word policy: title, a document-control table, numbered headings, paragraphs."""
    title, sections = TOPICS[topic]
    d = docx.Document()
    d.core_properties.title = title
    d.add_heading(title, level=0)
    table = d.add_table(rows=0, cols=2)
    for key, value in (
        ("Reference", f"{trust}-{topic.upper()}-01"),
        ("Version", "2.0"),
        ("Review date", "2027-01-31"),
        ("Specialty", "Acute Medicine"),
    ):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = key, value
    for n, (heading, text) in enumerate(sections, start=1):
        d.add_heading(f"{n}. {heading}", level=1)
        d.add_paragraph(text.format(**VALUES[trust]))
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def library_zip(trust: str, folder: Path) -> Path:
    path = folder / f"{trust.lower()}-library.zip"
    with zipfile.ZipFile(path, "w") as z:
        for topic in TOPICS:
            z.writestr(f"{trust}/policies/{topic}.docx", policy_docx(trust, topic))
    return path


def assert_accessible(page, name: str) -> None:  # type: ignore[no-untyped-def]
    screenshot(page, name)
    violations = axe_violations(page)
    assert violations == [], f"axe on {name}: {violations}"


def upload(page, zip_path: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto("/library/upload")
    page.get_by_label("Files").set_input_files(str(zip_path))
    page.get_by_role("button", name="Upload and parse").click()
    page.wait_for_url(re.compile(r"/library/uploads/"))
    phase = page.locator("#job-phase")
    phase.filter(has_text=re.compile(r"^(Done|Failed)")).wait_for(timeout=120_000)
    assert phase.inner_text().startswith("Done"), phase.inner_text()
    results = page.locator("#job-results tr")
    assert results.count() == 3
    assert all(s == "Added" for s in page.locator("#job-results tr td:nth-child(2)").all_inner_texts())


def move_group(page, status_label: str, reason: str = "") -> None:  # type: ignore[no-untyped-def]
    page.get_by_label(status_label, exact=True).check()
    if reason:
        page.get_by_label("Reason", exact=True).first.fill(reason)
    page.get_by_role("button", name="Move group").click()
    page.get_by_text(f"Group moved to {status_label}.").wait_for()


def test_upload_review_decide_approve_and_export(page, live_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto("/")
    page.wait_for_url(re.compile(r"/sign-in"))
    assert_accessible(page, "01-sign-in")

    # A governance lead of each trust uploads their library as a zip; parsing runs in the background.
    sign_in(page, "lead.jpuh")
    page.goto("/library/upload")
    assert_accessible(page, "02-upload")
    upload(page, library_zip("JPUH", tmp_path))
    assert_accessible(page, "03-upload-done")
    sign_out(page)
    sign_in(page, "lead.nnuh")
    upload(page, library_zip("NNUH", tmp_path))
    page.goto("/library/")
    assert_accessible(page, "04-libraries")

    # The matcher proposed the sepsis pair; the lead opens it from the queue and confirms it.
    page.goto("/")
    assert_accessible(page, "05-queue")
    page.get_by_role("link", name=re.compile("Sepsis in adults")).first.click()
    page.wait_for_url(re.compile(r"/groups/\d+$"))
    group_url = page.url
    group_id = int(group_url.rsplit("/", 1)[1])
    assert page.get_by_role("cell", name="JPUH", exact=True).count() == 1
    assert page.get_by_role("cell", name="NNUH", exact=True).count() == 1
    move_group(page, "Confirmed")
    # The lead corrects the group's specialty (reviewers of a specialty decide only its groups); the old
    # value and the reason go to the audit trail.
    # Specialties are a list an administrator keeps (converge.workflow.vocab): this one is added there first.
    with session_factory_of(live_server.app)() as session, session.begin():
        add_term(session, "specialty", "Emergency Medicine", "admin")
    page.reload()
    page.get_by_text("Correct the topic or specialty").click()
    page.get_by_label("Specialty", exact=True).select_option("Emergency Medicine")
    page.locator("#details-reason").fill("Sepsis screening is led by the emergency department")
    assert_accessible(page, "05b-correct-specialty")
    page.get_by_role("button", name="Save topic and specialty").click()
    page.get_by_text("Topic and specialty saved.").wait_for()
    assert "Emergency Medicine" in page.locator(".nhsuk-summary-list").inner_text()
    sign_out(page)

    # A clinical reviewer reads the side-by-side review and decides the significant differences.
    sign_in(page, "reviewer")
    page.goto(group_url)
    assert page.locator("#compare .cv-col").count() == 2
    significant = page.locator("#significant + * li.cv-diff, ol.cv-diffs li.cv-diff--significant")
    assert significant.count() >= 1
    threshold = page.locator("li.cv-diff--significant", has_text="NEWS2").first
    assert "5" in threshold.inner_text() and "7" in threshold.inner_text()
    assert_accessible(page, "06-side-by-side")
    # Keyboard only: the first Tab reaches the skip link; the disclosure opens with Enter and holds the
    # page's one decision form, filled in for this difference.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "nhsuk-skip-link"
    threshold.locator("summary").focus()
    page.keyboard.press("Enter")
    form = threshold.locator("form.cv-decide-form")
    form.wait_for()
    assert form.locator("input[name=change_key]").input_value() == threshold.get_attribute("id")[2:]
    assert page.locator("form.cv-decide-form").count() == 1
    threshold.get_by_label("Adopt NNUH's text").focus()
    page.keyboard.press("Space")
    assert threshold.get_by_label("Adopt NNUH's text").is_checked()
    assert_accessible(page, "06b-decision-form")
    # Without JavaScript the disclosure links to the difference's own page, which holds the same form.
    fallback = threshold.locator(".cv-decide-fallback a").get_attribute("href")
    assert fallback == f"/groups/{group_id}/differences/{threshold.get_attribute('id')[2:]}"
    threshold.get_by_role("button", name="Save decision").click()
    page.get_by_text("Decision recorded.").wait_for()
    decided = page.locator("li.cv-diff--significant", has_text="NEWS2").first
    assert "Adopt NNUH" in decided.locator(".cv-decided").inner_text()
    page.goto(fallback)
    assert page.get_by_label("Adopt NNUH's text").is_checked()
    assert_accessible(page, "06c-difference-page")
    page.get_by_role("link", name="Back to the group").click()

    # The shared draft, reached from the group page: built from the decisions, one section edited, each
    # clause linked to its sources.
    page.get_by_role("link", name="Open the shared draft").click()
    page.wait_for_url(re.compile(rf"/groups/{group_id}/draft$"))
    page.get_by_role("button", name="Build the draft from the decisions").click()
    page.get_by_text("The draft is being built from the decisions").wait_for()
    wait_for_built_draft(page)
    recognition = page.locator("section", has=page.get_by_role("heading", name=re.compile(r"Recognition")))
    assert "NEWS2 score is 7 or more" in recognition.inner_text()
    recognition.get_by_role("link", name=re.compile("Edit")).click()
    box = page.get_by_label("Text of the section")
    box.fill(box.input_value() + "\n\nRepeat the screening every hour until a senior review.")
    page.get_by_role("button", name="Save section").click()
    page.get_by_text(re.compile(r"Section \d+ saved")).wait_for()
    assert_accessible(page, "07-draft")
    page.goto(group_url)
    move_group(page, "Draft agreed")
    sign_out(page)

    # A lead of each member trust signs the agreed draft off (a reviewer could not); the last approves it.
    sign_in(page, "lead.jpuh")
    page.goto(group_url)
    page.get_by_role("button", name="Sign off for JPUH").click()
    page.get_by_text("Signed off for JPUH.").wait_for()
    sign_out(page)
    sign_in(page, "lead.nnuh")
    page.goto(group_url)
    page.get_by_role("button", name="Sign off for NNUH").click()
    page.get_by_text("Every member trust has signed off: the group is approved.").wait_for()
    page.goto(f"/groups/{group_id}/history")
    assert "led by the emergency department" in page.locator("main").inner_text()
    assert_accessible(page, "08-audit-trail")
    page.goto(group_url)
    page.get_by_role("link", name="Open the shared draft").click()
    page.wait_for_url(re.compile(rf"/groups/{group_id}/draft$"))
    with page.expect_download() as info:
        page.get_by_role("link", name="Download the draft as a Word document").click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    assert saved.suffix == ".docx"
    exported = docx.Document(str(saved))
    front = {r.cells[0].text: r.cells[1].text for r in exported.tables[0].rows}
    assert front["Status"] == "Approved" and front["Version"] == "1.0"
    assert front["Reference"] == "To be assigned" and "JPUH" in front["Trusts"] and "NNUH" in front["Trusts"]
    body = "\n".join(p.text for p in exported.paragraphs)
    assert "NEWS2 score is 7 or more" in body and "Repeat the screening every hour" in body
    history = [[c.text for c in r.cells] for r in exported.tables[-1].rows]
    assert history[-1][0] == "1.0" and history[-1][3].startswith("Status: Approved")
    assert page.console_errors == []

    # Every page an administrator reaches from here, two links deep, passes axe (WCAG 2.2 A/AA).
    sign_out(page)
    sign_in(page, "admin")
    visited = crawl_accessible(page, ["/", group_url, "/my-work", "/reports/", "/jobs/", "/national/"])
    assert len(visited) >= 15, visited
    assert page.console_errors == []


DOWNLOADS = re.compile(r"\.(docx|xlsx|csv|json|pdf|zip)(\?|$)|/download|/export|/appendix|/sign-out|/static/")


def crawl_accessible(page, starts: list[str], depth: int = 2, limit: int = 60) -> list[str]:  # type: ignore[no-untyped-def]
    """Visit the pages linked from `starts` (same site, no downloads), asserting axe finds no violation."""
    seen: list[str] = []
    frontier = list(starts)
    for _ in range(depth + 1):
        found: list[str] = []
        for path in frontier:
            if path in seen or len(seen) >= limit:
                continue
            seen.append(path)
            fetched = page.request.get(path)
            if "text/html" not in fetched.headers.get("content-type", ""):
                continue  # a file to download (an original, an export), not a page
            response = page.goto(path)
            assert response is not None and response.status < 400, (path, response and response.status)
            assert axe_violations(page) == [], path
            hrefs = page.eval_on_selector_all(
                "a[href^='/']", "links => links.map(a => a.getAttribute('href'))"
            )
            found += [h.split("#")[0] for h in hrefs if h.split("#")[0] and not DOWNLOADS.search(h)]
        frontier = list(dict.fromkeys(found))
    return seen
