from __future__ import annotations

import csv

import click
from click.testing import CliRunner
from docx import Document
from openpyxl import load_workbook

from converge.cli.reports import register


def _cli() -> click.Group:
    @click.group()
    def root() -> None:
        pass

    register(root)
    return root


def test_report_wave_and_audit_commands(session_factory, programme, settings, tmp_path):
    cli, runner, db = _cli(), CliRunner(), ["--db", settings.database_url]
    out = tmp_path / "f.csv"
    result = runner.invoke(
        cli,
        ["report", "--format", "csv", "--out", str(out), "--as-of", "2025-03-31", *db],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open()))
    assert next(r for r in rows if r["figure"] == "headline" and r["measure"] == "converged")["value"] == "1"

    xlsx = tmp_path / "groups.xlsx"
    runner.invoke(
        cli,
        [
            "report",
            "--format",
            "xlsx",
            "--out",
            str(xlsx),
            "--groups",
            "--wave",
            "Wave 1",
            "--as-of",
            "2025-05-01",
            *db,
        ],
        catch_exceptions=False,
    )
    assert load_workbook(xlsx)["Groups"].max_row == 4

    docx = tmp_path / "board.docx"
    runner.invoke(
        cli,
        ["report", "--format", "docx", "--out", str(docx), "--as-of", "2025-05-01", *db],
        catch_exceptions=False,
    )
    assert any("Headline figures" in p.text for p in Document(docx).paragraphs)

    bad = runner.invoke(cli, ["report", "--format", "csv", "--out", str(out), "--wave", "Nope", *db])
    assert bad.exit_code == 1 and "no wave 'Nope'" in bad.output
    assert (
        runner.invoke(cli, ["report", "--format", "csv", "--out", str(out), "--as-of", "May", *db]).exit_code
        == 2
    )

    result = runner.invoke(
        cli,
        [
            "wave",
            "add",
            "Wave 2",
            "--starts",
            "2025-05-01",
            "--target-date",
            "2025-09-30",
            "--specialty",
            "Older people",
            "--actor",
            "ops",
            *db,
        ],
        catch_exceptions=False,
    )
    assert "planned 1 groups" in result.output
    result = runner.invoke(
        cli, ["wave", "plan", "Wave 2", "--group", str(programme.groups["G2"]), *db], catch_exceptions=False
    )
    assert "planned 1 groups into 'Wave 2'" in result.output
    listing = runner.invoke(
        cli, ["wave", "list", "--as-of", "2025-05-01", *db], catch_exceptions=False
    ).output
    assert "Wave 1\t2025-01-15 to 2025-04-30\t1/2 converged (50.0%)" in listing

    log = tmp_path / "audit.csv"
    result = runner.invoke(
        cli,
        ["audit-log", "--out", str(log), "--from", "2025-02-01", "--to", "2025-02-28", *db],
        catch_exceptions=False,
    )
    assert "wrote 5 entries" in result.output
