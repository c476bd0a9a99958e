"""What every parser and converter shares: the protocols they implement and the records they pass.

Apart from the registry (converge.core.parsers) so a parser module can name them without importing the
registry that imports it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from converge.core.config import Settings
from converge.core.model import Document


class Parser(Protocol):
    """Turns one file's bytes into a Document. `name@version` is recorded on every document it makes."""

    name: str
    version: int
    media_type: str

    def sniff(self, head: bytes, suffix: str) -> bool:
        """True when this parser handles a file starting with `head` (and named with `suffix`)."""
        ...

    def parse(self, data: bytes, *, trust: str, source: SourceInfo, settings: Settings) -> Document: ...


@runtime_checkable
class Converter(Protocol):
    """Turns one file's bytes into another format a registered parser reads (LibreOffice: .doc -> .docx)."""

    name: str
    version: int
    media_type: str

    def sniff(self, head: bytes, suffix: str) -> bool: ...

    def convert(self, data: bytes, *, source: SourceInfo, settings: Settings) -> Converted: ...


@dataclass(frozen=True, slots=True)
class Converted:
    """A converter's output: the new bytes, a name to sniff them by, and the original's media type."""

    data: bytes
    suffix: str
    media_type: str


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """What a parser knows of where its bytes came from."""

    path: str  # as given to ingest (or "archive.zip/member")
    sha256: str
    size: int
