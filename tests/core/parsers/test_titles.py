"""Title choice: what real PDFs offered as a title and was not one: two lines glued into one word (a PAH
leaflet gave "ankleIntroduction"), a journal's masthead its running footer cites, the issuing department's
name above a leaflet's title, a form's record-number box ("Hosp No")."""

from __future__ import annotations

import pytest
from tests.core.parsers.pdfbuild import Text, build_pdf

from converge.core.parsers import parse_bytes
from converge.core.parsers.titles import FILE_NAME, LARGE_FONT, Candidate, choose_title, why_not_title

BODY = [
    Text("Give oxygen to patients whose saturation is below the target range for their condition.", 11, 72, 600),
    Text("Record the target range on the drug chart and review it at every set of observations.", 11, 72, 585),
]


@pytest.mark.parametrize("line", ["ankleIntroduction", "*ankleIntroduction", "sprainWhat to do next"])
def test_words_glued_across_a_line_break_are_not_a_title(line: str) -> None:
    assert why_not_title(line) == "glued words"


@pytest.mark.parametrize(
    "line", ["eGFR and acute kidney injury", "iPhone app for diabetes", "McDonald criteria"]
)
def test_brand_like_words_with_an_inner_capital_still_pass(line: str) -> None:
    assert why_not_title(line) is None


def test_the_next_candidate_is_taken_after_a_glued_one() -> None:
    candidates = [
        Candidate("*ankleIntroduction", LARGE_FONT),
        Candidate("What is an ankle sprain?", LARGE_FONT),
    ]
    assert choose_title(candidates, "PAH/01_leaflet.pdf") == ("What is an ankle sprain?", LARGE_FONT)


def _journal_pdf(footer: str, masthead: str = "Thorax") -> bytes:
    cover = [Text(masthead, 40, 72, 760), Text("GUIDELINE FOR OXYGEN USE IN ADULTS", 22, 72, 640), *BODY]
    inner = [Text("Oxygen guideline", 9, 72, 810), *BODY]
    return build_pdf([[*page, Text(footer.format(n=n), 8, 72, 30)] for n, page in enumerate([cover, inner, inner])])


def test_a_journal_masthead_cited_by_the_running_footer_is_not_the_title() -> None:
    data = _journal_pdf("Smith A, et al. Thorax 2017;72:i1-i90. doi:10.1136/thoraxjnl-2016-209729")
    doc = parse_bytes(data, trust="BTS", path="national/oxygen.pdf")
    assert doc.title == "GUIDELINE FOR OXYGEN USE IN ADULTS"


def test_a_journal_masthead_the_running_footer_sets_before_a_doi_is_not_the_title() -> None:
    data = _journal_pdf("PLOS ONE | https://doi.org/10.1371/journal.pone.0263045 February 8, 2022", "PLOS ONE")
    doc = parse_bytes(data, trust="PLOSONE", path="leaflets/05_review.pdf")
    assert doc.title == "GUIDELINE FOR OXYGEN USE IN ADULTS"


def test_a_title_the_running_footer_repeats_without_a_citation_stays_the_title() -> None:
    data = _journal_pdf("Thorax guideline, version 2 - page {n}")
    assert parse_bytes(data, trust="BTS", path="national/oxygen.pdf").title == "Thorax"


def test_the_issuing_department_above_a_leaflet_gives_way_to_its_title() -> None:
    page = [Text("Children's Emergency Department", 20, 72, 780), Text("Ankle sprain", 18, 72, 740), *BODY]
    assert parse_bytes(build_pdf([page]), trust="UHSX", path="leaflets/26_x.pdf").title == "Ankle sprain"


@pytest.mark.parametrize(
    "line",
    ["Children's Emergency Department", "PAEDIATRIC EMERGENCY DEPARTMENT", "Department of Paediatric Surgery",
     "Trauma & Orthopaedic Department", "Acute Stroke Unit"],
)
def test_a_department_named_alone_is_not_a_title(line: str) -> None:
    assert why_not_title(line) == "department"


@pytest.mark.parametrize(
    "line",
    ["Frequent Attenders in the Emergency Department", "Care of the Dying Patient in the Emergency Department",
     "Escalation to the Critical Care Unit"],
)
def test_a_topic_set_in_a_department_is_still_a_title(line: str) -> None:
    assert why_not_title(line) is None


def test_a_department_is_kept_when_nothing_better_follows() -> None:
    found = choose_title([Candidate("Paediatric Emergency Department", LARGE_FONT)], "x/0042.pdf")
    assert found == ("Paediatric Emergency Department", LARGE_FONT)


def test_a_line_of_the_departments_own_name_is_not_the_better_candidate() -> None:
    # A two-line name in large type is offered whole, then line by line: its first line is no title.
    lines = ["Palmerston North Hospital Emergency Department", "Palmerston North", "Hospital Emergency Department"]
    found = choose_title([Candidate(line, LARGE_FONT) for line in lines], "x/0042.pdf")
    assert found == ("Palmerston North Hospital Emergency Department", LARGE_FONT)


@pytest.mark.parametrize("line", ["Hosp No", "Hosp No:", "Unit No.", "Patient ID", "Hospital Number"])
def test_a_record_number_box_is_a_form_field(line: str) -> None:
    assert why_not_title(line) == "form field"


def test_a_proformas_label_box_is_never_its_title() -> None:
    labels = [Text("Patient Name:", 13, 72, 800), Text("NHS No:", 13, 72, 775), Text("Hosp No:", 13, 72, 760)]
    data = build_pdf([[*labels, *BODY]])
    doc = parse_bytes(data, trust="MWL", path="MWL/Post Fall Medical Examination_ocr.pdf")
    assert (doc.title, doc.meta["title_source"]) == ("Post Fall Medical Examination", FILE_NAME)


def test_a_label_whose_colon_tidying_drops_is_skipped() -> None:
    candidates = [Candidate("Triage time:", LARGE_FONT), Candidate("Head injury in children", LARGE_FONT)]
    assert choose_title(candidates, "x.pdf") == ("Head injury in children", LARGE_FONT)


def test_a_byline_in_far_smaller_type_does_not_displace_the_departments_name() -> None:
    candidates = [
        Candidate("Palmerston North Hospital Emergency Department", LARGE_FONT, 49),
        Candidate("A Smith Emergency Physician 16 October 2023", LARGE_FONT, 18),
    ]
    assert choose_title(candidates, "x.pdf") == ("Palmerston North Hospital Emergency Department", LARGE_FONT)


def test_a_long_trust_name_is_an_organisation_and_its_lines_are_no_title() -> None:
    trust = "Mersey and West Lancashire (Whiston & St Helens) Teaching Hospitals NHS Trust"
    assert why_not_title(trust) == "organisation"
    page = [
        Text("Mersey and West Lancashire (Whiston & St Helens)", 20, 72, 790),
        Text("Teaching Hospitals NHS Trust", 20, 72, 766),
        Text("Adult Diabetic Ketoacidosis (DKA) Clinical Management Pathway", 14, 72, 720),
        *BODY,
    ]
    doc = parse_bytes(build_pdf([page]), trust="MWL", path="MWL/dka.pdf")
    assert doc.title == "Adult Diabetic Ketoacidosis (DKA) Clinical Management Pathway"
