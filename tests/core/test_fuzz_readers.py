"""Property-based and mutation fuzzing of the readers (DOCX, PDF, text, zip), bounded in time.

Every input must give a Document or a named rejection (a ConvergeError, which ingest reports as the
file's reason), never another exception: an unexpected one is a parser bug that a hostile or damaged
file could trigger. Examples are few and derandomised so the suite stays fast and a failure repeats.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from pathlib import Path

from docx import Document as new_docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from converge.core.config import Settings
from converge.core.errors import ConvergeError
from converge.core.ingest import InputFile, Rejected, collect_inputs
from converge.core.model import Document
from converge.core.parsers import parse_bytes
from tests.core.test_parse_limits import pdf, text_page

FAST = settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
LIMITS = Settings(max_pdf_pages=50)


def read(data: bytes, name: str) -> Document | ConvergeError:
    """A Document or the named rejection; any other exception fails the test with its traceback."""
    with warnings.catch_warnings():  # production logs parser warnings; pytest would make them errors
        warnings.simplefilter("ignore")
        try:
            return parse_bytes(data, trust="FUZZ", path=name, settings=LIMITS)
        except ConvergeError as exc:
            assert str(exc).strip(), "a rejection must say why"
            return exc


def _docx_seed() -> bytes:
    doc = new_docx()
    doc.add_heading("Sepsis in adults", 0)
    doc.add_heading("1. Purpose", 1)
    doc.add_paragraph("Screen adults with a NEWS2 score of 5 or more.")
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(1, 1).text = "Dose", "1 g"
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


DOCX = _docx_seed()
PDF = pdf([text_page(1, lines=8), text_page(2, lines=8)])
TEXT = b"# Sepsis in adults\n\n## 1. Purpose\n\nScreen adults with a NEWS2 score of 5 or more.\n"


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    """`seed` with a few byte flips, an insertion, a deletion or a truncation."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["flip", "insert", "delete", "truncate"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 256))]
        else:
            del data[at:]
    return bytes(data)


def _rezip(seed: bytes, part: str, mutate: bytes) -> bytes:
    """The DOCX with one part replaced (so mutations reach the XML, past the zip layer)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(seed)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, mutate if item.filename == part else src.read(item))
    return out.getvalue()


DOCUMENT_XML = zipfile.ZipFile(io.BytesIO(DOCX)).read("word/document.xml")


@FAST
@given(mutated(DOCX))
def test_mutated_docx_bytes(data: bytes) -> None:
    read(data, "fuzz.docx")


@FAST
@given(mutated(DOCUMENT_XML))
def test_mutated_docx_xml(xml: bytes) -> None:
    read(_rezip(DOCX, "word/document.xml", xml), "fuzz.docx")


@FAST
@given(mutated(PDF))
def test_mutated_pdf(data: bytes) -> None:
    read(data, "fuzz.pdf")


@FAST
@given(st.one_of(st.binary(max_size=2000), mutated(TEXT), st.text(max_size=2000).map(str.encode)))
def test_text_and_arbitrary_bytes(data: bytes) -> None:
    for name in ("fuzz.md", "fuzz.txt", "fuzz.docx", "fuzz.pdf", "fuzz"):
        read(data, name)


SEEDS = {"docx": DOCX, "text": TEXT, "pdf": PDF}


@settings(FAST, max_examples=15)  # each example may parse several members
@given(
    st.lists(
        st.tuples(st.text(min_size=1, max_size=40), st.sampled_from(sorted(SEEDS)), st.binary(max_size=300)),
        min_size=1,
        max_size=4,
    ),
    st.sampled_from(["whole", "half", "flipped"]),
)
def test_zip_archives(tmp_path_factory, members: list[tuple[str, str, bytes]], damage: str) -> None:
    """Archives of seeds or junk under any names (path escapes, odd characters), whole or damaged."""
    path: Path = tmp_path_factory.mktemp("zip") / "library.zip"
    buf = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        warnings.simplefilter("ignore")  # duplicate names are one of the cases
        for name, seed, junk in members:
            archive.writestr(name, SEEDS[seed] if not junk else junk)
    raw = bytearray(buf.getvalue())
    if damage == "half":
        del raw[len(raw) // 2 :]
    elif damage == "flipped":
        raw[len(raw) // 3] ^= 0xFF
    path.write_bytes(bytes(raw))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        outcomes = list(collect_inputs([path], Settings()))
    for outcome in outcomes:
        assert isinstance(outcome, InputFile | Rejected)
        if isinstance(outcome, Rejected):
            assert outcome.reason
        else:
            read(outcome.read(), outcome.display_path)
