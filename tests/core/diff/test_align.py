from helpers import doc, sec

from converge.core.diff import PairKind, align_documents, align_group, diff_documents
from converge.core.diff.align import heading_title
from converge.core.diff.result import ChangeKind

INTRO = "Sepsis is a life-threatening organ dysfunction caused by a dysregulated host response to infection."
DUTY = "The admitting doctor completes the risk assessment and prescribes prophylaxis for every patient."
MON = "Compliance with risk assessment is audited monthly and the results reported to the governance group."
TREAT = (
    "Give intravenous antibiotics and fluids promptly after blood cultures are taken and lactate measured."
)
ESC = "Escalate deteriorating patients to the critical care outreach team using the structured handover tool."


def pairs_by_heading(d):
    return {(p.a_heading, p.b_heading): p for p in d.pairs}


def test_heading_numbering_ignored():
    assert heading_title("4.2 Duties") == heading_title("Section 4 – Duties") == heading_title("2.0 duties")


def test_renamed_renumbered_reordered_sections_line_up():
    a = doc(
        "AAA",
        sec("1. Introduction", INTRO),
        sec("2. Duties", DUTY),
        sec("3. Treatment", TREAT),
        sec("4. Monitoring Compliance", MON),
    )
    b = doc(
        "BBB",
        sec("Section 1 – Monitoring and Audit", MON),
        sec("2.0 Background", INTRO),
        sec("3.0 Management of sepsis", TREAT),
        sec("4.0 Roles and Responsibilities", DUTY),
    )
    got = {(m.a[0].title, m.b[0].title) for m in align_documents(a, b) if m.kind == PairKind.MATCHED}
    assert got == {
        ("introduction", "background"),
        ("duties", "roles and responsibilities"),
        ("treatment", "management of sepsis"),
        ("monitoring compliance", "monitoring and audit"),
    }
    assert not diff_documents(a, b).significant()


def test_aim_matches_purpose():
    a = doc(
        "AAA", sec("Aim", "This guideline sets out how staff recognise sepsis."), sec("Scope", "All adults.")
    )
    b = doc(
        "BBB",
        sec("Purpose", "This document describes how clinicians identify sepsis."),
        sec("Scope", "Adults."),
    )
    matched = {(m.a[0].title, m.b[0].title) for m in align_documents(a, b) if m.kind == PairKind.MATCHED}
    assert ("aim", "purpose") in matched


def test_one_sided_sections_reported_not_dropped():
    a = doc("AAA", sec("Introduction", INTRO), sec("Escalation", ESC))
    b = doc("BBB", sec("Introduction", INTRO))
    d = diff_documents(a, b)
    only = [p for p in d.pairs if p.kind == PairKind.A_ONLY]
    assert [p.a_heading for p in only] == ["Escalation"]
    assert only[0].changes and only[0].changes[0].kind == ChangeKind.DELETE
    assert only[0].changes[0].significant  # names a role the other side lacks


def test_split_section_detected():
    part1 = (
        "Give intravenous antibiotics within one hour after blood cultures are taken. "
        "Measure serum lactate and repeat it after two hours of fluid resuscitation."
    )
    part2 = (
        "Insert a urinary catheter and monitor hourly urine output with a fluid balance chart. "
        "Record a full set of observations and calculate the early warning score."
    )
    a = doc("AAA", sec("Introduction", INTRO), sec("Treatment", part1 + " " + part2), sec("Duties", DUTY))
    b = doc(
        "BBB",
        sec("Introduction", INTRO),
        sec("Antibiotics and lactate", part1),
        sec("Fluid balance and observations", part2),
        sec("Duties", DUTY),
    )
    d = diff_documents(a, b)
    split = [p for p in d.pairs if p.kind == PairKind.SPLIT]
    assert len(split) == 1
    assert split[0].a_paths == (("Treatment",),)
    assert set(split[0].b_paths) == {("Antibiotics and lactate",), ("Fluid balance and observations",)}
    assert not d.significant()


def test_merged_section_detected():
    part1 = "Offer hand hygiene training at induction for every member of clinical staff on the wards."
    part2 = "Audit hand hygiene compliance monthly on each ward with results shared at the safety huddle."
    a = doc("AAA", sec("Introduction", INTRO), sec("Training", part1), sec("Audit", part2))
    b = doc("BBB", sec("Introduction", INTRO), sec("Training and audit", part1 + " " + part2))
    merged = [p for p in diff_documents(a, b).pairs if p.kind == PairKind.MERGED]
    assert len(merged) == 1 and len(merged[0].a_paths) == 2


def test_move_within_section_and_across_sections():
    s1, s2, s3 = (
        "Check the wristband before every transfusion.",
        "Record the start time on the chart.",
        "Observe the patient for the first 15 minutes.",
    )
    a = doc("AAA", sec("Administration", s1, s2, s3), sec("Monitoring", MON))
    b = doc("BBB", sec("Administration", s2, s3, s1), sec("Monitoring", MON))
    changes = list(diff_documents(a, b).changes())
    assert [c.kind for c in changes] == [ChangeKind.MOVE]
    assert not changes[0].significant

    moved = "Nurses must document the reason for any omitted dose in the electronic record."
    a = doc("AAA", sec("Administration", s1, moved), sec("Documentation", MON))
    b = doc("BBB", sec("Administration", s1), sec("Documentation", MON, moved))
    d = diff_documents(a, b)
    assert [c.kind for c in d.changes()] == [ChangeKind.MOVE]
    assert d.moves[0].a_section == ("Administration",) and d.moves[0].b_section == ("Documentation",)


def test_align_group_rows_and_only_at():
    a = doc("AAA", sec("Introduction", INTRO), sec("Duties", DUTY), sec("Escalation", ESC))
    b = doc("BBB", sec("Background", INTRO), sec("Roles and Responsibilities", DUTY))
    c = doc("CCC", sec("Introduction", INTRO), sec("Responsibilities", DUTY), sec("Monitoring", MON))
    rows = align_group([a, b, c])
    by = {r.heading: r.trusts for r in rows}
    assert by["Introduction"] == ("AAA", "BBB", "CCC")
    assert by["Duties"] == ("AAA", "BBB", "CCC")
    assert by["Escalation"] == ("AAA",)
    assert by["Monitoring"] == ("CCC",)
