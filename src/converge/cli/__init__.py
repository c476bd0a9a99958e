"""The command line: the only place (with web/) that reads options and prints.

main: the `converge` group and the commands on the library, matching, people and the server; reports,
jobs and national: their command groups. Each command is thin: it calls a workflow service or a report.
"""

# The console script of an install made before the layout reads `converge.cli:cli`.
from converge.cli.main import cli, main

__all__ = ["cli", "main"]
