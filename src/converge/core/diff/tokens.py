"""Tokens, sentences and comparison keys: what the diff compares, and what it treats as the same."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Order matters: e-mails, then numbers, then words (which may carry digits, hyphens, slashes: "NG51",
# "co-amoxiclav", "QEH/CLIN/POL/123", "mmol/L"), then any single other character.
TOKEN_RE = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\d+(?:,\d{3})*(?:\.\d+)?"
    r"|[^\W\d_][\w]*(?:['’/-][\w]+)*"
    r"|[^\w\s]"
)
SENTENCE_END_RE = re.compile(r"(?<=[^\d\s][.!?])\s+(?=[\"'“‘(\[]?[A-Z0-9])")
ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "approx.", "no.", "dr.", "fig.", "ref.", "vs.", "cf.")

QUOTE_MAP = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "‑": "-", "−": "-"})
BULLET_RE = re.compile(r"^\s*(?:[•·▪◦‣●○■□➢►*\-–—]|\(?[a-z0-9]{1,3}[.)])\s+")

# American -> British spelling (keys are lowercase). Words ending -ize/-ization/-izing/-ized are also
# mapped to -ise by rule, except the few real -ize words.
SPELLING = {
    "anemia": "anaemia",
    "anemic": "anaemic",
    "anesthesia": "anaesthesia",
    "anesthetic": "anaesthetic",
    "anesthetist": "anaesthetist",
    "anesthesiologist": "anaesthetist",
    "hemoglobin": "haemoglobin",
    "hematology": "haematology",
    "hemorrhage": "haemorrhage",
    "hematoma": "haematoma",
    "hemodynamic": "haemodynamic",
    "edema": "oedema",
    "esophagus": "oesophagus",
    "esophageal": "oesophageal",
    "pediatric": "paediatric",
    "pediatrics": "paediatrics",
    "pediatrician": "paediatrician",
    "orthopedic": "orthopaedic",
    "orthopedics": "orthopaedics",
    "gynecology": "gynaecology",
    "leukemia": "leukaemia",
    "diarrhea": "diarrhoea",
    "cesarean": "caesarean",
    "estrogen": "oestrogen",
    "fetal": "fetal",
    "foetal": "fetal",
    "foetus": "fetus",
    "color": "colour",
    "behavior": "behaviour",
    "behaviors": "behaviours",
    "tumor": "tumour",
    "favor": "favour",
    "honor": "honour",
    "labor": "labour",
    "center": "centre",
    "centers": "centres",
    "liter": "litre",
    "liters": "litres",
    "milliliter": "millilitre",
    "milliliters": "millilitres",
    "meter": "metre",
    "gray": "grey",
    "program": "programme",
    "catalog": "catalogue",
    "dialog": "dialogue",
    "analyze": "analyse",
    "paralyze": "paralyse",
    "judgment": "judgement",
    "acknowledgment": "acknowledgement",
    "fulfill": "fulfil",
    "enrollment": "enrolment",
    "counseling": "counselling",
    "labeled": "labelled",
    "labeling": "labelling",
    "traveled": "travelled",
    "modeling": "modelling",
    "canceled": "cancelled",
    "ischemia": "ischaemia",
    "ischemic": "ischaemic",
    "septicemia": "septicaemia",
    "glycemic": "glycaemic",
    "hypoglycemia": "hypoglycaemia",
    "hyperglycemia": "hyperglycaemia",
    "hyperkalemia": "hyperkalaemia",
    "hypokalemia": "hypokalaemia",
    "hyponatremia": "hyponatraemia",
    "hypernatremia": "hypernatraemia",
    "hypovolemia": "hypovolaemia",
    "hypovolemic": "hypovolaemic",
    "bacteremia": "bacteraemia",
    "toxemia": "toxaemia",
    "per cent": "percent",
    "aluminum": "aluminium",
    "sulfate": "sulphate",
    "sulfonylurea": "sulphonylurea",
    "practise": "practice",
}
IZE_EXCEPTIONS = {"size", "sized", "seize", "seized", "prize", "capsize", "downsize", "resize"}


@lru_cache(maxsize=1 << 16)
def normalise_word(token: str) -> str:
    """Comparison key of one token: case, quote/dash style and British/American spelling do not count."""
    t = token.translate(QUOTE_MAP).lower()
    if t.endswith("'s") and len(t) > 3:
        return normalise_word(t[:-2]) + "'s"
    if t in SPELLING:
        return SPELLING[t]
    if t not in IZE_EXCEPTIONS:
        for us, uk in (
            ("ization", "isation"),
            ("izing", "ising"),
            ("ized", "ised"),
            ("izes", "ises"),
            ("ize", "ise"),
        ):
            if t.endswith(us) and len(t) > len(us) + 2:
                return t[: -len(us)] + uk
    return t


@dataclass(frozen=True, slots=True)
class Token:
    text: str  # as printed
    key: str  # comparison key (normalise_word)
    start: int  # character offsets in the unit's text
    end: int

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()


@lru_cache(maxsize=1 << 14)
def _tokenise(text: str) -> tuple[Token, ...]:
    return tuple(
        Token(m.group(), normalise_word(m.group()), m.start(), m.end()) for m in TOKEN_RE.finditer(text)
    )


def tokenise(text: str) -> list[Token]:
    """Words, numbers and punctuation with their comparison keys (cached: sentences recur across pairs)."""
    return list(_tokenise(text))


def strip_bullet(text: str) -> str:
    return BULLET_RE.sub("", text, count=1)


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, keeping decimals ("0.5 g") and common abbreviations whole."""
    text = text.strip()
    if not text:
        return []
    out: list[str] = []
    for piece in SENTENCE_END_RE.split(text):
        if out and out[-1].lower().endswith(ABBREVIATIONS):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def sentence_key(text: str) -> str:
    """Key under which two sentences count as the same (case, spacing, quotes, bullets, spelling ignored)."""
    return " ".join(t.key for t in tokenise(strip_bullet(text)))


HEADING_NUMBER_RE = re.compile(
    r"^\s*(?:(?:section|part|chapter)\s+)?(?:\d+(?:\.\d+)*|[ivxlc]+(?=[.)]))\.?\)?\s*[-–—:.)]?\s*",
    re.IGNORECASE,
)


def strip_heading_number(heading: str) -> str:
    """'4.2 Duties', 'Section 3 – Scope', '2.0 Aim' -> 'Duties', 'Scope', 'Aim'."""
    return HEADING_NUMBER_RE.sub("", heading.strip(), count=1).strip() or heading.strip()


_SQUEEZE_DROP = re.compile(r"[^\w.,<>=%+-]|_")
_SQUEEZE_SEP = re.compile(r"(?<!\d)[.,-]|[.,-](?!\d)")


@lru_cache(maxsize=1 << 16)
def squeeze(text: str) -> str:
    """Text as a reader sees it, layout removed: case, spaces, line breaks inside words ('recom- mended',
    'Inflamm atory'), bullets, table rules and punctuation between words do not count; separators inside
    numbers ('2.5', '1,000', '5-10') do, so no number can merge with another."""
    out: list[str] = []
    for m in TOKEN_RE.finditer(text.translate(QUOTE_MAP)):
        w = _SQUEEZE_DROP.sub("", normalise_word(m.group()))
        if out and out[-1][-1:].isdigit() and w[:1].isdigit():
            out.append("#")  # two numbers side by side stay two numbers
        out.append(w)
    return _SQUEEZE_SEP.sub("", "".join(out))


_LETTER_RUN = re.compile(r"[^\W\d_]+")


def broken_alike(a: str, b: str) -> bool:
    """The same letters and digits at both sides, cut into words differently because one side was printed
    in a column too narrow for its words ('Cons ulta tion date: 23/0 3/20 23'): there a number broken at
    a line end is the same number. The letters must show the breakage too (the same letters, another
    count of words), so 'day 5 10' is never read as 'day 510' in text that is not broken."""
    if squeeze(a).replace("#", "") != squeeze(b).replace("#", ""):
        return False
    wa, wb = _LETTER_RUN.findall(a.translate(QUOTE_MAP)), _LETTER_RUN.findall(b.translate(QUOTE_MAP))
    return len(wa) != len(wb) and "".join(wa).lower() == "".join(wb).lower()
