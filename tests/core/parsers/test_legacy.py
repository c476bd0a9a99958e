"""Legacy formats through LibreOffice: real .doc/.rtf/.odt made by converting a built DOCX."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from converge.core.config import Settings
from converge.core.errors import NeedsConverter, ParseError
from converge.core.model import Layer
from converge.core.parsers import find_parser, parse_bytes, parse_file
from converge.core.parsers.legacy import detect_kind

pytestmark = pytest.mark.libreoffice

LEGACY = Path(__file__).resolve().parents[2] / "data" / "legacy"


@pytest.fixture(scope="module")
def legacy_files() -> dict[str, Path]:
    """Committed .doc/.rtf/.odt that LibreOffice made from a built DOCX (tests/data/make_fixtures.py)."""
    files = {fmt: LEGACY / f"transfusion.{fmt}" for fmt in ("doc", "rtf", "odt")}
    missing = [p.name for p in files.values() if not p.exists()]
    assert not missing, f"missing {missing}: run tests/data/make_fixtures.py"
    return files


@pytest.mark.parametrize(
    ("fmt", "media_type"),
    [
        ("doc", "application/msword"),
        ("rtf", "application/rtf"),
        ("odt", "application/vnd.oasis.opendocument.text"),
    ],
)
def test_legacy_formats_parse_through_docx(legacy_files, fmt, media_type):
    doc = parse_file(legacy_files[fmt], "QEH")
    assert doc.source.parser == "legacy+docx@2"
    assert doc.source.media_type == media_type
    assert doc.title == "Blood Transfusion Policy"
    assert doc.meta["version"] == "3.2" and doc.meta["review_date"] == "2026-05-01"
    assert [(p, s.number) for p, s in doc.walk()] == [
        (("Introduction",), "1"),
        (("Checks",), "2"),
        (("Checks", "Bedside check"), "2.1"),
    ]
    assert "Two staff must check the unit." in doc.body_text()
    assert "Synthetic Hospital" in [b.text for b in doc.preamble if b.layer == Layer.FURNITURE]


def test_sniffing_by_magic_bytes(legacy_files):
    assert detect_kind(legacy_files["doc"].read_bytes()[:4096], ".doc") == "doc"
    assert detect_kind(legacy_files["rtf"].read_bytes()[:4096], ".txt") == "rtf"
    assert detect_kind(legacy_files["odt"].read_bytes()[:4096], ".zip") == "odt"
    # An ODT is a zip too, but never the DOCX parser's.
    assert find_parser(legacy_files["odt"].read_bytes()[:4096], ".docx").name == "legacy+docx"
    # An RTF renamed .doc is still RTF.
    assert find_parser(legacy_files["rtf"].read_bytes()[:4096], ".doc").name == "legacy+docx"


def test_missing_libreoffice_needs_converter(legacy_files):
    settings = Settings(libreoffice="no-such-soffice-binary")
    with pytest.raises(NeedsConverter, match=r"needs LibreOffice \(soffice\) to read \.doc files; install "):
        parse_file(legacy_files["doc"], "QEH", settings=settings)


def test_timeout_kills_conversion_and_cleans_up(legacy_files, tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    settings = Settings(converter_timeout=0)
    with pytest.raises(ParseError, match="LibreOffice took longer than 0s"):
        parse_file(legacy_files["rtf"], "QEH", settings=settings)
    assert list(tmp_path.iterdir()) == []


def test_corrupt_doc_is_a_parse_error():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600 + b"garbage"
    with pytest.raises(ParseError, match="LibreOffice could not convert"):
        parse_bytes(data, trust="QEH", path="broken.doc")


def test_doc_renamed_docx_is_read_as_doc(legacy_files):
    doc = parse_bytes(legacy_files["doc"].read_bytes(), trust="QEH", path="renamed.docx")
    assert doc.source.parser == "legacy+docx@2" and doc.source.media_type == "application/msword"
    assert doc.title == "Blood Transfusion Policy"
