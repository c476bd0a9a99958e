"""The review page built for work and "My work", in Chromium: two documents of one trust in their own
columns, the 390 px layout (no sideways scroll, no overlapping boxes), keyboard order, next/previous
undecided, My work with a notification; axe-core finds no WCAG 2.2 AA violation; screenshots kept."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from converge.core.model import Block, BlockKind, Document, Section, SourceRef
from converge.store.models import MatchGroupRow, MatchMember, StoredDocument
from converge.web.db import session_factory
from converge.workflow.actors import Actor
from converge.workflow.comparison.summary import summarise_group
from converge.workflow.library import get_or_create_trust, store_document
from converge.workflow.review import transition
from tests.e2e.conftest import ROOT, axe_violations, sign_in, sign_out

pytestmark = pytest.mark.browser

ARTEFACTS = Path(os.environ.get("CONVERGE_ARTEFACTS", ROOT / "tests" / ".artefacts"))
TOPIC = "Oxygen Prescribing in Adults"


def _doc(trust: str, sha: str, title: str, target: str, hours: str, extra: str = "") -> Document:
    sections = (
        Section(
            "Purpose",
            "1",
            1,
            (Block(BlockKind.PARAGRAPH, "This guideline covers oxygen for adult inpatients."),),
        ),
        Section(
            "Prescribing",
            "2",
            1,
            (
                Block(BlockKind.PARAGRAPH, f"Prescribe oxygen to a target saturation of {target} per cent."),
                Block(
                    BlockKind.PARAGRAPH, f"Review the prescription within {hours} hours of starting oxygen."
                ),
            ),
        ),
        Section(
            "Monitoring", "3", 1, (Block(BlockKind.PARAGRAPH, f"Record saturation every 4 hours. {extra}"),)
        ),
    )
    source = SourceRef(
        path=f"{trust}/{sha}.docx", media_type="application/docx", sha256=sha * 16, parser="test@1"
    )
    return Document(
        id=f"{trust}:{(sha * 16)[:12]}", trust=trust, title=title, source=source, sections=sections
    )


def arrange(live_server, salt: str = "0") -> int:  # type: ignore[no-untyped-def]
    """A confirmed group holding two JPUH documents (an old guideline and its ward version) and NNUH's."""
    with live_server.app.app_context():
        factory = session_factory()
    docs = [
        _doc("JPUH", salt + "a1b", f"{TOPIC} (trust guideline)", "94 to 98", "24"),
        _doc("JPUH", salt + "c3d", f"{TOPIC} (respiratory ward)", "88 to 92", "24", "Use a venturi mask."),
        _doc("NNUH", salt + "e5f", f"{TOPIC}", "94 to 98", "12"),
    ]
    with factory() as session, session.begin():
        for d in docs:
            store_document(session, get_or_create_trust(session, d.trust), d, None)
        group = MatchGroupRow(
            status="proposed",
            topic=TOPIC,
            confidence=0.91,
            members=[MatchMember(document_id=d.id) for d in docs],
            evidence={
                "links": [
                    {
                        "a": docs[0].id,
                        "b": docs[2].id,
                        "confidence": 0.93,
                        "features": {"title_similarity": 0.9},
                    },
                    {
                        "a": docs[1].id,
                        "b": docs[2].id,
                        "confidence": 0.88,
                        "features": {"title_similarity": 0.8},
                    },
                ]
            },
        )
        session.add(group)
        session.flush()
        summarise_group(session, group)
        transition(session, group.id, "confirmed", Actor("lead.jpuh", "lead", "JPUH"))
        assert session.get(StoredDocument, docs[1].id) is not None
        return group.id


def open_group(page, url: str) -> None:  # type: ignore[no-untyped-def]
    """Open a group page and wait until review.js has set it up (the view tools appear then)."""
    page.goto(url)
    page.locator("#view-tools").wait_for(state="visible")


def shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / f"{name}.png"), full_page=True)


OVERLAPS = """() => {
  // Boxes that must never sit on one another: the page's blocks at the top level of the review.
  const sel = '.cv-progress-panel, .cv-follow, .cv-work-bar, #view-tools, .cv-nav, .cv-col, .cv-diffs > li, '
    + 'h1, h2, table';
  const els = [...document.querySelectorAll(sel)].filter(e => e.checkVisibility());
  const boxes = els.map(e => [e, e.getBoundingClientRect()]);
  const out = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const [a, ra] = boxes[i], [b, rb] = boxes[j];
    if (a.contains(b) || b.contains(a)) continue;
    const x = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
    const y = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
    if (x > 1 && y > 1) out.push([a.className || a.tagName, b.className || b.tagName]);
  }
  return out;
}"""


def test_two_documents_of_one_trust_and_the_page_for_work(page, live_server, browser) -> None:  # type: ignore[no-untyped-def]
    group_id = arrange(live_server)
    url = f"/groups/{group_id}"
    sign_in(page, "reviewer")
    open_group(page, url)

    # Each document has its own column, titled with its own title; the Why-matched blocks name their pair.
    heads = page.locator(".cv-col__head").all_inner_texts()
    assert heads == [
        f"JPUH-1: {TOPIC} (trust guideline)",
        f"JPUH-2: {TOPIC} (respiratory ward)",
        f"NNUH: {TOPIC}",
    ], heads
    assert "venturi" not in page.locator(".cv-col").nth(0).inner_text()
    assert "venturi" in page.locator(".cv-col").nth(1).inner_text()
    pairs = page.locator(".cv-evidence").evaluate_all(
        "els => els.map(e => e.previousElementSibling.textContent)"
    )
    assert pairs[0].startswith(f"JPUH-1 ({TOPIC} (trust guideline)) and NNUH") and pairs[1].startswith(
        "JPUH-2"
    )

    # Progress and next/previous undecided.
    progress = page.locator("#progress-text").inner_text()
    m = re.fullmatch(r"0 of (\d+) significant decided", progress)
    assert m and int(m.group(1)) >= 2, progress
    total = int(m.group(1))
    page.locator("#next-undecided").click()
    first = page.evaluate("document.activeElement.closest('li.cv-diff').id")
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.locator("#next-undecided").click()
    second = page.evaluate("document.activeElement.closest('li.cv-diff').id")
    assert second != first
    page.locator("#prev-undecided").click()
    assert page.evaluate("document.activeElement.closest('li.cv-diff').id") == first
    assert f"of {total} significant decided" in page.locator("#work-progress").inner_text()

    # Keyboard: inline marks are not tab stops; few Tab presses reach the first "Decide".
    open_group(page, url)
    on_decide = (
        "document.activeElement.tagName === 'SUMMARY' && !!document.activeElement.closest('.cv-decide')"
    )
    presses = 0
    while not page.evaluate(on_decide):
        page.keyboard.press("Tab")
        presses += 1
        assert presses < 80, "no Decide control reached in 80 Tab presses"
    assert presses <= 40, presses  # 88 to 107 before (every inline mark was a tab stop)
    stops = page.evaluate(
        "[...document.querySelectorAll('li.cv-diff')]"
        ".map(li => [...li.querySelectorAll('a, summary, button, [tabindex]')]"
        ".filter(e => e.tabIndex >= 0 && e.checkVisibility()).length)"
    )
    assert stops and max(stops) == 1, stops
    assert (
        page.locator(".cv-col a.cv-sig-tag[tabindex='-1']").count()
        == page.locator(".cv-col a.cv-sig-tag").count()
    )

    # The columns scroll together: scrolling one brings the others to the same section.
    cols = page.locator(".cv-col")
    cols.nth(2).evaluate("e => { e.style.maxHeight = '200px'; }")
    cols.nth(0).evaluate("e => { e.style.maxHeight = '200px'; e.scrollTop = e.scrollHeight; }")
    # Polled from here: the page's CSP (script-src 'self') refuses wait_for_function's string predicate.
    deadline = time.monotonic() + 10
    while not page.evaluate("document.querySelectorAll('.cv-col')[2].scrollTop > 0"):
        assert time.monotonic() < deadline, "the third column did not scroll with the first"
        page.wait_for_timeout(50)

    # Significant-only view and a choice of columns; find within the group.
    page.get_by_label("Only sections with significant differences").check()
    visible_rows = page.locator(".cv-col").nth(0).locator(".cv-row:visible")
    expect(visible_rows.nth(2)).to_have_count(0)  # fewer than three rows left (waits for the script)
    page.get_by_label("JPUH-1", exact=True).uncheck()
    expect(page.locator(".cv-col:visible")).to_have_count(2)
    expect(page.locator("#compare")).to_have_class(re.compile(r"cv-cols-2$"))
    page.get_by_role("searchbox", name="Find in this group").fill("venturi")
    page.get_by_text("1 match").wait_for()
    page.keyboard.press("Enter")
    assert page.locator("mark.cv-hit--current").inner_text().lower() == "venturi"

    assert axe_violations(page) == []
    open_group(page, url)
    shot(page, "group-1366")
    page.emulate_media(media="print")
    assert page.locator(".cv-col").first.evaluate("e => getComputedStyle(e).overflowY") == "visible"
    assert page.locator("#view-tools").is_hidden()
    page.emulate_media(media="screen")

    # At 390 px: no sideways scrolling, no overlapping boxes, the section list never covers the columns.
    phone = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    p2 = phone.new_page()
    sign_in(p2, "reviewer")
    for path in (url, "/"):  # the group page and the queue
        p2.goto(path)
        assert p2.evaluate("document.documentElement.scrollWidth") <= 390, path
        assert axe_violations(p2) == [], path
    open_group(p2, url)
    assert p2.evaluate(OVERLAPS) == []
    p2.locator(".cv-col").first.scroll_into_view_if_needed()
    p2.mouse.wheel(0, 300)
    # Both boxes read in one script, so a scroll still settling cannot move one between the two readings.
    nav_bottom, col_top = p2.evaluate(
        "() => [document.querySelector('.cv-nav').getBoundingClientRect().bottom,"
        " document.querySelector('.cv-col').getBoundingClientRect().top]"
    )
    assert nav_bottom <= col_top + 1, (nav_bottom, col_top)
    assert p2.locator(".cv-nav").evaluate("e => getComputedStyle(e).position") == "static"
    shot(p2, "group-390")
    phone.close()


def test_my_work_lists_what_waits_and_notifications(page, live_server) -> None:  # type: ignore[no-untyped-def]
    group_id = arrange(live_server, "1")
    # A reviewer decides a difference; the JPUH lead, who confirmed the group (and so follows it), is told.
    sign_in(page, "reviewer")
    page.goto("/my-work")
    assert page.locator("#to-decide + ul a", has_text=TOPIC).count() >= 1
    page.goto(f"/groups/{group_id}")
    key = page.locator("li.cv-diff--significant").first.get_attribute("id")[2:]
    page.goto(f"/groups/{group_id}/differences/{key}")
    page.get_by_label("Adopt NNUH's text").check()
    page.get_by_role("button", name="Save decision").click()
    page.get_by_text("Decision recorded.").wait_for()
    expect(page.locator("#follow-button")).to_have_text("Stop following this group")
    sign_out(page)

    sign_in(page, "lead.jpuh")
    badge = page.locator("#unread-count")
    assert int(badge.inner_text().split()[0]) >= 1
    page.locator("#my-work-link").click()
    page.wait_for_url(re.compile(r"/my-work$"))
    note = page.locator("#notification-list li", has_text="reviewer decided a significant difference").first
    assert "adopt NNUH's text" in note.inner_text()
    assert page.locator("h2#signoffs").count() == 1 and page.locator("h2#to-confirm").count() == 1
    assert axe_violations(page) == []
    shot(page, "my-work")
    page.get_by_role("button", name="Mark all as read").click()
    page.get_by_text("marked as read").wait_for()
    assert page.locator("#unread-count").count() == 0
