"""Parse one file under limits, in a process of its own: the one way every ingest path parses.

A hostile or broken file can take no more than the limits (docs/settings.md): the process's address space
(RLIMIT_AS), its time (a deadline the parent enforces, and RLIMIT_CPU as a backstop), and the bytes its
compressed streams may inflate to (converge.core.parsers.inflate; DOCX parts by their zip sizes). Whatever
happens inside, the caller gets a Parsed or a Rejected with a reason, and its own memory is untouched:
the web process never parses. Processes fork from a small server that preloaded the parsers, so a file
costs a fork, not an interpreter start; each ends with its parent (PR_SET_PDEATHSIG on Linux).
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import signal
import threading
import zipfile
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from io import BytesIO
from multiprocessing.connection import Connection

from converge.core.config import Settings
from converge.core.ingest import InputFile, Outcome, Parsed, Rejected, _parse_one
from converge.core.parsers import inflate

MB = 1024 * 1024
# A forkserver context where the platform has one, else spawn: both are process-starting contexts.
_Context = multiprocessing.context.ForkServerContext | multiprocessing.context.SpawnContext
_CONTEXT: _Context | None = None
# What the fork server imports once, so that a parser process forked from it imports nothing: the built-in
# parsers, registered, and the libraries they import only when first used. Importing them in every parser
# process cost it about 80 ms of CPU, twice its parse of a small DOCX.
_PRELOAD = ("converge.core.sandbox", "converge.core.parsers.builtin", "pdfplumber", "docx")
_LOCK = threading.Lock()


def parser_context() -> _Context:
    """The context parser processes start from: a fork server that imported _PRELOAD, else spawn."""
    global _CONTEXT
    with _LOCK:
        if _CONTEXT is None:
            ctx: _Context
            if "forkserver" in multiprocessing.get_all_start_methods():
                ctx = multiprocessing.get_context("forkserver")
                ctx.set_forkserver_preload(list(_PRELOAD))
                atexit.register(stop_server)
            else:
                ctx = multiprocessing.get_context("spawn")
            _CONTEXT = ctx
        return _CONTEXT


def start_server() -> None:
    """Start the fork server now rather than at the first file: importing the parsers takes it about a
    second of CPU, which a consumer would otherwise spend while the first upload, and every page being
    served beside it, waits."""
    if isinstance(parser_context(), multiprocessing.context.ForkServerContext):
        from multiprocessing import forkserver

        forkserver.ensure_running()


def stop_server() -> None:
    """Stop the fork server and wait for it, so the resources of the parser processes it reaped are
    counted in this process's children (resource.getrusage(RUSAGE_CHILDREN)), as a direct child's are."""
    from multiprocessing import forkserver

    forkserver._forkserver._stop()  # type: ignore[attr-defined]  # the stdlib's own tests use it


def parse_limited(item: InputFile, trust: str, settings: Settings) -> Outcome:
    """Parse one input in a child process under the settings' limits; never raises for a bad file."""
    receive, send = parser_context().Pipe(duplex=False)
    process = parser_context().Process(target=_child, args=(send, item, trust, settings), daemon=True)
    process.start()
    send.close()
    try:
        if receive.poll(settings.parse_timeout):
            try:
                answer = receive.recv()
                outcome: Outcome = answer if isinstance(answer, Rejected) else Parsed(item, answer)
            except EOFError:
                outcome = _died(item, process, settings)
        else:
            outcome = Rejected(
                item.display_path, f"took longer than {settings.parse_timeout} s to parse", item.sha256
            )
    finally:
        receive.close()
        if process.is_alive():
            process.kill()
        process.join(5)
        process.close()
    return outcome


def _died(item: InputFile, process: multiprocessing.process.BaseProcess, settings: Settings) -> Rejected:
    process.join(5)
    code = process.exitcode
    if code is not None and code < 0 and -code in (signal.SIGKILL, signal.SIGXCPU, signal.SIGSEGV):
        reason = (
            f"parsing needed more than the limits ({settings.parse_memory_mb} MB, "
            f"{settings.parse_timeout} s) and was stopped"
        )
    else:
        reason = f"the parser process ended unexpectedly (exit status {code})"
    return Rejected(item.display_path, reason, item.sha256)


def _child(send: Connection, item: InputFile, trust: str, settings: Settings) -> None:
    """In the child: limits first, then the parse; the outcome goes back through the pipe."""
    apply_limits(settings)
    outcome = parse_one(item, trust, settings)
    # The parent holds the input already: a parsed file comes back as its Document only.
    send.send(outcome.document if isinstance(outcome, Parsed) else outcome)
    send.close()


def apply_limits(settings: Settings) -> None:
    """This process's limits: end with the parent, memory, CPU time, inflated bytes."""
    end_with_parent()
    _let_the_server_go()
    try:
        import resource

        memory = settings.parse_memory_mb * MB
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        cpu = settings.parse_timeout + 5
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    except (ImportError, ValueError, OSError):
        pass  # not a POSIX system: the parent's deadline still applies
    from converge.core.parsers import inflate

    inflate.install()
    inflate.configure(
        settings.max_inflated_stream_mb * MB, settings.max_inflated_document_mb * MB, _memory_reason(settings)
    )


def _memory_reason(settings: Settings) -> str:
    return f"file needs more than {settings.parse_memory_mb} MB to parse (possible decompression bomb)"


def _let_the_server_go() -> None:
    """Close this child's copy of the fork server's "client alive" pipe: while a parser held it, the
    server outlived a killed ingest, and so (being their parent) did the parsers. Closed, the server
    exits when ingest dies, and PR_SET_PDEATHSIG ends the parsers with it."""
    try:
        from multiprocessing import forkserver

        fd = forkserver._forkserver._forkserver_alive_fd  # type: ignore[attr-defined]
        if fd is not None:
            os.close(fd)
            forkserver._forkserver._forkserver_alive_fd = None  # type: ignore[attr-defined]
    except (ImportError, AttributeError, OSError):
        pass


def end_with_parent() -> None:
    """Ask Linux to kill this process when its parent ends (a `kill -9` of ingest leaves no parser)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
        if os.getppid() == 1:  # the parent died before the request took effect
            os._exit(1)
    except (OSError, AttributeError):
        pass


def parse_one(item: InputFile, trust: str, settings: Settings) -> Outcome:
    """Parse in this process (already limited); a tripped inflation cap rejects the file whatever the
    parser made of it, since a parser may carry on past an unreadable stream with an empty page."""
    try:
        data = item.read()
    except OSError as exc:
        return Rejected(item.display_path, f"cannot read: {exc.strerror or exc}", item.sha256)
    too_big = _zip_expands_beyond(data, settings)
    if too_big:
        return Rejected(item.display_path, too_big, item.sha256)
    outcome = _parse_one((InputFile(item.display_path, item.sha256, item.size, data=data), trust, settings))
    if inflate.tripped():
        return Rejected(item.display_path, inflate.tripped(), item.sha256)
    if isinstance(outcome, Rejected) and "out of memory" in outcome.reason:
        return Rejected(item.display_path, _memory_reason(settings), item.sha256)
    return outcome


def _zip_expands_beyond(data: bytes, settings: Settings) -> str:
    """For a zip-based document (DOCX), the reason if its parts expand beyond the caps, else ''.

    zipfile never reads more than a member's recorded size, so the recorded sizes bound what a parser of
    the file can inflate.
    """
    if data[:2] != b"PK":
        return ""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            sizes = [m.file_size for m in archive.infolist()]
    except (zipfile.BadZipFile, OSError, ValueError):
        return ""  # the parser says what is wrong with it
    part, total = settings.max_inflated_stream_mb, settings.max_inflated_document_mb
    if sizes and max(sizes) > part * MB:
        return f"a part of the document expands beyond {part} MB (possible zip bomb)"
    if sum(sizes) > total * MB:
        return f"the document expands beyond {total} MB (possible zip bomb)"
    return ""


def worker_count(settings: Settings) -> int:
    return settings.workers if settings.workers > 0 else (os.cpu_count() or 1)


def parse_inputs(
    items: list[InputFile],
    trust: str,
    settings: Settings,
    on_done: Callable[[Outcome], None] | None = None,
) -> Iterator[Outcome]:
    """Parse inputs, each in a process of its own under the limits (parse_limited), `workers` at a
    time, yielding outcomes in input order."""
    workers = min(worker_count(settings), max(len(items), 1))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="converge-parse") as pool:
        for outcome in pool.map(lambda item: parse_limited(item, trust, settings), items):
            if on_done:
                on_done(outcome)
            yield outcome
