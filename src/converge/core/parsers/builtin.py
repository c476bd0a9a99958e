"""The built-in parsers, in the order they are registered (converge.core.parsers loads them at its first
file).

Kept apart from `converge.core.parsers` so that importing the registry stays cheap; the parsers' sandbox
preloads this module in its fork server, so a parser process forked from it imports no parser.
"""

from __future__ import annotations

from converge.core.parsers.base import Converter, Parser
from converge.core.parsers.docx import PARSER as DOCX
from converge.core.parsers.legacy import PARSER as LEGACY
from converge.core.parsers.pdf import PARSER as PDF
from converge.core.parsers.plaintext import PARSER as PLAINTEXT

BUILTINS: tuple[Parser | Converter, ...] = (PLAINTEXT, LEGACY, PDF, DOCX)
