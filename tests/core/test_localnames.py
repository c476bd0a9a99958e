"""Trust-specific details in shared wording become marked placeholders; clinical and national text stays."""

from __future__ import annotations

import pytest

from converge.core.diff.context import DiffContext
from converge.core.localnames import placeholders

CONTEXT = DiffContext.from_terms(
    {
        "QEH": [
            "The Queen Elizabeth Hospital King's Lynn NHS Foundation Trust",
            "Tennyson Ward",
            "qehkl.nhs.uk",
        ]
    }
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Queries: iv.team@qehkl.nhs.uk or bleep 3064.",
            "Queries: [LOCAL: e-mail address] or [LOCAL: bleep number].",
        ),
        (
            "Nurse on Tennyson Ward at the Queen Elizabeth Hospital.",
            "Nurse on [LOCAL: ward] at the [LOCAL: hospital or trust].",
        ),
        ("Report to the Clinical Policy Review Group.", "Report to the [LOCAL: committee]."),
        (
            "See QEH/CLIN/PROT/888 or call ext 4567.",
            "See [LOCAL: reference number] or call [LOCAL: telephone or extension].",
        ),
    ],
)
def test_local_details_become_placeholders(text: str, expected: str) -> None:
    assert placeholders(text, CONTEXT)[0] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Admit to the Intensive Care Unit or the Emergency Department.",  # every trust has one
        "Follow NICE NG51 and CG174; see https://www.nice.org.uk/guidance/ng51.",  # national guidance
        "Test for COVID-19 before giving IV/IM treatment.",
        "Nurses must hold the Trust IV competency.",
        "Give no more than 10 mmol/hour through a peripheral cannula.",
    ],
)
def test_clinical_and_national_text_is_left_alone(text: str) -> None:
    assert placeholders(text, CONTEXT) == (text, [])


def test_what_was_replaced_is_reported_once_and_text_is_not_done_twice() -> None:
    text, done = placeholders("Call bleep 3064 on Tennyson Ward.", CONTEXT)
    assert [(r.original, r.placeholder) for r in done] == [
        ("bleep 3064", "[LOCAL: bleep number]"),
        ("Tennyson Ward", "[LOCAL: ward]"),
    ]
    assert placeholders(text, CONTEXT) == (text, [])
