"""A local document held against the national document it adapts: clinically significant departures
(values, obligations, negation, ...) and the national recommendations the local text leaves out.

A 2-page local pathway against a 150-page national guideline is the normal shape, so nothing is diffed
section by section: each local sentence is paired with the national sentence that speaks to the same
thing (TF-IDF cosine over the two documents' sentences), the pair is classified by the diff engine's own
significance rules (`converge.core.diff.significance.classify`), and national recommendations that no local
sentence speaks to are listed, most relevant to the local document first, never diffed word by word.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from converge.core.diff.context import DEFAULT_CONTEXT, DiffContext
from converge.core.diff.lexicon import find_features
from converge.core.diff.result import SIGNIFICANT_CATEGORIES, Category
from converge.core.diff.significance import classify, name_sides
from converge.core.diff.tokens import sentence_key, split_sentences
from converge.core.model import Document, Layer

# What a departure is about, for grouping in pages and exports.
VALUE_CATEGORIES = frozenset(
    {
        Category.THRESHOLD,
        Category.DOSE,
        Category.UNIT,
        Category.FREQUENCY,
        Category.TIME_LIMIT,
        Category.AGE_WEIGHT,
    }
)
OBLIGATION_CATEGORIES = frozenset({Category.DUTY, Category.NEGATION})
# A national sentence that recommends: a duty word (must/should/recommended, from the diff lexicon) or the
# imperative openings NICE and the royal colleges write recommendations in.
_IMPERATIVE = re.compile(
    r"^\s*(?:[\d.]+\s+)?(?:offer|consider|do not|don't|give|use|ensure|refer|measure|assess|start|arrange|"
    r"record|check|perform|discuss|seek|admit|treat|monitor|avoid|provide|repeat)\b",
    re.IGNORECASE,
)
_WORDS = re.compile(r"[A-Za-z]{2,}")
_CONTENT = re.compile(r"[a-z]{3,}")
# What a sentence is about, not what it says about it: numbers and duty words are left out of alignment, so
# "give 10 mg" and "may give 20 mg" find the same national sentence, and then the diff engine compares them.
_ALIGN_STOP = frozenset(
    "must should may might can could shall will would required recommended consider considered not no never "
    "the a an of to and or in on for with be is are was were it this that as at by from".split()
)


# Sections whose sentences are citations or credits, not recommendations.
_NOT_CONTENT = re.compile(r"\b(references?|bibliography|acknowledge?ments?|further reading|sources?)\b", re.I)


@dataclass(frozen=True)
class HoldSettings:
    """Tunables of holding a local document against its national source (see bench/national.py)."""

    speaks_to: float = 0.35  # cosine from which a national sentence speaks to the same thing as a local one
    covered: float = 0.3  # a national recommendation is covered locally from this cosine
    min_words: int = 4  # shorter local fragments (headings, table crumbs) are not sentences
    national_min_words: int = 6  # national text is prose: shorter pieces are line-break fragments
    min_shared: int = 3  # content words a local and a national sentence share before one speaks to the other


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    section: str  # heading path, " > " joined ("" before the first heading)


@dataclass(frozen=True, slots=True)
class Departure:
    """One clinically significant way the local text parts from the national wording it corresponds to."""

    key: str  # stable: the same departure keeps its key (and its justification) across re-runs
    kind: str  # value | obligation | other
    category: str
    reason: str  # "dose: 10 mg in NICE NG185, 20 mg in MWL"
    local_text: str
    local_section: str
    national_text: str
    national_section: str
    similarity: float


@dataclass(frozen=True, slots=True)
class Omission:
    """A national recommendation no local sentence speaks to (listed, not diffed)."""

    national_text: str
    national_section: str
    relevance: float  # how close it is to the local document as a whole: most relevant listed first


@dataclass(frozen=True)
class Alignment:
    local_id: str
    national_id: str
    local_sentences: int
    compared: int  # local sentences with a national counterpart
    agreeing: int  # ... of which no significant departure
    departures: tuple[Departure, ...]
    omissions: tuple[Omission, ...]


def sentences_of(doc: Document, min_words: int = 4) -> list[Sentence]:
    """Body-layer sentences with their section path; table rows count as one sentence each."""
    out: list[Sentence] = []

    def add(text: str, section: str) -> None:
        for piece in split_sentences(" ".join(text.split())):
            if len(_WORDS.findall(piece)) >= min_words:
                out.append(Sentence(piece, section))

    for block in doc.preamble:
        if block.layer == Layer.BODY:
            add(block.text, "")
    for path, section in doc.walk():
        label = " > ".join(p for p in path if p)
        if any(_NOT_CONTENT.search(p) for p in path if p):
            continue
        for block in section.blocks:
            if block.layer != Layer.BODY:
                continue
            if block.rows:
                for row in block.rows:
                    add(" ".join(c for c in row if c), label)
            else:
                add(block.text, label)
    return out


def kind_of(category: str) -> str:
    if category in VALUE_CATEGORIES:
        return "value"
    if category in OBLIGATION_CATEGORIES:
        return "obligation"
    return "other"


def departure_key(category: str, national_text: str, local_text: str) -> str:
    raw = f"{category}|{sentence_key(national_text)}|{sentence_key(local_text)}"
    return hashlib.sha1(raw.encode()).hexdigest()[:16]


def changed_spans(a: str, b: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Character spans of the region where two sentences differ (first to last differing word), or None
    when they say the same words. The diff engine classifies only what changed, as between trusts."""
    wa = [(m.start(), m.end(), m.group().lower()) for m in re.finditer(r"\S+", a)]
    wb = [(m.start(), m.end(), m.group().lower()) for m in re.finditer(r"\S+", b)]
    ops = [
        op
        for op in difflib.SequenceMatcher(
            None, [w[2] for w in wa], [w[2] for w in wb], autojunk=False
        ).get_opcodes()
        if op[0] != "equal"
    ]
    if not ops:
        return None

    def span(words: list[tuple[int, int, str]], i: int, j: int, text: str) -> tuple[int, int]:
        if i < j:
            return words[i][0], words[j - 1][1]
        at = words[i][0] if i < len(words) else len(text)  # an insertion point
        return at, at

    first, last = ops[0], ops[-1]
    return span(wa, first[1], last[2], a), span(wb, first[3], last[4], b)


def compare_sentences(
    national: str, local: str, context: DiffContext = DEFAULT_CONTEXT
) -> tuple[str, bool, str] | None:
    """(category, significant, reason with {A}=national, {B}=local) of a national and a local sentence
    that speak to the same thing; None when they say the same."""
    spans = changed_spans(national, local)
    if spans is None:
        return None
    verdict = classify(national, local, spans[0], spans[1], context)
    return str(verdict.category), verdict.significant, verdict.reason


def content_words(text: str) -> set[str]:
    return {w for w in _CONTENT.findall(text.lower()) if w not in _ALIGN_STOP}


def speaks_to(local: str, national: str, similarity: float, settings: HoldSettings) -> bool:
    """Whether a national sentence speaks to the same point as a local one: alike enough, and sharing
    enough content words that a short fragment cannot pass on one rare word."""
    return similarity >= settings.speaks_to and len(content_words(local) & content_words(national)) >= (
        settings.min_shared
    )


def is_recommendation(text: str, context: DiffContext = DEFAULT_CONTEXT) -> bool:
    if _IMPERATIVE.match(text):
        return True
    return any(f.category == "duty" for f in find_features(text, context))


def _vectors(texts: Sequence[str]) -> np.ndarray:
    """L2-normalised TF-IDF rows (words and word pairs, no numbers or duty words) of both documents'
    sentences together."""
    vec = TfidfVectorizer(
        ngram_range=(1, 2),
        sublinear_tf=True,
        token_pattern=r"(?u)\b[^\W\d_][^\W\d_]+\b",
        stop_words=list(_ALIGN_STOP),
    )
    try:
        return vec.fit_transform(texts)
    except ValueError:  # nothing but numbers and stop words
        from scipy import sparse

        return sparse.csr_matrix((len(texts), 1))


def hold_against(
    local: Document,
    national: Document,
    context: DiffContext = DEFAULT_CONTEXT,
    settings: HoldSettings | None = None,
    national_name: str | None = None,
) -> Alignment:
    """The departures of `local` from `national` and the national recommendations it leaves out."""
    settings = settings or HoldSettings()
    ls = sentences_of(local, settings.min_words)
    ns = sentences_of(national, settings.national_min_words)
    if not ls or not ns:
        omitted = tuple(Omission(s.text, s.section, 0.0) for s in ns if is_recommendation(s.text, context))
        return Alignment(local.id, national.id, len(ls), 0, 0, (), omitted)
    matrix = _vectors([s.text for s in ls] + [s.text for s in ns] + [" ".join(s.text for s in ls)])
    lv, nv, whole = matrix[: len(ls)], matrix[len(ls) : len(ls) + len(ns)], matrix[-1]
    sims = (lv @ nv.T).toarray()
    names = (national_name or national.title, local.trust)
    departures, compared, agreeing = _departures(ls, ns, sims, context, settings, names)
    relevance = (nv @ whole.T).toarray().ravel()
    omissions = _omissions(ns, sims.max(axis=0), relevance, context, settings)
    order = {"value": 0, "obligation": 1, "other": 2}
    return Alignment(
        local.id,
        national.id,
        len(ls),
        compared,
        agreeing,
        tuple(sorted(departures, key=lambda d: (order[d.kind], -d.similarity))),
        omissions,
    )


def _departures(
    ls: list[Sentence],
    ns: list[Sentence],
    sims: np.ndarray,
    context: DiffContext,
    settings: HoldSettings,
    names: tuple[str, str],
) -> tuple[list[Departure], int, int]:
    """Each local sentence against its closest national one: the departures (one per key), how many
    local sentences had a national counterpart, and how many of those agree."""
    departures: dict[str, Departure] = {}
    compared = agreeing = 0
    for i, s in enumerate(ls):
        j = int(np.argmax(sims[i]))
        sim = float(sims[i, j])
        if not speaks_to(s.text, ns[j].text, sim, settings):
            continue
        compared += 1
        verdict = compare_sentences(ns[j].text, s.text, context)
        if verdict is None or not verdict[1]:
            agreeing += 1
            continue
        category, _, reason = verdict
        key = departure_key(category, ns[j].text, s.text)
        departures.setdefault(
            key,
            Departure(
                key=key,
                kind=kind_of(category),
                category=category,
                reason=name_sides(reason, *names),
                local_text=s.text,
                local_section=s.section,
                national_text=ns[j].text,
                national_section=ns[j].section,
                similarity=round(sim, 3),
            ),
        )
    return list(departures.values()), compared, agreeing


def _omissions(
    ns: list[Sentence],
    best_local: np.ndarray,
    relevance: np.ndarray,
    context: DiffContext,
    settings: HoldSettings,
) -> tuple[Omission, ...]:
    """National recommendations no local sentence covers, once each, the most relevant first."""
    seen: set[str] = set()
    omissions = []
    for j, s in enumerate(ns):
        if best_local[j] >= settings.covered or not is_recommendation(s.text, context):
            continue
        k = sentence_key(s.text)
        if k in seen:
            continue
        seen.add(k)
        omissions.append(Omission(s.text, s.section, round(float(relevance[j]), 3)))
    omissions.sort(key=lambda o: -o.relevance)
    return tuple(omissions)


def significant_only(categories: Iterable[str]) -> list[str]:
    return [c for c in categories if Category(c) in SIGNIFICANT_CATEGORIES]
