"""Legacy word-processor formats (.doc, .rtf, .odt, .wpd): LibreOffice -> DOCX, which the registry parses.

Older trust libraries still hold Word 97-2003 files. Converting them once with LibreOffice headless keeps
one set of structure rules (the DOCX parser's) instead of a second, weaker reader per format.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from converge.core.config import Settings
from converge.core.errors import NeedsConverter, ParseError
from converge.core.office import OfficeError, convert, find_soffice
from converge.core.parsers.base import Converted, SourceInfo

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODT_MIMETYPE = b"mimetypeapplication/vnd.oasis.opendocument.text"

# kind -> (suffix given to LibreOffice, media type recorded on the document)
_KINDS: dict[str, tuple[str, str]] = {
    "doc": (".doc", "application/msword"),
    "rtf": (".rtf", "application/rtf"),
    "odt": (".odt", "application/vnd.oasis.opendocument.text"),
    "wpd": (".wpd", "application/vnd.wordperfect"),
}
_DOC_SUFFIXES = (".doc", ".dot", ".wbk")
# An OLE container named as a Word 2007+ file is a renamed .doc or an encrypted .docx: both are read here.
_DOCX_SUFFIXES = (".docx", ".docm", ".dotx", ".dotm")


def detect_kind(head: bytes, suffix: str) -> str | None:
    """Which legacy format `head` holds, by magic bytes (a .doc also needs a Word-ish name)."""
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"PK\x03\x04") and _ODT_MIMETYPE in head[:200]:
        return "odt"
    if head.startswith(b"\xffWPC"):
        return "wpd"
    # OLE holds Excel, Outlook and encrypted OOXML files too; only claim the ones named as Word files.
    if head.startswith(OLE_MAGIC) and suffix in (*_DOC_SUFFIXES, *_DOCX_SUFFIXES, ""):
        return "doc"
    return None


class LegacyParser:
    """.doc / .rtf / .odt / .wpd: converted to DOCX by LibreOffice; the registry routes that by sniffing."""

    name = "legacy+docx"
    version = 2
    media_type = "application/msword"

    def sniff(self, head: bytes, suffix: str) -> bool:
        return detect_kind(head, suffix) is not None

    def convert(self, data: bytes, *, source: SourceInfo, settings: Settings) -> Converted:
        kind = detect_kind(data[:4096], Path(source.path).suffix.lower())
        if kind is None:
            raise ParseError("not a .doc, .rtf, .odt or .wpd file")
        if kind == "doc" and "EncryptionInfo".encode("utf-16-le") in data:
            raise ParseError("encrypted (password-protected) document")
        docx = convert_to_docx(data, kind, settings)
        return Converted(data=docx, suffix=".docx", media_type=_KINDS[kind][1])


PARSER = LegacyParser()


def find_libreoffice(settings: Settings) -> str | None:
    """Path of the LibreOffice executable named in settings, or None when it is not installed."""
    return find_soffice(settings.libreoffice)


def convert_to_docx(data: bytes, kind: str, settings: Settings) -> bytes:
    """DOCX bytes of a legacy document, converted by LibreOffice headless in a private temp folder."""
    suffix = _KINDS[kind][0]
    if find_libreoffice(settings) is None:
        raise NeedsConverter(
            f"needs LibreOffice (soffice) to read {suffix} files; install libreoffice-writer"
        )
    with tempfile.TemporaryDirectory(prefix="converge-lo-") as tmp:
        src = Path(tmp) / f"input{suffix}"
        src.write_bytes(data)
        try:
            (result,) = convert(
                [src],
                "docx:MS Word 2007 XML",
                Path(tmp) / "out",
                executable=settings.libreoffice,
                timeout=settings.converter_timeout,
            )
        except OfficeError as exc:
            if "longer than" in str(exc):
                raise ParseError(
                    f"LibreOffice took longer than {settings.converter_timeout}s to convert the {suffix} file"
                ) from exc
            raise ParseError(
                f"LibreOffice could not convert the {suffix} file "
                f"(corrupt, encrypted or not really {suffix}): {exc}"
            ) from exc
        return result.read_bytes()
