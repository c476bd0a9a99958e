"""The review page shows signal first: significant differences stand out, wording and noise are quiet by
default and one switch away (issue 13)."""

from __future__ import annotations

import re

from converge.workflow.library import get_or_create_trust, store_document
from tests.web.conftest import make_doc, session_factory_of
from tests.web.test_review_views import make_group, sha


def _group(app, texts: dict[str, str]) -> int:
    ids = {}
    with session_factory_of(app)() as session, session.begin():
        for code, text in texts.items():
            trust = get_or_create_trust(session, code)
            doc = make_doc(code, "Observations", text, sha=sha(code, text))
            store_document(session, trust, doc, None)
            ids[code] = doc.id
    return make_group(app, list(ids.values()), topic="Observations")


def test_wording_is_quiet_by_default_and_one_switch_away(app, sign_in, docs):
    gid = _group(
        app,
        {
            "JPUH": "Record the observations hourly on the chart. Call the registrar if NEWS2 is 5 or more.",
            "NNUH": "Write the observations hourly in the chart. Call the registrar if NEWS2 is 7 or more.",
        },
    )
    client = sign_in("viewer")
    quiet = client.get(f"/groups/{gid}").get_data(as_text=True)
    # The significant difference stands out; its section counts it.
    assert "Significant differences (1)" in quiet and "1 significant" in quiet
    # Wording is listed, but hidden until asked for; the count of what is hidden is said.
    assert '<div id="wording-list" hidden>' in quiet
    assert re.search(r"Other wording differences \([1-9]", quiet)
    assert "wording and noise differences" in quiet and "are hidden" in quiet
    assert 'aria-controls="wording-list noise-list"' in quiet
    assert "cv-show-noise" not in quiet
    assert re.search(r"\d+ other</span>", quiet)  # the section's quieter differences are counted beside it
    shown = client.get(f"/groups/{gid}?noise=1").get_data(as_text=True)
    assert '<div id="wording-list">' in shown and '<div id="noise-list">' in shown
    assert "cv-show-noise" in shown and "are hidden" not in shown


def test_reasons_on_the_page_name_the_trusts(app, sign_in, docs):
    gid = _group(
        app,
        {
            "JPUH": "The nurse must record the observations every hour.",
            "QEH": "The nurse should record the observations every hour.",
        },
    )
    html = sign_in("viewer").get(f"/groups/{gid}").get_data(as_text=True)
    assert "must (JPUH) vs should (QEH)" in html
    assert "first side" not in html and "second side" not in html
