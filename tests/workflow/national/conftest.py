"""A small stored library: a local trust (MWL) and a national library (NICE), on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from converge.workflow.library import get_or_create_trust, store_document
from converge.workflow.national.linking import set_kind
from tests.workflow.national.builders import document, local_sepsis, national_sepsis, section


def national_head_injury():  # type: ignore[no-untyped-def]
    return document(
        "NICE",
        "ng232",
        "Head injury: assessment and early management (NG232)",
        section(
            "Imaging",
            "This guideline replaces CG176.",
            "For adults who have sustained a head injury, perform a CT head scan within 1 hour if any of "
            "these risk factors are present: GCS less than 13 on initial assessment in the emergency "
            "department.",
            "Observe adults with a GCS of 15 every 30 minutes until a GCS equal to 15 has been achieved.",
        ),
        path="NICE/NICE_NG232_Head_injury.pdf",
    )


def national_asthma():  # type: ignore[no-untyped-def]
    return document(
        "NICE",
        "ng245",
        "Asthma: diagnosis, monitoring and chronic asthma management (NG245)",
        section(
            "Treatment",
            "Offer a low-dose inhaled corticosteroid plus formoterol combination inhaler as needed for "
            "asthma.",
            "Measure peak expiratory flow in people with suspected asthma at every review.",
        ),
        path="NICE/NICE_NG245_Asthma.pdf",
    )


def local_head_injury():  # type: ignore[no-untyped-def]
    return document(
        "MWL",
        "head",
        "Adult minor head injury",
        section(
            "CT",
            "Perform a CT head scan within 8 hours if any of these risk factors are present: GCS less than "
            "13 on initial assessment in the emergency department.",
            "Based on NICE CG176 head injury guidance.",
        ),
    )


@pytest.fixture
def library(session_factory):  # type: ignore[no-untyped-def]
    """Local sepsis (antibiotics within 3 hours: a departure) and head injury documents; three national."""
    with session_factory() as session, session.begin():
        mwl = get_or_create_trust(session, "MWL", "Mersey and West Lancashire")
        nice = get_or_create_trust(session, "NICE", "National Institute for Health and Care Excellence")
        set_kind(session, "NICE", "national")
        for doc in (local_sepsis(antibiotics="3 hours"), local_head_injury()):
            store_document(session, mwl, doc, None)
        for doc in (national_sepsis(), national_head_injury(), national_asthma()):
            store_document(session, nice, doc, None)
    return session_factory
