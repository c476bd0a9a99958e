"""A group's columns are rendered once with a slot for each difference's decision and comments
(web.columns), which each view fills in: with the undecided text where nobody has decided or commented,
else with review/_slots.html's macros; policy text can never pass for a slot."""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace

import pytest
from flask import Flask, render_template_string

from converge.web.columns import render_columns

TEMPLATE = (
    "{% for key, text in items %}<li>{{ text }} "
    "<span data-decision=\"{{ slot('decision_value', key) }}\">{{ slot('summary_text', key) }}</span>"
    "{{ slot('decided', key) }}</li>{% endfor %}"
)
AT = datetime(2026, 12, 7, 9, 30)


def columns_of(items: list[tuple[str, str]]):  # type: ignore[no-untyped-def]
    return render_columns(lambda slot: render_template_string(TEMPLATE, items=items, slot=slot))


def test_undecided_differences_take_the_fixed_text_and_a_decision_its_own(app: Flask):
    with app.test_request_context("/"):
        cols = columns_of([("a1", "Give 5 mg"), ("b2", "Give 7 mg")])
        assert len(cols.slots) == 6 and len(cols.pieces) == 7
        decided = SimpleNamespace(
            decision="adopt", adopted_trust="JPUH", text="", reason="", actor="ann", at=AT
        )
        html = str(cols.fill({"b2": decided}, {}))
    first, second = html.split("</li>")[:2]
    assert 'data-decision=""' in first and "Decide or comment" in first and "Decided" not in first
    assert 'data-decision="adopt:JPUH"' in second and "Change decision or comment" in second
    assert "<strong>Decided:</strong> Adopt JPUH's text" in second and "ann" in second
    assert "<!--slot:" not in html


def test_a_comment_alone_shows_under_its_difference(app: Flask):
    with app.test_request_context("/"):
        cols = columns_of([("a1", "Give 5 mg")])
        note = SimpleNamespace(actor="bob", at=AT, text="<i>ask pharmacy</i>")
        html = str(cols.fill({}, {"a1": [note]}))
    assert "&lt;i&gt;ask pharmacy&lt;/i&gt;" in html and "<i>" not in html
    assert 'data-decision=""' in html and "Decide or comment" in html


def test_policy_text_cannot_pass_for_a_slot(app: Flask):
    forged = "<!--slot:0123456789abcdef:0-->"
    with app.test_request_context("/"):
        cols = columns_of([("a1", forged)])
        html = str(cols.fill({}, {}))
    assert len(cols.slots) == 3 and "&lt;!--slot:0123456789abcdef:0--&gt;" in html


def test_an_unknown_slot_is_refused(app: Flask):
    with app.test_request_context("/"), pytest.raises(ValueError, match="no slot"):
        render_columns(lambda slot: render_template_string("{{ slot('nothing', 'a1') }}", slot=slot))
