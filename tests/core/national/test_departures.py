"""Holding a local document against its national source: departures by kind, omissions listed."""

from __future__ import annotations

from converge.core.national.departures import changed_spans, hold_against, is_recommendation, sentences_of
from tests.workflow.national.builders import local_sepsis, national_sepsis


def test_a_faithful_local_text_has_no_departures_and_lists_what_it_leaves_out() -> None:
    result = hold_against(local_sepsis(), national_sepsis())
    assert result.departures == ()
    assert result.compared >= 4 and result.agreeing == result.compared
    left_out = [o.national_text for o in result.omissions]
    assert any("fluid bolus" in t for t in left_out)
    assert any("procalcitonin" in t for t in left_out)
    assert not any("antibiotics within 1 hour" in t for t in left_out)  # covered locally


def test_a_changed_time_limit_is_a_value_departure_with_the_national_wording_and_section() -> None:
    result = hold_against(local_sepsis(antibiotics="3 hours"), national_sepsis(), national_name="NG51")
    [dep] = result.departures
    assert dep.kind == "value" and dep.category == "time_limit"
    assert "1 hour" in dep.national_text and "3 hours" in dep.local_text
    assert dep.national_section == "Antibiotics" and dep.local_section == "Treatment"
    assert "NG51" in dep.reason and "MWL" in dep.reason


def test_threshold_and_obligation_departures_are_classified_by_the_diff_engine() -> None:
    result = hold_against(local_sepsis(lactate="4", duty="may"), national_sepsis())
    kinds = {d.category: d.kind for d in result.departures}
    assert kinds.get("threshold") == "value"
    assert kinds.get("duty") == "obligation"


def test_departure_keys_are_stable_across_runs_and_differ_between_departures() -> None:
    a = hold_against(local_sepsis(antibiotics="3 hours", lactate="4"), national_sepsis())
    b = hold_against(local_sepsis(antibiotics="3 hours", lactate="4"), national_sepsis())
    assert [d.key for d in a.departures] == [d.key for d in b.departures]
    assert len({d.key for d in a.departures}) == len(a.departures) == 2


def test_unrelated_local_text_is_not_compared() -> None:
    from tests.workflow.national.builders import document, section

    other = document(
        "MWL", "x", "Car parking", section("Parking", "Staff park in the multi-storey car park by the gate.")
    )
    result = hold_against(other, national_sepsis())
    assert result.compared == 0 and result.departures == ()


def test_sentences_keep_their_section_and_recommendations_are_recognised() -> None:
    sents = sentences_of(national_sepsis())
    assert sents[0].section == "Recognition"
    assert is_recommendation("Offer people written information about sepsis.")
    assert is_recommendation("A senior decision maker must review the person.")
    assert not is_recommendation("Sepsis is a common cause of death in hospital.")


def test_changed_spans_cover_only_the_differing_words() -> None:
    a, b = "give 10 mg every 4 hours", "give 20 mg every 4 hours"
    (sa, sb) = changed_spans(a, b)
    assert a[sa[0] : sa[1]] == "10" and b[sb[0] : sb[1]] == "20"
    assert changed_spans(a, a) is None
