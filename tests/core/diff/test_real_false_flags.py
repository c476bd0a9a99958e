"""Regressions for false significant flags met on real documents and in the demo (issue 13): layout,
equal quantities, a term and its abbreviation, identifiers, one difference listed once, and reasons a
clinician reads."""

from __future__ import annotations

import pytest
from helpers import doc, para, sec, table

from converge.core.diff import Category, DiffContext, diff_documents, diff_group
from converge.core.model import Block, BlockKind
from converge.workflow.comparison.differences import build_review, merge_reasons


def sig(a_blocks, b_blocks, heading="Treatment"):
    a = doc("JPUH", sec(heading, *a_blocks))
    b = doc("QEH", sec(heading, *b_blocks))
    return diff_documents(a, b).significant()


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # "route: intravenous, IV vs IV": an expansion with its abbreviation names one route, not two.
        (
            "Give the first dose of antibiotic intravenous (IV) within 1 hour of arrival.",
            "Give the first dose of antibiotic IV within 1 hour of arrival.",
        ),
        ("Give enoxaparin subcutaneously (SC) once daily.", "Give enoxaparin SC once daily."),
        # "drug: Cardiac monitoring vs ECG": one test under two names.
        ("Cardiac monitoring", "ECG monitoring"),
        (
            "Start cardiac monitoring (ECG) on arrival for every patient.",
            "Start ECG on arrival for every patient.",
        ),
        # "criteria: 01 vs none" from "Patient Safety Alert 01": an identifier, not a number that counts.
        (
            "Oxygen cylinders are checked as set out in Patient Safety Alert 01 every shift.",
            "Oxygen cylinders are checked as set out in the Patient Safety Alert every shift.",
        ),
        # Equal quantities.
        ("Give adrenaline 500 micrograms IM.", "Give adrenaline 0.5 mg IM."),
        ("Give amoxicillin 500 mg twice daily.", "Give amoxicillin 500 mg 12-hourly."),
        (
            "Review the infusion within 24 hours of starting it.",
            "Review the infusion within 1 day of starting it.",
        ),
        # A time said with an article for its number.
        ("Infuse the dose over 30 minutes.", "Infuse the dose over half an hour."),
        ("Review the patient within an hour of arrival.", "Review the patient within 1 hour of arrival."),
        # Phone numbers in another country's format are contact details.
        (
            "Phone: 027 801 9625 or the ward on 021 190 2845.",
            "Phone: 027 811 9425 or the ward on 021 190 2845.",
        ),
    ],
)
def test_same_meaning_is_not_significant(a, b):
    assert sig([a], [b]) == []


def test_layout_never_becomes_a_difference():
    """A sentence cut by a page break, words broken at line ends, hyphens, bullets and a table re-laid out
    with empty cells: the same words, so nothing to decide."""
    a = [
        "Give 5 mg of morphine if the pain score is 7 or more. Review the patient within 1 hour.",
        Block(BlockKind.LIST_ITEM, "• The registrar must review ward-based patients every 4 hours."),
        table(("Weight", "Dose"), ("Under 50 kg", "20 mg once daily"), ("Over 50 kg", "40 mg once daily")),
    ]
    b = [
        "Give 5 mg of mor- phine if the pain score is 7 or more. Review the",
        "patient within 1 hour.",
        Block(BlockKind.LIST_ITEM, "The regis trar must review ward- based patients every 4 hours."),
        table(
            ("Weight", "", "Dose"),
            ("Under 50 kg", "", "20 mg once daily"),
            ("Over 50 kg", "", "40 mg once daily"),
        ),
    ]
    assert sig(a, b) == []


def test_a_long_numbered_heading_is_compared_as_text():
    """A numbered recommendation that one parser took for a heading still pairs with the same paragraph."""
    a = doc(
        "JPUH",
        sec("Prophylaxis", "1.2.1 For adult patients aged 18 years and older offer a fluoroquinolone."),
    )
    b = doc(
        "QEH",
        sec("Prophylaxis"),
        sec("1.2.1 For adult patients aged 18 years and older offer a", "fluoroquinolone."),
    )
    assert diff_documents(a, b).significant() == []


def test_a_moved_paragraph_is_a_move():
    moved = "Nurses must document the reason for any omitted dose of enoxaparin 40 mg in the record."
    a = doc(
        "JPUH", sec("Scope", "This covers adult wards.", moved), sec("Duties", "Staff follow this policy.")
    )
    b = doc(
        "QEH", sec("Scope", "This covers adult wards."), sec("Duties", "Staff follow this policy.", moved)
    )
    d = diff_documents(a, b)
    assert d.significant() == []
    assert [c.kind.value for c in d.changes()] == ["move"]


def test_clinical_changes_still_stand():
    """The layout rules never swallow a real change: a number, a broken word hiding a changed dose."""
    assert sig(["Give 2.5 mg of morphine."], ["Give 25 mg of morphine."])
    assert sig(
        ["Give 5 mg of mor- phine if the pain score is 7 or more."],
        ["Give 5 mg of morphine if the pain score is 5 or more."],
    )
    assert sig(["Screen for cirrhosis in over 16s."], ["Screen for cirrhosis in over 18s."])
    assert sig(["Give the first dose intravenously."], ["Give the first dose orally."])
    assert sig(["Review the patient within an hour."], ["Review the patient within 2 hours."])


def test_reasons_name_the_organisations():
    """'dose: 10 mmol/hour at JPUH, 20 mmol/hour at QEH'; 'must (JPUH) vs should (QEH)';
    'only QEH says this'."""
    [dose] = sig(["Give potassium at 10 mmol/hour."], ["Give potassium at 20 mmol/hour."])
    assert dose.category == Category.DOSE
    assert "10 mmol/hour at JPUH, 20 mmol/hour at QEH" in dose.reason
    [duty] = sig(["The nurse must record the score."], ["The nurse should record the score."])
    assert "must (JPUH) vs should (QEH)" in duty.reason
    a = doc("JPUH", sec("Treatment", "Keep the patient warm."))
    b = doc(
        "QEH",
        sec("Treatment", "Keep the patient warm."),
        sec("Escalation", "Call the registrar within 30 minutes."),
    )
    reasons = [c.reason for c in diff_documents(a, b).significant()]
    assert reasons and all(r.startswith("only QEH says this") for r in reasons)
    for c in diff_documents(a, b).changes():
        for jargon in ("first side", "second side", "vs none", "only vs"):
            assert jargon not in c.reason


def test_one_difference_one_entry_across_three_documents():
    """QEH says 7 where JPUH and NNUH say 5: one entry with every trust's wording, one reason."""
    docs = [
        doc(t, sec("Recognition", f"Screen adults with a NEWS2 score of {n} or more for sepsis."))
        for t, n in (("JPUH", 5), ("NNUH", 5), ("QEH", 7))
    ]
    data = build_review(docs, diff_group(docs, DiffContext()))
    sig_diffs = [d for d in data.differences if d.significant]
    assert len(sig_diffs) == 1
    [d] = sig_diffs
    assert {s.trust for s in d.sides} == {"JPUH", "NNUH", "QEH"}
    assert d.reason.count("threshold") == 1
    assert "5 at JPUH and NNUH, 7 at QEH" in d.reason


def test_merge_reasons_reads_every_pattern():
    trusts = ("JPUH", "NNUH", "QEH")
    assert merge_reasons(["dose: 5 mg at JPUH, 7 mg at QEH", "dose: 6 mg at NNUH, 7 mg at QEH"], trusts) == (
        "dose: 5 mg at JPUH, 6 mg at NNUH, 7 mg at QEH"
    )
    assert (
        merge_reasons(
            ["duty weakened: must (JPUH) vs should (QEH)", "duty weakened: must (NNUH) vs should (QEH)"],
            trusts,
        )
        == "duty weakened: must (JPUH, NNUH) vs should (QEH)"
    )
    assert merge_reasons(["only JPUH says this: dose 5 mg", "only NNUH says this: dose 5 mg"], trusts) == (
        "only JPUH and NNUH say this: dose 5 mg"
    )
    assert merge_reasons(["reworded", "reworded"], trusts) == "reworded"


def test_paragraph_helper_is_a_block():
    assert para("x").kind == BlockKind.PARAGRAPH
