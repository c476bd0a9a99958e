"""Title choice: two lines glued into one word are no title (a PAH leaflet gave "ankleIntroduction")."""

from __future__ import annotations

import pytest

from converge.core.parsers.titles import LARGE_FONT, Candidate, choose_title, why_not_title


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
