"""Named pairwise comparisons, each a number in [0, 1] that a reviewer can read.

`Profile` holds what one document contributes (computed once per document); the TF-IDF space fitted on
the whole library is in `vectors`. The feature functions compare two profiles (or two vector rows).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from rapidfuzz import fuzz
from scipy import sparse

from converge.core.matching import text as mt
from converge.core.model import Document

FEATURE_NAMES = (
    "title_similarity",
    "body_cosine",
    "relative_cosine",
    "cosine_standout",
    "containment_standout",
    "heading_overlap",
    "guidance_overlap",
    "cited_guidance",
    "metadata_agreement",
    "qualifier_conflict",
    "distinct_term_conflict",
)

# Qualifiers that turn one topic into a neighbouring one: a paediatric and an adult sepsis guideline share
# most words but must never be merged. Each axis lists its values and the words that signal each value.
QUALIFIER_AXES: dict[str, dict[str, tuple[str, ...]]] = {
    "population": {
        "adult": ("adult",),
        "paediatric": ("paediatric", "young people", "young person", "adolescent"),
        "neonatal": ("neonatal", "nicu", "special care baby"),
        "maternity": (
            "pregnant",
            "pregnancy",
            "obstetric",
            "antenatal",
            "postnatal",
            "intrapartum",
            "maternal",
        ),
    },
    "phase": {
        "prevention": ("prevention", "prophylaxis", "prophylactic", "risk reduction"),
        "management": ("management", "post", "following", "treatment", "aftercare"),
    },
    "route": {
        "intravenous": ("intravenous", "infusion", "variable rate", "vriii", "fixed rate"),
        "subcutaneous": ("subcutaneous", "basal bolus", "injection"),
        "oral": ("oral", "tablet"),
    },
    "procedure": {
        "insertion": ("insertion", "inserting", "placement"),
        "removal": ("removal", "removing", "decannulation", "extubation"),
    },
    # Opposite parts of one organ system, and the two courses of one condition: "Acute Lower GI Bleeding"
    # is not "Acute Upper Gastrointestinal Bleeding", nor "Chronic Kidney Disease" "Acute Kidney Injury".
    "site": {"upper": ("upper",), "lower": ("lower",)},
    "course": {"acute": ("acute",), "chronic": ("chronic",)},
}
# Axes whose body counts are trustworthy; "phase" words are everywhere in bodies, so only titles count.
_BODY_AXES = ("population", "route")

_TOKEN = re.compile(r"[a-z][a-z0-9]*")


@lru_cache(maxsize=500_000)
def _stem(word: str) -> str:
    """Stemmed word, or "" for a token to drop (one letter, a reference code with two or more digits)."""
    if len(word) < 2 or sum(c.isdigit() for c in word) > 1:
        return ""
    return mt._stem(word)  # noqa: SLF001 - one stemmer shared by titles, headings and bodies


@lru_cache(maxsize=500_000)
def _content(word: str) -> str:
    stem = _stem(word)
    return "" if stem in mt.STOP_WORDS else stem


def stems(text: str) -> list[str]:
    """Stemmed words of a text in order; reference-code-like tokens dropped."""
    return [s for w in _TOKEN.findall(text.lower()) if (s := _stem(w))]


def body_tokens(text: str) -> list[str]:
    """Stemmed content words of a body, stop words removed."""
    return [s for w in _TOKEN.findall(text.lower()) if (s := _content(w))]


@dataclass(frozen=True, slots=True)
class Profile:
    """What one document brings to every comparison, computed once."""

    doc_id: str
    trust: str
    title: str
    title_tokens: tuple[str, ...]
    title_text: str  # title_tokens joined, for fuzzy comparison
    heading_keys: tuple[str, ...]  # topic headings only (standard sections removed)
    headings: tuple[str, ...]  # the same headings as printed, for evidence
    heading_words: frozenset[str]
    guidance: frozenset[str]
    own_guidance: frozenset[str]  # the national guidance this document is (e.g. NICE NG232 itself)
    specialty: str
    document_type: str
    qualifiers: dict[str, tuple[str | None, str | None]]  # axis -> (title value, body-dominant value)
    audience: str | None  # the population a leaflet is written to the carers of ("your child": paediatric)
    counts: Counter[str]  # stemmed body word counts (title included)
    length: int
    # A snapshot of someone's web page (core.parsers.provenance): grouped with no own document.
    reference_copy: bool = False
    health_system: str | None = None  # "US" or "UK" when the text plainly writes for one (`_health_system`)
    # No qualifier anywhere: none in the title or dominant in the body, no audience, no value named in the
    # title (`_quiet`). Two such documents cannot conflict on a qualifier, and most pairs are such.
    quiet: bool = False


def _axis_value(found: Iterable[str]) -> str | None:
    values = set(found)
    return values.pop() if len(values) == 1 else None


def _body_dominant(body: Sequence[str], single: Counter[str]) -> dict[str, str | None]:
    """The value each of `_BODY_AXES` that a body (its words, and their counts) mostly speaks of, if any."""
    joined = ""

    def count(word: str) -> int:
        nonlocal joined
        if " " not in word:
            return single[word]
        # A phrase is found only where each of its words is (most bodies lack one): no search then.
        if not all(w in single for w in word.split()):
            return 0
        joined = joined or " " + " ".join(body) + " "
        return joined.count(f" {word} ")

    out: dict[str, str | None] = {}
    for axis in _BODY_AXES:
        values = QUALIFIER_AXES[axis]
        counts = {v: sum(count(w) for w in words) for v, words in values.items()}
        total = sum(counts.values())
        best = max(counts, key=counts.__getitem__)
        out[axis] = best if total >= 5 and counts[best] >= 0.75 * total else None
    return out


def _qualifiers(
    title_tokens: Sequence[str], dominant: dict[str, str | None]
) -> dict[str, tuple[str | None, str | None]]:
    """axis -> (the value its title names, the value its body mostly speaks of (`_body_dominant`))."""
    title = " " + " ".join(title_tokens) + " "
    out: dict[str, tuple[str | None, str | None]] = {}
    for axis, values in QUALIFIER_AXES.items():
        in_title = [v for v, words in values.items() if any(f" {w} " in title for w in words)]
        if axis == "population" and set(in_title) == {"adult", "paediatric"} and not _names_children(title):
            in_title = ["adult"]  # "Adult & Young Person Sepsis Pathway": adults, older teenagers with them
        out[axis] = (_axis_value(in_title), dominant.get(axis))
    return out


_YOUNG = (" young people ", " young person ")


def _names_children(title: str) -> bool:
    """The title names children by more than "young people", which beside "adult" means older teenagers."""
    for y in _YOUNG:
        title = title.replace(y, " ")
    return any(f" {w} " in title for w in QUALIFIER_AXES["population"]["paediatric"])


@dataclass(frozen=True, slots=True)
class TextFeatures:
    """What matching reads of one document whatever library it is in: derived from its text once (the
    costly part of a profile), and stored with the document (workflow.features) so that a full match need
    not read and tokenise every text again. `profile_of` adds what depends on the library (its title noise)."""

    doc_id: str
    trust: str
    title: str
    words: list[str]  # `document_words`
    counts: Counter[str]  # the words counted
    heading_keys: tuple[str, ...]
    headings: tuple[str, ...]
    guidance: frozenset[str]
    own_guidance: frozenset[str]
    specialty: str
    document_type: str
    dominant: dict[str, str | None]  # `_body_dominant`
    audience: str | None
    health_system: str | None
    reference_copy: bool


def text_features(doc: Document, words: list[str] | None = None, body: str | None = None) -> TextFeatures:
    """A document's `TextFeatures`; reads the body layer only (never furniture).

    `words` and `body` (the document's `document_words` and body text) may be passed when already known.
    """
    body = doc.body_text() if body is None else body
    if words is None:
        words = document_words(doc, body)
    keys, shown = [], []
    for heading in doc.headings():
        key = mt.heading_key(heading)
        if not mt.is_standard_heading(key):
            keys.append(key)
            shown.append(heading)
    counts = Counter(words)
    lowered = body.lower()  # read by the audience and the health system
    return TextFeatures(
        doc_id=doc.id,
        trust=doc.trust,
        title=doc.title,
        words=words,
        counts=counts,
        heading_keys=tuple(keys),
        headings=tuple(shown),
        guidance=mt.guidance_codes(mt.clean_text(body)),
        own_guidance=mt.own_guidance(
            mt.clean_text(doc.title),
            doc.source.path.rsplit("/", 1)[-1],
            mt.clean_text("\n".join(b.text for b in doc.blocks())),
        ),
        specialty=(doc.meta.get("specialty") or "").strip().lower(),
        document_type=(doc.meta.get("document_type") or "").strip().lower(),
        dominant=_body_dominant(words, counts),
        audience=_audience(lowered),
        health_system=_health_system(counts, lowered),
        reference_copy=bool(doc.meta.get("captured_from")),
    )


def profile_of(f: TextFeatures, title_noise: Iterable[str] = ()) -> Profile:
    """A document's profile in a library whose titles carry `title_noise` (`learn_title_noise`)."""
    noise = set(title_noise) | {f.trust.lower()}
    tokens = tuple(mt.title_tokens(f.title, noise))
    qualifiers = _qualifiers(tokens, f.dominant)
    return Profile(
        doc_id=f.doc_id,
        trust=f.trust,
        title=f.title,
        title_tokens=tokens,
        title_text=" ".join(tokens),
        heading_keys=f.heading_keys,
        headings=f.headings,
        heading_words=frozenset(w for k in f.heading_keys for w in k.split()),
        guidance=f.guidance,
        own_guidance=f.own_guidance,
        specialty=f.specialty,
        document_type=f.document_type,
        qualifiers=qualifiers,
        audience=f.audience,
        counts=f.counts,
        length=max(1, len(f.words)),
        reference_copy=f.reference_copy,
        health_system=f.health_system,
        quiet=_quiet(qualifiers, f.audience, tokens),
    )


def make_profile(
    doc: Document, title_noise: Iterable[str] = (), words: list[str] | None = None, body: str | None = None
) -> Profile:
    """Everything matching needs from one document (`text_features`, then `profile_of`)."""
    return profile_of(text_features(doc, words, body), title_noise)


def _quiet(
    qualifiers: dict[str, tuple[str | None, str | None]], audience: str | None, tokens: tuple[str, ...]
) -> bool:
    """Whether `qualifier_conflicts` of two documents both like this one is empty, every branch being false:
    no title or body-dominant value on any axis, no audience, and no value named in the title at all."""
    return (
        audience is None
        and all(q == (None, None) for q in qualifiers.values())
        and not any(_named_values(tokens, axis) for axis in QUALIFIER_AXES)
    )


def document_words(doc: Document, body: str | None = None) -> list[str]:
    """Title and body-layer words, stemmed, stop words removed: the one tokenisation matching uses.

    Telephone, bleep and reference numbers drop out (tokens with two or more digits); e-mail addresses
    and ward names are local boilerplate that `LibraryVectors` damps per trust.
    """
    return body_tokens(mt.clean_text(doc.title + "\n" + (doc.body_text() if body is None else body)))


def learn_title_noise(
    docs: Sequence[Document | TextFeatures], min_share: float = 0.3, min_docs: int = 10
) -> set[str]:
    """Words that mark one trust's titles (a local prefix, a site name) but rarely anyone else's.

    Real libraries put "JPUH", "Trust-wide" or a site name in most titles; these are learnt, not listed.
    """
    by_trust: dict[str, list[set[str]]] = {}
    for doc in docs:
        by_trust.setdefault(doc.trust, []).append(set(mt.title_tokens(doc.title)))
    noise: set[str] = set()
    for trust, titles in by_trust.items():
        if len(titles) < min_docs:
            continue
        here = Counter(w for t in titles for w in t)
        others = [t for other, ts in by_trust.items() if other != trust for t in ts]
        there = Counter(w for t in others for w in t)
        for word, n in here.items():
            if n >= min_share * len(titles) and there[word] <= 0.05 * max(1, len(others)):
                noise.add(word)
    return noise


# --- the features -------------------------------------------------------------------------------------


def title_similarity(a: Profile, b: Profile) -> float | None:
    """Fuzzy agreement of the two titles' topic words (organisation, type, version and code noise gone).

    None when either title has no topic words left: a title that is only a code, a file number or a
    library's boilerplate (learnt as title noise) says nothing, and must not count against the pair.
    """
    ta, tb = a.title_text, b.title_text
    if not ta or not tb:
        return None
    # token_set alone scores "sepsis" against "paediatric sepsis" as 100; token_sort keeps the extra word.
    return (fuzz.token_set_ratio(ta, tb) + fuzz.token_sort_ratio(ta, tb) + fuzz.WRatio(ta, tb)) / 300.0


def aligned_headings(a: Profile, b: Profile, cutoff: float = 70.0) -> list[tuple[str, str, float]]:
    """Topic headings of `a` paired with their closest heading in `b` (standard sections left out)."""
    pairs = []
    for key, shown in zip(a.heading_keys, a.headings, strict=True):
        best, best_i = 0.0, -1
        for i, other in enumerate(b.heading_keys):
            score = fuzz.token_set_ratio(key, other)
            if score > best:
                best, best_i = score, i
        if best >= cutoff:
            pairs.append((shown, b.headings[best_i], best / 100.0))
    return pairs


def heading_overlap(a: Profile, b: Profile) -> float | None:
    """Overlap of the words of the two documents' topic headings (cosine of word sets); None when either
    has only standard sections. Synonyms and numbering are already normalised by `heading_key`."""
    wa, wb = a.heading_words, b.heading_words
    if not wa or not wb:
        return None
    return len(wa & wb) / math.sqrt(len(wa) * len(wb))


def guidance_overlap(a: Profile, b: Profile) -> float | None:
    """Jaccard of the national guidance both cite; None when either cites none."""
    if not a.guidance or not b.guidance:
        return None
    return len(a.guidance & b.guidance) / len(a.guidance | b.guidance)


def cited_guidance(a: Profile, b: Profile) -> float | None:
    """1 when one document cites the national guidance the other one is (a local pathway citing the NICE
    guideline it adapts), 0 when neither cites the other's; None when neither is a coded national document.
    """
    if not a.own_guidance and not b.own_guidance:
        return None
    return 1.0 if (a.guidance & b.own_guidance) or (b.guidance & a.own_guidance) else 0.0


def metadata_agreement(a: Profile, b: Profile) -> float | None:
    """Agreement of specialty (mostly) and document type; None when neither is known."""
    parts: list[tuple[float, float]] = []
    if a.specialty and b.specialty:
        parts.append((0.8, 1.0 if a.specialty == b.specialty else 0.0))
    if a.document_type and b.document_type:
        parts.append((0.2, 1.0 if a.document_type == b.document_type else 0.0))
    if not parts:
        return None
    return sum(w * v for w, v in parts) / sum(w for w, _ in parts)


def qualifier_conflicts(a: Profile, b: Profile) -> list[tuple[str, str, str, float]]:
    """(axis, value of a, value of b, strength) for every qualifier on which the two documents disagree.

    Strength 1 for two titles that name different values, or for a title value the other document never
    mentions at all though its own body repeats it ("... in Neonates" against a document with no word
    for neonates); 0.7 for a title against the other body's dominant value; 0.4 for two bodies.
    """
    if a.quiet and b.quiet:
        return []
    out = []
    for axis in QUALIFIER_AXES:
        ta, da = a.qualifiers[axis]
        tb, db = b.qualifiers[axis]
        if ta and tb and ta != tb:
            out.append((axis, ta, tb, 1.0))
        elif ta and not tb and _absent(axis, ta, a, b):
            out.append((axis, ta, "none", 1.0))
        elif tb and not ta and _absent(axis, tb, b, a):
            out.append((axis, "none", tb, 1.0))
        elif ta and db and not tb and ta != db and not _covers(b, axis, ta):
            out.append((axis, ta, db, 0.7))
        elif tb and da and not ta and tb != da and not _covers(a, axis, tb):
            out.append((axis, da, tb, 0.7))
        elif not ta and not tb and (spoken := _spoken_only(axis, a, b)):
            out.append((axis, *spoken, 1.0))
        elif da and db and da != db and not ta and not tb:
            out.append((axis, da, db, 0.4))
        elif not ta and not tb and (named := _title_difference(a, b, axis)):
            out.append((axis, *named, 1.0))  # "... in Adults" against "... in Neonates", both naming children
    return out


def _spoken_only(axis: str, a: Profile, b: Profile) -> tuple[str, str] | None:
    """(a's value, "none") or ("none", b's value) when one document, its title silent, is written to the
    carers of a population that must be named (a leaflet telling parents what to do for "your child") and
    the other never uses a word for that population.

    How often a body names children is not enough: an adult guideline's safeguarding paragraph ("if a child
    is at risk ...") names them as often as a children's leaflet does."""
    if axis != "population":
        return None
    for x, y, flip in ((a, b, False), (b, a, True)):
        value = x.audience
        if value and not _covers(x, axis, "adult") and _absent(axis, value, x, y):
            return ("none", value) if flip else (value, "none")
    return None


_CARER_ADDRESS = re.compile(r"\byour (?:child|children|baby|babies|son|daughter|toddler|teenager)\b")  # read lowercased
_MIN_CARER_ADDRESS = 3


def _audience(lowered: str) -> str | None:
    """"paediatric" for a text (lowercased) that speaks to a parent or carer about their child again and
    again."""
    if "your" not in lowered:  # a cheap test first: the regex scans every character
        return None
    return "paediatric" if len(_CARER_ADDRESS.findall(lowered)) >= _MIN_CARER_ADDRESS else None


def different_audiences(body_a: str, body_b: str) -> bool:
    """One text is written to the carers of children and the other never names children: two documents
    for two populations, whatever their titles (a trust's adult and children's leaflets, both "Ankle
    sprain"), so neither is a version of the other."""
    words = [w for w in QUALIFIER_AXES["population"]["paediatric"] if " " not in w]
    for x, y in ((body_a, body_b), (body_b, body_a)):
        if _audience(x.lower()) and not any(w in words for w in body_tokens(y)):
            return True
    return False


def _title_difference(a: Profile, b: Profile, axis: str) -> tuple[str, str] | None:
    """Values each title names and the other does not, when both titles name some: ("adult", "neonatal")."""
    va = _title_values(a, axis)
    if not va:  # most titles name no value of an axis: nothing to look up for the other one
        return None
    vb = _title_values(b, axis)
    only_a, only_b = va - vb, vb - va
    return ("+".join(sorted(only_a)), "+".join(sorted(only_b))) if only_a and only_b else None


def _title_values(p: Profile, axis: str) -> frozenset[str]:
    """Every value of the axis the title names (`qualifiers` keeps one only when it is the only one)."""
    return _named_values(p.title_tokens, axis)


@lru_cache(maxsize=100_000)
def _named_values(title_tokens: tuple[str, ...], axis: str) -> frozenset[str]:
    # Cached: asked for every axis of every scored pair (half a million times at 3 x 3,000 documents).
    title = " " + " ".join(title_tokens) + " "
    return frozenset(v for v, words in QUALIFIER_AXES[axis].items() if any(f" {w} " in title for w in words))


_MIN_OWN_MENTIONS = 3
_MIN_COVER_MENTIONS = 5


def _covers(p: Profile, axis: str, value: str) -> bool:
    """`p`'s title names no value of the axis and its body names `value` repeatedly, though another value
    dominates it: a national guideline on head injury in adults and children speaks mostly of children,
    yet covers the adults' pathway too. A title naming its own population ("Paediatric and Neonatal ...")
    is not general, whatever its body says in passing."""
    title = " " + " ".join(p.title_tokens) + " "
    if any(f" {w} " in title for words in QUALIFIER_AXES[axis].values() for w in words):
        return False
    words = [w for w in QUALIFIER_AXES[axis][value] if " " not in w]
    return sum(p.counts.get(w, 0) for w in words) >= _MIN_COVER_MENTIONS
_NAMED_POPULATIONS = frozenset({"paediatric", "neonatal", "maternity"})


# A population named an order of magnitude more rarely (per word) than in the document written for it is
# touched on in passing ("avoid ACE inhibitors in women planning pregnancy"), not written for.
_PASSING = 10


def _absent(axis: str, value: str, a: Profile, b: Profile) -> bool:
    """`a`'s title names `value` and its body repeats it, while `b` never uses a word for it, or only in
    passing (`_PASSING`).

    Only the populations a document must name (children, neonates, pregnancy): a document for them keeps
    saying so, so silence means a different population, not a shorter text. Adults are the default that
    many documents never name.
    """
    if value not in _NAMED_POPULATIONS:
        return False
    words = [w for w in QUALIFIER_AXES[axis][value] if " " not in w]
    own = sum(a.counts.get(w, 0) for w in words)
    other = sum(b.counts.get(w, 0) for w in words)
    return own >= _MIN_OWN_MENTIONS and other * _PASSING * a.length < own * b.length


def clean(a: Profile, b: Profile, score_features: dict[str, float | None]) -> bool:
    """Nothing speaks against the pair: no qualifier or distinct-term conflict of any strength, and no
    population (children, neonates, pregnancy) named in one title and not the other. Weak evidence is
    acted on only then."""
    if score_features.get("qualifier_conflict") or score_features.get("distinct_term_conflict"):
        return False
    if kinds_differ(a, b) or systems_differ(a, b):
        return False
    named = [p.qualifiers["population"][0] for p in (a, b)]
    return not any(v in _NAMED_POPULATIONS for v in named) or named[0] == named[1]


def clash(a: Profile, b: Profile) -> bool:
    """A conflict strong enough to call the pair a near miss: two titles naming different populations or
    routes, one title naming a population the other document never mentions, documents of two kinds, or
    documents written for two health systems."""
    return kinds_differ(a, b) or systems_differ(a, b) or any(s >= 1.0 for *_, s in qualifier_conflicts(a, b))


def kinds_differ(a: Profile, b: Profile) -> bool:
    """One is a snapshot of someone's web page (a reference copy) and the other an organisation's own
    document: never grouped, however alike (a trust's leaflet and a saved copy of a web page with the same
    words are not two trusts' versions of one policy)."""
    return a.reference_copy != b.reference_copy


KIND_CONFLICT = "kind: one is a snapshot of a web page, the other an organisation's own document"

# Words that say which health system a text is written for: its drug names, emergency numbers, services and
# spelling. A patient told to take acetaminophen and call 911 is not given the advice of one told to take
# paracetamol and go to A&E, however alike the rest. British spelling covers NZ and Australia too ("UK").
# Single words are read from the stemmed word counts matching already makes (the stemmer folds "pediatric"
# and "center" into the British forms, so those are not used); phrases and numbers from the text, lowercased.
# Not "orthopaedic": American bodies spell their own names so (American Academy of Orthopaedic Surgeons).
_SYSTEM_STEMS = {
    "US": frozenset({"acetaminophen", "tylenol", "motrin", "advil", "pediatrician", "color", "fahrenheit"}),
    "UK": frozenset({"paracetamol", "paediatrician", "colour", "nhs", "gp"}),
}
_SYSTEM_PHRASES = re.compile(r"(?<![\w&])(?:911|999|a&e|emergency room|health ?care provider)(?![\w&])")
_PHRASE_SYSTEM = {"911": "US", "999": "UK", "a&e": "UK", "emergency room": "US"}  # else: health care provider
# A part of every phrase above: a text with none of them (most) is not searched (the look-behind is tried at
# every character, half a second at 3 x 3,000 documents).
_PHRASE_PARTS = ("911", "999", "a&e", "emergency room", "provider")
_MIN_SYSTEM_WORDS = 3
_SYSTEM_DOMINANCE = 3  # the other system's words at most a third as often


def _health_system(counts: Counter[str], lowered: str) -> str | None:
    """The health system a text plainly writes for, "US" or "UK"; None when it does not say, or says both.

    `counts` are the body's stemmed word counts (`Profile.counts`), `lowered` its text lowercased."""
    found = {k: sum(counts.get(w, 0) for w in words) for k, words in _SYSTEM_STEMS.items()}
    if any(part in lowered for part in _PHRASE_PARTS):
        for phrase in _SYSTEM_PHRASES.findall(lowered):
            found[_PHRASE_SYSTEM.get(phrase, "US")] += 1
    us, uk = found["US"], found["UK"]
    if us >= _MIN_SYSTEM_WORDS and us >= _SYSTEM_DOMINANCE * uk:
        return "US"
    if uk >= _MIN_SYSTEM_WORDS and uk >= _SYSTEM_DOMINANCE * us:
        return "UK"
    return None


def systems_differ(a: Profile, b: Profile) -> bool:
    """Both texts plainly write for a health system, and not the same one."""
    return a.health_system is not None and b.health_system is not None and a.health_system != b.health_system


def qualifier_conflict(a: Profile, b: Profile, modifiers: frozenset[str] = frozenset()) -> float:
    """Strongest population / phase / route / procedure / learnt-modifier disagreement (0 = none)."""
    listed = max((s for *_, s in qualifier_conflicts(a, b)), default=0.0)
    return max(listed, 1.0 if modifier_conflict(a, b, modifiers) else 0.0)


def local_words(profiles: Sequence[Profile]) -> frozenset[str]:
    """Title words whose documents all sit at one trust: a site, service or OCR misreading of that
    library ("SDEC", "St Helens", a journal running head), which cannot tell topics apart across trusts."""
    vocab = {w for p in profiles for w in p.title_tokens}
    seen: dict[str, set[str]] = {}
    for p in profiles:
        for w in vocab.intersection(p.counts):
            seen.setdefault(w, set()).add(p.trust)
    return frozenset(w for w, trusts in seen.items() if len(trusts) == 1)


def learn_title_modifiers(
    profiles: Sequence[Profile], min_docs: int = 3, min_partners: int = 6
) -> frozenset[str]:
    """Title words that qualify many different topics ("older people", "day surgery", "end of life").

    Learnt from the library: a word found in several titles beside many different other words is a
    setting or population modifier, so two titles that carry different modifiers name different topics.
    """
    docs: Counter[str] = Counter()
    partners: dict[str, set[str]] = {}
    for p in profiles:
        words = set(p.title_tokens)
        for w in words:
            docs[w] += 1
            partners.setdefault(w, set()).update(words - {w})
    return frozenset(w for w, n in docs.items() if n >= min_docs and len(partners[w]) >= min_partners)


_COMPARABLE_LENGTH = 3  # longest / shortest


def modifier_conflict(a: Profile, b: Profile, modifiers: frozenset[str], min_own: int = 3) -> tuple[str, ...]:
    """Modifiers each title has that the other document never mentions, when both sides have some.

    Silence is evidence only between documents of comparable length: a two-page pathway never mentions
    most of the words of the 100-page guideline it adapts.
    """
    if min(a.length, b.length) * _COMPARABLE_LENGTH < max(a.length, b.length):
        return ()

    def only(p: Profile, q: Profile) -> list[str]:
        # A modifier that matters to a document recurs in its body, beyond the title itself.
        return [
            w
            for w in set(p.title_tokens) - set(q.title_tokens)
            if w in modifiers and not q.counts.get(w) and p.counts.get(w, 0) >= min_own
        ]

    only_a, only_b = only(a, b), only(b, a)
    return tuple(sorted(only_a) + ["|"] + sorted(only_b)) if only_a and only_b else ()


def distinct_terms(a: Profile, b: Profile, idf: dict[str, float], min_idf: float) -> list[tuple[str, float]]:
    """Title words of `a` that its body uses often but `b` never uses (learnt from the data, not listed).

    Returns (word, strength) with strength in [0, 1]; the data-derived twin of `qualifier_conflict`.
    A much shorter `b` saying nothing of the word is no evidence (see `modifier_conflict`).
    """
    if b.length * _COMPARABLE_LENGTH < a.length:
        return []
    out = []
    for word in sorted(set(a.title_tokens) - set(b.title_tokens)):  # stored evidence: one order every run
        w_idf = idf.get(word, 0.0)
        if w_idf < min_idf:
            continue
        ca = a.counts.get(word, 0)
        if ca >= 4 and b.counts.get(word, 0) == 0:
            out.append((word, round(min(1.0, ca / 6), 3)))
    return out


def distinct_term_conflict(a: Profile, b: Profile, idf: dict[str, float], min_idf: float) -> float:
    both = distinct_terms(a, b, idf, min_idf) + distinct_terms(b, a, idf, min_idf)
    return max((s for _, s in both), default=0.0)


def shared_terms(
    va: sparse.csr_matrix, vb: sparse.csr_matrix, term: Callable[[int], str], k: int = 8
) -> list[str]:
    """The terms that contribute most to the body cosine: what the two documents have in common."""
    common, ia, ib = np.intersect1d(va.indices, vb.indices, assume_unique=True, return_indices=True)
    if not len(common):
        return []
    weight = va.data[ia] * vb.data[ib]
    return [term(int(common[t])) for t in np.argsort(-weight)[:k]]


def body_cosine(va: sparse.csr_matrix, vb: sparse.csr_matrix) -> float:
    """Cosine of the two bodies' TF-IDF vectors (unit rows of `LibraryVectors.matrix`)."""
    _, ia, ib = np.intersect1d(va.indices, vb.indices, assume_unique=True, return_indices=True)
    return float(np.dot(va.data[ia], vb.data[ib]))


def relative_cosine(cosine: float, best_a: float, best_b: float) -> float:
    """The pair's body cosine over the better of the two documents' best cosines at any other trust.

    1 when the two are each other's closest document elsewhere. Independently written equivalents (a local
    pathway and the long national guideline it adapts) share few words, so the absolute cosine is low on
    real text; the relative one holds across corpora whatever their wording and lengths.
    """
    top = max(best_a, best_b, cosine)
    return cosine / top if top > 0 else 0.0


def cosine_standout(
    cosine: float, a: tuple[float, float], b: tuple[float, float], scale: float = 10.0
) -> float:
    """How far the pair's body cosine stands out from each document's cosines to other trusts' documents.

    `a` and `b` are (mean, spread) of each document's cosines to a fixed sample of other trusts'
    documents. The smaller of the two z-scores, divided by `scale` and clipped to [0, 1]: a two-page local
    pathway and the 150-page guideline it adapts share a cosine of only 0.05 to 0.15, yet that is many
    spreads above what either shares with unrelated documents. Absolute cosines differ by corpus and
    document length; how exceptional a pair is for both of its documents does not.
    """
    za = (cosine - a[0]) / a[1] if a[1] > 0 else 0.0
    zb = (cosine - b[0]) / b[1] if b[1] > 0 else 0.0
    return float(min(1.0, max(0.0, min(za, zb) / scale)))


def containment(energy_a: Any, present_b: Any) -> float:
    # `energy_a`/`present_b`: a one-row sparse matrix, or any record with its `indices` and `data`
    """Share of `a`'s TF-IDF weight (squared, so summing to 1) on terms that `b` also uses.

    Asymmetric on purpose: a two-page local pathway's distinctive terms are mostly found in the long
    national guideline it adapts, though the guideline's own terms are mostly absent from the pathway.
    """
    _, ia, _ = np.intersect1d(energy_a.indices, present_b.indices, assume_unique=True, return_indices=True)
    return float(energy_a.data[ia].sum())


def containment_standout(
    a_in_b: float,
    b_in_a: float,
    a: tuple[tuple[float, float], tuple[float, float]],
    b: tuple[tuple[float, float], tuple[float, float]],
    scale: float = 10.0,
) -> float:
    """How far one document's containment in the other stands out, for both documents, in either direction.

    `a` and `b` are ((mean, spread) of the document's containment in other trusts' documents, (mean,
    spread) of other trusts' documents' containment in it). A long guideline contains some of every
    document's words, and a short one's words are found in every long one, so raw containment favours long
    documents; read against both documents' usual values it does not. The better direction's smaller
    z-score, divided by `scale` and clipped to [0, 1], like `cosine_standout`.
    """

    def z(value: float, usual: tuple[float, float]) -> float:
        return (value - usual[0]) / usual[1] if usual[1] > 0 else 0.0

    forward = min(z(a_in_b, a[0]), z(a_in_b, b[1]))
    backward = min(z(b_in_a, b[0]), z(b_in_a, a[1]))
    return float(min(1.0, max(0.0, max(forward, backward) / scale)))


def idf_floor(n_docs: int, share: float = 0.05) -> float:
    """IDF of a word found in `share` of the library: rarer words can distinguish topics."""
    return math.log((1 + n_docs) / (1 + share * n_docs)) + 1
