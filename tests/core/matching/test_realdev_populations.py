"""Real documents (../shared/realdev, read in place when present): population qualifiers read from their
titles as the ingest extracts them. Skips when the folder is absent; whole-set runs are `converge eval`."""

from pathlib import Path

import pytest

from converge.core.matching import features as ft
from converge.core.parsers import parse_file

REALDEV = Path(__file__).resolve().parents[3].parent / "shared" / "realdev"
ADULT_NZ = "NZ/Sepsis-Pathway_Adult_Sept-2025.pdf"
UNDER_16S = "NATIONAL/NICE_NG254_Suspected_sepsis_in_under_16s_recognition_diagnosi.pdf"

pytestmark = pytest.mark.skipif(
    not (REALDEV / ADULT_NZ).exists() or not (REALDEV / UNDER_16S).exists(),
    reason="../shared/realdev is not present",
)


def _profile(rel: str):
    trust = rel.split("/", 1)[0]
    return ft.make_profile(parse_file(REALDEV / rel, trust))


def test_an_adult_pathway_and_national_guidance_for_under_16s_clash():
    adult, children = _profile(ADULT_NZ), _profile(UNDER_16S)
    assert adult.qualifiers["population"][0] == "adult"  # "Adult & Young Person Sepsis Pathway"
    assert children.qualifiers["population"][0] == "paediatric"  # "... in under 16s ..."
    assert ft.clash(adult, children)
