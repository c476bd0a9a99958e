"""PDF layout that a re-render of the same words changes, read so the words compare the same (issue 13):
a table row broken by a page break, a title set just below a running header that repeats it, a heading
wrapped onto a line that ends in a comma. Each case was a false "significant" difference on real pairs."""

from __future__ import annotations

from pdfbuild import Text, build_pdf

from converge.core.config import Settings
from converge.core.model import BlockKind, Layer
from converge.core.parsers import parse_bytes, parse_file
from converge.core.parsers.pdf.structure import _row_continues

FILLER = [
    "The background explains why this guideline exists and which adult wards it covers.",
    "Staff read it with the local antimicrobial formulary and the allergy policy.",
    "Each ward keeps a printed copy beside the controlled drugs register.",
    "The pharmacy team checks the stock of every listed antibiotic each week.",
    "Questions about a patient go to the microbiology registrar on call.",
]


def test_a_table_row_broken_by_a_page_break_is_one_row(make_docx, to_pdf) -> None:
    """A row too tall for the rest of the page carries on at the top of the next, both cells mid-sentence:
    one row, as in the DOCX, not two rows whose halves pair with nothing at the other side."""
    label = "Alternative choice " + " ".join(["for adults with a penicillin allergy"] * 12)
    dose = "Erythromycin " + " ".join(["two hundred and fifty milligrams four times a day"] * 14)
    rows = [["Treatment", "Antibiotic and dose"], [label, dose], ["Second line", "Doxycycline as advised."]]
    # A second table, of short rows that each start anew (capital, after a finished cell), runs over the
    # next page break: its rows stay apart.
    listing = [["Drug", "Dose"]] + [[f"Drug {n}", f"Give {n} mg once daily."] for n in range(1, 70)]
    body = FILLER * 6 + [("table", rows, {"style": "Table Grid"}), "Between the tables."]
    body += [("table", listing, {"style": "Table Grid"}), "After the tables."]
    doc = parse_file(to_pdf(make_docx({"body": body})), "QEH")
    assert (doc.source.pages or 0) >= 3
    first, second = [b for b in doc.blocks(Layer.BODY) if b.kind == BlockKind.TABLE]
    filled = [tuple(c for c in r if c) for r in first.rows]
    assert len(filled) == 3
    assert " ".join(filled[1][0].split()) == label and " ".join(filled[1][1].split()) == dose
    assert len([r for r in second.rows if any(r)]) == len(listing)


def test_row_continues_only_where_every_filled_cell_carries_on() -> None:
    assert _row_continues(("Basal", "Twice daily"), ("insulin", ""))
    assert _row_continues(
        ("Alternative first choice for", "Erythromycin: 8 years to 17"), ("penicillin", "years")
    )
    assert _row_continues(("Consent", "Written"), ("", "and witnessed"))  # the label stayed above
    assert not _row_continues(("Basal insulin", "Twice daily"), ("Mixed insulin", "Three times a day"))
    assert not _row_continues(("amoxicillin", "500 mg"), ("clarithromycin", "250 mg"))  # a number starts
    assert not _row_continues(("Give with food.", "oral"), ("take at night", "oral"))  # a finished cell
    assert not _row_continues(("", "oral"), ("paracetamol", ""))  # filled below an empty cell
    assert not _row_continues(("a", "b"), ("", ""))


def test_a_title_under_a_running_header_that_repeats_it_stays_the_title(make_docx, to_pdf) -> None:
    """The header repeats the title on every page; on page 1 the title itself stands just below it. The
    header copies are furniture; the title line is the document's title and body text."""
    title = "Self-Monitoring of Blood Glucose Guideline"
    words = "patients who take insulin test their blood glucose before meals and at bedtime".split()
    sentences = [
        f"Step {n}: {' '.join(words[n % 5 :] + words[: n % 5])}, as the nurse shows." for n in range(90)
    ]
    doc = parse_file(
        to_pdf(make_docx({"header": title, "body": [title, ("heading", "Who should test", 1)] + sentences})),
        "QEH",
    )
    assert (doc.source.pages or 0) >= 3
    assert doc.title == title
    assert [b.text for b in doc.preamble if b.layer == Layer.BODY][:1] == [title]
    furniture = [b.text for b in doc.blocks(Layer.FURNITURE)]
    assert furniture.count(title) >= (doc.source.pages or 0) - 1


def test_a_heading_wrapped_at_a_comma_stays_one_heading() -> None:
    """Lines in heading type, one of them ending in a comma (read as text for that alone), are one heading
    when the line above is full; a short heading with a sentence below in the same type stays apart."""
    body = [
        Text("Dapagliflozin prescribing support", 22, 72, 790),
        Text(
            "Adverse effects of dapagliflozin in chronic kidney disease are listed in the table", 11, 72, 760
        ),
        Text(
            "below and in the summary of product characteristics, which the pharmacist keeps up", 11, 72, 746
        ),
        Text("to date for every ward that prescribes it to adults with chronic kidney disease.", 11, 72, 732),
        Text("For full details on cautions, warnings, drug interactions,", 16, 72, 700),
        Text("contraindications and adverse effects, please", 16, 72, 681),
        Text(
            "consult the latest edition of the British National Formulary for every drug prescribed.",
            11,
            72,
            660,
        ),
        Text("Prescribers record the reason for stopping dapagliflozin in the notes.", 16, 72, 640),
        Text("Scope", 16, 72, 620),
        Text("This applies to all adults.", 16, 72, 601),
        Text(
            "The guideline covers every adult inpatient ward and the emergency department of the trust.",
            11,
            72,
            580,
        ),
    ]
    doc = parse_bytes(build_pdf([body]), trust="QEH", path="wrapped.pdf", settings=Settings())
    headings = [s.heading for _, s in doc.walk()]
    assert (
        "For full details on cautions, warnings, drug interactions, contraindications and adverse effects, "
        "please" in headings
    )
    assert "Scope" in headings  # not joined to the finished sentence in heading type above it
    assert not any(h.startswith("contraindications") for h in headings)
    assert "This applies to all adults." not in headings
