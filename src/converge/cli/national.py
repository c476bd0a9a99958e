"""`converge national mark|link|links|hold|export`: thin commands over converge.workflow.national and
converge.reports.national.

Registered on the `converge` group by converge.cli.main through register(), like the report commands.
"""

from __future__ import annotations

import json
from pathlib import Path

import click
from sqlalchemy import select

from converge.cli.common import db_option, domain_errors, open_store, settings_for
from converge.reports.national import alignment_docx, alignment_xlsx
from converge.store.models import NationalLink, StoredDocument, Trust
from converge.workflow.national.deviations import alignment_register
from converge.workflow.national.linking import link_library, national_codes, set_kind


@click.group()
def national() -> None:
    """National guidance libraries: link local documents to their sources, hold them against them."""

@national.command("mark")
@click.argument("code")
@click.option("--kind", type=click.Choice(["national", "trust"]), default="national", show_default=True)
@db_option
@domain_errors
def mark(code: str, kind: str, db_url: str | None) -> None:
    """Mark organisation CODE as a national library (NICE, RCEM, ...), or back to a trust."""
    factory = open_store(settings_for(db_url))
    with factory() as session, session.begin():
        t = set_kind(session, code, kind)
        click.echo(f"{t.code}\t{t.kind}")

@national.command("link")
@click.option("--trust", "trusts", multiple=True, help="Only this trust's documents (repeatable).")
@db_option
@domain_errors
def link(trusts: tuple[str, ...], db_url: str | None) -> None:
    """Propose links from local documents to the national documents they adapt (with evidence)."""
    factory = open_store(settings_for(db_url))
    with factory() as session, session.begin():
        if not national_codes(session):
            raise click.ClickException("no national library: mark one with `converge national mark CODE`")
        links = link_library(session, trusts or None)
        click.echo(
            f"{len(links)} links proposed or refreshed for {len({x.local_id for x in links})} documents"
        )

@national.command("links")
@click.option("--trust", "trust_code", default=None, help="Only this trust's documents.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of links with their evidence.")
@db_option
def links(trust_code: str | None, as_json: bool, db_url: str | None) -> None:
    """List the links with their status, score and evidence."""
    factory = open_store(settings_for(db_url))
    with factory() as session:
        q = (
            select(NationalLink)
            .join(StoredDocument, StoredDocument.id == NationalLink.local_id)
            .join(Trust)
            .where(NationalLink.status != "withdrawn")
        )
        if trust_code:
            q = q.where(Trust.code == trust_code.upper())
        rows = [
            {
                "id": x.id,
                "local_id": x.local_id,
                "local": x.local.source_path,
                "local_title": x.local.title,
                "national_id": x.national_id,
                "national": x.national.source_path,
                "national_title": x.national.title,
                "status": x.status,
                "score": x.score,
                "evidence": x.evidence,
            }
            for x in session.scalars(q.order_by(NationalLink.local_id, NationalLink.score.desc()))
        ]
    if as_json:
        click.echo(json.dumps(rows, indent=1))
        return
    for r in rows:
        click.echo(
            f"{r['id']}\t{r['status']}\t{r['score']:.2f}\t{r['local_title']}  ->  {r['national_title']}"
        )
        for e in r["evidence"]:
            click.echo(f"\t\t{e['kind']}: {e['detail']}")

@national.command("export")
@click.option("--format", "fmt", type=click.Choice(["xlsx", "docx"]), required=True)
@click.option(
    "--out", type=click.Path(path_type=Path, dir_okay=False), required=True, help="File to write."
)
@click.option("--trust", "trust_code", default=None, help="Only this trust's documents.")
@click.option("--specialty", default=None, help="Only this specialty.")
@click.option("--include-proposed", is_flag=True, help="Also links not yet confirmed by a lead.")
@db_option
@domain_errors
def export(
    fmt: str,
    out: Path,
    trust_code: str | None,
    specialty: str | None,
    include_proposed: bool,
    db_url: str | None,
) -> None:
    """Write the national-alignment appendix (for a CQC self-assessment)."""
    factory = open_store(settings_for(db_url))
    with factory() as session:
        reports = alignment_register(session, trust_code, specialty, include_proposed)
        data = (alignment_xlsx if fmt == "xlsx" else alignment_docx)(reports, trust_code, specialty)
    out.write_bytes(data)
    click.echo(f"wrote {out} ({len(reports)} linked documents)")


def register(group: click.Group) -> None:
    """Add these commands to the `converge` group."""
    for command in (national,):
        group.add_command(command)
