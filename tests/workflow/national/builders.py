"""Small local and national documents built from the model (no parser), shared by the national tests."""

from __future__ import annotations

from converge.core.model import Block, BlockKind, Document, Section, SourceRef


def section(heading: str, *paragraphs: str, number: str | None = None) -> Section:
    return Section(heading, number, 1, tuple(Block(BlockKind.PARAGRAPH, p) for p in paragraphs))


def document(trust: str, name: str, title: str, *sections: Section, path: str | None = None) -> Document:
    sha = (name.encode().hex() + "0" * 64)[:64]
    return Document(
        f"{trust}:{sha[:12]}",
        trust,
        title,
        SourceRef(path or f"{trust}/{name}.pdf", "application/pdf", sha, "test@1"),
        (),
        tuple(sections),
    )


NATIONAL_SEPSIS = (
    section(
        "Recognition",
        "Assess people with suspected sepsis using the NEWS2 score on arrival.",
        "Treat people with a NEWS2 score of 7 or more as high risk of severe illness or death from sepsis.",
    ),
    section(
        "Antibiotics",
        "Give intravenous antibiotics within 1 hour of identifying high risk for adults with suspected "
        "sepsis.",
        "Measure serum lactate within 1 hour and repeat it if the first lactate is above 2 mmol/litre.",
        "A senior decision maker must review the person within 30 minutes.",
        "Offer an intravenous fluid bolus of 500 ml of crystalloid over less than 15 minutes.",
    ),
    section(
        "Discharge",
        "Offer people written information about sepsis when they are discharged from hospital.",
        "Do not use procalcitonin to decide whether to start antibiotics.",
    ),
)


def national_sepsis() -> Document:
    return document(
        "NICE",
        "ng51",
        "Suspected sepsis: recognition, diagnosis and early management (NG51)",
        *NATIONAL_SEPSIS,
        path="NICE/NICE_NG51_Suspected_sepsis.pdf",
    )


def local_sepsis(
    antibiotics: str = "1 hour", lactate: str = "2", duty: str = "must", cite: bool = True
) -> Document:
    return document(
        "MWL",
        "sepsis-" + antibiotics + lactate + duty,
        "Adult sepsis pathway",
        section(
            "Screening",
            "Treat people with a NEWS2 score of 7 or more as high risk of severe illness or death from "
            "sepsis.",
            *(["This pathway is in line with NICE NG51."] if cite else []),
        ),
        section(
            "Treatment",
            f"Give intravenous antibiotics within {antibiotics} of identifying high risk for adults with "
            "suspected sepsis.",
            f"Measure serum lactate within 1 hour and repeat it if the first lactate is above {lactate} "
            "mmol/litre.",
            f"A senior decision maker {duty} review the person within 30 minutes.",
        ),
    )
