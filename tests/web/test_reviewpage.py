"""The stored side-by-side rendering: filled slots match a full rendering, pages are rendered ahead and
served without rendering or diffing, stale ones are rendered again, hostile text cannot forge a slot."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import pytest
from flask import Flask, render_template
from sqlalchemy import delete, select

import converge.reviewstore as reviewstore
import converge.web.reviewpage as reviewpage
from converge.library import get_or_create_trust, store_document
from converge.reviewstore import REVIEW_CACHE, group_review
from converge.store.models import Comment, DifferenceDecision, MatchGroupRow, RenderedReview
from converge.web import create_app
from converge.web.db import dispose
from converge.web.reviewpage import ComparePage, compile_page, fill, prerender
from tests.web.conftest import PASSWORD, csrf_token, make_doc, session_factory_of
from tests.web.test_review_views import make_group


@pytest.fixture(autouse=True)
def fresh_cache():  # type: ignore[no-untyped-def]
    REVIEW_CACHE.clear()
    yield
    REVIEW_CACHE.clear()


def three_way_group(app: Flask, docs: dict[str, str]) -> int:
    return make_group(app, [docs["JPUH"], docs["NNUH"], docs["QEH"]])


def review_of(app: Flask, gid: int):  # type: ignore[no-untyped-def]
    with session_factory_of(app)() as session:
        return group_review(session, session.get(MatchGroupRow, gid))


def rendered_keys(app: Flask) -> dict[int, str]:
    with session_factory_of(app)() as session:
        return dict(session.execute(select(RenderedReview.group_id, RenderedReview.key)).all())


def test_filled_slots_equal_a_full_rendering_in_every_state(app, docs) -> None:
    gid = three_way_group(app, docs)
    data = review_of(app, gid)
    significant = next(d for d in data.differences if d.significant)
    at = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
    decision = DifferenceDecision(
        group_id=gid,
        change_key=significant.key,
        decision="adopt",
        adopted_trust="QEH",
        text="",
        reason="NICE <b>NG51</b>",
        actor="dr.reviewer",
        at=at,
    )
    note = Comment(group_id=gid, change_key=significant.key, actor="pharmacist", text="Check <dose>", at=at)
    with app.test_request_context():
        page = compile_page(gid, data)
        assert len(page.slots) >= 3 * len(data.by_level("significant")) + 3
        for decisions, comments, noise in (
            ({}, {}, False),
            ({significant.key: decision}, {significant.key: [note]}, False),
            ({significant.key: decision}, {}, True),
        ):
            expected = render_template(
                "review/_compare.html",
                group_id=gid,
                data=data,
                decisions=decisions,
                comments=comments,
                show_noise=noise,
            )
            assert str(fill(page, decisions, comments, noise)) == reviewpage.SLOT.sub(r"\3", expected)
        filled = str(fill(page, {significant.key: decision}, {significant.key: [note]}, True))
    assert "Reason: NICE &lt;b&gt;NG51&lt;/b&gt;" in filled and "Check &lt;dose&gt;" in filled
    assert 'data-decision="adopt:QEH"' in filled and "Change decision or comment" in filled
    assert "cv-show-noise" in filled and 'id="noise-list" hidden' not in filled
    assert "<!--cv-slot" not in filled


def test_pages_are_rendered_ahead_and_served_without_rendering_or_diffing(app, docs, monkeypatch) -> None:
    gid = three_way_group(app, docs)
    pair = make_group(app, [docs["JPUH"], docs["NNUH"]], topic="Sepsis pair")
    with session_factory_of(app)() as session, session.begin():
        session.execute(delete(RenderedReview))
    assert prerender(app) == 2 and set(rendered_keys(app)) == {gid, pair}
    assert prerender(app) == 0  # nothing changed: nothing rendered

    def refuse(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("rendered or diffed during a page view")

    monkeypatch.setattr(reviewpage, "compile_page", refuse)
    monkeypatch.setattr(reviewstore, "compute_review", refuse)
    REVIEW_CACHE.clear()
    fresh = create_app({"TESTING": True, "DATABASE_URL": app.config["DATABASE_URL"], "SECRET_KEY": "t"})
    try:
        client = fresh.test_client()
        token = csrf_token(client)
        client.post("/sign-in", data={"username": "viewer", "password": PASSWORD, "csrf_token": token})
        html = client.get(f"/groups/{gid}").get_data(as_text=True)
    finally:
        dispose(fresh)
    assert "Side by side" in html and "Significant: threshold" in html and "<!--cv-slot" not in html


def test_first_view_renders_and_keeps_the_page_and_stale_pages_are_rendered_again(
    app, docs, sign_in, monkeypatch
) -> None:
    gid = three_way_group(app, docs)
    with session_factory_of(app)() as session, session.begin():
        session.execute(delete(RenderedReview))
    client = sign_in("viewer")
    assert "Side by side" in client.get(f"/groups/{gid}").get_data(as_text=True)
    first = rendered_keys(app)[gid]  # rendered at the first view, and kept for every worker
    # A release that changes the templates makes every stored page stale.
    monkeypatch.setattr(reviewpage, "templates_fingerprint", lambda: "another release")
    assert prerender(app) == 1 and rendered_keys(app)[gid] not in ("", first)


def test_policy_text_cannot_forge_a_slot(app, sign_in) -> None:
    marker = "<!--cv-slot:decided:0123456789abcdef-->"
    with session_factory_of(app)() as session, session.begin():
        ids = []
        for code, n in (("JPUH", "5"), ("NNUH", "7")):
            trust = get_or_create_trust(session, code)
            sha = hashlib.sha256(f"{code}forge".encode()).hexdigest()
            text = f"Give {n} mg now. {marker} then <!--/cv-slot--> done \x1e\x1f."
            doc = make_doc(code, "Forged", text, sha=sha)
            store_document(session, trust, doc, None)
            ids.append(doc.id)
    gid = make_group(app, ids, topic="Forged")
    with app.test_request_context():
        page = compile_page(gid, review_of(app, gid))
    assert all(kind in reviewpage.DIFFERENCE_SLOTS + reviewpage.NOISE_SLOTS for kind, _, _ in page.slots)
    assert "&lt;!--cv-slot:decided:0123456789abcdef--&gt;" in "".join(page.parts)
    assert ComparePage.from_bytes(page.to_bytes()) == page  # the stored form's separators stay separators
    html = sign_in("viewer").get(f"/groups/{gid}").get_data(as_text=True)
    assert marker not in html and "&lt;!--cv-slot:decided:0123456789abcdef--&gt;" in html
