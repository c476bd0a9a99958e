"""A cap on the bytes pdfminer inflates, per stream and per document: a 2 MB PDF whose content stream
inflates to gigabytes is refused when it passes the cap, before the memory is taken.

pdfminer inflates FlateDecode streams with `zlib.decompress(data)` (and, for damaged ones, a
`zlib.decompressobj()` fed byte by byte) in `pdfminer.pdftypes`; `install()` gives that module a `zlib` of
our own whose inflation stops at the caps. pdfplumber and our parser may swallow the error and carry on
with an empty page, so the trip is also remembered (`tripped()`), and the caller rejects the file.
"""

from __future__ import annotations

import zlib as _zlib
from types import SimpleNamespace
from typing import Any

from converge.core.errors import InputTooLarge

MB = 1024 * 1024
_state: dict[str, Any] = {"stream": 256 * MB, "document": 512 * MB, "used": 0, "tripped": "", "memory": ""}


class InflateLimit(InputTooLarge):
    """A compressed stream or document expands beyond the configured size."""


def configure(stream_bytes: int, document_bytes: int, memory_message: str = "") -> None:
    """Set the caps and start a new document's count; `memory_message` is the reason given when inflating
    fails for want of memory (the process's memory limit, when it has one)."""
    _state.update(stream=stream_bytes, document=document_bytes, used=0, tripped="", memory=memory_message)


def _out_of_memory(exc: BaseException) -> BaseException:
    """A failed allocation while inflating: remembered like a cap, since the parser may call it
    corruption."""
    if isinstance(exc, MemoryError) or "allocate" in str(exc):
        _state["tripped"] = (
            _state["tripped"] or _state["memory"] or "file too large to inflate (out of memory)"
        )
    return exc


def tripped() -> str:
    """The reason, if a cap was hit since `configure()` ('' if not)."""
    return str(_state["tripped"])


def _trip(message: str) -> InflateLimit:
    _state["tripped"] = _state["tripped"] or message
    return InflateLimit(message)


def _account(produced: int, stream_total: int) -> None:
    if stream_total > _state["stream"]:
        raise _trip(f"a compressed stream expands beyond {_state['stream'] // MB} MB (possible PDF bomb)")
    _state["used"] = int(_state["used"]) + produced
    if _state["used"] > _state["document"]:
        raise _trip(f"the document's streams expand beyond {_state['document'] // MB} MB (possible PDF bomb)")


class _BoundedDecompressor:
    """zlib.decompressobj that counts what it produces against the caps."""

    def __init__(self, *args: object) -> None:
        self._inner = _zlib.decompressobj(*args)  # type: ignore[arg-type]
        self._total = 0

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        room = int(_state["stream"]) - self._total + 1
        try:
            out = self._inner.decompress(data, room if not max_length else min(max_length, room))
        except (MemoryError, _zlib.error) as exc:
            raise _out_of_memory(exc) from None
        self._total += len(out)
        _account(len(out), self._total)
        return out

    def flush(self, *args: int) -> bytes:
        out = self._inner.flush(*args)
        self._total += len(out)
        _account(len(out), self._total)
        return out

    def __getattr__(self, name: str) -> object:
        return getattr(self._inner, name)


def decompress(data: bytes, wbits: int = _zlib.MAX_WBITS, bufsize: int = 0) -> bytes:
    """zlib.decompress, refusing to produce more than the stream cap (in 1 MB steps, never all at once)."""
    inner = _zlib.decompressobj(wbits)
    chunks: list[bytes] = []
    total = 0
    pending = data
    while True:
        try:
            out = inner.decompress(pending, MB)
        except (MemoryError, _zlib.error) as exc:
            raise _out_of_memory(exc) from None
        total += len(out)
        _account(len(out), total)
        try:
            chunks.append(out)
        except MemoryError as exc:
            raise _out_of_memory(exc) from None
        pending = inner.unconsumed_tail
        if inner.eof or (not pending and len(out) < MB):
            break
    if not inner.eof:
        # What zlib.decompress says about a truncated or damaged stream (pdfminer then tries to recover).
        raise _zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
    return b"".join(chunks)


BOUNDED_ZLIB = SimpleNamespace(
    decompress=decompress,
    decompressobj=_BoundedDecompressor,
    error=_zlib.error,
    MAX_WBITS=_zlib.MAX_WBITS,
)


def install() -> None:
    """Give pdfminer's stream decoder the bounded zlib (idempotent)."""
    import pdfminer.pdftypes

    pdfminer.pdftypes.zlib = BOUNDED_ZLIB  # type: ignore[assignment]  # a stand-in with zlib's interface
