"""Review page data: aligned rows with marked words, merged differences, stable keys, the diff cache."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from converge.core.diff import DiffContext, diff_group
from converge.core.model import Block, BlockKind, Document, Section, SourceRef
from converge.core.parsers import parse_file
from converge.workflow.comparison.differences import build_review, change_key

CONTEXT = DiffContext.from_terms(
    {
        "JPUH": ["James Paget Hospital"],
        "NNUH": ["Norfolk and Norwich Hospital"],
        "QEH": ["Queen Elizabeth Hospital"],
    }
)


def write_policy(
    path: Path, hospital: str, news: str, hours: str, dose: str, extra: str | None = None
) -> Path:
    """A small real DOCX policy: headings in Word heading styles, a paragraph each and a dose table."""
    d = docx.Document()
    d.add_heading("Sepsis in adults", level=0)
    d.add_heading("1 Recognition", level=1)
    d.add_paragraph(
        f"Screen adults with a NEWS2 score of {news} or more for sepsis. "
        f"Call the outreach team at {hospital}."
    )
    d.add_heading("2 Treatment", level=1)
    d.add_paragraph(f"Give intravenous antibiotics within {hours}.")
    table = d.add_table(rows=2, cols=2)
    for r, (a, b) in enumerate((("Weight", "Dose"), ("Under 50 kg", f"{dose} mg"))):
        table.cell(r, 0).text, table.cell(r, 1).text = a, b
    if extra:
        d.add_heading("3 Audit", level=1)
        d.add_paragraph(extra)
    d.save(path)
    return path


@pytest.fixture(scope="module")
def three(tmp_path_factory) -> list[Document]:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("policies")
    specs = (
        ("JPUH", "James Paget Hospital", "5", "1 hour", "500", "The ward manager must audit compliance."),
        ("NNUH", "Norfolk and Norwich Hospital", "5", "1 hour", "750", None),
        ("QEH", "Queen Elizabeth Hospital", "7", "3 hours", "500", None),
    )
    return [parse_file(write_policy(folder / f"{t}.docx", *rest), t) for t, *rest in specs]


@pytest.fixture(scope="module")
def data(three):  # type: ignore[no-untyped-def]
    return build_review(three, diff_group(three, CONTEXT))


def spans_of(data, heading: str, trust: str):  # type: ignore[no-untyped-def]
    row = next(r for r in data.rows if r.heading == heading)
    cell = next(c for c in row.cells if c.trust == trust)
    return [s for p in cell.pieces for s in p.spans] + [
        s for p in cell.pieces for r in p.rows for c in r for s in c
    ]


def test_threshold_difference_is_one_difference_with_three_wordings(data):
    threshold = [d for d in data.differences if d.category == "threshold"]
    assert len(threshold) == 1
    d = threshold[0]
    assert d.significant and d.level == "significant" and d.reason
    assert {s.trust: s.changed for s in d.sides} == {"JPUH": "5", "NNUH": "5", "QEH": "7"}
    assert data.rows[d.row].heading == "Recognition"


def test_words_that_differ_are_marked_in_each_trusts_text(data):
    qeh = spans_of(data, "Recognition", "QEH")
    marked = [(s.text, s.level) for s in qeh if s.level != "equal"]
    assert ("7", "significant") in marked
    assert ("Queen Elizabeth", "local") in marked or ("Queen Elizabeth Hospital", "local") in marked
    # The significant span carries its visible tag (text, not colour alone) and its difference's key.
    seven = next(s for s in qeh if s.text == "7")
    assert seven.tag == "Significant: threshold" and seven.key
    # Joining the spans gives back the trust's text exactly.
    assert "".join(s.text for s in qeh if s.text).startswith("Screen adults with a NEWS2 score of 7 or more")


def test_table_cells_are_marked(data):
    nnuh = spans_of(data, "Treatment", "NNUH")
    assert any(s.text == "750" and s.level == "significant" for s in nnuh)


def test_section_at_one_trust_only(data):
    row = next(r for r in data.rows if r.heading == "Audit")
    assert row.only_at == "JPUH" and row.trusts == ("JPUH",)
    assert [c.present for c in row.cells] == [True, False, False]
    # Its sentence is a difference listed under that row (how significant is the diff engine's call).
    assert row.differences >= 1
    assert any(d.row == row.index and d.trusts == ("JPUH",) for d in data.differences)


def test_keys_are_stable_across_rediffs_and_unique(three, data):
    again = build_review(three, diff_group(three, CONTEXT))
    assert [d.key for d in again.differences] == [d.key for d in data.differences]
    assert len({d.key for d in data.differences}) == len(data.differences)
    # Heading numbering does not change a key: "1 Recognition" and "Recognition" are the same section.
    k1 = change_key(
        [("JPUH", ("1 Recognition",), "a 5", "5"), ("QEH", ("Recognition",), "a 7", "7")], "replace"
    )
    k2 = change_key(
        [("QEH", ("2.0 Recognition",), "a 7", "7"), ("JPUH", ("Recognition",), "a 5", "5")], "replace"
    )
    assert k1 == k2


def test_pair_of_two_and_noise_levels():
    def doc(trust: str, text: str) -> Document:
        section = Section("Observations", "1", 1, (Block(BlockKind.PARAGRAPH, text),))
        return Document(
            f"{trust}:x", trust, "Obs", SourceRef("x", "text/plain", trust, "t@1"), (), (section,)
        )

    docs = [
        doc("JPUH", "Record the observations every hour."),
        doc("NNUH", "record the Observations every hour."),
    ]
    data = build_review(docs, diff_group(docs, CONTEXT))
    assert data.differences and all(d.level == "noise" for d in data.differences)
    assert not data.by_level("significant")


def test_hostile_text_is_kept_as_text(tmp_path):
    path = write_policy(tmp_path / "x.docx", "<script>alert(1)</script>", "5", "1 hour", "500")
    other = write_policy(tmp_path / "y.docx", "Somewhere", "5", "1 hour", "500")
    docs = [parse_file(path, "JPUH"), parse_file(other, "NNUH")]
    data = build_review(docs, diff_group(docs, CONTEXT))
    text = "".join(s.text for s in spans_of(data, "Recognition", "JPUH"))
    assert "<script>alert(1)</script>" in text  # plain data; the template escapes it
