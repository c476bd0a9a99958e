"""Regressions for the causes left after issue 13's first pass: a sentence cut differently at each side
(a short fragment joined to its neighbour at one side only), and a table that one side prints as prose,
compared where it stands in the document rather than after the section's last sentence."""

from __future__ import annotations

from helpers import doc, sec, table

from converge.core.diff import diff_documents


def _sig(a_blocks, b_blocks, heading="Treatment"):
    a = doc("JPUH", sec(heading, *a_blocks))
    b = doc("QEH", sec(heading, *b_blocks))
    return diff_documents(a, b).significant()


def test_an_equal_dose_rewrite_that_changes_where_a_sentence_is_cut_is_not_significant():
    # "10mg once daily." is under four words, so it rides with the next sentence; "10mg every 24 hours."
    # stands alone. The same dose must not read as said at one side only.
    a = ["Amlodipine is the first choice. 10mg once daily. Review the blood pressure after two weeks."]
    b = ["Amlodipine is the first choice. 10mg every 24 hours. Review the blood pressure after two weeks."]
    assert _sig(a, b) == []


def test_a_dose_changed_beside_a_cut_fragment_still_stands():
    a = ["Amlodipine is the first choice. 10mg once daily. Review the blood pressure after two weeks."]
    b = ["Amlodipine is the first choice. 5mg every 24 hours. Review the blood pressure after two weeks."]
    flags = _sig(a, b)
    assert flags, "a halved dose must be significant"
    assert any("10" in c.a_changed and "5" in c.b_changed for c in flags), flags


def test_a_sentence_cut_in_two_at_one_side_is_compared_whole():
    a = [
        "Escalate to the registrar if the score is 5 or more.",
        "Record the observations hourly and inform the nurse in charge",
        "of any change in the patient's condition.",
    ]
    b = [
        "Escalate to the registrar if the score is 5 or more. Record the observations hourly and inform"
        " the nurse in charge of any change in the patient's condition.",
    ]
    assert _sig(a, b) == []


PROSE_BEFORE = "Check the blood glucose of every patient with diabetes on arrival in the department."
PROSE_AFTER = (
    "Give intravenous glucose 10% at 100 ml per hour when the reading stays below 4 mmol/L after treatment."
)
ROWS = (
    ("Reading", "Action"),
    ("Below 4 mmol/L", "Give 15 g of fast-acting carbohydrate and recheck after 15 minutes"),
    ("Above 20 mmol/L", "Check ketones and call the diabetes team"),
)


def test_a_table_printed_as_prose_faces_the_same_words_in_place():
    # One side keeps the table; the other (a PDF print) reads it as lines of text, and its surrounding
    # sentence is cut by a page break inside the table's area.
    a = [PROSE_BEFORE, table(*ROWS), PROSE_AFTER]
    b = [
        PROSE_BEFORE,
        *(" ".join(r) for r in ROWS),
        "Give intravenous glucose 10% at 100 ml per hour when the reading stays",
        "below 4 mmol/L after treatment.",
    ]
    assert _sig(a, b) == []


def test_a_changed_threshold_in_a_table_printed_as_prose_still_stands():
    rows_b = (ROWS[0], ("Below 3 mmol/L", ROWS[1][1]), ROWS[2])
    a = [PROSE_BEFORE, table(*ROWS), PROSE_AFTER]
    b = [PROSE_BEFORE, *(" ".join(r) for r in rows_b), PROSE_AFTER]
    flags = _sig(a, b)
    assert any("4" in c.a_changed and "3" in c.b_changed for c in flags), flags


def test_table_rows_keep_their_place_among_sentences():
    from converge.core.diff.align import section_units
    from converge.core.diff.changes import all_units, side_units

    d = doc("JPUH", sec("Treatment", PROSE_BEFORE, table(*ROWS), PROSE_AFTER))
    units = [u for u in section_units(d) if u.section is not None]
    sentences, tables = side_units(units)
    ordered = all_units(sentences, tables)
    texts = [u.text for u in ordered]
    assert texts[0] == PROSE_BEFORE
    assert texts[-1] == PROSE_AFTER
    assert texts[1].startswith("Reading")
    offsets = [u.offset for u in ordered]
    assert offsets == sorted(offsets) and len(set(offsets)) == len(offsets)


def test_a_table_split_across_pages_is_not_compared_row_against_shifted_row():
    # A PDF print breaks the first table in two; pairing tables by their order would then face the second
    # half of the first table with the second table, and rows with unrelated labels would pair by height.
    doses = (
        ("Step", "Action"),
        ("Clean the skin", "Use chlorhexidine 2% and let it dry"),
        ("Insert the needle", "Aspirate before each 5 ml injection"),
        ("Inject slowly", "Give 30 ml of levobupivacaine 0.25% in total"),
        ("Observe", "Check for signs of toxicity for 30 minutes"),
    )
    checks = (
        ("Checked by assessor", "Yes or no"),
        ("Consent recorded in the notes", "Yes or no"),
        ("Time of block recorded", "Yes or no"),
    )
    a = [table(*doses), table(*checks)]
    b = [table(*doses[:3]), table(*doses[3:]), table(*checks)]
    assert _sig(a, b) == []


def test_a_changed_cell_in_a_table_split_across_pages_still_stands():
    rows = (
        ("Step", "Action"),
        ("Clean the skin", "Use chlorhexidine 2% and let it dry"),
        ("Inject slowly", "Give 30 ml of levobupivacaine 0.25% in total"),
        ("Observe", "Check for signs of toxicity for 30 minutes"),
    )
    changed = (*rows[:2], ("Inject slowly", "Give 40 ml of levobupivacaine 0.25% in total"), rows[3])
    flags = _sig([table(*rows)], [table(*changed[:2]), table(*changed[2:])])
    assert any("30" in c.a_changed and "40" in c.b_changed for c in flags), flags


def test_words_broken_inside_by_a_narrow_column_are_the_same_words():
    a = ["If the patient remains hypotensive give boluses of 250 ml Plasma-Lyte, up to 2 litres."]
    b = ["If the patie nt remai ns hypot ensiv e give bolus es of 250 ml Plasm a- Lyte, up to 2 litre s."]
    assert _sig(a, b) == []
