"""Second-pass rules: what is flagged between aligned sentences, and what is left as wording."""

import pytest
from helpers import doc, para, sec

from converge.core.diff import Category, diff_documents
from converge.core.diff.align import canonical_heading
from converge.core.diff.evaluate import evaluate_planted
from converge.core.model import Block, BlockKind


def sig(a_text, b_text, heading="Treatment"):
    return diff_documents(doc("AAA", sec(heading, a_text)), doc("BBB", sec(heading, b_text))).significant()


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # a role named at one side of a rewritten sentence only: nobody's job changed
        (
            "The paediatric registrar is contacted on bleep 5178.",
            "The on-call paediatric team is on bleep 4256.",
        ),
        # a duty word at one side only is not a change of duty strength
        (
            "Suppression therapy should be started on the day the result is received.",
            "Begin suppression therapy on the day the result is received.",
        ),
        # quantifiers swapped freely
        ("Every patient is entitled to a chaperone.", "All patients have the right to a chaperone."),
        # both sides negate the same thing
        ("Wearing gloves does not replace hand hygiene.", "Gloves are not a substitute for hand hygiene."),
        # a negation balanced by an exclusion word
        ("It does not cover wide-bore tubes used for drainage.", "Wide-bore drainage tubes are excluded."),
        # a negation about something the other sentence does not mention
        (
            "Keep conversation to what is relevant to the examination.",
            "Do not make personal remarks during the examination.",
        ),
        # a drug left implicit at one side
        (
            "If creatinine clearance is below 30 mL/min, give enoxaparin 20 mg once daily.",
            "Where creatinine clearance is below 30 mL/min the dose is 20 mg once daily.",
        ),
    ],
)
def test_rewording_is_not_significant(a, b):
    assert sig(a, b) == []


def test_role_changed_between_aligned_sentences_is_significant():
    s = sig(
        "The ward doctor reviews the patient within 1 hour.",
        "The on-call registrar reviews the patient within 1 hour.",
    )
    assert [c.category for c in s] == [Category.ROLE]


def test_swapped_agent_is_a_role_change():
    s = sig(
        "Referrals are made by the member of staff who identifies the concern, with advice from the "
        "safeguarding team if needed.",
        "Referrals are made by the safeguarding team after discussion with the member of staff who raised "
        "the concern.",
    )
    assert s and s[0].category == Category.ROLE
    assert "member of staff at AAA" in s[0].reason


def test_negated_instruction_is_significant():
    s = sig("Send a stool sample to test for clearance.", "Do not send stool samples to test for clearance.")
    assert [c.category for c in s] == [Category.NEGATION]


def test_list_item_dropped_is_criteria():
    s = sig(
        "Request a CT head scan for any patient taking anticoagulant or antiplatelet medication.",
        "Request a CT head scan for any patient taking anticoagulant medication.",
    )
    assert [c.category for c in s] == [Category.CRITERIA]
    assert "antiplatelet" in s[0].reason


def test_restriction_against_universal_is_criteria():
    s = sig(
        "Patients are screened only if they fall into a high-risk group.",
        "All emergency and elective admissions are screened.",
    )
    assert s and s[0].category == Category.CRITERIA


def test_meal_times_are_a_frequency():
    s = sig(
        "Check capillary blood glucose before each meal and at bedtime.",
        "Check capillary blood glucose at least twice daily.",
    )
    assert s and s[0].category == Category.FREQUENCY


def test_reference_entry_is_one_unit_and_version_change_found():
    items_a = [
        Block(
            BlockKind.LIST_ITEM,
            "Royal College of Physicians. National Early Warning Score (NEWS) 2. "
            "Updated report of a working party. 2017.",
        ),
        Block(BlockKind.LIST_ITEM, "NICE CG50: Acutely ill adults in hospital."),
    ]
    items_b = [
        Block(
            BlockKind.LIST_ITEM,
            "Royal College of Physicians. National Early Warning Score (NEWS). "
            "Report of a working party. 2012.",
        ),
        Block(BlockKind.LIST_ITEM, "NICE CG50: Acutely ill adults in hospital."),
    ]
    d = diff_documents(
        doc("AAA", sec("References", *items_a)),
        doc("BBB", sec("References and Associated Documentation", *items_b)),
    )
    s = [c for c in d.significant() if c.category == Category.GUIDANCE]
    assert len(s) == 1 and s[0].reason.startswith("guidance version")
    assert "2017" in s[0].a_text and "2012" in s[0].b_text and "Royal College" in s[0].a_text


def test_reference_lines_broken_in_a_pdf_rejoin_and_pair_in_order():
    a = doc(
        "AAA",
        sec(
            "References",
            Block(BlockKind.LIST_ITEM, "NICE NG199 (2021)"),
            Block(BlockKind.LIST_ITEM, "National Infection Prevention and"),
            para("Control Manual for England"),
        ),
    )
    b = doc(
        "BBB",
        sec(
            "References and Related Documents",
            Block(BlockKind.LIST_ITEM, "PHE, Updated guidance on C. difficile infection (2013)"),
            Block(BlockKind.LIST_ITEM, "National Infection Prevention and Control Manual for England"),
        ),
    )
    changes = list(diff_documents(a, b).changes())
    assert len(changes) == 1
    assert changes[0].significant and "NG199" in changes[0].a_text and "PHE" in changes[0].b_text


def test_opening_words_name_a_standard_section():
    assert canonical_heading("references and associated documentation") == "references"
    assert canonical_heading("duties and responsibilities of staff") == "duties"
    assert canonical_heading("associated documentation") == "related"


def test_evaluate_reports_flags_per_planted():
    a = doc("AAA", sec("Dose", "Give enoxaparin 40 mg once daily.", "The FY1 must review the patient."))
    b = doc("BBB", sec("Dose", "Give enoxaparin 60 mg once daily.", "The FY1 should review the patient."))
    truth = {
        "trusts": {"AAA": "A Trust", "BBB": "B Trust"},
        "groups": [
            {
                "id": "g",
                "members": {"AAA": ["a"], "BBB": ["b"]},
                "differences": [
                    {"id": "g-1", "category": "dose", "text": {"AAA": "40 mg", "BBB": "60 mg"}},
                    {"id": "g-2", "category": "duty", "text": {"AAA": "must review", "BBB": "should review"}},
                ],
            }
        ],
    }
    r = evaluate_planted(truth, {"a": a, "b": b}, with_baseline=False)
    assert r["recall"] == 1.0
    assert r["significant_flags"] == 2
    assert r["significant_flags_per_planted"] == 1.0
    assert r["noise_share"] == 0.0
