"""`converge report`, `converge audit-log` and `converge wave add|plan|list`: thin commands over
converge.reports. Registered on the `converge` group by converge.cli.main through register().
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import click

from converge.cli.common import db_option, domain_errors, open_store, settings_for
from converge.reports.exports import write_audit_log, write_report
from converge.reports.figures import ReportFilter, compute_figures, end_of_day
from converge.reports.waves import create_wave, get_wave, plan_groups, plan_specialty
from converge.workflow.actors import Actor


def _day(value: str | None, param: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"use a date like 2025-03-31, not {value!r}", param_hint=param) from exc


def _as_of(value: str | None) -> datetime:
    """The close of the given day, or now."""
    day = _day(value, "--as-of")
    return end_of_day(day) if day else datetime.now(UTC)


def _cli_actor(username: str) -> Actor:
    # The command line is run by whoever administers the installation: acting as a lead on their behalf.
    return Actor(username, "admin")


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "xlsx", "docx"]),
    required=True,
    help="csv/xlsx: the figures (or --groups); docx: the board report.",
)
@click.option(
    "--out", "out", type=click.Path(path_type=Path, dir_okay=False), required=True, help="File to write."
)
@click.option(
    "--as-of",
    "as_of",
    default=None,
    metavar="DATE",
    help="Figures as they stood at the end of this day (default: now).",
)
@click.option("--wave", default="", metavar="NAME", help="Only the groups of this wave.")
@click.option("--specialty", default="", help="Only the groups of this specialty.")
@click.option("--trust", default="", help="Only the groups holding this trust's documents.")
@click.option("--groups", "groups", is_flag=True, help="Write the list of groups instead of the figures.")
@db_option
@domain_errors
def report(
    fmt: str,
    out: Path,
    as_of: str | None,
    wave: str,
    specialty: str,
    trust: str,
    groups: bool,
    db_url: str | None,
) -> None:
    """Write programme progress figures, the group list, or the DOCX board report.

    Every figure is replayed from the audit trail, so --as-of gives the figures of that date.
    """
    moment = _as_of(as_of)
    factory = open_store(settings_for(db_url))
    with factory() as session:
        if wave:
            get_wave(session, wave)  # a misspelt wave is an error, not an empty report
        write_report(
            session,
            fmt,
            out,
            moment,
            ReportFilter(trust=trust, specialty=specialty, wave=wave),
            groups=groups,
        )
    click.echo(f"wrote {out}")

@click.command("audit-log")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="csv", show_default=True)
@click.option(
    "--out", type=click.Path(path_type=Path, dir_okay=False), required=True, help="File to write."
)
@click.option("--from", "start", default=None, metavar="DATE", help="First day (default: the beginning).")
@click.option("--to", "end", default=None, metavar="DATE", help="Last day, included (default: now).")
@db_option
@domain_errors
def audit_log(fmt: str, out: Path, start: str | None, end: str | None, db_url: str | None) -> None:
    """Export every workflow transition and decision of a period: who, when and why."""
    first = _day(start, "--from")
    since = datetime.combine(first, datetime.min.time(), tzinfo=UTC) if first else None
    factory = open_store(settings_for(db_url))
    with factory() as session:
        n = write_audit_log(session, fmt, out, since, _as_of(end))
    click.echo(f"wrote {n} entries to {out}")

@click.group()
def wave() -> None:
    """Waves of the rolling programme of specialty reviews."""

@wave.command("add")
@click.argument("name")
@click.option("--starts", default=None, metavar="DATE", help="Start date.")
@click.option(
    "--target-date", default=None, metavar="DATE", help="Date by which its groups should converge."
)
@click.option(
    "--target",
    type=int,
    default=None,
    help="Groups to converge by the target date (default: all of the wave's groups).",
)
@click.option(
    "--specialty", "specialties", multiple=True, help="Plan this specialty's groups (repeatable)."
)
@click.option("--notes", default="")
@click.option("--actor", default="cli", show_default=True, help="Who is recorded as doing this.")
@db_option
@domain_errors
def wave_add(
    name: str,
    starts: str | None,
    target_date: str | None,
    target: int | None,
    specialties: tuple[str, ...],
    notes: str,
    actor: str,
    db_url: str | None,
) -> None:
    """Create a wave (and plan the groups of its specialties into it)."""
    who = _cli_actor(actor)
    factory = open_store(settings_for(db_url))
    with factory() as session, session.begin():
        row = create_wave(
            session,
            name,
            who,
            starts_on=starts,
            target_date=target_date,
            target_converged=target,
            specialties=specialties,
            notes=notes,
        )
        planned = sum(plan_specialty(session, row, s, who) for s in specialties)
    click.echo(f"created wave {name!r}; planned {planned} groups")

@wave.command("plan")
@click.argument("name")
@click.option("--group", "group_ids", type=int, multiple=True, help="A group id (repeatable).")
@click.option("--specialty", "specialties", multiple=True, help="Every live group of a specialty.")
@click.option("--move", is_flag=True, help="Also take a specialty's groups from other waves.")
@click.option("--actor", default="cli", show_default=True, help="Who is recorded as doing this.")
@db_option
@domain_errors
def wave_plan(
    name: str,
    group_ids: tuple[int, ...],
    specialties: tuple[str, ...],
    move: bool,
    actor: str,
    db_url: str | None,
) -> None:
    """Plan groups into a wave, by id or in bulk by specialty."""
    if not group_ids and not specialties:
        raise click.UsageError("give --group and/or --specialty")
    who = _cli_actor(actor)
    factory = open_store(settings_for(db_url))
    with factory() as session, session.begin():
        row = get_wave(session, name)
        n = plan_groups(session, row, group_ids, who) if group_ids else 0
        n += sum(plan_specialty(session, row, s, who, move=move) for s in specialties)
    click.echo(f"planned {n} groups into {name!r}")

@wave.command("list")
@click.option("--as-of", "as_of", default=None, metavar="DATE", help="Progress at the end of this day.")
@db_option
@domain_errors
def wave_list(as_of: str | None, db_url: str | None) -> None:
    """Waves with their progress against target."""
    factory = open_store(settings_for(db_url))
    with factory() as session:
        fig = compute_figures(session, _as_of(as_of))
    if not fig.waves:
        click.echo("no waves")
    for w in fig.waves:
        click.echo(
            f"{w.name}\t{w.starts_on or '-'} to {w.target_date or '-'}\t{w.converged}/{w.target} "
            f"converged ({w.percent}%)\t{w.groups} groups\t{w.state}"
        )


def register(group: click.Group) -> None:
    """Add the report, audit-log and wave commands to the `converge` group."""
    for command in (report, audit_log, wave,):
        group.add_command(command)
