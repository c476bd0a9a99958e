"""A group page shown before its documents were compared (converge.web.comparing): it says so, counts
nothing, and static/js/comparing.js reloads it by itself once the comparison is ready (CSP unchanged)."""

from __future__ import annotations

import hashlib

from converge.store.models import GroupTransition, MatchGroupRow, MatchMember
from converge.web.db import session_factory
from converge.workflow.library import get_or_create_trust, store_document
from tests.e2e.conftest import axe_violations, screenshot, sign_in
from tests.web.conftest import make_doc


def uncompared_group(app) -> int:  # type: ignore[no-untyped-def]
    """Two documents at two trusts in a group no consumer has compared (no stored comparison)."""
    with app.app_context():
        factory = session_factory()
    ids = []
    with factory() as session, session.begin():
        for code, n in (("JPUH", "5"), ("QEH", "7")):
            sha = hashlib.sha256(f"comparing-e2e-{code}".encode()).hexdigest()
            doc = make_doc(code, "Falls prevention", f"Review falls risk when the score is {n} or more.", sha=sha)
            store_document(session, get_or_create_trust(session, code), doc, None)
            ids.append(doc.id)
        row = MatchGroupRow(
            status="proposed", confidence=0.9, topic="Falls prevention (being compared)", evidence={},
            members=[MatchMember(document_id=d) for d in ids],
        )
        session.add(row)
        session.flush()
        session.add(GroupTransition(group_id=row.id, from_status=None, to_status="proposed", actor="matcher"))
        return row.id


def set_slots(app, n: int) -> None:  # type: ignore[no-untyped-def]
    app.config["COMPARE_SLOTS"] = n
    app.extensions.pop("converge_compare_slots", None)


def test_page_says_it_is_being_compared_then_shows_the_comparison_by_itself(page, live_server) -> None:  # type: ignore[no-untyped-def]
    app = live_server.app
    gid = uncompared_group(app)
    sign_in(page, "reviewer")
    set_slots(app, 0)  # every slot busy: the page comes without the comparison
    try:
        page.goto(f"/groups/{gid}")
        status = page.locator("#comparing-status")
        status.wait_for()
        assert "being compared" in status.inner_text() and "update by itself" in status.inner_text()
        assert page.locator("#comparing-reload").is_hidden()  # the script asks instead
        assert page.get_by_role("heading", name="Side by side").count() == 0
        assert page.get_by_role("heading", name="Documents").is_visible()
        assert axe_violations(page) == []
        screenshot(page, "group-being-compared")
        set_slots(app, 1)  # a slot frees: the next question compares it, and the page reloads
        page.get_by_role("heading", name="Side by side").wait_for(timeout=30_000)
        assert page.locator("#comparing").count() == 0
        assert page.console_errors == []  # type: ignore[attr-defined]
    finally:
        set_slots(app, 1)
