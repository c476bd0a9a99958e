"""Bad input to the command line: one line on stderr and a documented non-zero exit status."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

CONVERGE = [sys.executable, "-m", "converge"]


def converge(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None):  # type: ignore[no-untyped-def]
    environ = {k: v for k, v in os.environ.items() if k != "CONVERGE_DATABASE_URL"}
    environ.update(env or {})
    return subprocess.run(
        [*CONVERGE, *args], capture_output=True, text=True, env=environ, cwd=cwd, timeout=120
    )


def one_line_error(result, status: int, *words: str) -> None:  # type: ignore[no-untyped-def]
    assert result.returncode == status, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) <= 3, result.stderr  # click may add a usage line and a hint
    for word in words:
        assert word in result.stderr, result.stderr


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("notaurl", ["not a database URL"]),
        ("mysql://root@127.0.0.1/converge", ["unsupported database", "mysql"]),
        ("postgresql://nobody@127.0.0.1:1/none", ["cannot use the database"]),
    ],
)
def test_bad_database_urls(url: str, words: list[str]) -> None:
    one_line_error(converge("documents", "--db", url), 3, *words)


def test_empty_database_url_in_the_environment() -> None:
    one_line_error(converge("documents", env={"CONVERGE_DATABASE_URL": ""}), 3, "empty")


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are not the droids\n" * 100)
    one_line_error(converge("documents", "--db", f"sqlite:///{path}"), 3, "not a database")


def test_a_missing_folder_is_not_created(tmp_path: Path) -> None:
    missing = tmp_path / "missing" / "dir"
    one_line_error(converge("documents", "--db", f"sqlite:///{missing}/x.db"), 3, "does not exist")
    assert not missing.parent.exists()


def test_ingest_into_an_unknown_trust_needs_create_trust(tmp_path: Path, db_url: str) -> None:
    (tmp_path / "a.md").write_text("# Sepsis\n\nScreen adults.\n")
    one_line_error(converge("ingest", "--trust", "NOPE", str(tmp_path / "a.md"), "--db", db_url), 1, "NOPE")
    assert converge("trust", "list", "--db", db_url).stdout.strip() == ""
    ok = converge("ingest", "--trust", "NOPE", "--create-trust", str(tmp_path / "a.md"), "--db", db_url)
    assert ok.returncode == 0, ok.stderr
    assert converge("trust", "list", "--db", db_url).stdout.startswith("NOPE")


def test_serve_refuses_a_port_out_of_range(tmp_path: Path) -> None:
    result = converge("serve", "--port", "99999", "--db", f"sqlite:///{tmp_path / 'x.db'}")
    one_line_error(result, 2, "99999")
    assert "serving" not in result.stderr
