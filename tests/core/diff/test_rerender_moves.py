"""Regressions for the last causes of false flags on real re-rendered pairs (issue 13): words cut off at a
section break that falls elsewhere at the other side, numbers broken in a column too narrow for them, and
a negation added to a sentence that already negated (a double negative); each beside a real change that
must still stand."""

from __future__ import annotations

from helpers import doc, sec, table

from converge.core.diff import Category, diff_documents


def _sig(a_blocks, b_blocks, heading="Document control"):
    a = doc("JPUH", sec(heading, *a_blocks))
    b = doc("QEH", sec(heading, *b_blocks))
    return diff_documents(a, b).significant()


# A flowchart box read as one table cell, its sentences kept together.
WITHDRAW = (
    "Withdraw analgesics safely Opiates and codeine should be gradually withdrawn under supervision. "
    "Stop caffeine"
)
REST = "•Ibuprofen or naproxen at most twice a day, up to 2 days per week."


def test_words_cut_off_at_a_section_break_that_falls_elsewhere_are_a_move():
    """One side sets the sentence at the end of one section, the other at the head of the next (a heading
    read at another line): the same words, moved, not removed here and added there."""
    a = doc(
        "JPUH", sec("Medication overuse", table((f"{WITHDRAW} {REST}",))), sec("Migraine", "Offer a triptan.")
    )
    b = doc("QEH", sec("Medication overuse", table((REST,))), sec("Migraine", WITHDRAW, "Offer a triptan."))
    d = diff_documents(a, b)
    assert d.significant() == []
    assert any("moved" in c.reason for c in d.changes())


def test_words_removed_and_said_nowhere_else_still_stand():
    a = doc(
        "JPUH", sec("Medication overuse", table((f"{WITHDRAW} {REST}",))), sec("Migraine", "Offer a triptan.")
    )
    b = doc("QEH", sec("Medication overuse", table((REST,))), sec("Migraine", "Offer a triptan."))
    flags = diff_documents(a, b).significant()
    assert flags and all("moved" not in c.reason for c in flags)
    # A short clinical phrase found elsewhere by chance is no move: it still stands.
    a = doc("JPUH", sec("Dose", "Give 5 mg of morphine. Do not give in pregnancy."), sec("Other", "Rest."))
    b = doc("QEH", sec("Dose", "Give 5 mg of morphine."), sec("Other", "Rest. Do not give in pregnancy."))
    assert diff_documents(a, b).significant()


def test_numbers_broken_in_a_narrow_column_are_the_same_numbers():
    """'23/03/2023' printed in a column four characters wide reads '23/0 3/20 23', beside words broken the
    same way; a link in a narrow reference column likewise."""
    assert (
        _sig(
            [table(("Consultation start date: 23/03/2023",))],
            [table(("Cons ulta tion star t date: 23/0 3/20 23",))],
        )
        == []
    )
    assert (
        _sig(
            [
                "See https://www.sicklecellsociety.org/wp-content/uploads/2021/11/"
                "No-Ones-Listening-Final.pdf now."
            ],
            [
                "See https://ww w.sicklecel lsociety.or g/wp- content/upl oads/2021/1 1/"
                "No-Ones- Listening- Final.pdf now."
            ],
        )
        == []
    )


def test_numbers_run_together_in_unbroken_text_still_differ():
    flags = _sig(["Give 5 10 mg doses on day one."], ["Give 510 mg doses on day one."], heading="Dosing")
    assert flags and flags[0].category in (Category.DOSE, Category.CRITERIA, Category.THRESHOLD)


def test_a_negation_added_to_a_sentence_that_already_negates_stands():
    """'should never happen' made 'should not never happen' negates twice: the meaning flips."""
    flags = _sig(
        ["A sickle cell crisis in hospital should never happen without a written plan."],
        ["A sickle cell crisis in hospital should not never happen without a written plan."],
        heading="Care",
    )
    assert [c.category for c in flags] == [Category.NEGATION]
    # Two sentences that negate the same words once each stay quiet.
    assert (
        _sig(
            ["Staff should never leave the patient alone."],
            ["Staff should not leave the patient alone."],
            heading="Care",
        )
        == []
    )


def test_a_negated_exclusion_word_stands_against_the_plain_one():
    """'does not exclude' against 'does exclude': the governed word is itself an exclusion word, which
    must not cancel the negation at the other side."""
    flags = _sig(
        ["A normal chest X-ray does not exclude or confirm the diagnosis."],
        ["A normal chest X-ray does exclude or confirm the diagnosis."],
        heading="Imaging",
    )
    assert [c.category for c in flags] == [Category.NEGATION]
    assert _sig(["Do not give aspirin."], ["Avoid giving aspirin."], heading="Imaging") == []

