"""The `converge` command line: one click group, its commands in small modules beside this one.

Each command module (library, matching, people, data, serve, jobs, reports, national) defines plain click
commands; COMMANDS below names them, and a command's module loads only when that command runs (or for
--help), so `converge worker` or `converge --version` does not load the report writers or the matcher.
See README.md, "Command line".
"""

from __future__ import annotations

import importlib

import click

from converge.cli.common import ConvergeGroup

# name -> "module:attribute" of its click command, in the order of README.md's "Command line".
COMMANDS = {
    "init-db": "converge.cli.data:init_db",
    "trust": "converge.cli.library:trust",
    "ingest": "converge.cli.library:ingest",
    "documents": "converge.cli.library:documents",
    "match": "converge.cli.matching:match",
    "worker": "converge.cli.jobs:worker",
    "jobs": "converge.cli.jobs:jobs",
    "matches": "converge.cli.matching:matches",
    "diff": "converge.cli.matching:diff",
    "eval": "converge.cli.matching:evaluate",
    "report": "converge.cli.reports:report",
    "wave": "converge.cli.reports:wave",
    "audit-log": "converge.cli.reports:audit_log",
    "user": "converge.cli.people:user",
    "backup": "converge.cli.data:backup",
    "restore": "converge.cli.data:restore",
    "national": "converge.cli.national:national",
    "serve": "converge.cli.serve:serve",
    "demo": "converge.cli.serve:demo",
}


class LazyGroup(ConvergeGroup):
    """The `converge` group, loading a command's module when the command is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, _, name = COMMANDS[cmd_name].partition(":")
        command: click.Command = getattr(importlib.import_module(module), name)
        return command


@click.group(cls=LazyGroup)
@click.version_option(package_name="converge")
def cli() -> None:
    """Converge: turn several trusts' libraries of clinical policies into one shared set."""


def main() -> None:
    cli()
