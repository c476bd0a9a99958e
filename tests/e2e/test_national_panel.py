"""End to end in Chromium: beside a difference between trusts, the review shows what the national guidance
says and which trust's wording agrees; a reviewer decides the difference citing it; a lead records a local
deviation on the document's national page; axe-core finds no WCAG 2.2 A/AA violation on either page.

Runs on its own server and database (a national library would change the counts other flows check).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from converge.core.model import Block, BlockKind, Document, Section, SourceRef, make_document_id
from converge.store.models import DifferenceDecision, MatchMember, NationalLink
from converge.web import create_app
from converge.web.db import dispose, session_factory
from converge.workflow.accounts import create_user
from converge.workflow.actors import Actor
from converge.workflow.groups import match_library
from converge.workflow.library import get_or_create_trust, store_document
from converge.workflow.national.linking import link_library, set_kind
from converge.workflow.review import transition
from converge.workflow.status import Status
from tests.e2e.conftest import PASSWORD, LiveServer, axe_violations, screenshot, sign_in, sign_out

pytestmark = pytest.mark.browser

NATIONAL = "Give intravenous antibiotics within 1 hour of recognising high risk sepsis in adults."


def _doc(trust: str, title: str, hours: str, extra: str = "") -> Document:
    sha = (trust.lower() * 40)[:60] + "0000"
    blocks = (
        Block(
            BlockKind.PARAGRAPH,
            f"Give intravenous antibiotics within {hours} of recognising high risk sepsis in adults.",
        ),
        Block(BlockKind.PARAGRAPH, "Take blood cultures before the first dose of antibiotics is given."),
        *((Block(BlockKind.PARAGRAPH, extra),) if extra else ()),
    )
    return Document(
        id=make_document_id(trust, sha),
        trust=trust,
        title=title,
        source=SourceRef(f"{trust}/{title}.docx", "application/docx", sha, "test@1"),
        sections=(Section("Treatment", "1", 1, blocks),),
        meta={"specialty": "Emergency medicine"},
    )


@pytest.fixture(scope="module")
def national_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    from waitress import create_server

    import converge.workflow.accounts

    folder = tmp_path_factory.mktemp("e2e-national")
    app = create_app({"DATABASE_URL": f"sqlite:///{folder / 'converge.db'}", "SECRET_KEY": "e2e-national"})
    app.instance_path = str(folder / "instance")
    with app.app_context():
        factory = session_factory()
    cost, converge.workflow.accounts.HASH_METHOD = converge.workflow.accounts.HASH_METHOD, "pbkdf2:sha256:1000"
    with factory() as session, session.begin():
        for code, hours in (("JPUH", "3 hours"), ("QEH", "1 hour")):
            trust = get_or_create_trust(session, code, f"{code} hospitals")
            doc = _doc(code, "Sepsis in adults", hours, "In line with NICE NG51.")
            store_document(session, trust, doc, None)
        nice = get_or_create_trust(session, "NICE", "National Institute for Health and Care Excellence")
        set_kind(session, "NICE", "national")
        store_document(session, nice, _doc("NICE", "Suspected sepsis (NG51)", "1 hour"), None)
        create_user(session, "reviewer", PASSWORD, "reviewer", display_name="Reviewer")
        create_user(session, "lead.jpuh", PASSWORD, "lead", trust="JPUH", display_name="Lead")
        match_library(session)
        link_library(session)
        group_id = session.scalar(select(MatchMember.group_id).where(MatchMember.document_id.like("JPUH:%")))
        transition(session, group_id, Status.CONFIRMED, Actor("admin", "admin"), "same topic")
    converge.workflow.accounts.HASH_METHOD = cost
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, name="e2e-national", daemon=True)
    thread.start()
    yield LiveServer(f"http://127.0.0.1:{server.effective_port}", app)
    server.close()
    thread.join(timeout=5)
    dispose(app)


@pytest.fixture
def national_page(browser, national_server: LiveServer) -> Iterator[object]:  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=national_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    page = context.new_page()
    yield page
    context.close()


def test_national_guidance_beside_a_difference_and_a_decision_citing_it(  # type: ignore[no-untyped-def]
    national_page, national_server
) -> None:
    page = national_page
    with national_server.app.app_context():
        factory = session_factory()
    with factory() as session:
        group_id = session.scalar(select(MatchMember.group_id).where(MatchMember.document_id.like("JPUH:%")))
        assert session.scalar(select(NationalLink.id)), "the linker proposed no national source"
    sign_in(page, "reviewer")
    page.goto(f"/groups/{group_id}")
    panel = page.locator("#national-panel")
    panel.wait_for()
    assert NATIONAL in panel.inner_text()
    assert re.search(r"Agrees: QEH\.", panel.inner_text())
    assert axe_violations(page) == []
    screenshot(page, "national-01-review-panel")
    button = page.get_by_role("button", name="Adopt QEH's wording, citing this")
    if not button.count():
        pytest.fail("no cite button once the group is in review: " + panel.inner_text()[:300])
    button.first.click()
    page.wait_for_load_state()
    assert "citing the national guidance" in page.content()
    with factory() as session:
        decision = session.scalar(select(DifferenceDecision).where(DifferenceDecision.group_id == group_id))
        assert decision is not None and decision.adopted_trust == "QEH" and "NG51" in decision.reason
    sign_out(page)

    sign_in(page, "lead.jpuh")
    with factory() as session:
        jpuh = session.scalar(select(NationalLink.local_id).where(NationalLink.local_id.like("JPUH:%")))
    page.goto(f"/national/documents/{jpuh}")
    card = page.locator(".cv-departure").first
    assert "3 hours" in card.inner_text() and "1 hour" in card.inner_text()
    card.get_by_label("Local deviation: reason").fill("Remote site: antibiotics given on arrival at the hub")
    card.get_by_role("button", name="Record local deviation").click()
    page.wait_for_load_state()
    assert "Local deviation recorded" in page.content()
    note = page.locator(".cv-departure").first.inner_text()
    assert "Remote site: antibiotics given on arrival at the hub" in note
    assert axe_violations(page) == []
    screenshot(page, "national-02-document-held-against-source")
