"""Build the small committed DOCX fixtures in tests/data/docx/ (run once; commit the output).

    .venv/bin/python tests/data/make_fixtures.py

Every fixture is synthetic: invented text written here, no trust's document. After changing a fixture,
regenerate the golden files with `CONVERGE_REGEN=1 pytest tests/core/parsers/test_golden.py` and review the diff.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

HERE = Path(__file__).resolve().parent
TRACK = 'w:author="Reviewer" w:date="2024-01-01T00:00:00Z"'


def _conftest():
    """tests/core/parsers/conftest.py, whose `build_docx` and `convert_with_libreoffice` make the files."""
    spec = importlib.util.spec_from_file_location("parser_conftest", HERE.parent / "parsers" / "conftest.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


FIXTURES: dict[str, dict] = {
    # A styled trust policy: control table, version history, headers/footers, headings, lists, a table.
    "styled_policy.docx": {
        "header": "Synthetic Hospital NHS Foundation Trust",
        "footer": ["Uncontrolled when printed", "Sepsis Policy v4.1"],
        "body": [
            ("title", "Recognition and Management of Sepsis in Adults"),
            (
                "table",
                [
                    ["Reference No", "SYN-CG-001"],
                    ["Version", "4.1"],
                    ["Status", "Approved"],
                    ["Author", "Sepsis Lead Nurse"],
                    ["Ratified by", "Clinical Guidelines Committee"],
                    ["Date ratified", "12 March 2024"],
                    ["Review date", "March 2027"],
                    ["Target audience", "All adult inpatient clinical staff"],
                ],
            ),
            (
                "table",
                [
                    ["Version", "Date", "Author", "Changes"],
                    ["4.0", "2021", "SLN", "Full review"],
                    ["4.1", "2024", "SLN", "NEWS2 threshold updated"],
                ],
            ),
            ("heading", "1. Introduction", 1),
            "Sepsis is a life-threatening organ dysfunction caused by a dysregulated response to infection.",
            ("heading", "2. Screening", 1),
            "Screen every adult with a NEWS2 score of 5 or more for sepsis.",
            ("bullet", "Take a full set of observations", 0),
            ("bullet", "Measure lactate", 1),
            ("heading", "2.1 Antibiotics", 2),
            "Give antibiotics within 1 hour of recognition.",
            (
                "table",
                [
                    ["Drug", "Dose", "Route"],
                    ["Piperacillin-tazobactam", "4.5 g", "IV"],
                    ["Gentamicin", "5 mg/kg", "IV"],
                ],
            ),
            ("heading", "3. Monitoring compliance", 1),
            ("number", "Monthly audit of time to antibiotics", 0),
        ],
    },
    # A trust that uses no heading styles: bold, numbered and ALL CAPS lines, label/value lines.
    "unstyled_guideline.docx": {
        "body": [
            ("bold", "FALLS PREVENTION GUIDELINE"),
            "Document ref: SYN-FP-7",
            "Version: 2",
            "Review due: 01/09/2026",
            ("bold", "1 INTRODUCTION"),
            "This guideline applies to all adult inpatients.",
            ("bold", "2 ASSESSMENT"),
            ("bold", "2.1 Multifactorial assessment"),
            "Complete the falls risk assessment within 6 hours of admission.",
            ("p", "Patients must never be left unattended on a commode.", {"bold": True}),
            "2.2 Lying and standing blood pressure",
            "Record it on admission.",
        ],
    },
    # Text box, tracked changes, a field code and a move.
    "tracked_textbox.docx": {
        "body": [
            ("heading", "Escalation", 1),
            (
                "xml",
                f'<w:p><w:r><w:t xml:space="preserve">Call the registrar within </w:t></w:r>'
                f'<w:del w:id="1" {TRACK}><w:r><w:delText>30 minutes</w:delText></w:r></w:del>'
                f'<w:ins w:id="2" {TRACK}><w:r><w:t>15 minutes</w:t></w:r></w:ins></w:p>'
                "<w:p><w:r><w:t>See the flowchart.</w:t></w:r><w:r><mc:AlternateContent>"
                '<mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
                "<wps:wsp><wps:txbx>"
                "<w:txbxContent><w:p><w:r><w:t>Outreach bleep 0000</w:t></w:r></w:p></w:txbxContent>"
                "</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
                "<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r>"
                "<w:t>Outreach bleep 0000</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape>"
                "</w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
                '<w:p><w:r><w:t xml:space="preserve">Page </w:t></w:r>'
                '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r>'
                '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
                '<w:r><w:t xml:space="preserve"> reference.</w:t></w:r></w:p>',
            ),
        ],
    },
}


# Converted by LibreOffice into .doc, .rtf and .odt for the legacy parser's tests.
LEGACY_SOURCE: dict = {
    "header": "Synthetic Hospital",
    "body": [
        ("table", [["Title", "Blood Transfusion Policy"], ["Version", "3.2"], ["Review date", "01/05/2026"]]),
        ("heading", "1. Introduction", 1),
        "Transfusion must be prescribed by a registered practitioner.",
        ("heading", "2. Checks", 1),
        ("bullet", "Check the wristband", 0),
        ("heading", "2.1 Bedside check", 2),
        "Two staff must check the unit.",
    ],
}


def main() -> None:
    module = _conftest()
    out = HERE / "docx"
    for name, spec in FIXTURES.items():
        module.build_docx(spec, out / name)
    legacy = HERE / "legacy"
    source = module.build_docx(LEGACY_SOURCE, legacy / "transfusion.docx")
    for fmt in ("doc", "rtf", "odt"):
        module.convert_with_libreoffice(source, fmt, legacy)
    source.unlink()


if __name__ == "__main__":
    main()
