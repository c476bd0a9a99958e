"""File-format work for the corpora: LibreOffice batch conversion, scans, reproducible bytes.

LibreOffice starts slowly (seconds), so conversions to one target format run as few `soffice` calls over
`CHUNK` files each, with a private profile so they never collide with another running LibreOffice.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import tempfile
import time
import zipfile
from pathlib import Path

# LibreOffice filter per target extension.
FILTERS = {
    "pdf": "pdf:writer_pdf_Export",
    "doc": "doc:MS Word 97",
    "rtf": "rtf:Rich Text Format",
    "odt": "odt",
}

FIXED_ZIP_TIME = (2024, 1, 1, 0, 0, 0)
_FIXED_STRUCT = time.strptime("2024-01-01", "%Y-%m-%d")


CHUNK = 100  # files per soffice call: a long run may stop part-way (see soffice_convert)


class ConversionError(Exception):
    """LibreOffice or pdftoppm did not produce the expected file."""


def normalise_zip(path: Path, stamp: tuple[int, int, int, int, int, int] = FIXED_ZIP_TIME) -> None:
    """Rewrite a DOCX/ODT zip with fixed member timestamps so identical content gives identical bytes."""
    with zipfile.ZipFile(path) as zin:
        members = [(info, zin.read(info.filename)) for info in zin.infolist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zout:
        for info, data in members:
            new = zipfile.ZipInfo(info.filename, date_time=stamp)
            # ODF requires an uncompressed "mimetype" first; keep each member's own compression.
            new.compress_type = info.compress_type
            new.external_attr = 0o644 << 16
            zout.writestr(new, data, compresslevel=1 if info.compress_type else None)
    path.write_bytes(buf.getvalue())


def save_docx(doc, path: Path) -> None:
    """Save a python-docx Document reproducibly."""
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    normalise_zip(path)


_PDF_DATE = re.compile(rb"/(CreationDate|ModDate)\s*\(D:[^)]*\)")
_PDF_CHECKSUM = re.compile(rb"/DocChecksum\s*/([0-9A-Fa-f]+)")
_PDF_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")


def normalise_pdf(path: Path, when: dt.date) -> None:
    """Pin a PDF's dates and /ID to fixed values of the same byte length, keeping xref offsets valid."""
    data = path.read_bytes()
    stamp = when.strftime("%Y%m%d") + "090000"

    def date(m: re.Match[bytes]) -> bytes:
        old = m.group(0)
        head = b"/" + m.group(1) + b"(D:"
        new = head + stamp.encode()
        body_len = len(old) - len(head) - 1
        filler = (b"Z" + b" " * body_len)[: max(0, body_len - len(stamp))]
        candidate = new + filler + b")"
        return candidate if len(candidate) == len(old) else old

    def ident(m: re.Match[bytes]) -> bytes:
        a, b = m.group(1), m.group(2)
        fixed = stamp.encode().hex().encode()
        return m.group(0).replace(a, (fixed * 4)[: len(a)]).replace(b, (fixed * 4)[: len(b)])

    data = _PDF_DATE.sub(date, data)
    data = _PDF_ID.sub(ident, data)
    data = _PDF_CHECKSUM.sub(lambda m: m.group(0).replace(m.group(1), b"0" * len(m.group(1))), data)
    path.write_bytes(data)


def soffice_convert(
    sources: list[Path], target: str, outdir: Path, profile: Path | None = None, timeout: float = 1800
) -> list[Path]:
    """Convert all `sources` to `target` ("pdf", "doc", "rtf", "odt"), CHUNK files per LibreOffice call.

    `profile` is accepted for old callers and ignored: converge.core.office gives every call its own profile.
    """
    from converge.core.office import OfficeError, convert

    outs: list[Path] = []
    for start in range(0, len(sources), CHUNK):
        chunk = sources[start : start + CHUNK]
        try:
            outs += convert(chunk, FILTERS[target], outdir, timeout=timeout)
        except OfficeError:
            # One long LibreOffice run can stop part-way with exit 0 (seen after ~245 files): the files it
            # left unwritten are converted one by one, and only a file that fails alone is an error.
            outs += [_convert_one(s, target, outdir, timeout) for s in chunk]
    return outs


def _convert_one(source: Path, target: str, outdir: Path, timeout: float) -> Path:
    from converge.core.office import OfficeError, convert

    written = outdir / f"{source.stem}.{target}"
    if written.is_file() and written.stat().st_size:
        return written
    try:
        return convert([source], FILTERS[target], outdir, timeout=timeout)[0]
    except OfficeError as exc:
        raise ConversionError(f"{source.name}: {exc}") from exc


def rasterise_pdf(src: Path, dest: Path, dpi: int = 100) -> None:
    """Turn a PDF into an image-only PDF (a scan without a text layer): pdftoppm pages -> Pillow PDF."""
    from PIL import Image, ImageFilter

    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", "-png", str(src), f"{tmp}/page"],
            check=True,
            capture_output=True,
        )
        pages = sorted(Path(tmp).glob("page*.png"))
        if not pages:
            raise ConversionError(f"pdftoppm made no pages from {src}")
        images = []
        for i, p in enumerate(pages):
            im = Image.open(p).convert("L")
            # A slight skew and blur, as a photocopied sheet fed through a scanner has.
            angle = 0.4 if i % 2 == 0 else -0.3
            im = im.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
            im = im.filter(ImageFilter.GaussianBlur(0.4))
            images.append(im)
        dest.parent.mkdir(parents=True, exist_ok=True)
        images[0].save(
            dest,
            "PDF",
            resolution=float(dpi),
            save_all=True,
            append_images=images[1:],
            title="",
            author="",
            creator="Scanner",
            producer="Scanner",
            creationDate=_FIXED_STRUCT,
            modDate=_FIXED_STRUCT,
        )
