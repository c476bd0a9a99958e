"""The `converge` command line: one click group, its commands in small modules beside this one.

Each command module (library, matching, people, data, serve, jobs, reports, national) defines plain click
commands; this module puts them on the group. See README.md, "Command line".
"""

from __future__ import annotations

import click

from converge.cli import data, jobs, library, matching, national, people, reports, serve
from converge.cli.common import ConvergeGroup


@click.group(cls=ConvergeGroup)
@click.version_option(package_name="converge")
def cli() -> None:
    """Converge: turn several trusts' libraries of clinical policies into one shared set."""



for command in (
    data.init_db,
    library.trust,
    library.ingest,
    library.documents,
    matching.match,
    matching.matches,
    matching.diff,
    matching.evaluate,
    people.user,
    data.backup,
    data.restore,
    serve.serve,
    serve.demo,
):
    cli.add_command(command)
reports.register(cli)
jobs.register(cli)
national.register(cli)


def main() -> None:
    cli()

