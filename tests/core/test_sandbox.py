"""The parsers' sandbox: each file is parsed in a process forked from a server that loaded the parsers."""

from __future__ import annotations

import multiprocessing
import sys
from multiprocessing.connection import Connection

import pytest

from converge.core import sandbox

# What a parser process would otherwise import for its first DOCX or PDF.
PARSER_MODULES = (
    "docx",
    "pdfplumber",
    "converge.core.parsers.docx",
    "converge.core.parsers.docx.reader",
    "converge.core.parsers.pdf",
)


def _report_loaded(send: Connection) -> None:
    send.send([name for name in PARSER_MODULES if name in sys.modules])
    send.close()


@pytest.mark.skipif("forkserver" not in multiprocessing.get_all_start_methods(), reason="no fork server here")
def test_a_parser_process_starts_with_the_parsers_loaded() -> None:
    sandbox.start_server()
    context = sandbox.parser_context()
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_report_loaded, args=(send,))
    process.start()
    send.close()
    try:
        loaded = receive.recv()
    finally:
        process.join(10)
    assert loaded == list(PARSER_MODULES)
