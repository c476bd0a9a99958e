"""Test pairs built from real published documents (../shared/realdev): re-renders and planted edits.

Nothing here is copied into the repository: the files it writes go to bench/.cache (git-ignored).

Choosing documents (the committed rule, not a hand-picked list): every PDF or DOCX under realdev, grouped
by library (MWL, NATIONAL, NZ, CPICB, and every leaflet folder as LEAFLETS), ordered within its library by
sha256(f"{SEED}:{relative path}"); in that order a file is taken when it is at most MAX_BYTES, parses, has
at most MAX_PAGES pages and at least MIN_WORDS body words, until the library's quota is met.

For each chosen document (its parse is "the original"):
- re-renders with the same words: its body rebuilt as DOCX with python-docx ("docx"), and that DOCX printed
  to PDF by LibreOffice with another page size, font and a running header and footer ("pdf");
- planted edits: the body rebuilt as DOCX after edits at separate paragraphs, each recorded with what it is
  and whether a reviewer must see it ("clinical") or not ("harmless").
"""

from __future__ import annotations

import hashlib
import json
import pickle
import random
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.append(str(ROOT / "src"))  # PYTHONPATH wins, so a "before" run can point at another checkout

from converge.core.model import Block, BlockKind, Document, Layer, Section  # noqa: E402

REALDEV = ROOT.parent / "shared" / "realdev"
CACHE = ROOT / "bench" / ".cache" / "realpairs"
SEED = 13
QUOTAS = {"MWL": 7, "NATIONAL": 7, "NZ": 4, "CPICB": 3, "LEAFLETS": 3}
MAX_BYTES = 3_000_000
MAX_PAGES = 30
MIN_WORDS = 250


@dataclass
class Edit:
    """One planted edit: what was changed, where, and whether a reviewer must see it."""

    kind: str
    expect: str  # "clinical" or "harmless"
    old: str  # words around the edit in the original (a window, for finding the change again)
    new: str  # the same window after the edit
    note: str = ""


@dataclass
class RealDoc:
    name: str  # path relative to realdev
    library: str
    original: Document
    docx: Document | None = None  # re-render: rebuilt as DOCX
    pdf: Document | None = None  # re-render: that DOCX printed to PDF in another layout
    planted: Document | None = None
    edits: list[Edit] = field(default_factory=list)


def library_of(rel: str) -> str:
    top = rel.split("/", 1)[0]
    return top if top in QUOTAS else "LEAFLETS"


def candidates(realdev: Path) -> dict[str, list[str]]:
    """Every PDF/DOCX by library, in the seeded hash order."""
    out: dict[str, list[str]] = {lib: [] for lib in QUOTAS}
    for p in sorted(realdev.rglob("*")):
        if p.suffix.lower() in (".pdf", ".docx") and p.is_file():
            rel = p.relative_to(realdev).as_posix()
            out[library_of(rel)].append(rel)
    for lib in out:
        out[lib].sort(key=lambda r: hashlib.sha256(f"{SEED}:{r}".encode()).hexdigest())
    return out


def _code_fingerprint() -> str:
    """The parsers' source, so a cached parse is redone when the parsing code (or checkout) changes."""
    import converge.core.parsers as parsers

    h = hashlib.sha256()
    for f in sorted(Path(parsers.__file__).parent.rglob("*.py")):
        h.update(f.read_bytes())
    h.update(Path(parsers.__file__).resolve().parents[1].joinpath("text.py").read_bytes())
    return h.hexdigest()[:16]


def parse_cached(path: Path, trust: str) -> Document:
    from converge.core.parsers import parse_file

    key = hashlib.sha256(path.read_bytes()).hexdigest()[:20] + "-" + _code_fingerprint() + "-" + trust
    cached = CACHE / "parsed" / f"{key}.pickle"
    if cached.is_file():
        return pickle.loads(cached.read_bytes())
    doc = parse_file(path, trust)
    cached.parent.mkdir(parents=True, exist_ok=True)
    cached.write_bytes(pickle.dumps(doc))
    return doc


def _body_words(doc: Document) -> int:
    return len(doc.body_text().split())


def choose(realdev: Path) -> list[tuple[str, str, Document]]:
    """(relative path, library, parsed original) for the documents the rule picks."""
    chosen = []
    for lib, rels in candidates(realdev).items():
        taken = 0
        for rel in rels:
            if taken >= QUOTAS[lib]:
                break
            path = realdev / rel
            if path.stat().st_size > MAX_BYTES:
                continue
            try:
                doc = parse_cached(path, lib)
            except Exception:  # a file the parser rejects is not a test document
                continue
            if (doc.source.pages or 0) > MAX_PAGES or _body_words(doc) < MIN_WORDS:
                continue
            chosen.append((rel, lib, doc))
            taken += 1
    return chosen


# --- writing a Document's body as DOCX ---------------------------------------------------------------


def write_docx(doc: Document, out: Path, layout: dict | None = None) -> Path:
    """The body (headings, paragraphs, list items, tables) as a DOCX; `layout` sets page, font, header."""
    import docx
    from docx.shared import Inches, Pt

    from converge.core.docxwrite import add_page_x_of_y

    d = docx.Document()
    if layout:
        style = d.styles["Normal"]
        style.font.name = layout["font"]
        style.font.size = Pt(layout["size"])
        for s in d.sections:
            s.page_width, s.page_height = Inches(layout["page"][0]), Inches(layout["page"][1])
            s.left_margin = s.right_margin = Inches(layout["margin"])
            s.header.paragraphs[0].text = f"{doc.title}    Uncontrolled when printed"
            add_page_x_of_y(s.footer.paragraphs[0], prefix="Version 2.0    ")

    def blocks(bs: tuple[Block, ...]) -> None:
        for b in bs:
            if b.layer != Layer.BODY:
                continue
            if b.kind == BlockKind.TABLE and b.rows:
                width = max(len(r) for r in b.rows)
                t = d.add_table(rows=len(b.rows), cols=width)
                t.style = "Table Grid"
                for i, row in enumerate(b.rows):
                    for j, cell in enumerate(row):
                        t.cell(i, j).text = cell
                continue
            text = " ".join(b.text.split())
            if not text:
                continue
            if b.kind == BlockKind.LIST_ITEM:
                d.add_paragraph(text, style="List Bullet")
            else:
                d.add_paragraph(text)

    blocks(doc.preamble)
    for _, s in doc.walk():
        heading = f"{s.number} {s.heading}" if s.number and not s.heading.startswith(s.number) else s.heading
        d.add_heading(" ".join(heading.split()), level=min(max(s.level, 1), 3))
        blocks(s.blocks)
    out.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(out))
    return out


LAYOUTS = (
    {"page": (8.5, 11.0), "font": "Liberation Serif", "size": 10, "margin": 0.8},  # US Letter, serif
    {"page": (5.83, 8.27), "font": "DejaVu Sans", "size": 9, "margin": 0.6},  # A5, small sans
    {"page": (8.27, 11.69), "font": "Liberation Mono", "size": 9, "margin": 1.2},  # A4, monospace
)


# --- planted edits -------------------------------------------------------------------------------------

ROLES = (
    "consultant",
    "registrar",
    "nurse",
    "doctor",
    "pharmacist",
    "midwife",
    "paramedic",
    "anaesthetist",
    "surgeon",
    "physiotherapist",
)
UNIT_WORDS = (
    r"(?:mg|g|micrograms?|mcg|ml|mL|units?|mmol|mg/kg|ml/kg|mL/kg|kg|%|hours?|hrs?|minutes?|mins?|days?|weeks?"
    r"|years?)"
)
NUM = r"(?<![\w.,/])(\d+(?:\.\d+)?)"


def _window(text: str, s: int, e: int, words: int = 3) -> str:
    """The edited span with a few words either side, within its sentence: enough to find the change again."""
    left = text[:s]
    cut = [m.end() for m in re.finditer(r"\S+\s+", left)]
    start = cut[-words - 1] if len(cut) > words else 0
    for m in re.finditer(r"[.!?:]\s+", left[start:]):
        start_at = start + m.end()
        start = start_at if start_at <= s else start
    end = e
    for k, m in enumerate(re.finditer(r"\s*\S+", text[e:])):
        end = e + m.end()
        if k + 1 >= words or m.group().rstrip().endswith((".", "!", "?", ":")):
            break
    return text[start:end].strip()


def _fmt(x: float) -> str:
    return f"{x:g}"


def _sub_threshold(m: re.Match[str]) -> str:
    n = float(m.group(1))
    return _fmt(n + 2 if n < 20 else n * 2)


CLINICAL: list[tuple[str, str, object]] = [
    # (kind, pattern, replacement: function of the match -> replacement of group 1)
    (
        "threshold",
        r"\b(?:score|scores|above|below|over|under|than|least|>|<|≥|≤|>=|<=)\s*(?:of\s+)?"
        + NUM
        + r"(?!\s*"
        + UNIT_WORDS
        + r"\b)(?![\d.])",
        _sub_threshold,
    ),
    (
        "dose",
        NUM + r"\s*(?=(?:mg|micrograms?|mcg|ml|mL|units|mmol|mg/kg|ml/kg|mL/kg)\b)",
        lambda m: _fmt(float(m.group(1)) * 2),
    ),
    (
        "time_limit",
        NUM + r"\s*(?=(?:hours?|hrs?|minutes?|mins?|days?|weeks?)\b)",
        lambda m: _fmt(float(m.group(1)) * 2),
    ),
    ("duty", r"\b(must|should)\b", lambda m: {"must": "should", "should": "must"}[m.group(1)]),
    (
        "duty_may",
        r"\b(may)\s+(?!be\b|have\b|not\b|also\b|include\b|need\b|require\b|present\b|occur\b|cause\b)",
        lambda m: "must",
    ),
    (
        "role",
        r"\b(" + "|".join(ROLES) + r")\b",
        lambda m: (
            ROLES[(ROLES.index(m.group(1).lower()) + 1) % len(ROLES)]
            if m.group(1).lower() in ROLES
            else "consultant"
        ),
    ),
    ("negation_removed", r"\b(?:do|does|must|should|will|can|could|need|did)\s+(not\s+)", lambda m: ""),
    ("negation_added", r"\b(?:must|should|will|can)\s+(?!not\b|be\b|also\b)()\w", lambda m: "not "),
]

EQUAL_UNITS = [
    # (pattern with group 1 = the whole quantity phrase, rewrite)
    (
        r"\b((\d+(?:\.\d+)?)\s*mg)\b(?!/)",
        lambda m: f"{_fmt(float(m.group(2)) * 1000)} micrograms" if float(m.group(2)) < 5 else None,
    ),
    (
        r"\b((\d+(?:\.\d+)?)\s*(?:micrograms?|mcg))\b(?!/)",
        lambda m: f"{_fmt(float(m.group(2)) / 1000)} mg" if float(m.group(2)) >= 100 else None,
    ),
    (
        r"\b((\d+(?:\.\d+)?)\s*g)\b(?!/)",
        lambda m: f"{_fmt(float(m.group(2)) * 1000)} mg" if float(m.group(2)) <= 2 else None,
    ),
    (
        r"\b((24|48|72)\s*hours)\b",
        lambda m: f"{int(m.group(2)) // 24} day" + ("s" if int(m.group(2)) > 24 else ""),
    ),
    (
        r"\b((60|120)\s*minutes)\b",
        lambda m: f"{int(m.group(2)) // 60} hour" + ("s" if int(m.group(2)) > 60 else ""),
    ),
    (r"\b((1)\s*hour)\b", lambda m: "60 minutes"),
    (r"\b((twice daily))\b", lambda m: "12-hourly"),
    (r"\b((once daily))\b", lambda m: "every 24 hours"),
    (r"\b((intravenous(?:ly)?))\b", lambda m: "IV"),
    (r"\b((IV))\b", lambda m: "intravenous"),
    (r"\b((subcutaneous(?:ly)?))\b", lambda m: "SC"),
    (r"\b((intramuscular(?:ly)?))\b", lambda m: "IM"),
]

PHONE_RE = r"\b(?:bleep|ext(?:ension)?\.?|tel(?:ephone)?\.?|phone|telephone)\s*:?\s*(\d[\d ]{2,12}\d)"


class Planter:
    """Applies edits to a document's blocks, each at a block not edited before, chosen by a seeded RNG."""

    def __init__(self, doc: Document, seed: int, orgs: dict[str, str]) -> None:
        self.doc = doc
        self.rng = random.Random(seed)
        self.orgs = orgs
        self.edits: list[Edit] = []
        self.used: set[tuple[int, ...]] = set()
        # Editable blocks: body paragraphs and list items of 8+ words, outside reference lists.
        self.texts: dict[tuple[int, ...], str] = {}
        for loc, b, heading in self._blocks():
            if b.layer == Layer.BODY and b.kind != BlockKind.TABLE and len(b.text.split()) >= 8:
                if not re.search(r"reference|bibliograph", heading, re.I):
                    self.texts[loc] = " ".join(b.text.split())

    def _blocks(self):
        for k, b in enumerate(self.doc.preamble):
            yield (-1, k), b, ""
        for n, (_, s) in enumerate(self.doc.walk()):
            for k, b in enumerate(s.blocks):
                yield (n, k), b, s.heading

    def _free(self, pattern: str, flags: int = 0) -> list[tuple[tuple[int, ...], re.Match[str]]]:
        found = []
        for loc, text in self.texts.items():
            if loc in self.used:
                continue
            ms = list(re.finditer(pattern, text, flags))
            if ms:
                found.append((loc, self.rng.choice(ms)))
        return found

    def _apply(self, kind: str, expect: str, loc: tuple[int, ...], s: int, e: int, new: str) -> None:
        text = self.texts[loc]
        edited = text[:s] + new + text[e:]
        self.used.add(loc)
        self.texts[loc] = edited
        self.edits.append(Edit(kind, expect, _window(text, s, e), _window(edited, s, s + len(new))))

    def replace_group(self, kind: str, expect: str, pattern: str, fn, group: int = 1, flags: int = 0) -> bool:
        options = self._free(pattern, flags)
        self.rng.shuffle(options)
        for loc, m in options:
            new = fn(m)
            if new is None or new == m.group(group):
                continue
            self._apply(kind, expect, loc, m.start(group), m.end(group), new)
            return True
        return False

    def plant(self) -> None:
        for kind, pattern, fn in CLINICAL:
            self.replace_group(kind, "clinical", pattern, fn, flags=re.IGNORECASE if kind == "role" else 0)
        # Harmless: phone or bleep number changed (or one added where the text gives none).
        if not self.replace_group(
            "phone",
            "harmless",
            PHONE_RE,
            lambda m: re.sub(r"\d", lambda _: str(self.rng.randint(0, 9)), m.group(1)),
            flags=re.I,
        ):
            self.replace_group(
                "phone", "harmless", r"[a-z]()\.$", lambda m: f" (bleep {self.rng.randint(1000, 9999)})"
            )
        # Organisation name: any organisation's name (or "the Trust") becomes another's.
        names = sorted(self.orgs.values(), key=len, reverse=True)
        other = self.rng.choice([n for n in names if "NHS" in n])
        org_re = "(" + "|".join(re.escape(n) for n in names) + r"|\b[Tt]he (?:Trust|hospital|Hospital))"
        self.replace_group(
            "organisation", "harmless", org_re, lambda m: other if m.group(1) != other else None
        )
        # Unit rewritten to an equal quantity, or an abbreviation for its expansion.
        for pattern, fn in self.rng.sample(EQUAL_UNITS, len(EQUAL_UNITS)):
            if self.replace_group("equal_quantity", "harmless", pattern, fn):
                break
        # Spacing, quotes and dashes.
        self.typography()
        self.move_paragraph()
        self.renumber = any(s.number for _, s in self.doc.walk())
        if self.renumber:
            self.edits.append(Edit("renumbering", "harmless", "", ""))

    def typography(self) -> None:
        options = [loc for loc in self.texts if loc not in self.used]
        if not options:
            return
        loc = self.rng.choice(options)
        text = self.texts[loc]
        new = text.replace("'", "’").replace(" - ", " – ").replace(", ", ",  ", 2)
        new = re.sub(r'"([^"]*)"', r"“\1”", new)
        if new == text:
            return
        self.used.add(loc)
        self.texts[loc] = new
        s = next(i for i, (x, y) in enumerate(zip(text, new, strict=False)) if x != y)
        self.edits.append(Edit("typography", "harmless", _window(text, s, s + 1), _window(new, s, s + 1)))

    def move_paragraph(self) -> None:
        """A paragraph of 15+ words moved unchanged to the end of another top-level section."""
        options = [
            loc
            for loc, t in self.texts.items()
            if loc not in self.used and loc[0] >= 0 and len(t.split()) >= 15 and self._whole(loc)
        ]
        sections = list(self.doc.walk())
        if not options or len(sections) < 2:
            self.moved = None
            return
        loc = self.rng.choice(options)
        target = self.rng.choice([n for n in range(len(sections)) if n != loc[0]])
        self.used.add(loc)
        self.moved = (loc, target)
        first = _window(self.texts[loc], 0, 0, words=30)
        self.edits.append(Edit("moved_paragraph", "harmless", first, first))

    def _whole(self, loc: tuple[int, ...]) -> bool:
        """A whole paragraph, not a piece of one broken at a page or column end."""
        text = self.texts[loc]
        blocks = list(self.doc.walk())[loc[0]][1].blocks
        before = blocks[loc[1] - 1].text.rstrip() if loc[1] > 0 else "."
        return text[:1].isupper() and text.endswith((".", "!", "?")) and before.endswith((".", "!", "?", ":"))

    def build(self) -> Document:
        """The edited document: texts replaced, the moved paragraph moved, headings renumbered."""
        counter = iter(range(1 << 30))
        moved = getattr(self, "moved", None)
        moving: Block | None = None
        sections = list(self.doc.walk())
        if moved:
            (n, k), _ = moved
            b = sections[n][1].blocks[k]
            moving = replace(b, text=self.texts[(n, k)])

        def new_blocks(n: int, blocks: tuple[Block, ...]) -> tuple[Block, ...]:
            out = []
            for k, b in enumerate(blocks):
                if moved and (n, k) == moved[0]:
                    continue
                out.append(replace(b, text=self.texts[(n, k)]) if (n, k) in self.texts else b)
            if moved and n == moved[1] and moving is not None:
                out.append(moving)
            return tuple(out)

        def renumber(num: str | None) -> str | None:
            if not num or not getattr(self, "renumber", False):
                return num
            parts = num.split(".")
            if parts[0].isdigit():
                parts[0] = str(int(parts[0]) + 1)
            return ".".join(parts)

        def rebuild(s: Section) -> Section:
            n = next(counter)
            heading = s.heading
            if s.number and heading.startswith(s.number):
                heading = heading[len(s.number) :].lstrip(" .")
            return replace(
                s,
                heading=heading,
                number=renumber(s.number),
                blocks=new_blocks(n, s.blocks),
                children=tuple(rebuild(c) for c in s.children),
            )

        preamble = tuple(
            replace(b, text=self.texts[(-1, k)]) if (-1, k) in self.texts else b
            for k, b in enumerate(self.doc.preamble)
        )
        return replace(self.doc, preamble=preamble, sections=tuple(rebuild(s) for s in self.doc.sections))


def _printed_key(doc: Document, layout: dict) -> str:
    """What a PDF re-render was printed from (the words write_docx prints, and the layout), so a PDF kept
    from an earlier run is printed again when the parse of its original has changed."""
    h = hashlib.sha256(repr((doc.title, sorted(layout.items()))).encode())
    for b in doc.preamble:
        h.update(repr((b.layer, b.kind, b.text, b.rows)).encode())
    for _, sec in doc.walk():
        h.update(repr((sec.number, sec.heading, sec.level)).encode())
        for b in sec.blocks:
            h.update(repr((b.layer, b.kind, b.text, b.rows)).encode())
    return h.hexdigest()[:20]


def _printed_from(target: Path, key: str | None = None) -> str | None:
    """The key a PDF was printed from (read, or written when `key` is given), kept beside the PDF."""
    note = target.with_suffix(".from")
    if key is not None:
        if not target.is_file():
            note.write_text(key)
        return key
    return note.read_text() if note.is_file() else None


def load(realdev: Path = REALDEV, *, with_pdf: bool = True, log=print) -> list[RealDoc]:
    """The chosen documents with their re-renders and planted versions (built once, then cached)."""
    from converge.core.office import OfficeError, convert

    truth = json.loads((realdev / "truth.json").read_text())
    orgs = truth.get("trusts", {})
    chosen = choose(realdev)
    out: list[RealDoc] = []
    docx_dir, pdf_dir, plant_dir = CACHE / "docx", CACHE / "pdf", CACHE / "planted"
    to_print: list[Path] = []
    for n, (rel, lib, doc) in enumerate(chosen):
        stem = hashlib.sha256(rel.encode()).hexdigest()[:12]
        rd = RealDoc(rel, lib, doc)
        rd.docx = parse_cached(write_docx(doc, docx_dir / f"{stem}.docx"), lib)
        layout = LAYOUTS[n % len(LAYOUTS)]
        printed = write_docx(doc, pdf_dir / "src" / f"{stem}.docx", layout)
        target = pdf_dir / f"{stem}.pdf"
        if target.is_file() and _printed_from(target) != _printed_key(doc, layout):
            target.unlink()  # printed from another parse of the original: print it again
        _printed_from(target, _printed_key(doc, layout))
        if with_pdf and not target.is_file():
            to_print.append(printed)
        planter = Planter(doc, SEED * 1000 + n, orgs)
        planter.plant()
        rd.edits = planter.edits
        rd.planted = parse_cached(write_docx(planter.build(), plant_dir / f"{stem}.docx"), lib)
        out.append(rd)
    if to_print:
        log(f"printing {len(to_print)} DOCX to PDF with LibreOffice ...")
        try:
            convert(to_print, "pdf", pdf_dir, timeout=600)
        except OfficeError as exc:
            log(f"LibreOffice: {exc}; PDF re-renders left out")
    for rd in out:
        stem = hashlib.sha256(rd.name.encode()).hexdigest()[:12]
        target = pdf_dir / f"{stem}.pdf"
        if with_pdf and target.is_file():
            rd.pdf = parse_cached(target, rd.library)
    return out


if __name__ == "__main__":
    docs = load()
    for rd in docs:
        kinds = ", ".join(e.kind for e in rd.edits)
        print(f"{rd.library:9s} {rd.name[:70]:70s} words {_body_words(rd.original):6d}  edits: {kinds}")
