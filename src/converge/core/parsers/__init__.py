"""Parser protocol and registry: one parser per format, all returning the shared Document.

Built-in parsers register through the same `register()` a third party would use. The registry alone
decides who reads a file, by sniffing its bytes: a converter (legacy formats -> DOCX) hands back bytes of
another format, which are routed again by sniffing, so no parser calls another.
"""

from __future__ import annotations

import dataclasses
import hashlib
import threading
from pathlib import Path

from converge.core.config import Settings
from converge.core.errors import InputTooLarge, ParseError, UnsupportedFormat
from converge.core.model import Document
from converge.core.parsers.base import Converted, Converter, Parser, SourceInfo

__all__ = ["Converted", "Converter", "Parser", "SourceInfo", "find_parser", "parse_bytes", "parse_file", "register"]


_REGISTRY: list[Parser | Converter] = []


def register(parser: Parser | Converter) -> None:
    """Add a parser; later registrations are asked first, so a plugin can override a built-in."""
    _REGISTRY.insert(0, parser)


def registered() -> tuple[Parser | Converter, ...]:
    _load_builtins()
    return tuple(_REGISTRY)


_BUILTINS_LOADED = False
_BUILTINS_LOCK = threading.Lock()


def _load_builtins() -> None:
    """Register the built-in parsers once; a thread arriving meanwhile waits rather than finding an empty
    registry."""
    global _BUILTINS_LOADED
    if _BUILTINS_LOADED:
        return
    with _BUILTINS_LOCK:
        if _BUILTINS_LOADED:
            return
        # Imported here, not at module top, so `converge.core.parsers` stays cheap to import.
        from converge.core.parsers.builtin import BUILTINS

        for parser in BUILTINS:
            register(parser)
        _BUILTINS_LOADED = True


def find_parser(head: bytes, suffix: str) -> Parser | Converter:
    """The parser for a file, by its content first and its name second."""
    for parser in registered():
        if parser.sniff(head, suffix.lower()):
            return parser
    kind = _content_kind(head)
    if kind:
        raise UnsupportedFormat(f"not a document: the file is {kind} saved with a {suffix or 'no'} extension")
    named = _NAMED_FORMATS.get(suffix.lower())
    if named:
        # A kind we read, whose bytes are not that kind: damaged, or something else renamed.
        raise ParseError(
            f"not a readable {named}: its content is not {named} (the file may be damaged, or another kind "
            f"of file renamed {suffix.lower()})"
        )
    raise UnsupportedFormat(f"unsupported file type {suffix or '(no extension)'!r}")


# Names people know the formats by, for the extensions the built-in parsers read by their content.
_NAMED_FORMATS = {
    ".pdf": "PDF",
    ".doc": "Word document",
    ".dot": "Word document",
    ".rtf": "RTF document",
    ".odt": "OpenDocument text",
    ".wpd": "WordPerfect document",
}


def _content_kind(head: bytes) -> str | None:
    """What a file no parser claims really holds, by its first bytes, for a reason a lead can act on."""
    text = head[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<!doctype html", b"<html")) or b"<html" in text[:512]:
        return "a web page (HTML)"
    for magic, kind in (
        (b"\x89png", "an image (PNG)"),
        (b"\xff\xd8\xff", "an image (JPEG)"),
        (b"gif8", "an image (GIF)"),
    ):
        if text.startswith(magic):
            return kind
    return None


def parse_bytes(data: bytes, *, trust: str, path: str, settings: Settings | None = None) -> Document:
    """Parse in-memory bytes named `path` into a Document for `trust`."""
    settings = settings or Settings()
    if not data:
        raise ParseError("empty file")
    if len(data) > settings.max_file_bytes:
        raise InputTooLarge(f"file is {len(data):,} bytes; the limit is {settings.max_file_bytes:,}")
    parser = find_parser(data[:4096], Path(path).suffix)
    source = SourceInfo(path=path, sha256=hashlib.sha256(data).hexdigest(), size=len(data))
    if not isinstance(parser, Converter):
        return parser.parse(data, trust=trust, source=source, settings=settings)
    return _parse_converted(parser, data, trust=trust, source=source, settings=settings)


def _parse_converted(
    converter: Converter, data: bytes, *, trust: str, source: SourceInfo, settings: Settings
) -> Document:
    """Convert, route the result by sniffing, and record the original's format and the converter on it."""
    converted = converter.convert(data, source=source, settings=settings)
    parser = find_parser(converted.data[:4096], converted.suffix)
    if isinstance(parser, Converter):
        raise ParseError(f"{converter.name} produced a file that needs converting again")
    document = parser.parse(converted.data, trust=trust, source=source, settings=settings)
    record = dataclasses.replace(
        document.source, media_type=converted.media_type, parser=f"{converter.name}@{converter.version}"
    )
    return dataclasses.replace(document, source=record)


def parse_file(path: str | Path, trust: str, settings: Settings | None = None) -> Document:
    """Parse one file on disk into a Document for `trust`."""
    path = Path(path)
    settings = settings or Settings()
    size = path.stat().st_size
    if size > settings.max_file_bytes:
        raise InputTooLarge(f"file is {size:,} bytes; the limit is {settings.max_file_bytes:,}")
    return parse_bytes(path.read_bytes(), trust=trust, path=str(path), settings=settings)


__all__ = [
    "Converted",
    "Converter",
    "Parser",
    "SourceInfo",
    "register",
    "registered",
    "find_parser",
    "parse_bytes",
    "parse_file",
]
