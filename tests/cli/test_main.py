"""The command line: ingest with --json and exit codes, documents, trusts, users (real database)."""

from __future__ import annotations

import json
from pathlib import Path

import click
from click.testing import CliRunner

from converge.cli.main import cli


def run(*args: str, db: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, [*args, "--db", db], catch_exceptions=False)


def test_ingest_json_records_and_exit_status(db_url: str, tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text("# Sepsis\n\n## Purpose\n\nScreen adults with NEWS2 of 5 or more.\n")
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.4 broken")
    result = run(
        "ingest", "--trust", "jpuh", "--create-trust", "--json", "--workers", "1", str(tmp_path), db=db_url
    )
    assert result.exit_code == 2  # a rejected file makes the run fail
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    by_name = {Path(r["path"]).name: r for r in records}
    assert by_name["good.md"]["status"] == "ingested" and by_name["good.md"]["document_id"].startswith(
        "JPUH:"
    )
    assert by_name["bad.pdf"]["status"] == "rejected" and by_name["bad.pdf"]["reason"]
    assert set(by_name["good.md"]) >= {"path", "status", "document_id", "reason"}

    again = run("ingest", "--trust", "JPUH", "--json", str(tmp_path / "good.md"), db=db_url)
    assert again.exit_code == 0
    assert json.loads(again.stdout.splitlines()[0])["status"] == "unchanged"

    listed = json.loads(run("documents", "--json", db=db_url).stdout)
    assert [d["title"] for d in listed] == ["Sepsis"]
    assert listed[0]["trust"] == "JPUH" and listed[0]["source_path"] == str(tmp_path / "good.md")
    assert listed[0]["status"] == "current" and isinstance(listed[0]["metadata"], dict)


def test_invalid_trust_code_is_a_clear_error(db_url: str, tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# A\n\ntext\n")
    result = CliRunner().invoke(
        cli, ["ingest", "--trust", "no good!", "--create-trust", str(tmp_path / "a.md"), "--db", db_url]
    )
    assert result.exit_code == 2 and "invalid trust code" in result.output


def test_trust_sync_reads_the_organisations_file(db_url: str, tmp_path: Path) -> None:
    orgs = tmp_path / "ingest" / "trusts.toml"
    orgs.parent.mkdir()
    orgs.write_text(
        '[[trust]]\ncode = "CCS"\nname = "Community Care Services"\nlocal_terms = ["Cromer Hospital"]\n'
    )
    assert run("trust", "sync", "--file", str(orgs), db=db_url).exit_code == 0
    assert "CCS\tCommunity Care Services" in run("trust", "list", db=db_url).stdout


def test_user_add_hashes_password(db_url: str) -> None:
    from sqlalchemy import select

    from converge.store.models import User
    from converge.store.session import make_engine, make_session_factory

    run("trust", "add", "JPUH", "James Paget", db=db_url)
    result = CliRunner().invoke(
        cli,
        [
            "user",
            "add",
            "alice",
            "--role",
            "lead",
            "--trust",
            "JPUH",
            "--password",
            "s3cret-enough",
            "--db",
            db_url,
        ],
    )
    assert result.exit_code == 0, result.output
    bad = CliRunner().invoke(
        cli, ["user", "add", "bob", "--role", "lead", "--password", "s3cret-enough", "--db", db_url]
    )
    assert bad.exit_code == 1 and "needs --trust" in bad.output
    engine = make_engine(db_url)
    with make_session_factory(engine)() as session:
        alice = session.scalar(select(User).where(User.username == "alice"))
        assert alice is not None and alice.password_hash != "s3cret-enough" and alice.trust.code == "JPUH"
    engine.dispose()


def test_every_command_loads_under_its_name_and_has_help() -> None:
    ctx = click.Context(cli)
    names = cli.list_commands(ctx)
    assert {"ingest", "match", "serve", "report", "worker", "national"} <= set(names)
    for name in names:
        command = cli.get_command(ctx, name)
        assert command is not None and command.name == name and command.help, name
    assert cli.get_command(ctx, "no-such-command") is None


def test_match_compares_changed_groups_and_stores_no_html(db_url: str, tmp_path: Path) -> None:
    from sqlalchemy import inspect, select

    from converge.store.models import GroupReview, Job
    from converge.store.session import make_engine, make_session_factory

    body = (
        "# Sepsis screening in adults\n\n## Purpose\n\nThis policy sets out how adults with suspected sepsis "
        "are screened and treated in the emergency department and on the wards.\n\n## Recognition\n\n"
        "Screen adults with a NEWS2 score of {n} or more for sepsis and escalate to the {who}.\n"
    )
    for trust, n, who in (("JPUH", 5, "registrar"), ("NNUH", 7, "consultant")):
        folder = tmp_path / trust
        folder.mkdir()
        (folder / "sepsis.md").write_text(body.format(n=n, who=who))
        assert (
            run(
                "ingest", "--trust", trust, "--create-trust", "--workers", "1", "--no-match", str(folder),
                db=db_url,
            ).exit_code
            == 0
        )
    assert run("match", db=db_url).exit_code == 0
    engine = make_engine(db_url)
    try:
        def built() -> dict[int, object]:
            with make_session_factory(engine)() as session:
                return dict(session.execute(select(GroupReview.group_id, GroupReview.built_at)).all())

        reviews = built()
        assert len(reviews) == 1
        with make_session_factory(engine)() as session:
            assert set(session.scalars(select(Job.kind))) == {"compare"}
            assert set(session.scalars(select(Job.phase))) == {"done"}
        assert run("match", "--full", db=db_url).exit_code == 0  # nothing changed: nothing compared again
        assert built() == reviews
        assert "rendered_reviews" not in inspect(engine).get_table_names()
        # New local terms change what is local variation: the group is queued to be compared again.
        orgs = tmp_path / "trusts.toml"
        orgs.write_text('[[trust]]\ncode = "JPUH"\nname = "James Paget"\nlocal_terms = ["Gorleston"]\n')
        assert run("trust", "sync", "--file", str(orgs), db=db_url).exit_code == 0
        with make_session_factory(engine)() as session:
            queued = session.scalars(select(Job.args).where(Job.phase == "queued")).all()
        assert queued == [{"group": next(iter(reviews))}]
        assert built() == reviews  # not in the command: a consumer does it
    finally:
        engine.dispose()


def test_the_match_command_never_imports_flask(tmp_path: Path) -> None:
    """The command line's matching and comparing path is domain code: no web framework is loaded."""
    import subprocess
    import sys

    for trust in ("JPUH", "NNUH"):
        (tmp_path / trust).mkdir()
        text = f"# Falls prevention\n\n## Purpose\n\nAssess {trust} adults.\n"
        (tmp_path / trust / "falls.md").write_text(text)
    script = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from converge.cli.main import cli\n"
        f"db = 'sqlite:///{tmp_path / 'c.db'}'\n"
        f"ingest = [['ingest', '--trust', t, '--create-trust', '--workers', '1', '{tmp_path}/' + t] for t in "
        "('JPUH', 'NNUH')]\n"
        "for args in (*ingest, ['match'], ['match', '--full'], ['jobs']):\n"
        "    result = CliRunner().invoke(cli, [*args, '--db', db], catch_exceptions=False)\n"
        "    assert result.exit_code == 0, result.output\n"
        "print(sorted(m for m in sys.modules if m == 'flask' or m.startswith('flask.')))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stderr
