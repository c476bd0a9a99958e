"""Text preparation for matching: titles without noise, headings by meaning, body tokens.

Real titles carry trust names, document-type words, versions, dates and reference codes that say nothing
about the topic; two trusts' titles for one topic agree only once those are gone.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from converge.core.headings import HEADING_SYNONYMS
from converge.core.text import one_line

# Words that name an organisation, not a topic. Trust codes of the library are added at run time, and
# `MatchIndex` learns each trust's own title prefixes from the data (see `learn_title_noise`).
ORGANISATION_WORDS = frozenset(
    """nhs foundation trust trusts hospital hospitals university universities james paget norfolk norwich
    queen elizabeth kings king lynn gorleston great yarmouth jpuh nnuh qeh uhs ft icb ics waveney""".split()
)

# One trust's policy is another's guideline: the label is not the topic.
DOCUMENT_TYPE_WORDS = frozenset(
    """policy policies procedure procedures guideline guidelines guidance protocol protocols sop sops
    standard operating pathway pathways document documents trustwide trust-wide clinical-guideline
    framework manual handbook flowchart chart algorithm proforma""".split()
)

NOISE_WORDS = frozenset(
    """draft final ratified approved updated revised amended current new version issue v rev copy
    uncontrolled printed jan feb mar apr may jun jul aug sep sept oct nov dec january february march april
    june july august september october november december""".split()
)

STOP_WORDS = frozenset(
    """a an and the of for in on to with within by at from or as its their any all into under
    including incl re""".split()
)

# Spelling variants and plurals that should compare equal in titles and headings.
SYNONYMS = {
    "pediatric": "paediatric",
    "paediatrics": "paediatric",
    "paeds": "paediatric",
    "children": "paediatric",
    "child": "paediatric",
    "childrens": "paediatric",
    "infant": "paediatric",
    "infants": "paediatric",
    # The life-support courses' names mark their cards as for children ("APLS: Status epilepticus").
    "apls": "paediatric",
    "epals": "paediatric",
    "adults": "adult",
    "neonate": "neonatal",
    "neonates": "neonatal",
    "newborn": "neonatal",
    "newborns": "neonatal",
    "iv": "intravenous",
    "sc": "subcutaneous",
    "subcut": "subcutaneous",
    "managing": "management",
    "manage": "management",
    "preventing": "prevention",
    "prevent": "prevention",
    "haemorrhage": "haemorrhage",
    "hemorrhage": "haemorrhage",
    "anemia": "anaemia",
    "oesophageal": "oesophageal",
    "esophageal": "oesophageal",
    "centre": "center",
    "programme": "program",
}

# Reference codes: "CG1147", "MP045", "JPUH-CP-012", "NG51", "Ref: 12/034". Kept: short clinical tokens
# such as NEWS2, HbA1c, "type 1", which carry meaning.
_CODE = re.compile(
    r"\b(?:[A-Z]{1,6}[-_/ ]?\d{2,}[A-Z]?|[A-Z]{2,}(?:[-_/][A-Z0-9]+)+|\d+[-/]\d+(?:[-/]\d+)*)\b"
)
_KEEP_CODES = re.compile(r"^(?:COVID[- ]?19|H1N1|5-?HT\d)$", re.I)
_VERSION = re.compile(r"\b(?:v|ver|version|issue|rev)\.?\s*\d+(?:\.\d+)*\b", re.I)
_DATE = re.compile(
    r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b(?:19|20)\d{2}\b|\b\d{1,2}(?:st|nd|rd|th)?\s+"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b",
    re.I,
)
_WORD = re.compile(r"[a-z][a-z0-9']*|\d{1,2}\b")
_HEADING_NUMBER = re.compile(
    r"^\s*(?:(?:section|part|appendix|annex)\s+)?[\dA-Za-z]{0,3}(?:[.)]\d*)*[.)]?\s+"
)


_CID = re.compile(r"\(cid:(\d{1,3})\)")
# Each pattern starts with the literal it looks for (the look-behinds follow it), so the regex engine skips
# straight to candidates instead of trying the look-behind at every character: 10-20x faster, same matches.
_HYPHEN_BREAK = re.compile(r"-(?<=[a-z]-)\s*\n\s*(?=[a-z])")
_DIGIT_IN_WORD = re.compile(r"[10](?<=[a-z][10])(?:(?=[a-z])|(?<=[a-z]{3}[10])\b)")


def _cid_char(m: re.Match[str]) -> str:
    code = int(m.group(1))
    return chr(code) if 32 <= code < 127 else " "


def clean_text(text: str) -> str:
    """Undo what poor PDF text layers do to words: "(cid:73)(cid:110)" glyph codes of fonts without a
    Unicode map (in the files seen they are plain ASCII codes), ligature characters ("\ufb01" -> "fi"),
    soft hyphens, words broken across lines ("guide-\nline"), and OCR's 1-for-l and 0-for-o inside words.

    Applied to both sides of every comparison, so a change to a rare real token (HbA1c) is harmless.
    """
    if "(cid:" in text:
        text = _CID.sub(_cid_char, text)
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    if "-" in text:
        text = _HYPHEN_BREAK.sub("", text)
    if "1" in text or "0" in text:
        text = _DIGIT_IN_WORD.sub(lambda m: "l" if m.group(0) == "1" else "o", text)
    return text


def strip_codes(text: str) -> str:
    """Remove reference codes, versions and dates, keeping clinical tokens such as NEWS2."""

    def drop(m: re.Match[str]) -> str:
        return m.group(0) if _KEEP_CODES.match(m.group(0)) else " "

    text = _VERSION.sub(" ", text)
    text = _DATE.sub(" ", text)
    return _CODE.sub(drop, text)


def _stem(word: str) -> str:
    word = word.strip("'").removesuffix("'s")
    word = SYNONYMS.get(word, word)
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "is", "us", "ous")):
        word = word[:-1]
    return SYNONYMS.get(word, word)


# Age bounds name a population as surely as a word does: national guidance titles say "in over 16s",
# "people aged 16 or over", "in under 16s" where a local one says "adult" or "children".
_ADULT_AGE = re.compile(
    r"\b(?:aged\s+)?(?:1[6-9]|2[0-5])s?\s*(?:years?\s+)?(?:or|and)\s+(?:over|older|above)\b"
    r"|\bover\s+(?:the\s+age\s+of\s+)?(?:1[6-9]|2[0-5])s?\b",
    re.I,
)
_CHILD_AGE = re.compile(r"\b(?:under|below)\s+(?:the\s+age\s+of\s+)?(?:[2-9]|1[0-9])s?\b", re.I)


_FLOW_CHART = re.compile(r"\bflow[\s-]+chart\b", re.I)


def age_words(text: str) -> str:
    """Age bounds rewritten as the population word they name ("in over 16s" -> "in adult")."""
    if not any(c.isdigit() for c in text):
        return text
    return _CHILD_AGE.sub(" paediatric ", _ADULT_AGE.sub(" adult ", text))


def title_tokens(title: str, extra_noise: Iterable[str] = ()) -> list[str]:
    """The topic words of a title, in order: no organisation, type, version, date or code words."""
    noise = set(extra_noise)
    return [word for raw, word in _title_words(title) if word not in noise and raw not in noise]


@lru_cache(maxsize=100_000)
def _title_words(title: str) -> tuple[tuple[str, str], ...]:
    """(as written, stemmed) of each title word that no fixed list drops; cached because matching reads
    every title twice (once to learn each library's title noise, once for its profile)."""
    text = _FLOW_CHART.sub("flowchart", age_words(one_line(clean_text(title))))
    words = _WORD.findall(strip_codes(text).lower().replace("&", " and "))
    out = []
    for raw in words:
        word = _stem(raw)
        if (
            word in STOP_WORDS
            or word in ORGANISATION_WORDS
            or word in DOCUMENT_TYPE_WORDS
            or word in NOISE_WORDS
        ):
            continue
        out.append((raw, word))
    return tuple(out)


def normalise_title(title: str, extra_noise: Iterable[str] = ()) -> str:
    """A title reduced to its topic words (see `title_tokens`)."""
    return " ".join(title_tokens(title, extra_noise))


_STEMMED_SYNONYMS = [
    (" ".join(_stem(w) for w in name.split()), key)
    for key, names in HEADING_SYNONYMS.items()
    for name in names
]
_HEADING_STOP = STOP_WORDS | {"this", "policy", "procedure", "guideline", "document", "effectiveness", "key"}


@lru_cache(maxsize=100_000)
def heading_key(heading: str) -> str:
    """Normalised heading: numbering gone, words stemmed; a standard section maps to its canonical key."""
    text = _HEADING_NUMBER.sub("", one_line(clean_text(heading))).lower()
    words = [_stem(w) for w in _WORD.findall(text) if not w.isdigit()]
    joined = " ".join(words)
    for stemmed, key in _STEMMED_SYNONYMS:
        if joined == stemmed or joined.startswith(stemmed + " "):
            return "std:" + key
    return " ".join(w for w in words if w not in _HEADING_STOP)


def is_standard_heading(key: str) -> bool:
    return key.startswith("std:") or not key


_NICE_PREFIXES = frozenset("NG CG QS TA PH DG IPG MTG HTG NM SG PMG ESNM KTT SIGN".split())
# Only the listed prefixes, longest first, each a word of its own: the same matches that
# "\b([A-Z]{2,4}) ?(\d{1,4})\b" filtered by prefix gave. Each alternative starts with its first letter and
# only then looks behind it for the word boundary ("N(?<!\wN)G" is "\bNG"): a pattern that starts with
# letters lets the engine skip every other character at once, 2-3x faster than a look-ahead first (a body
# is searched twice for every document matched).
_NICE = re.compile(
    "("
    + "|".join(p[0] + f"(?<!\\w{p[0]})" + p[1:] for p in sorted(_NICE_PREFIXES, key=lambda p: (-len(p), p)))
    + r") ?(\d{1,4})\b"
)
_NAME_CODE = re.compile(r"(?:^|[^A-Za-z])(NG|CG|QS|TA|PH|SIGN)[ _-]?(\d{1,4})(?![0-9])")
_ALERT = re.compile(r"(?=[EMNP])\b(NPSA|NatPSA|PSA|MHRA|EFA) ?/ ?(\d{4}) ?/ ?(\d{1,4})\b", re.I)


def _may_cite_alert(text: str) -> bool:
    """Whether `_ALERT` can match: its case-insensitive look-ahead is tried at every character (0.6 s over a
    generated library of 9,000 documents), while few texts hold any of its names. Casefolded, as every
    character the regex takes for one of their letters ("\u017f" for "s") casefolds to it."""
    folded = text.casefold()
    return "psa" in folded or "mhra" in folded or "efa" in folded


def guidance_codes(text: str) -> frozenset[str]:
    """National guidance cited: NICE codes ("NG51", "CG174", "QS61", "TA", "PH") and safety alerts."""
    codes = {f"{m.group(1)}{int(m.group(2))}" for m in _NICE.finditer(text) if m.group(1) in _NICE_PREFIXES}
    if "/" in text and _may_cite_alert(text):
        codes |= {f"{m.group(1).upper()}/{m.group(2)}/{int(m.group(3))}" for m in _ALERT.finditer(text)}
    return frozenset(codes)


def own_guidance(title: str, file_name: str, full_text: str, min_repeats: int = 3) -> frozenset[str]:
    """The national guidance a document *is* (not what it cites): a code in its title or file name, or one
    repeated on most pages (NICE and SIGN print their code in every page's footer, so furniture counts).

    A local guideline that cites "NG232" adapts the document whose own code is NG232.
    """
    codes = set(guidance_codes(title)) | {
        f"{m.group(1)}{int(m.group(2))}" for m in _NAME_CODE.finditer(file_name)
    }
    counts: dict[str, int] = {}
    for m in _NICE.finditer(full_text):
        if m.group(1) in _NICE_PREFIXES:
            code = f"{m.group(1)}{int(m.group(2))}"
            counts[code] = counts.get(code, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if ranked:
        code, n = ranked[0]
        runner_up = ranked[1][1] if len(ranked) > 1 else 0
        if n >= min_repeats and n >= 2 * runner_up:
            codes.add(code)
    return frozenset(codes)
