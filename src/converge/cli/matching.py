"""`converge match`, `converge matches`, `converge diff` and `converge eval`: groups and differences."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table
from sqlalchemy import select

from converge.cli.common import db_option, domain_errors, err, open_store, settings_for
from converge.cli.jobs import match_and_compare
from converge.core.config import Settings
from converge.core.diff import diff_documents, diff_group, diff_to_dict, render_text
from converge.core.errors import NotFound
from converge.core.parsers import parse_file
from converge.store.models import StoredDocument, Trust
from converge.workflow.comparison.compute import diff_context_for
from converge.workflow.evaluation import ARRIVALS, evaluate_corpus, format_report
from converge.workflow.groups import active_groups, gaps_json, group_json
from converge.workflow.library import load_document


@click.command()
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
    settings = settings_for(db_url)
    factory = open_store(settings)
    note, compared = match_and_compare(factory, settings, full=full, queue=use_queue, wait=not no_wait)
    err.print(f"{note}; {compared} groups {'queued for comparison' if use_queue and no_wait else 'compared'}")


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print groups and gaps as JSON.")
@db_option
def matches(as_json: bool, db_url: str | None) -> None:
    """List the match groups (with members) and the gaps: topics some trusts lack."""
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


def _resolve_documents(factory, refs: tuple[str, ...], settings: Settings):
    """Documents for `converge diff`: stored ids, or files parsed on the fly."""
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


@click.command()
@click.argument("refs", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print aligned sections and changes as JSON.")
@click.option("--significant", is_flag=True, help="Show only clinically significant changes.")
@db_option
@domain_errors
def diff(refs: tuple[str, ...], as_json: bool, significant: bool, db_url: str | None) -> None:
    """Compare two or three documents: REFS are stored document ids or file paths."""
    if not 2 <= len(refs) <= 3:
        raise click.UsageError("give two or three documents")
    settings = settings_for(db_url)
    factory = open_store(settings)

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


@click.command("eval")
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
@click.option(
    "--arrival",
    type=click.Choice(ARRIVALS),
    default="together",
    show_default=True,
    help="together: one whole-library match after every library is stored; by-library: each library "
    "matched on arrival into the groups already stored, as a running consumer does.",
)
@domain_errors
def evaluate(
    truth_path: Path,
    as_json: bool,
    workers: int | None,
    db_url: str | None,
    cache_dir: Path | None,
    arrival: str,
) -> None:
    """Measure what a user gets on a labelled corpus: ingest its files into a scratch database, match,
    and score the stored groups (cross-library pairwise precision, recall, F1; near misses linked; groups
    found) and the diff (planted differences found), beside the baselines a governance lead would use."""
    report = evaluate_corpus(
        truth_path,
        Settings.from_env(workers=workers),
        progress=err,
        db_url=db_url,
        cache_dir=cache_dir,
        arrival=arrival,
    )
    click.echo(json.dumps(report, indent=2) if as_json else format_report(report))

