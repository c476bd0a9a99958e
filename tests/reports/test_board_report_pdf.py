"""The DOCX board report opens in LibreOffice; its pages are kept as PNGs under test-artifacts/reports/."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from converge.core.office import convert, find_soffice
from converge.reports.exports import write_report
from tests.reports.scenario import at

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "reports"


@pytest.mark.libreoffice
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_board_report_converts_to_pdf_and_renders(session_factory, programme, tmp_path):
    """The DOCX opens in LibreOffice; its pages are kept as PNGs to look at."""
    pdftoppm = shutil.which("pdftoppm")
    assert find_soffice() and pdftoppm, "LibreOffice and poppler-utils are needed for this test"
    out = tmp_path / "board-report.docx"
    with session_factory() as session:
        write_report(session, "docx", out, at(5, 1))
    (pdf,) = convert([out], "pdf", tmp_path, timeout=180)
    assert pdf.read_bytes().startswith(b"%PDF")
    import pdfplumber

    with pdfplumber.open(pdf) as rendered:
        pages = len(rendered.pages)
        last = rendered.pages[-1].extract_text() or ""
    assert pages > 1 and f"Page {pages} of {pages}" in last  # the footer's page fields were computed
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob("board-report-*.png"):
        old.unlink()
    subprocess.run(
        [pdftoppm, "-png", "-r", "60", str(pdf), str(ARTIFACTS / "board-report")], check=True, timeout=120
    )
    pages = sorted(ARTIFACTS.glob("board-report-*.png"))
    assert len(pages) >= 2
    shutil.copy(out, ARTIFACTS / "board-report.docx")
    shutil.copy(pdf, ARTIFACTS / "board-report.pdf")
