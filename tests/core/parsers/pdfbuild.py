"""Tiny PDFs written byte by byte, for the failure classes real files show (no LibreOffice needed).

`build_pdf` lays out text lines at given sizes and positions in Helvetica; options break the file the way
real libraries' PDFs are broken: a page tree with a kid that is not a page reference, a page whose
MediaBox has two numbers, a font with no Unicode map (pdfminer then prints "(cid:NN)"); `rules` draws
ruling lines on every page, so a grid of them makes a table. A line may be turned (`Text.turn`,
degrees anticlockwise), as a landscape flowchart set on a portrait page is, and pages may be
landscape (`landscape=True`).
"""

from __future__ import annotations

import io
from dataclasses import dataclass


@dataclass(frozen=True)
class Text:
    text: str
    size: float = 11
    x: float = 72
    y: float = 700
    turn: int = 0  # degrees anticlockwise: 90 runs up the page


_TURNS = {0: "1 0 0 1", 90: "0 1 -1 0", 180: "-1 0 0 -1", 270: "0 -1 1 0"}


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def build_pdf(
    pages: list[list[Text]],
    *,
    info_title: str | None = None,
    broken_kid: bool = False,
    bad_mediabox_on: int | None = None,
    cid_font: bool = False,
    rules: tuple[tuple[float, float, float, float], ...] = (),
    landscape: bool = False,
) -> bytes:
    """A PDF of `pages`, each a list of text lines; see the module docstring for the breakages."""
    objects: list[bytes | None] = [None, None]  # 1 catalog, 2 pages: filled in last
    font_id = 3
    if cid_font:
        # Type0 font, Identity-H, no ToUnicode: codes are two-byte CIDs equal to the ASCII codes.
        objects.append(
            b"<< /Type /Font /Subtype /Type0 /BaseFont /Helvetica /Encoding /Identity-H "
            b"/DescendantFonts [4 0 R] >>"
        )
        objects.append(
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Helvetica "
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
            b"/FontDescriptor 5 0 R /DW 500 >>"
        )
        objects.append(
            b"<< /Type /FontDescriptor /FontName /Helvetica /Flags 32 /FontBBox [0 0 1000 1000] "
            b"/ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>"
        )
    else:
        objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    page_ids = []
    for n, lines in enumerate(pages, start=1):
        ops = []
        for line in lines:
            if cid_font:
                encoded = "".join(f"{ord(c):04X}" for c in line.text)
                shown = f"<{encoded}>"
            else:
                shown = f"({_escape(line.text)})"
            ops.append(f"BT /F1 {line.size} Tf {_TURNS[line.turn]} {line.x} {line.y} Tm {shown} Tj ET")
        ops += [f"{x0} {y0} m {x1} {y1} l S" for x0, y0, x1, y1 in rules]  # ruling lines (a table's grid)
        stream = "\n".join(ops).encode("latin-1")
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        content_id = len(objects)
        box = "[0 0]" if bad_mediabox_on == n else ("[0 0 842 595]" if landscape else "[0 0 595 842]")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox {box} /Contents {content_id} 0 R "
            f"/Resources << /Font << /F1 {font_id} 0 R >> >> >>".encode()
        )
        page_ids.append(len(objects))
    kids = " ".join(f"{i} 0 R" for i in page_ids) + (" 7777" if broken_kid else "")
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = f"<< /Type /Pages /Kids [{kids}] /Count {len(page_ids)} >>".encode()
    info_id = None
    if info_title is not None:
        objects.append(f"<< /Title ({_escape(info_title)}) >>".encode())
        info_id = len(objects)
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + (obj or b"null") + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    info = f" /Info {info_id} 0 R" if info_id else ""
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{info} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()
