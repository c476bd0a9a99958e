"""One case per category: the engine must flag (or not flag) a single-sentence difference correctly."""

import pytest
from helpers import doc, sec, table

from converge.core.diff import Category, DiffContext, diff_documents


def only_change(a_text, b_text, context=None):
    d = diff_documents(doc("AAA", sec("Treatment", a_text)), doc("BBB", sec("Treatment", b_text)), context)
    changes = list(d.changes())
    assert len(changes) == 1, changes
    return changes[0]


@pytest.mark.parametrize(
    ("a", "b", "category", "reason_part"),
    [
        (
            "Screen adults with a NEWS2 score of 5 or more.",
            "Screen adults with a NEWS2 score of 7 or more.",
            Category.THRESHOLD,
            "5 at AAA, 7 at BBB",
        ),
        (
            "Start treatment if lactate is above 2 mmol/L.",
            "Start treatment if lactate is above 4 mmol/L.",
            Category.THRESHOLD,
            "2 mmol/L at AAA, 4 mmol/L at BBB",
        ),
        (
            "Give enoxaparin 40 mg once daily.",
            "Give enoxaparin 60 mg once daily.",
            Category.DOSE,
            "40 mg at AAA, 60 mg at BBB",
        ),
        (
            "Give 5 mg of the drug.",
            "Give 5 micrograms of the drug.",
            Category.UNIT,
            "5 mg at AAA, 5 micrograms at BBB",
        ),
        (
            "Give antibiotics within 1 hour of recognition.",
            "Give antibiotics within 3 hours of recognition.",
            Category.TIME_LIMIT,
            "1 hour at AAA, 3 hours at BBB",
        ),
        (
            "Record observations every 4 hours.",
            "Record observations every 6 hours.",
            Category.FREQUENCY,
            "every 4 hours at AAA, every 6 hours at BBB",
        ),
        (
            "Apply the ointment twice daily.",
            "Apply the ointment three times a day.",
            Category.FREQUENCY,
            "twice",
        ),
        (
            "This applies to adults aged 16 years and over.",
            "This applies to adults aged 18 years and over.",
            Category.AGE_WEIGHT,
            "16 years at AAA, 18 years at BBB",
        ),
        (
            "Reduce the dose if the patient weighs under 50 kg.",
            "Reduce the dose if the patient weighs under 45 kg.",
            Category.AGE_WEIGHT,
            "50 kg at AAA, 45 kg at BBB",
        ),
        (
            "Give the first dose IV.",
            "Give the first dose orally.",
            Category.ROUTE,
            "IV at AAA, orally at BBB",
        ),
        (
            "Give enoxaparin for prophylaxis.",
            "Give dalteparin for prophylaxis.",
            Category.DRUG,
            "enoxaparin at AAA, dalteparin at BBB",
        ),
        (
            "The FY1 must review the patient.",
            "The registrar must review the patient.",
            Category.ROLE,
            "FY1 at AAA, registrar at BBB",
        ),
        (
            "Call the outreach team for advice.",
            "Call the nurse in charge for advice.",
            Category.ROLE,
            "outreach team",
        ),
        (
            "Risk must be reassessed at review.",
            "Risk should be reassessed at review.",
            Category.DUTY,
            "duty weakened: must (AAA) vs should (BBB)",
        ),
        (
            "A risk assessment is recommended for all.",
            "A risk assessment is required for all.",
            Category.DUTY,
            "strengthened",
        ),
        (
            "A relative is not an acceptable formal chaperone.",
            "A relative is an acceptable formal chaperone.",
            Category.NEGATION,
            "negation",
        ),
        ("Follow NICE NG51.", "Follow NICE NG51 (2024).", Category.GUIDANCE, "guidance version"),
        ("Follow NICE CG92 (2010).", "Follow NICE NG89 (2018).", Category.GUIDANCE, "CG92"),
        (
            "Patients are screened only if they are in a high-risk group.",
            "Patients are screened if they are in any group.",
            Category.CRITERIA,
            "criteria",
        ),
    ],
)
def test_significant_category(a, b, category, reason_part):
    d = diff_documents(doc("AAA", sec("Treatment", a)), doc("BBB", sec("Treatment", b)))
    sig = d.significant()
    assert sig, list(d.changes())
    c = sig[0]
    assert c.significant
    assert c.category == category, c
    assert reason_part in c.reason
    assert c.a_text == a and c.b_text == b  # the whole sentence is the context


@pytest.mark.parametrize(
    ("a", "b", "category"),
    [
        ("Give 500 mg now.", "Give 0.5 g now.", Category.WORDING),
        ("Give antibiotics within 1 hour.", "Give antibiotics within 60 minutes.", Category.WORDING),
        ("Infuse at 2 ml/hour.", "Infuse at 2 mL/hr.", Category.WORDING),
        ("The Organization's policy on anemia.", "The Organisation's policy on anaemia.", Category.NOISE),
        ("Call the “team” now.", 'Call the "team" now.', Category.NOISE),
        ("Call bleep 1234 for advice.", "Call bleep 5678 for advice.", Category.LOCAL),
        ("Call extension 2345.", "Call extension 6789.", Category.LOCAL),
        (
            "Email sepsis@jpaget.nhs.uk for advice.",
            "Email sepsis.team@nnuh.nhs.uk for advice.",
            Category.LOCAL,
        ),
        (
            "Report to the Clinical Effectiveness and Audit Committee.",
            "Report to the Clinical Policy Review Group.",
            Category.LOCAL,
        ),
        ("Patients on Cley Ward are screened.", "Patients on Windsor Ward are screened.", Category.LOCAL),
        ("See policy QEH/CLIN/POL/123.", "See policy JPUH-CP-012.", Category.LOCAL),
        ("See policy CA1234.", "See policy CA5678.", Category.LOCAL),
        (
            "Care at James Paget University Hospital is led by nurses.",
            "Care at Queen Elizabeth Hospital is led by nurses.",
            Category.LOCAL,
        ),
        ("Early recognition saves lives.", "Prompt recognition reduces deaths.", Category.WORDING),
    ],
)
def test_not_significant(a, b, category):
    c = only_change(a, b)
    assert not c.significant, c
    assert c.category == category, c


def test_local_terms_passed_in_context():
    ctx = DiffContext.from_terms({"AAA": ["Gorleston"], "BBB": ["King's Lynn"]})
    c = only_change("Patients in Gorleston are seen first.", "Patients in King's Lynn are seen first.", ctx)
    assert c.category == Category.LOCAL and not c.significant
    plain = only_change("Patients in Gorleston are seen first.", "Patients in King's Lynn are seen first.")
    assert plain.category == Category.WORDING and not plain.significant


def test_table_cell_change():
    a = doc(
        "AAA",
        sec(
            "Dose",
            table(
                ("Weight", "Dose"), ("Under 50 kg", "20 mg once daily"), ("Over 100 kg", "40 mg twice daily")
            ),
        ),
    )
    b = doc(
        "BBB",
        sec(
            "Dose",
            table(
                ("Weight", "Dose"), ("Under 50 kg", "20 mg once daily"), ("Over 100 kg", "60 mg once daily")
            ),
        ),
    )
    sig = diff_documents(a, b).significant()
    assert {c.category for c in sig} == {Category.DOSE, Category.FREQUENCY}
    dose = next(c for c in sig if c.category == Category.DOSE)
    assert dose.reason == "dose: 40 mg at AAA, 60 mg at BBB"
    assert "Over 100 kg" in dose.a_text and "40 mg twice daily" in dose.a_text
    assert "60 mg once daily" in dose.b_text


def test_table_rows_aligned_by_first_cell():
    a = doc(
        "AAA",
        sec("Tests", table(("Test", "Threshold"), ("Lactate", "above 2 mmol/L"), ("CRP", "above 50 mg/L"))),
    )
    b = doc(
        "BBB",
        sec("Tests", table(("Test", "Threshold"), ("CRP", "above 50 mg/L"), ("Lactate", "above 4 mmol/L"))),
    )
    sig = diff_documents(a, b).significant()
    assert [c.category for c in sig] == [Category.THRESHOLD]
    assert "Lactate" in sig[0].a_text and "4 mmol/L" in sig[0].b_text


def test_whitespace_only_is_reported_as_noise():
    c = only_change("Give  the dose now.", "Give the dose now.")
    assert c.category == Category.NOISE and not c.significant
