"""The `converge` command line: thin commands over the domain functions."""

from __future__ import annotations

import functools
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from converge.core.config import Settings
from converge.core.errors import ConvergeError

err = Console(stderr=True)


def db_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """`--db URL` on every command that touches the database (default: CONVERGE_DATABASE_URL or SQLite)."""
    return click.option(
        "--db",
        "db_url",
        envvar="CONVERGE_DATABASE_URL",
        default=None,
        metavar="URL",
        help="Database URL (default: $CONVERGE_DATABASE_URL, else instance/converge.db).",
    )(func)


class DatabaseUnusable(click.ClickException):
    """The database named cannot be used: exit status 3 (see the README's exit codes)."""

    exit_code = 3


class ConvergeGroup(click.Group):
    """The `converge` group: any domain error or database failure ends a command with one line, never a
    traceback (status 1 for a refused request, 3 for a database that cannot be used)."""

    def invoke(self, ctx: click.Context) -> Any:
        from sqlalchemy.exc import SQLAlchemyError

        try:
            return super().invoke(ctx)
        except ConvergeError as exc:
            raise click.ClickException(str(exc)) from exc
        except SQLAlchemyError as exc:
            raise DatabaseUnusable(f"database error: {_first_line(exc)}") from exc


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def check_database_url(url: str) -> str:
    """The URL if Converge can use it, else DatabaseUnusable with what to do; a SQLite file's folder
    must exist (only the default instance/ folder is created)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from converge.core.config import default_database_url
    from converge.store.session import normalise_url

    if not url or not url.strip():
        raise DatabaseUnusable(
            "the database URL is empty (is CONVERGE_DATABASE_URL set to nothing?): give "
            "sqlite:///path/to/converge.db or postgresql://user@host/db"
        )
    try:
        parsed = make_url(normalise_url(url.strip()))
    except ArgumentError:
        raise DatabaseUnusable(
            f"not a database URL: {url!r}; give sqlite:///path/to/converge.db or postgresql://user@host/db"
        ) from None
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise DatabaseUnusable(
            f"unsupported database {parsed.get_backend_name()!r}: Converge runs on SQLite or PostgreSQL"
        )
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        path = Path(parsed.database)
        if url != default_database_url() and not path.parent.is_dir():
            raise DatabaseUnusable(f"the folder {path.parent} does not exist: create it first")
        if path.is_dir():
            raise DatabaseUnusable(f"{path} is a folder, not a database file")
    return url.strip()


def domain_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn ConvergeError into a clean CLI error message (exit status 1)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ConvergeError as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper


def settings_for(db_url: str | None, **overrides: Any) -> Settings:
    return Settings.from_env(database_url=db_url, **overrides)


def open_store(settings: Settings):  # type: ignore[no-untyped-def]
    """Upgrade the schema to head and return a session factory (DatabaseUnusable, one line, if the
    database cannot be reached or is not one)."""
    from sqlalchemy.exc import SQLAlchemyError

    from converge.store.migrate import upgrade
    from converge.store.session import make_engine, make_session_factory

    url = check_database_url(settings.database_url)
    try:
        upgrade(url)
    except SQLAlchemyError as exc:
        raise DatabaseUnusable(f"cannot use the database {_shown(url)}: {_first_line(exc)}") from exc
    from converge.workflow import notify

    notify.install()  # followers of a group hear of what a command does to it, as of what people do
    return make_session_factory(make_engine(url))


def _shown(url: str) -> str:
    """The URL without its password, for messages."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - only for a message
        return "(unreadable URL)"


@click.group(cls=ConvergeGroup)
@click.version_option(package_name="converge")
def cli() -> None:
    """Converge: turn several trusts' libraries of clinical policies into one shared set."""


@cli.command("init-db")
@db_option
def init_db(db_url: str | None) -> None:
    """Create or upgrade the database schema (Alembic migrations to head)."""
    settings = settings_for(db_url)
    open_store(settings)
    click.echo(f"database ready: {settings.database_url}")


@cli.group()
def trust() -> None:
    """Manage the organisations whose libraries are converged."""


@trust.command("add")
@click.argument("code")
@click.argument("name")
@db_option
def trust_add(code: str, name: str, db_url: str | None) -> None:
    """Add (or rename) an organisation: CODE is short, e.g. JPUH; NAME is its full name."""
    from converge.workflow.library import get_or_create_trust

    factory = open_store(settings_for(db_url))
    try:
        with factory() as session, session.begin():
            t = get_or_create_trust(session, code, name)
            click.echo(f"{t.code}\t{t.name}")
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="CODE") from exc


@trust.command("list")
@db_option
def trust_list(db_url: str | None) -> None:
    """List the organisations."""
    from sqlalchemy import select

    from converge.store.models import Trust

    factory = open_store(settings_for(db_url))
    with factory() as session:
        for t in session.scalars(select(Trust).order_by(Trust.code)):
            click.echo(f"{t.code}\t{t.name}")


@cli.command()
@click.option("--trust", "trust_code", required=True, help="Code of the trust whose library this is.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON record per file (JSON Lines).")
@click.option("--workers", type=int, default=None, help="Parser processes (default: one per core).")
@click.option("--create-trust", is_flag=True, help="Add the trust if it is not known yet (else refused).")
@click.option(
    "--match/--no-match",
    "queue_match",
    default=True,
    show_default=True,
    help="Queue the matching of the new documents for a consumer.",
)
@db_option
@domain_errors
def ingest(
    trust_code: str,
    paths: tuple[Path, ...],
    as_json: bool,
    workers: int | None,
    create_trust: bool,
    queue_match: bool,
    db_url: str | None,
) -> None:
    """Ingest files, folders and zip archives of one trust's library.

    Idempotent: files already held are reported "unchanged". Exits with status 2 when any file was rejected.
    A trust not known yet is refused (a typo would start a new organisation) unless --create-trust.
    """
    from sqlalchemy import select

    from converge.store.models import Trust
    from converge.workflow.library import ingest_paths

    settings = settings_for(db_url, workers=workers)
    factory = open_store(settings)
    with factory() as session:
        known = session.scalar(select(Trust.id).where(Trust.code == trust_code.strip().upper()))
    if known is None and not create_trust:
        raise click.ClickException(
            f"no trust {trust_code.strip().upper()!r}: add it with `converge trust add CODE NAME` "
            "or pass --create-trust"
        )
    with Progress(
        TextColumn("[bold]ingest {task.fields[trust]}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.fields[last]}"),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as progress:
        task = progress.add_task("ingest", total=None, trust=trust_code.upper(), last="")

        def on_result(result) -> None:  # type: ignore[no-untyped-def]
            progress.update(task, advance=1, last=Path(result.path).name[:40])
            if as_json:
                click.echo(json.dumps(result.to_json()))

        try:
            results = ingest_paths(
                factory,
                trust_code,
                list(paths),
                settings,
                on_total=lambda n: progress.update(task, total=n),
                on_result=on_result,
            )
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--trust") from exc
    _print_ingest_summary(results)
    if queue_match:
        from converge.cli.jobs import queue_matching

        queue_matching(factory, settings, results)
    if any(r.status == "rejected" for r in results):
        sys.exit(2)


@contextmanager
def _two_part_progress(waiting: str, working: str) -> Iterator[Callable[[int, int], None]]:
    """A spinner labelled `waiting` until the first progress(done, total) call, then a bar for `working`."""
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as bar:
        task = bar.add_task(waiting, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, description=working, completed=done, total=total)

        yield update


def _print_ingest_summary(results: list[Any]) -> None:
    counts = Counter(r.status for r in results)
    table = Table(title="Ingest summary", show_edge=False)
    table.add_column("status")
    table.add_column("files", justify="right")
    for status in ("ingested", "superseded", "unchanged", "rejected"):
        table.add_row(status, str(counts.get(status, 0)))
    err.print(table)
    for r in results:
        if r.status == "rejected":
            err.print(f"[red]rejected[/red] {r.path}: {r.reason}", markup=True, highlight=False)


@cli.command()
@click.option("--trust", "trust_code", default=None, help="Only this trust's documents.")
@click.option("--current", is_flag=True, help="Hide superseded versions.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of documents.")
@db_option
def documents(trust_code: str | None, current: bool, as_json: bool, db_url: str | None) -> None:
    """List stored documents (id, trust, title, metadata, source path, status)."""
    from converge.workflow.library import document_json, list_documents
    from converge.workflow.versions import possible_versions

    factory = open_store(settings_for(db_url))
    with factory() as session:
        rows = list_documents(session, trust_code, include_superseded=not current)
        pairs: dict[str, list[dict]] = {}
        for pair in possible_versions(session):
            pairs.setdefault(pair["older"], []).append(pair)
            pairs.setdefault(pair["newer"], []).append(pair)
        records = [document_json(r, pairs.get(r.id)) for r in rows]
    if as_json:
        click.echo(json.dumps(records, indent=2))
        return
    table = Table(show_edge=False)
    for col in ("id", "status", "title", "reference", "version", "review"):
        table.add_column(col)
    for r in records:
        meta = r["metadata"]
        assert isinstance(meta, dict)
        table.add_row(
            str(r["id"]),
            str(r["status"]),
            str(r["title"])[:60],
            meta.get("reference", ""),
            meta.get("version", ""),
            meta.get("review_date", ""),
        )
    Console().print(table)


@trust.command("sync")
@click.option(
    "--file",
    "orgs_file",
    default="ingest/trusts.toml",
    show_default=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Organisations file.",
)
@db_option
@domain_errors
def trust_sync(orgs_file: Path, db_url: str | None) -> None:
    """Add or update every organisation listed in the organisations file (names and local terms)."""
    from converge.workflow.groups import diff_context_for, stale_group_ids
    from converge.workflow.jobs import new_job
    from converge.workflow.taskqueue import enqueue

    settings = settings_for(db_url)
    factory = open_store(settings)
    for code, name in _sync_orgs(factory, orgs_file):
        click.echo(f"{code}\t{name}")
    # New local terms change what counts as local variation: every group is compared again, in the
    # background (groups not compared yet by then are compared at their first view).
    with factory() as session, session.begin():
        ids = [
            new_job(session, "compare", {"group": gid}, actor="converge trust sync").id
            for gid in stale_group_ids(session, diff_context_for(session))
        ]
    if ids:
        enqueue(settings, ids)
        err.print(f"{len(ids)} groups queued to be compared again (`converge jobs` follows them)")


def _sync_orgs(factory, orgs_file: Path) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    from converge.workflow.library import get_or_create_trust
    from converge.workflow.orgs import load_orgs

    out = []
    with factory() as session, session.begin():
        for org in load_orgs(orgs_file):
            t = get_or_create_trust(session, org.code, org.name)
            t.local_terms = list(org.local_terms)
            out.append((t.code, t.name))
    return out


@cli.command()
@click.option("--full", is_flag=True, help="Re-match every current document, not only those in no group yet.")
@click.option("--queue", "use_queue", is_flag=True, help="Hand the comparisons to queue consumers.")
@click.option("--no-wait", is_flag=True, help="With --queue: return once they are queued.")
@db_option
@domain_errors
def match(full: bool, use_queue: bool, no_wait: bool, db_url: str | None) -> None:
    """Match equivalent documents across trusts, save the proposed groups and compare the changed ones.

    By default only documents in no group yet are matched (an ingest queues that for its own documents);
    --full re-matches everything. People's decisions (confirmed, rejected, regrouped, "no counterpart")
    are kept and never overwritten. The comparisons run here, or with --queue in `converge worker`s.
    """
    from converge.cli.jobs import match_and_compare

    settings = settings_for(db_url)
    factory = open_store(settings)
    note, compared = match_and_compare(factory, settings, full=full, queue=use_queue, wait=not no_wait)
    err.print(f"{note}; {compared} groups {'queued for comparison' if use_queue and no_wait else 'compared'}")


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print groups and gaps as JSON.")
@db_option
def matches(as_json: bool, db_url: str | None) -> None:
    """List the match groups (with members) and the gaps: topics some trusts lack."""
    from sqlalchemy import select

    from converge.store.models import Trust
    from converge.workflow.groups import active_groups, gaps_json, group_json

    factory = open_store(settings_for(db_url))
    with factory() as session:
        rows = active_groups(session)
        trusts = list(session.scalars(select(Trust.code).order_by(Trust.code)))
        data = {"groups": [group_json(r) for r in rows], "gaps": gaps_json(rows, trusts)}
    if as_json:
        click.echo(json.dumps(data, indent=2))
        return
    table = Table(show_edge=False)
    for col in ("group", "status", "conf.", *trusts):
        table.add_column(col)
    for g in data["groups"]:
        by_trust = {m["trust"]: m["title"][:38] for m in g["members"]}
        table.add_row(
            str(g["id"]), g["status"], f"{g['confidence']:.2f}", *(by_trust.get(t, "—") for t in trusts)
        )
    Console().print(table)


def _resolve_documents(factory, refs: tuple[str, ...], settings: Settings):  # type: ignore[no-untyped-def]
    """Documents for `converge diff`: stored ids, or files parsed on the fly."""
    from converge.core.errors import NotFound
    from converge.core.parsers import parse_file
    from converge.store.models import StoredDocument
    from converge.workflow.library import load_document

    docs = []
    with factory() as session:
        for n, ref in enumerate(refs):
            row = session.get(StoredDocument, ref)
            if row is not None:
                docs.append(load_document(row))
            elif Path(ref).is_file():
                label = Path(ref).parent.name.upper() or "ABC"[n]
                docs.append(parse_file(ref, label if label.isalnum() else "ABC"[n], settings))
            else:
                raise NotFound(f"{ref!r} is neither a stored document id nor a file")
    return docs


@cli.command()
@click.argument("refs", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print aligned sections and changes as JSON.")
@click.option("--significant", is_flag=True, help="Show only clinically significant changes.")
@db_option
@domain_errors
def diff(refs: tuple[str, ...], as_json: bool, significant: bool, db_url: str | None) -> None:
    """Compare two or three documents: REFS are stored document ids or file paths."""
    from converge.core.diff import diff_documents, diff_group, diff_to_dict, render_text

    if not 2 <= len(refs) <= 3:
        raise click.UsageError("give two or three documents")
    settings = settings_for(db_url)
    factory = open_store(settings)
    from converge.workflow.groups import diff_context_for

    docs = _resolve_documents(factory, refs, settings)
    with factory() as session:
        context = diff_context_for(session)
    if len(docs) == 2:
        result = diff_documents(docs[0], docs[1], context)
        if as_json:
            click.echo(json.dumps(diff_to_dict(result), indent=2))
        else:
            click.echo(render_text(result, significant_only=significant))
        return
    group = diff_group(docs, context)
    if as_json:
        click.echo(json.dumps(diff_to_dict(group), indent=2))
    else:
        click.echo(render_text(group, significant_only=significant))


@cli.command("eval")
@click.option(
    "--truth",
    "truth_path",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="truth.json of a labelled corpus (document paths are relative to its folder).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--workers", type=int, default=None, help="Parser processes (default: one per core).")
@click.option(
    "--db",
    "db_url",
    default=None,
    metavar="URL",
    help="Scratch database to ingest into (default: a new SQLite file in a temporary folder).",
)
@click.option(
    "--cache",
    "cache_dir",
    default=None,
    type=click.Path(file_okay=False, path_type=Path),
    help="Keep and reuse the ingested SQLite database here (keyed by file hashes and parser code).",
)
@domain_errors
def evaluate(
    truth_path: Path, as_json: bool, workers: int | None, db_url: str | None, cache_dir: Path | None
) -> None:
    """Measure what a user gets on a labelled corpus: ingest its files into a scratch database, match,
    and score the stored groups (cross-library pairwise precision, recall, F1; near misses linked; groups
    found) and the diff (planted differences found), beside the baselines a governance lead would use."""
    from converge.workflow.evaluation import evaluate_corpus, format_report

    report = evaluate_corpus(
        truth_path, Settings.from_env(workers=workers), progress=err, db_url=db_url, cache_dir=cache_dir
    )
    click.echo(json.dumps(report, indent=2) if as_json else format_report(report))


@cli.group()
def user() -> None:
    """Manage the people who sign in to the web UI."""


@user.command("add")
@click.argument("username")
@click.option("--role", type=click.Choice(["admin", "lead", "reviewer", "viewer"]), required=True)
@click.option("--trust", "trust_code", default=None, help="The lead's own trust (required for --role lead).")
@click.option("--specialty", default=None, help="A reviewer's specialty (default: all).")
@click.option("--name", "display_name", default="", help="Display name.")
@click.option("--email", default=None, help="Where notifications are mailed (when SMTP is set up).")
@click.password_option(envvar="CONVERGE_NEW_PASSWORD", help="Password (prompted when not given).")
@db_option
@domain_errors
def user_add(
    username: str,
    role: str,
    trust_code: str | None,
    specialty: str | None,
    display_name: str,
    email: str | None,
    password: str,
    db_url: str | None,
) -> None:
    """Add a user who can sign in to the web UI."""
    from converge.workflow.accounts import create_user

    factory = open_store(settings_for(db_url))
    with factory() as session, session.begin():
        u = create_user(
            session,
            username,
            password,
            role,
            display_name=display_name,
            trust=trust_code,
            specialty=specialty,
            email=email,
        )
        click.echo(f"added {u.username} ({role})")


@user.command("unlock")
@click.argument("username")
@db_option
@domain_errors
def user_unlock(username: str, db_url: str | None) -> None:
    """Let an account locked after too many wrong passwords sign in again."""
    from converge.workflow.accounts import unlock_user

    factory = open_store(settings_for(db_url))
    with factory() as session, session.begin():
        u = unlock_user(session, username)
        click.echo(f"unlocked {u.username}")


@user.command("password")
@click.argument("username")
@click.password_option(envvar="CONVERGE_NEW_PASSWORD", help="New password (prompted when not given).")
@db_option
@domain_errors
def user_password(username: str, password: str, db_url: str | None) -> None:
    """Set a user's password; every session signed in with the old one ends."""
    from converge.workflow.accounts import set_password

    factory = open_store(settings_for(db_url))
    with factory() as session, session.begin():
        u = set_password(session, username, password)
        click.echo(f"password changed for {u.username}; their sessions have ended")


@cli.command()
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="File.")
@db_option
@domain_errors
def backup(out: Path, db_url: str | None) -> None:
    """Write the whole database (uploaded originals, decisions, drafts, audit trail, users) to a file."""
    from converge.store.backup import write_backup
    from converge.store.session import make_engine

    if not out.parent.is_dir():
        raise click.ClickException(f"the folder {out.parent} does not exist")
    settings = settings_for(db_url)
    url = check_database_url(settings.database_url)
    open_store(settings)
    engine = make_engine(url)
    try:
        counts = write_backup(engine, out)
    finally:
        engine.dispose()
    click.echo(f"backed up {sum(counts.values()):,} rows of {len(counts)} tables to {out}")


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option
@domain_errors
def restore(file: Path, db_url: str | None) -> None:
    """Restore a `converge backup` FILE into an empty database (SQLite or PostgreSQL, either way)."""
    from sqlalchemy.exc import SQLAlchemyError

    from converge.store.backup import restore_backup

    url = check_database_url(settings_for(db_url).database_url)
    try:
        counts = restore_backup(url, file)
    except SQLAlchemyError as exc:
        raise DatabaseUnusable(f"cannot restore into {_shown(url)}: {_first_line(exc)}") from exc
    click.echo(f"restored {sum(counts.values()):,} rows of {len(counts)} tables from {file}")


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Worker processes (gunicorn, Linux); 2-4 on a two-core server. 1 = one waitress process.",
)
@click.option(
    "--threads", default=8, show_default=True, type=click.IntRange(1, 64), help="Threads per worker process."
)
@click.option("--debug", is_flag=True, help="Flask's debug server with reloader (development only).")
@click.option(
    "--no-worker", is_flag=True, help="Start no queue consumer (run `converge worker`s elsewhere)."
)
@db_option
def serve(
    host: str, port: int, workers: int, threads: int, debug: bool, no_worker: bool, db_url: str | None
) -> None:
    """Serve the web UI (gunicorn with --workers N, else waitress; --debug for Flask's development server)
    with a queue consumer for background jobs (uploads, matching, comparisons) unless --no-worker."""
    _serve(settings_for(db_url), host, port, debug, workers=workers, threads=threads, consumer=not no_worker)


def _serve(
    settings: Settings,
    host: str,
    port: int,
    debug: bool = False,
    workers: int = 1,
    threads: int = 8,
    consumer: bool = True,
) -> None:
    """Serve, with a `converge worker` process beside the web server unless `consumer` is False."""
    from converge.cli.jobs import start_consumer

    open_store(settings)  # migrate once, in this process, before any worker starts
    _check_can_listen(host, port)
    process = start_consumer(settings) if consumer else None
    try:
        _serve_web(settings, host, port, debug, workers, threads)
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=30)


def _serve_web(settings: Settings, host: str, port: int, debug: bool, workers: int, threads: int) -> None:
    """Run the web app: one process under waitress, or `workers` gunicorn processes.

    One Python process runs one request's Python at a time, so on a multi-core server several worker
    processes are what raises throughput. Gunicorn forks them (Linux and macOS only); where it cannot be
    imported the server falls back to waitress in one process and says so.
    """
    from converge.web import create_app
    from converge.web.db import dispose

    config = {"DATABASE_URL": settings.database_url, "AUTO_MIGRATE": False}
    if workers > 1 and not debug:
        try:
            from converge.web.server import run_gunicorn
        except ImportError:
            err.print("gunicorn is not available here: serving with waitress in one process instead")
        else:
            # Built once here so the instance secret key exists before workers race to create it.
            dispose(create_app(config, from_env=True))
            err.print(
                f"Converge is serving on http://{host}:{port}/ with {workers} gunicorn workers "
                "(Ctrl+C to stop)"
            )
            run_gunicorn(config, host, port, workers=workers, threads=threads)
            return
    app = create_app(config, from_env=True)
    err.print(f"Converge is serving on http://{host}:{port}/  (Ctrl+C to stop)")
    if debug:
        app.run(host=host, port=port, debug=True)
        return
    from waitress import serve as waitress_serve

    waitress_serve(app, host=host, port=port, threads=threads, _quiet=True)


def _check_can_listen(host: str, port: int) -> None:
    """Refuse at once, in one line, an address this machine cannot listen on (taken, or not its own)."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        family, kind, proto, _, address = infos[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(address)
    except OSError as exc:
        raise click.ClickException(f"cannot serve on {host}:{port}: {exc.strerror or exc}") from exc


DEMO_USERS = (
    ("admin", "admin", None, None),
    ("lead.jpuh", "lead", "JPUH", None),
    ("lead.nnuh", "lead", "NNUH", None),
    ("lead.qeh", "lead", "QEH", None),
    ("reviewer", "reviewer", None, None),
    ("viewer", "viewer", None, None),
)


@cli.command()
@click.option(
    "--orgs",
    "orgs_file",
    default="ingest/trusts.toml",
    show_default=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--no-serve", is_flag=True, help="Load and match only; do not start the web server.")
@db_option
@domain_errors
def demo(orgs_file: Path, host: str, port: int, no_serve: bool, db_url: str | None) -> None:
    """Load the demo corpus of every organisation in ORGS, match it, add demo sign-ins and serve the UI."""
    from sqlalchemy import select

    from converge.store.models import User
    from converge.workflow.accounts import create_user
    from converge.workflow.library import ingest_paths
    from converge.workflow.orgs import load_orgs

    settings = settings_for(db_url)
    factory = open_store(settings)
    _sync_orgs(factory, orgs_file)
    for org in load_orgs(orgs_file):
        if org.library is None or not org.library.exists():
            err.print(f"[yellow]{org.code}: no demo library folder; skipped[/yellow]")
            continue
        with err.status(f"ingesting {org.code} from {org.library} ..."):
            results = ingest_paths(factory, org.code, [org.library], settings)
        counts = Counter(r.status for r in results)
        err.print(
            f"{org.code}: "
            + ", ".join(
                f"{counts.get(s, 0)} {s}" for s in ("ingested", "superseded", "unchanged", "rejected")
            )
        )
    from converge.cli.jobs import match_and_compare

    note, compared = match_and_compare(factory, settings, full=True)
    err.print(f"matched: {note}; {compared} groups compared")
    err.print("\nDemo sign-ins (demo only: change them for real use):")
    with factory() as session, session.begin():
        for name, role, trust_code, specialty in DEMO_USERS:
            password = f"{name}-demo-pass"
            if session.scalar(select(User).where(User.username == name)) is None:
                create_user(session, name, password, role, trust=trust_code, specialty=specialty)
            err.print(f"  {name:<10} {password:<22} {role}{' of ' + trust_code if trust_code else ''}")
    if not no_serve:
        _serve(settings, host, port)


def _register_extensions() -> None:
    from converge.cli.jobs import register as register_jobs
    from converge.cli.national import register as register_national
    from converge.cli.reports import register as register_reports

    register_reports(cli)
    register_jobs(cli)
    register_national(cli)


_register_extensions()


def main() -> None:
    cli()
