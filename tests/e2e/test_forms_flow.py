"""No dead ends, in Chromium: every refused form is shown again where it was, with the NHS.UK error
summary, the message by its field and what was typed; a decision that lost a race is shown beside the
other person's with a choice; a reviewer blocked by a proposed group asks a lead, who confirms it with the
high-confidence ones. axe-core finds no WCAG 2.2 A/AA violation on any of these pages, error states
included."""

from __future__ import annotations

import re
import uuid

import pytest
from sqlalchemy import select

from converge.store.models import ConfirmRequest, DifferenceDecision, MatchGroupRow
from converge.workflow.actors import Actor
from converge.workflow.groups import active_groups, match_library, reject_member
from converge.workflow.library import get_or_create_trust, store_document
from converge.workflow.review import transition
from converge.workflow.status import Status
from tests.e2e.conftest import axe_violations, screenshot, sign_in
from tests.web.conftest import make_doc, session_factory_of

pytestmark = pytest.mark.browser


def accessible(page, name: str) -> None:  # type: ignore[no-untyped-def]
    screenshot(page, f"forms-{name}")
    assert axe_violations(page) == [], name


def refused(page, message: str, value: str | None = None) -> None:  # type: ignore[no-untyped-def]
    """The page shows the form again: summary first (linking to the field), the message by the field."""
    summary = page.locator(".nhsuk-error-summary")
    summary.wait_for()
    assert message in summary.inner_text()
    assert page.title().startswith("Error: ")
    assert page.locator(".nhsuk-error-message", has_text=message).count() >= 1
    link = summary.locator("a")
    if link.count():
        field = page.locator(link.first.get_attribute("href"))
        assert field.count() == 1  # the summary links to a field on this page
        if value is not None:
            assert field.input_value() == value


def seed_group(app, status: str | None = None) -> tuple[int, dict[str, str]]:  # type: ignore[no-untyped-def]
    """Two trusts' transfusion policies differing in a dose and a time limit, matched into one group.

    Each call's pair is about its own made-up product (a word of letters from a random tag, in the title and
    throughout the text), so that a document an earlier test left alone (removed from its group) is not
    another version of this topic, even in the live server's library of a few such documents."""
    tag = "".join(chr(ord("a") + int(c, 16)) for c in uuid.uuid4().hex[:10])
    factory = session_factory_of(app)
    ids = {}
    with factory() as session, session.begin():
        for code, dose, hours in (("JPUH", "500 mg", "1 hour"), ("NNUH", "1 g", "4 hours")):
            trust = get_or_create_trust(session, code)
            doc = make_doc(
                code,
                f"{tag.capitalize()} transfusion",
                f"Give {dose} of tranexamic acid within {hours} of major haemorrhage {tag}. "
                f"Check the {tag} register before each {tag} unit; record every {tag} dose. "
                f"The {tag} lead audits {tag} use.",
                sha=(uuid.uuid4().hex * 2)[:64],
                specialty="Haematology",
            )
            store_document(session, trust, doc, original=None)
            ids[code] = doc.id
    with factory() as session, session.begin():
        match_library(session)
        group = next(g for g in active_groups(session) if ids["JPUH"] in {m.document_id for m in g.members})
        # A document an earlier test's seed left alone may still be taken for another version of this one
        # (a library of a few documents on one template): an admin takes it out, as a lead would.
        for extra in {m.document_id for m in group.members} - set(ids.values()):
            reject_member(session, group.id, extra, Actor("admin", "admin", None), "another test's document")
        assert {m.document_id for m in group.members} == set(ids.values())
        if status is not None:
            transition(session, group.id, Status.CONFIRMED, Actor("lead.jpuh", "lead", "JPUH"))
        return group.id, ids


def open_first_significant(page) -> None:  # type: ignore[no-untyped-def]
    item = page.locator("li.cv-diff--significant").first
    item.locator("summary").click()
    item.locator("form.cv-decide-form").wait_for()


def test_decision_dead_ends_keep_the_input(page, live_server) -> None:  # type: ignore[no-untyped-def]
    group_id, _ = seed_group(live_server.app, "confirmed")
    sign_in(page, "reviewer")
    page.goto(f"/groups/{group_id}")
    # No choice made: the difference's form again, with the message, not a page of its own.
    open_first_significant(page)
    page.locator("li.cv-diff--significant").first.get_by_role("button", name="Save decision").click()
    refused(page, "Choose a decision")
    accessible(page, "decide-no-choice")
    # A local variation without its reason: the choice stays made.
    page.get_by_label("Accept local variation").check()
    page.get_by_role("button", name="Save decision").click()
    refused(page, "Enter a reason")
    assert page.get_by_label("Accept local variation").is_checked()
    # "New text" without text: the reason typed stays.
    page.get_by_label("Write new text").check()
    page.get_by_label("Reason", exact=True).fill("NICE NG24")
    page.get_by_role("button", name="Save decision").click()
    refused(page, "Enter the new text")
    assert page.get_by_label("Reason", exact=True).input_value() == "NICE NG24"
    assert page.get_by_label("Write new text").is_checked()
    accessible(page, "decide-no-text")
    page.get_by_role("textbox", name="New text").fill("Give 1 g of tranexamic acid within 3 hours.")
    page.get_by_role("button", name="Save decision").click()
    page.get_by_text("Decision recorded.").wait_for()
    # The refused posts answer 400 (logged by the browser); no script failed on any page.
    errors = [e for e in page.console_errors if not e.startswith("Failed to load resource")]  # type: ignore[attr-defined]
    assert errors == [], errors


def test_metadata_and_match_forms_refused_in_place(page, live_server) -> None:  # type: ignore[no-untyped-def]
    group_id, ids = seed_group(live_server.app)
    sign_in(page, "lead.jpuh")
    page.goto(f"/library/documents/{ids['JPUH']}/edit")
    page.get_by_label("Review date").fill("31/06/2027")
    page.get_by_label("Reason for the correction").fill("new front sheet")
    page.get_by_role("button", name="Save corrections").click()
    refused(page, "must be a real date", "31/06/2027")
    assert page.get_by_label("Reason for the correction").input_value() == "new front sheet"
    accessible(page, "metadata-bad-date")
    page.get_by_label("Review date").fill("30/06/2027")
    page.get_by_role("button", name="Save corrections").click()
    page.get_by_text("Saved: review date.").wait_for()
    # Removing one document from the proposed group without a reason: the group page, form open.
    page.goto(f"/groups/{group_id}")
    page.get_by_text("Change the match").click()
    page.get_by_role("button", name="Remove from this group").click()
    refused(page, "Enter a reason")
    assert page.locator("#change-match").get_attribute("open") is not None
    accessible(page, "remove-no-reason")
    page.locator("#remove-doc").select_option(ids["NNUH"])
    page.locator("#remove-reason").fill("a different patient group")
    page.get_by_role("button", name="Remove from this group").click()
    page.get_by_text("will not be proposed into it again").wait_for()
    with session_factory_of(live_server.app)() as session:
        assert {m.document_id for m in session.get(MatchGroupRow, group_id).members} == {ids["JPUH"]}
    # The as-of date of the reports, typed as people write dates here.
    page.goto("/reports/?as_of=31/06/2027")
    refused(page, "must be a real date", "31/06/2027")
    accessible(page, "reports-bad-as-of")


def test_two_reviewers_race_for_one_difference(browser, live_server) -> None:  # type: ignore[no-untyped-def]
    group_id, _ = seed_group(live_server.app, "confirmed")
    pages = []
    for username in ("reviewer", "admin"):
        context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
        context.set_default_timeout(20_000)
        p = context.new_page()
        sign_in(p, username)
        p.goto(f"/groups/{group_id}")
        open_first_significant(p)
        pages.append(p)
    first, second = pages
    first.locator("li.cv-diff--significant").first.get_by_label("Adopt JPUH's text").check()
    first.get_by_role("button", name="Save decision").click()
    first.get_by_text("Decision recorded.").wait_for()
    # The second, on the page loaded before that decision, decides otherwise: not an error page.
    item = second.locator("li.cv-diff--significant").first
    item.get_by_label("Accept local variation").check()
    item.get_by_label("Reason", exact=True).fill("each trust keeps its dose")
    item.get_by_role("button", name="Save decision").click()
    second.get_by_role("heading", name="Someone else decided this difference").wait_for()
    assert "Adopt JPUH" in second.locator("#their-decision").inner_text()
    assert "each trust keeps its dose" in second.locator("#my-decision").inner_text()
    accessible(second, "decision-conflict")
    second.get_by_role("button", name="Replace it with my decision").click()
    second.get_by_text("Decision recorded.").wait_for()
    with session_factory_of(live_server.app)() as session:
        rows = session.scalars(
            select(DifferenceDecision)
            .where(DifferenceDecision.group_id == group_id)
            .order_by(DifferenceDecision.id)
        ).all()
        assert [(r.decision, r.actor, r.superseded_by_id is None) for r in rows] == [
            ("adopt", "reviewer", False),
            ("local_variation", "admin", True),
        ]
    for p in pages:
        p.context.close()


def test_reviewer_asks_and_lead_confirms_high_confidence(page, live_server) -> None:  # type: ignore[no-untyped-def]
    group_id, _ = seed_group(live_server.app)
    sign_in(page, "reviewer")
    page.goto(f"/groups/{group_id}")
    assert "Waiting for a lead to confirm this match" in page.locator("#proposed-explained").inner_text()
    page.get_by_label("Note for the lead (optional)").fill("same policy, different doses")
    page.get_by_role("button", name="Ask a lead to confirm").click()
    page.get_by_text("Your request is recorded").wait_for()
    accessible(page, "asked-to-confirm")
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, "lead.jpuh")
    page.goto(f"/groups/{group_id}")
    assert "same policy, different doses" in page.locator("#proposed-explained").inner_text()
    page.get_by_role("link", name="Confirm several high-confidence groups at once").click()
    page.get_by_label("Lowest confidence").fill("0.5")
    page.get_by_role("button", name="Show groups").click()
    box = page.locator(f"input[name=group][value='{group_id}']")
    assert box.is_checked()
    accessible(page, "confirm-many")
    # Nothing ticked is refused on the same page.
    for other in page.locator("input[name=group]").all():
        other.uncheck()
    page.get_by_role("button", name="Confirm the ticked groups").click()
    refused(page, "Choose at least one group")
    accessible(page, "confirm-many-none")
    page.locator(f"input[name=group][value='{group_id}']").check()
    page.get_by_role("button", name="Confirm the ticked groups").click()
    page.get_by_text(re.compile(r"\d+ groups? confirmed")).wait_for()
    with session_factory_of(live_server.app)() as session:
        assert session.get(MatchGroupRow, group_id).status == "confirmed"
        (request,) = session.scalars(select(ConfirmRequest).where(ConfirmRequest.group_id == group_id)).all()
        assert (request.outcome, request.resolved_by) == ("confirmed", "lead.jpuh")


def test_admin_list_and_upload_refused_in_place(page, live_server) -> None:  # type: ignore[no-untyped-def]
    sign_in(page, "admin")
    page.get_by_role("link", name="Lists").click()
    page.get_by_role("link", name="Specialties").click()
    page.get_by_label("Add a value").fill("Haematology")
    page.get_by_role("button", name="Add", exact=True).click()
    page.get_by_text("is in the list").wait_for()
    page.get_by_label("Add a value").fill("HAEMATOLOGY")
    page.get_by_role("button", name="Add", exact=True).click()
    refused(page, "already in the list", "HAEMATOLOGY")
    accessible(page, "vocabulary-duplicate")
    page.goto("/library/upload")
    page.get_by_role("button", name="Upload and parse").click()
    refused(page, "Choose at least one file")
    accessible(page, "upload-no-files")
