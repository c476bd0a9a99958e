"""Opening a DOCX package safely: zip checks, expansion limits, macro-enabled and template variants."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from converge.core.config import Settings
from converge.core.errors import InputTooLarge, ParseError, UnsafeArchive

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def open_package(data: bytes, settings: Settings) -> Any:
    import docx  # python-docx; imported here so `converge.core.parsers` stays cheap to import

    if not data.startswith(b"PK"):
        raise ParseError("corrupt or truncated DOCX: not a zip package")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            _check_expansion(zf, settings)
            bad = zf.testzip()
            if bad is not None:
                raise ParseError(f"corrupt or truncated DOCX: damaged member {bad}")
            names = set(zf.namelist())
        if "word/document.xml" not in names and not any(n.endswith("document.xml") for n in names):
            raise ParseError("corrupt or truncated DOCX: no word/document.xml")
        try:
            return docx.Document(io.BytesIO(data))
        except ValueError as exc:
            if "content type" not in str(exc):
                raise
            # .docm / .dotx / .dotm: same WordprocessingML, another main content type python-docx refuses.
            return docx.Document(io.BytesIO(_as_plain_docx(data)))
    except ParseError:
        raise
    except Exception as exc:  # zipfile, lxml and python-docx each raise their own kinds
        raise ParseError(f"corrupt or truncated DOCX: {type(exc).__name__}: {exc}") from exc


_MAIN_TYPES = (
    b"application/vnd.ms-word.document.macroEnabled.main+xml",
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)


def _as_plain_docx(data: bytes) -> bytes:
    """The package with its main part relabelled as a plain document (macros are never run or read)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                for kind in _MAIN_TYPES:
                    content = content.replace(kind, MEDIA_TYPE.encode() + b".main+xml")
            dst.writestr(info.filename, content)
    return out.getvalue()


def _check_expansion(zf: zipfile.ZipFile, settings: Settings) -> None:
    """Refuse a DOCX that would expand beyond the archive limits (a zip bomb dressed as a document)."""
    total = 0
    for info in zf.infolist():
        total += info.file_size
        ratio = info.file_size / max(1, info.compress_size)
        if info.file_size > 1_000_000 and ratio > settings.max_compression_ratio:
            raise UnsafeArchive(f"DOCX member {info.filename} expands {ratio:.0f} times: refusing a zip bomb")
    if total > settings.max_archive_bytes:
        raise InputTooLarge(f"DOCX expands to {total:,} bytes; the limit is {settings.max_archive_bytes:,}")
