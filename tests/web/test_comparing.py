"""A group no consumer has compared yet (converge.web.comparing): compared in the request when the worker has
a slot free; otherwise its page comes at once saying so, with nothing counted or listed that is not known,
and /comparison compares it when a slot is free, after which the page shows it."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from sqlalchemy import delete, select

from converge.store.models import DifferenceDecision, GroupReview
from converge.workflow.status import Status
from tests.web.conftest import session_factory_of
from tests.web.test_review_views import first_key, make_group, post, set_status


@pytest.fixture
def group_id(app: Flask, docs: dict[str, str]) -> int:
    return make_group(app, [docs["JPUH"], docs["NNUH"], docs["QEH"]])


def forget_comparison(app: Flask) -> None:
    with session_factory_of(app)() as session, session.begin():
        session.execute(delete(GroupReview))


def stored(app: Flask) -> int:
    with session_factory_of(app)() as session:
        return len(session.scalars(select(GroupReview.group_id)).all())


def test_a_first_view_with_a_slot_free_compares_in_the_request(app, sign_in, group_id):
    forget_comparison(app)
    html = sign_in("reviewer").get(f"/groups/{group_id}").get_data(as_text=True)
    assert "Side by side" in html and 'id="comparing"' not in html and "Significant differences (1)" in html
    assert stored(app) == 1


def test_with_every_slot_busy_the_page_says_it_is_being_compared_and_counts_nothing(app, sign_in, group_id):
    set_status(app, group_id, Status.CONFIRMED)
    client = sign_in("reviewer")
    key = first_key(client.get(f"/groups/{group_id}").get_data(as_text=True))
    assert post(client, f"/groups/{group_id}/decisions", group_id, {"change_key": key, "decision": "defer"}, app)
    forget_comparison(app)
    # A worker that has not read it: one that has keeps it under its fingerprint, as good as the stored one.
    app.extensions.get("converge_ttl", {}).clear()
    app.config["COMPARE_SLOTS"] = 0  # as if this worker were comparing another group
    app.extensions.pop("converge_compare_slots", None)
    page = client.get(f"/groups/{group_id}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and 'id="comparing"' in html and "being compared" in html
    assert "Documents in this group" in html and "Sepsis in adults" in html  # the group itself is shown
    # Nothing it does not know: no differences, no counts, no "decided", and the standing decision is not
    # reported as being on a difference that has gone.
    assert "Side by side" not in html and "significant decided" not in html and 'id="open-work"' not in html
    assert "no longer present" not in html and "Only one document" not in html and 'id="agree-ready"' not in html
    assert 'src="/static/js/comparing.js"' in html and f'data-comparison-url="/groups/{group_id}/comparison"' in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    answer = client.get(f"/groups/{group_id}/comparison")
    assert answer.status_code == 200 and answer.get_json() == {"ready": False}
    assert answer.headers["Cache-Control"] == "no-store" and stored(app) == 0


def test_asking_again_compares_it_once_a_slot_is_free_and_the_page_then_shows_it(app, sign_in, group_id):
    client = sign_in("viewer")
    forget_comparison(app)
    app.config["COMPARE_SLOTS"] = 0
    app.extensions.pop("converge_compare_slots", None)
    assert 'id="comparing"' in client.get(f"/groups/{group_id}").get_data(as_text=True)
    app.config["COMPARE_SLOTS"] = 1
    app.extensions.pop("converge_compare_slots", None)
    assert client.get(f"/groups/{group_id}/comparison").get_json() == {"ready": True}
    assert stored(app) == 1
    app.config["COMPARE_SLOTS"] = 0  # stored now: no slot needed to show it
    app.extensions.pop("converge_compare_slots", None)
    html = client.get(f"/groups/{group_id}").get_data(as_text=True)
    assert "Side by side" in html and 'id="comparing"' not in html
    assert client.get(f"/groups/{group_id}/comparison").get_json() == {"ready": True}


def test_comparison_of_an_unknown_group_is_404_and_needs_sign_in(app, client, sign_in, group_id):
    assert client.get(f"/groups/{group_id}/comparison").status_code == 302  # to the sign-in page
    assert sign_in("viewer").get("/groups/999999/comparison").status_code == 404


def test_a_decision_stays_counted_against_its_difference_once_compared(app, sign_in, group_id):
    """The standing decision, hidden while comparing, is back beside its difference afterwards."""
    set_status(app, group_id, Status.CONFIRMED)
    client = sign_in("reviewer")
    key = first_key(client.get(f"/groups/{group_id}").get_data(as_text=True))
    post(client, f"/groups/{group_id}/decisions", group_id, {"change_key": key, "decision": "defer"}, app)
    forget_comparison(app)
    html = client.get(f"/groups/{group_id}").get_data(as_text=True)
    assert "<strong>Decided:</strong> Deferred" in html and "no longer present" not in html
    with session_factory_of(app)() as session:
        assert session.scalar(select(DifferenceDecision.change_key)) == key
