"""`converge eval` end to end: ingest into a scratch database, match, score the stored groups."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from converge.cli.main import cli

DEMO = Path(__file__).resolve().parents[2] / "corpora" / "demo"


def _small_truth(tmp_path: Path, group_ids: tuple[str, ...]) -> Path:
    """A labelled corpus of a few demo groups, without their planted differences."""
    truth = json.loads((DEMO / "truth.json").read_text())
    groups = [g for g in truth["groups"] if g["id"] in group_ids]
    paths = {p for g in groups for ps in g["members"].values() for p in ps}
    for p in paths:
        (tmp_path / p).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(DEMO / p, tmp_path / p)
    small = {
        "schema_version": truth["schema_version"],
        "trusts": truth["trusts"],
        "documents": [d for d in truth["documents"] if d["path"] in paths],
        "groups": [{"id": g["id"], "members": g["members"]} for g in groups],
        "near_misses": [n for n in truth["near_misses"] if n["a"] in paths and n["b"] in paths],
    }
    out = tmp_path / "truth.json"
    out.write_text(json.dumps(small))
    return out


def test_eval_ingests_into_the_given_database_and_prints_a_table_without_planted_differences(
    tmp_path, db_url
):
    truth = _small_truth(tmp_path, ("sepsis-adult", "sepsis-paediatric"))
    runner = CliRunner()
    result = runner.invoke(
        cli, ["eval", "--truth", str(truth), "--db", db_url, "--workers", "1"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    assert "Matching (cross-library pairs" in result.output
    assert "Differences" not in result.output
    first = result.output.split("Matching")[1].splitlines()[2]
    assert first.startswith("converge (ingest, match, stored groups)")
    # The documents really are in the chosen database, with the groups the matcher saved.
    stored = json.loads(runner.invoke(cli, ["documents", "--json", "--db", db_url]).output)
    expected = [d for d in json.loads(truth.read_text())["documents"] if d.get("expect") != "rejected"]
    assert {d["source_path"] for d in stored} == {d["path"] for d in expected}
    groups = json.loads(runner.invoke(cli, ["matches", "--json", "--db", db_url]).output)["groups"]
    assert any(len(g["members"]) > 1 for g in groups)


def test_eval_json_reuses_the_cached_ingest(tmp_path):
    truth = _small_truth(tmp_path, ("sepsis-adult",))
    args = ["eval", "--truth", str(truth), "--json", "--workers", "1", "--cache", str(tmp_path / "c")]
    runner = CliRunner()
    first = json.loads(runner.invoke(cli, args, catch_exceptions=False).stdout)
    again = json.loads(runner.invoke(cli, args, catch_exceptions=False).stdout)
    assert (first["ingest_cached"], again["ingest_cached"]) == (False, True)
    assert first["matching"][0]["f1"] == again["matching"][0]["f1"] == 1.0
    assert again["diff"] is None


@pytest.mark.slow
def test_eval_end_to_end_quality_floor_on_the_demo_corpus():
    result = CliRunner().invoke(
        cli, ["eval", "--truth", str(DEMO / "truth.json"), "--json", "--workers", "2"], catch_exceptions=False
    )
    report = json.loads(result.stdout)
    rows = {r["method"].split(" (")[0]: r for r in report["matching"]}
    ours = rows["converge"]
    assert ours["f1"] >= 0.98, ours
    assert ours["near_misses_linked"] == 0
    # Every group spanning two or more trusts is found (34 topics, 30 of them held by two trusts or more).
    assert ours["groups_found"] == ours["groups_total"] == 30
    assert ours["f1"] >= rows["TF-IDF whole text"]["f1"] and ours["f1"] > rows["title fuzzy"]["f1"]
    assert report["diff"]["recall"] >= 0.95


def test_per_group_f1_is_not_outweighed_by_one_large_group():
    """One 6-library group found whole and two pairs missed: pairs-weighted F1 is high (15 of 17 true
    pairs), the mean of the groups' own F1 shows two of three groups missed."""
    from converge.core.matching.evaluate import score_grouping

    big = [f"L{i}/leaflet" for i in range(6)]
    small = [["A/x", "B/x"], ["A/y", "B/y"]]
    library_of = {k: k.split("/")[0] for k in big + [k for g in small for k in g]}
    stored = [big, ["A/x"], ["B/x"], ["A/y"], ["B/y"]]
    s = score_grouping(stored, [big, *small], [], library_of)
    assert s["pairs_true"] == 17 and s["pairs_correct"] == 15
    assert s["f1"] == pytest.approx(2 * 15 / 32)
    assert s["group_f1"] == pytest.approx(1 / 3)
    assert (s["groups_found"], s["groups_total"]) == (1, 3)


def test_eval_by_library_matches_each_library_on_arrival_and_leaves_every_document_current(
    tmp_path, db_url
):
    truth = _small_truth(tmp_path, ("sepsis-adult", "sepsis-paediatric"))
    runner = CliRunner()
    args = ["eval", "--truth", str(truth), "--db", db_url, "--workers", "1", "--arrival", "by-library"]
    result = runner.invoke(cli, [*args, "--json"], catch_exceptions=False)
    report = json.loads(result.stdout)
    assert report["arrival"] == "by-library"
    ours = report["matching"][0]
    assert ours["f1"] == 1.0 and ours["groups_found"] == ours["groups_total"] == 2
    # each library after the first was placed incrementally, in the order of the libraries' codes
    arrived = [line.split(" arrived: ")[0] for line in result.stderr.splitlines() if " arrived: " in line]
    assert arrived == sorted(json.loads(truth.read_text())["trusts"])
    stored = json.loads(runner.invoke(cli, ["documents", "--json", "--db", db_url]).output)
    assert stored and {d["status"] for d in stored} == {"current"}
