"""`converge serve` (the web UI with a queue consumer) and `converge demo` (what `make run` runs).

The one command module that imports the web app: serving it is its job.
"""

from __future__ import annotations

import socket
from collections import Counter
from pathlib import Path

import click
from sqlalchemy import select
from waitress import serve as waitress_serve

from converge.cli.common import db_option, domain_errors, err, open_store, settings_for
from converge.cli.jobs import match_and_compare, start_consumer
from converge.cli.library import sync_orgs
from converge.core.config import Settings
from converge.store.models import User
from converge.workflow.accounts import create_user
from converge.workflow.library import ingest_paths
from converge.workflow.orgs import load_orgs


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Worker processes (gunicorn, Linux); 2 on a two-core server. 1 = one waitress process.",
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

    # Flask, the views and their templates load only when serving, not for every command.
    from converge.web import create_app
    from converge.web.db import dispose

    config = {"DATABASE_URL": settings.database_url, "AUTO_MIGRATE": False}
    if workers > 1 and not debug:
        try:  # gunicorn forks: absent on Windows, where waitress serves in one process
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

    waitress_serve(app, host=host, port=port, threads=threads, _quiet=True)


def _check_can_listen(host: str, port: int) -> None:
    """Refuse at once, in one line, an address this machine cannot listen on (taken, or not its own)."""
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


@click.command()
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
    settings = settings_for(db_url)
    factory = open_store(settings)
    sync_orgs(factory, orgs_file)
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

