"""Document-control front sheet -> metadata, shared by every parser.

NHS policies open with a control table (Title, Reference, Version, Author, Approved by, Review date...)
or with "Label: value" lines. Each trust words the labels differently, so labels go through one synonym
map; values are cleaned, dates made ISO, and anything unclear is left out rather than guessed.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Sequence
from datetime import date

from converge.core.model import META_KEYS, Block, BlockKind
from converge.core.text import one_line

# Normalised label -> metadata key. Labels are compared after `_label_key` (lower case, letters only).
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "title": (
        "title",
        "document title",
        "policy title",
        "guideline title",
        "procedure title",
        "protocol title",
        "title of document",
        "name of document",
        "document name",
        "title of policy",
        "full title",
    ),
    "reference": (
        "reference",
        "ref",
        "ref no",
        "ref number",
        "reference no",
        "reference number",
        "document ref",
        "document ref no",
        "document reference",
        "document reference number",
        "document number",
        "document no",
        "document id",
        "policy number",
        "policy ref",
        "policy reference",
        "trust ref",
        "trust reference",
        "unique reference",
        "unique identifier",
        "register number",
        "id number",
    ),
    "version": ("version", "version no", "version number", "issue number", "issue no", "current version"),
    "status": ("status", "document status", "approval status", "policy status"),
    "author": (
        "author",
        "authors",
        "author s",
        "lead author",
        "written by",
        "prepared by",
        "originator",
        "author name",
        "author and job title",
        "author name and job title",
        "authors name and job title",
        "author designation",
        "authors and job titles",
        "name of author",
        "lead author name",
        "policy author",
        "document author",
        "guideline author",
        "procedure author",
        "protocol author",
        "authors name",
    ),
    "owner": (
        "owner",
        "document owner",
        "policy owner",
        "executive lead",
        "responsible director",
        "executive director",
        "director responsible",
        "lead director",
        "sponsor",
        "executive sponsor",
        "responsible officer",
        "accountable director",
        "lead executive",
        "name of responsible director",
    ),
    "approved_by": (
        "approved by",
        "approving committee",
        "approval committee",
        "approving body",
        "approval body",
        "approving group",
        "approved by committee",
        "committee approved by",
        "approved at",
        "approval by",
        "name of approving body",
        "approving committee group",
        "approved by group committee",
    ),
    "ratified_by": (
        "ratified by",
        "ratifying committee",
        "ratifying body",
        "ratification committee",
        "ratified at",
        "ratifying group",
        "name of ratifying body",
        "ratification body",
    ),
    "date_approved": (
        "date approved",
        "approval date",
        "date of approval",
        "approved on",
        "approved date",
        "date ratified",
        "ratification date",
        "date of ratification",
        "ratified date",
        "date approved ratified",
        "date of approval ratification",
    ),
    "date_issued": (
        "date issued",
        "issue date",
        "date of issue",
        "effective date",
        "date effective",
        "effective from",
        "publication date",
        "date published",
        "implementation date",
        "date of implementation",
        "date implemented",
        "implemented",
        "date of publication",
        "issued",
        "published",
    ),
    "review_date": (
        "review date",
        "next review date",
        "date of next review",
        "review due",
        "review due date",
        "expiry date",
        "date of expiry",
        "expiry",
        "expires",
        "review by",
        "due for review",
        "next review",
        "date for review",
        "scheduled review date",
        "valid until",
    ),
    "audience": (
        "audience",
        "target audience",
        "applies to",
        "applicable to",
        "intended audience",
        "staff group",
        "staff groups",
        "distribution",
        "who is this for",
        "relevant to",
    ),
    "supersedes": (
        "supersedes",
        "replaces",
        "previous version",
        "superseded document",
        "this document replaces",
        "document superseded",
        "documents superseded",
    ),
    "document_type": (
        "document type",
        "type of document",
        "category",
        "document category",
        "policy type",
        "type",
        "classification",
    ),
    "specialty": (
        "specialty",
        "speciality",
        "clinical specialty",
        "clinical speciality",
        "department",
        "care group",
        "clinical area",
        "service area",
        "directorate",
        "division",
    ),
    "keywords": ("keywords", "key words", "search terms", "search words", "tags"),
}
_LABELS: dict[str, str] = {syn: key for key, syns in _SYNONYMS.items() for syn in syns}
METADATA_FIELDS: tuple[str, ...] = ("title", *META_KEYS)
assert set(_SYNONYMS) <= set(METADATA_FIELDS)

_DATE_KEYS = frozenset({"date_approved", "date_issued", "review_date"})
# Keys whose value has a recognisable shape, so "Version 4.1" without a colon is still safe to read.
_SHAPED_KEYS = frozenset({"version", "reference", "status", *_DATE_KEYS})
_STATUSES = (
    "approved",
    "ratified",
    "final",
    "draft",
    "current",
    "live",
    "active",
    "archived",
    "withdrawn",
    "superseded",
    "under review",
    "in review",
    "expired",
    "published",
)
_EMPTY_VALUES = frozenset(
    {"", "-", "--", "n/a", "na", "none", "nil", "tbc", "tba", "tbd", "n a", "not applicable", "?", ".", "x"}
)

_MONTHS: dict[str, int] = {}
for _i in range(1, 13):
    _MONTHS[calendar.month_name[_i].lower()] = _i
    _MONTHS[calendar.month_abbr[_i].lower()] = _i
_MONTHS["sept"] = 9
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))

# Ordered: the first pattern that matches wins. UK order: day before month.
_DATE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b"), "ymd"),
    (re.compile(r"\b(?P<d>\d{1,2})[/.\-](?P<m>\d{1,2})[/.\-](?P<y>\d{4}|\d{2})\b"), "dmy"),
    (
        re.compile(
            rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?[\s\-]+(?:of\s+)?(?P<mon>{_MONTH_RE})\.?,?[\s\-]+(?P<y>\d{{4}}|\d{{2}})\b",
            re.IGNORECASE,
        ),
        "d mon y",
    ),
    (
        re.compile(
            rf"\b(?P<mon>{_MONTH_RE})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,\s*(?P<y>\d{{4}})\b",
            re.IGNORECASE,
        ),
        "mon d, y",
    ),
    (re.compile(rf"\b(?P<mon>{_MONTH_RE})\.?,?[\s\-]+(?P<y>\d{{4}}|\d{{2}})\b", re.IGNORECASE), "mon y"),
    (re.compile(r"(?<![\d/.])(?P<m>\d{1,2})/(?P<y>\d{4})\b"), "m/y"),
    (re.compile(r"^(?P<y>(?:19|20)\d{2})$"), "y"),
)

# Canonical document types and the words that name them, most specific first.
_DOC_TYPES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("sop", re.compile(r"\b(standard operating procedures?|sops?)\b", re.IGNORECASE)),
    ("pgd", re.compile(r"\b(patient group directions?|pgds?)\b", re.IGNORECASE)),
    ("care bundle", re.compile(r"\b(care bundles?|bundles?)\b", re.IGNORECASE)),
    ("checklist", re.compile(r"\b(check ?lists?)\b", re.IGNORECASE)),
    ("pathway", re.compile(r"\b(pathways?)\b", re.IGNORECASE)),
    ("protocol", re.compile(r"\b(protocols?)\b", re.IGNORECASE)),
    ("guideline", re.compile(r"\b(guidelines?|guidance)\b", re.IGNORECASE)),
    ("procedure", re.compile(r"\b(procedures?)\b", re.IGNORECASE)),
    ("policy", re.compile(r"\b(polic(?:y|ies))\b", re.IGNORECASE)),
    ("standard", re.compile(r"\b(standards?)\b", re.IGNORECASE)),
)

_LINE = re.compile(
    r"^(?P<label>[A-Za-z][A-Za-z ()/&'’\-]{0,60}?)\s*(?::|\t|\s[\u2013\u2014-]\s)\s*(?P<value>.*)$"
)
_VERSION = re.compile(r"\b[vV]?(?:ersion\s*)?(?P<v>\d{1,3}(?:\.\d{1,3}){0,3})\b")

# Notices that sit on the front sheet or every page: furniture, never content.
_BANNERS = re.compile(
    r"^(?:(?:this\s+document\s+is\s+)?uncontrolled\s+(?:copy\s+)?when\s+printed|"
    r"(?:printed\s+copies\s+are\s+)?uncontrolled(?:\s+if\s+printed)?|"
    r"please\s+check\s+the\s+intranet.*|page\s+\d+\s+of\s+\d+)\.?$",
    re.IGNORECASE,
)
_HISTORY_HEAD = re.compile(
    r"\b(change|changes|amendment|amendments|description|summary|reason|comments?)\b", re.I
)


def label_key(label: str) -> str | None:
    """The metadata key a front-sheet label names ("Date of next review:" -> "review_date"), else None."""
    norm = _label_key(label)
    if not norm:
        return None
    if norm in _LABELS:
        return _LABELS[norm]
    # "Author (name and job title)", "Approved by (committee/group)": drop the explanation in brackets.
    bare = _label_key(re.sub(r"\(.*?\)", " ", label))
    if bare in _LABELS:
        return _LABELS[bare]
    return None


def _label_key(label: str) -> str:
    text = label.lower().replace("’", "'").replace("'s", "s")
    text = re.sub(r"[^a-z]+", " ", text)
    return " ".join(text.split())


def normalise_date(text: str) -> str | None:
    """ISO date from a front-sheet value: "12/03/2024" -> "2024-03-12", "March 2024" -> "2024-03".

    Day-first (UK) order. Month-only dates keep month precision rather than inventing a day. None when the
    text holds no date, more than one different date, or an impossible one.
    """
    found: set[str] = set()
    taken: list[tuple[int, int]] = []
    for pattern, shape in _DATE_PATTERNS:
        for m in pattern.finditer(text.strip()):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            iso = _iso(m, shape)
            if iso is None:
                return None
            taken.append((m.start(), m.end()))
            found.add(iso)
    if len(found) != 1:
        return None
    return found.pop()


def _iso(m: re.Match[str], shape: str) -> str | None:
    groups = m.groupdict()
    year = int(groups["y"])
    if len(groups["y"]) == 2:
        year += 2000 if year < 70 else 1900
    if shape == "y":
        return f"{year:04d}"
    month = _MONTHS[groups["mon"].lower().rstrip(".")] if groups.get("mon") else int(groups["m"])
    if not 1 <= month <= 12:
        return None
    if "d" not in groups or groups["d"] is None:
        return f"{year:04d}-{month:02d}"
    try:
        return date(year, month, int(groups["d"])).isoformat()
    except ValueError:
        return None


def document_type_from(text: str) -> str | None:
    """Canonical document type named in `text` ("Clinical Guideline" -> "guideline"), else None.

    When several types are named ("Policy and Procedure for ..."), the earliest wins.
    """
    best: tuple[int, str] | None = None
    for name, pattern in _DOC_TYPES:
        m = pattern.search(text)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), name)
    return best[1] if best else None


def clean_value(key: str, raw: str) -> str | None:
    """The stored form of one metadata value, or None when it is empty, a placeholder or unparseable."""
    value = one_line(raw).strip(" :;,")
    if value.lower() in _EMPTY_VALUES:
        return None
    if key in _DATE_KEYS:
        return normalise_date(value)
    if key == "version":
        m = _VERSION.search(value)
        return m.group("v") if m else None
    if key == "document_type":
        return document_type_from(value)
    if key == "reference" and not re.search(r"[A-Za-z0-9]", value):
        return None
    if label_key(value) is not None and key != "title":
        # A value cell holding another label is a header row, not a value.
        return None
    return value


def _pairs_from_table(rows: Sequence[Sequence[str]]) -> Iterable[tuple[str, str]]:
    """(key, raw value) pairs from a control table, in reading order."""
    rows = [tuple(c.strip() for c in row) for row in rows if any(c.strip() for c in row)]
    if not rows:
        return
    header_keys = [label_key(c) for c in rows[0]]
    labelled = sum(1 for k in header_keys if k)
    is_history = bool(_HISTORY_HEAD.search(" ".join(rows[0]))) and "version" in header_keys
    # Header row of labels with exactly one value row: read columns.
    if labelled >= 2 and labelled == sum(1 for c in rows[0] if c) and len(rows) == 2 and not is_history:
        for key, value in zip(header_keys, rows[1], strict=False):
            if key:
                yield key, value
        return
    if is_history:
        return
    for row in rows:
        cells = _dedupe_merged(row)
        for i, cell in enumerate(cells[:-1]):
            key = label_key(cell)
            if key and label_key(cells[i + 1]) is None:
                yield key, cells[i + 1]
        if len(cells) == 1:
            # A single (merged) cell may still read "Version: 4.1".
            yield from _pair_from_line(cells[0], strict=True)


def _dedupe_merged(row: Sequence[str]) -> list[str]:
    # Horizontally merged cells repeat their text in python-docx/pdfplumber rows; count them once.
    out: list[str] = []
    for cell in row:
        if not out or cell != out[-1]:
            out.append(cell)
    return out


def _pair_from_line(line: str, *, strict: bool) -> Iterable[tuple[str, str]]:
    line = line.strip()
    if not line or len(line) > 200:
        return
    m = _LINE.match(line)
    if m:
        key = label_key(m.group("label"))
        if key:
            yield key, m.group("value")
            return
    if strict:
        return
    # "Version 4.1", "Review date 01/03/2026" with no colon: only for labels whose value has a shape.
    words = line.split()
    for n in range(min(5, len(words) - 1), 0, -1):
        key = label_key(" ".join(words[:n]))
        if key in _SHAPED_KEYS:
            value = " ".join(words[n:])
            if key == "status" and value.lower() not in _STATUSES:
                return
            if key == "reference" and not re.search(r"\d", value):
                return
            if clean_value(key, value) is not None:
                yield key, value
            return


def extract_metadata(blocks: Iterable[Block], *, first_n: int = 60) -> dict[str, str]:
    """Read the document-control front sheet among the first `first_n` blocks.

    Keys are "title" and those of `converge.core.model.META_KEYS`; a key appears only when its value was
    found and understood. The first value found for a key wins (front sheet before later tables).
    document_type falls back to the words of the title.
    """
    meta: dict[str, str] = {}
    for i, block in enumerate(blocks):
        if i >= first_n:
            break
        if block.kind == BlockKind.TABLE:
            pairs: Iterable[tuple[str, str]] = _pairs_from_table(block.rows)
        else:
            pairs = (p for line in block.text.split("\n") for p in _pair_from_line(line, strict=False))
        for key, raw in pairs:
            if key in meta:
                continue
            value = clean_value(key, raw)
            if value:
                meta[key] = value
    if "document_type" not in meta and meta.get("title"):
        kind = document_type_from(meta["title"])
        if kind:
            meta["document_type"] = kind
    return meta


def pair_from_line(line: str, *, strict: bool) -> Iterable[tuple[str, str]]:
    """(key, raw value) from one "Label: value" line; `strict=False` also reads "Version 4.1" (no colon)
    for labels whose values have a recognisable shape."""
    return _pair_from_line(line, strict=strict)


def is_notice(text: str) -> bool:
    """True for a notice such as "Uncontrolled when printed" or "Page 3 of 22" (furniture anywhere)."""
    return bool(_BANNERS.match(one_line(text)))


def is_control_line(text: str) -> bool:
    """True for a front-sheet "Label: value" line or a notice such as "Uncontrolled when printed"."""
    line = one_line(text)
    if _BANNERS.match(line):
        return True
    lines = [x for x in text.strip().split("\n") if x.strip()]
    if len(lines) > 1:
        # "Version: 4<br>Author: X" in one paragraph: control only if every line is.
        return all(is_control_line(x) for x in lines)
    if len(line) > 200:
        return False
    return any(True for _ in _pair_from_line(line, strict=False))


def is_control_table(rows: Sequence[Sequence[str]]) -> bool:
    """True for a document-control or version-history table (kept as furniture, not matched)."""
    rows = [r for r in rows if any(c.strip() for c in r)]
    if not rows:
        return False
    header = [label_key(c) for c in rows[0]]
    if "version" in header and (
        _HISTORY_HEAD.search(" ".join(rows[0]))
        or "date_issued" in header
        or "date_approved" in header
        or "author" in header
    ):
        return True
    if len(rows) == 1 and " ".join(rows[0]).strip().lower() in ("document control", "version control"):
        return True
    keys = {k for k, _ in _pairs_from_table(rows)}
    labelled_rows = sum(1 for r in rows if any(label_key(c) for c in r))
    # At least two distinct labels and most rows labelled: a front sheet, not a clinical table that
    # happens to have a "Type" column.
    return len(keys) >= 2 and labelled_rows * 2 >= len(rows)


def is_control_block(block: Block) -> bool:
    """True when `block` is document-control material: control/history table, label line or notice."""
    if block.kind == BlockKind.TABLE:
        return is_control_table(block.rows)
    return is_control_line(block.text)


__all__ = [
    "METADATA_FIELDS",
    "clean_value",
    "document_type_from",
    "extract_metadata",
    "is_control_block",
    "is_control_line",
    "is_control_table",
    "is_notice",
    "label_key",
    "normalise_date",
    "pair_from_line",
]
