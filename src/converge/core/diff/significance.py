"""Clinical significance of one change: which category it falls in, whether a reviewer must decide it,
and a short reason a clinician understands ("time limit: 1 hour vs 3 hours").

A change is significant when it alters a clinical feature (a quantity, frequency, route, drug, role,
duty word, negation, guidance citation or criteria word) that the other side does not state in the same
way within the compared sentence. Differences made only of local details or presentation are never
significant; they are classified as "local" or "noise" and shown quietly.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import cast

from converge.core.diff.context import DiffContext
from converge.core.diff.lexicon import (
    DUTY_NAMES,
    NEGATION_RE,
    NEGATIVE_EQUIVALENT_RE,
    Feature,
    find_features,
    find_local_spans,
)
from converge.core.diff.quantities import SCORE_WORDS, UNITS, find_quantities, parse_unit
from converge.core.diff.result import SIGNIFICANT_CATEGORIES, Category
from converge.core.diff.tokens import QUOTE_MAP, normalise_word, squeeze, tokenise

# When one change alters several features, the first of these names it.
PRIORITY = (
    Category.NEGATION,
    Category.UNIT,
    Category.DOSE,
    Category.TIME_LIMIT,
    Category.FREQUENCY,
    Category.THRESHOLD,
    Category.AGE_WEIGHT,
    Category.ROUTE,
    Category.DRUG,
    Category.ROLE,
    Category.DUTY,
    Category.GUIDANCE,
    Category.CRITERIA,
)
# Between aligned sentences, these count only when the other sentence states one of the same kind:
# a drug, route, frequency or cited body named at one side only is nearly always the same one left implicit.
BOTH_SIDES = frozenset({"drug", "route", "frequency", "guidance"})
# ... and in a sentence rewritten throughout, every kind except negation, guidance and the quantities
# that carry a value (a threshold, dose or time limit stated at one side only is still a difference).
BOTH_SIDES_IF_REWRITTEN = frozenset({"criteria"})
NAMED_ONCE = frozenset({"drug", "route", "role", "guidance"})
STOPWORDS = frozenset(
    "a an and are as at be been by for from has have in is it its of on or that the their this to was were "
    "which with within will".split()
)


# Reasons name the documents by these markers; the engine puts in the organisations' names.
A, B = "{A}", "{B}"


def name_sides(reason: str, a: str, b: str) -> str:
    """A reason with its side markers replaced by who says it ("dose: 10 mg at JPUH, 20 mg at QEH")."""
    return reason.replace(A, a).replace(B, b)


@dataclass(frozen=True, slots=True)
class Verdict:
    category: Category
    significant: bool
    reason: str
    categories: tuple[Category, ...] = ()


Span = tuple[int, int]


def _overlaps(s: int, e: int, span: Span | None) -> bool:
    """Whether s..e overlaps the span (an empty span: touches its point)."""
    if span is None:
        return False
    if span[0] != span[1]:
        return s < span[1] and e > span[0]
    return s <= span[0] <= e


def _features_in(text: str, context: DiffContext, local: list[Span]) -> list[Feature]:
    """Features of a sentence that are not part of a local name (a ward called 'Stroke Unit' is local)."""
    return [
        f
        for f in find_features(text, context)
        if f.category == "guidance" or not any(ls <= f.start and f.end <= le for ls, le in local)
    ]


def classify(
    a_text: str,
    b_text: str,
    a_span: Span | None,
    b_span: Span | None,
    context: DiffContext,
    a_scope: Sequence[str] | None = None,
    b_scope: Sequence[str] | None = None,
    positional: tuple[str, ...] = (),
) -> Verdict:
    """Verdict for the change of a_text[a_span] into b_text[b_span] (character spans; None = side absent).

    a_scope/b_scope are the texts a feature must be missing from, on the other side, to count as changed
    (default: the sentence itself), so reordered or reworded sentences that state the same fact are not
    flagged. Categories in `positional` are compared within the changed words only: in a lightly edited
    sentence a role that moves ("made by the team" / "with advice from the team") changes who does what.
    """
    noise = _noise_verdict(_changed_words(a_text, a_span), _changed_words(b_text, b_span))
    if noise:
        return noise
    a = _read_side(a_text, a_span, a_scope, context)
    b = _read_side(b_text, b_span, b_scope, context)
    _merge_aliases(a, b, context)
    verdict = _feature_verdict(a, b, positional)
    if verdict is None and a_text and b_text:
        verdict = _responsibility_verdict(a, b, context) or _criteria_verdict(a, b)
    return verdict or _quiet_verdict(a, b)


@dataclass(slots=True)
class _Side:
    """One side of a change as `classify` reads it: the sentence, its changed words and their features."""

    text: str
    span: Span | None
    scope: Sequence[str] | None
    local: list[Span]  # local names, contacts and references in the sentence
    features: list[Feature]  # clinical features in the changed words
    stated: Counter[tuple[object, ...]]  # every feature the side states within its scope

    @property
    def changed(self) -> str:
        return _changed_words(self.text, self.span)

    @property
    def texts(self) -> Sequence[str]:
        """What a feature must be missing from, at this side, to count as changed."""
        return self.scope if self.scope is not None else [self.text]


def _changed_words(text: str, span: Span | None) -> str:
    return text[span[0] : span[1]] if span else ""


def _noise_verdict(a_chg: str, b_chg: str) -> Verdict | None:
    """Noise when the changed words differ only in case, spelling variant, punctuation or spacing."""
    ta, tb = tokenise(a_chg), tokenise(b_chg)
    if [t.key for t in ta] == [t.key for t in tb]:
        return Verdict(Category.NOISE, False, _noise_reason(a_chg, b_chg), (Category.NOISE,))
    if all(not t.is_word for t in ta + tb):
        return Verdict(Category.NOISE, False, "punctuation", (Category.NOISE,))
    if squeeze(a_chg) == squeeze(b_chg):
        return Verdict(Category.NOISE, False, "spacing or line breaks", (Category.NOISE,))
    return None


def _read_side(text: str, span: Span | None, scope: Sequence[str] | None, context: DiffContext) -> _Side:
    local = find_local_spans(text, context) if text else []
    features = [f for f in _features_in(text, context, local) if span and _overlaps(f.start, f.end, span)]
    if scope is not None:
        stated = _scoped(scope, context)[0]
    else:
        stated = _scope_counter([text] if text else [], context)
    return _Side(text, span, scope, local, features, stated)


def _merge_aliases(a: _Side, b: _Side, context: DiffContext) -> None:
    """A term and its abbreviation ("Cardiac monitoring (ECG)", "IV") are one term, everywhere."""
    alias = _aliases([a.text, b.text], context)
    for scope in (a.scope, b.scope):
        if scope:
            alias = {**_scoped(scope, context)[1], **alias}
    if alias:
        for side in (a, b):
            side.features = [replace(f, key=alias.get(f.key, f.key)) for f in side.features]
            side.stated = _canonical(side.stated, alias)


def _feature_verdict(a: _Side, b: _Side, positional: tuple[str, ...]) -> Verdict | None:
    """The clinical features the change alters, the first in PRIORITY naming it; None when it alters none."""
    sa, sb = Counter(f.key for f in a.features), Counter(f.key for f in b.features)
    paired = bool(a.text and b.text)
    rewritten = paired and a.span == (0, len(a.text)) and b.span == (0, len(b.text))
    da = [
        f
        for f in a.features
        if _changed(f, a.text, a.stated, b.stated, sa, sb, b.texts, paired, positional, rewritten)
    ]
    db = [
        f
        for f in b.features
        if _changed(f, b.text, b.stated, a.stated, sb, sa, a.texts, paired, positional, rewritten)
    ]
    if not (da or db):
        return None
    cats = {Category(f.category) for f in da + db}
    if _unit_change(a.features, b.features):
        cats.add(Category.UNIT)
    ordered = tuple(c for c in PRIORITY if c in cats)
    primary = ordered[0]
    reason = _reason(primary, a.features, b.features, da, db, a.text, b.text)
    return Verdict(primary, primary in SIGNIFICANT_CATEGORIES, reason, ordered)


def _responsibility_verdict(a: _Side, b: _Side, context: DiffContext) -> Verdict | None:
    """Who does the action, even when the same roles appear at both sides in another order."""
    agent_a = _agent(a.text, _features_in(a.text, context, a.local))
    agent_b = _agent(b.text, _features_in(b.text, context, b.local))
    if not (agent_a and agent_b and agent_a.key != agent_b.key):
        return None
    if not (_overlaps(agent_a.start, agent_a.end, a.span) or _overlaps(agent_b.start, agent_b.end, b.span)):
        return None
    return Verdict(
        Category.ROLE,
        True,
        f"who is responsible: {agent_a.label} at {A}, {agent_b.label} at {B}",
        (Category.ROLE,),
    )


def _criteria_verdict(a: _Side, b: _Side) -> Verdict | None:
    """A list item ("C. difficile or norovirus") one side adds: it changes who or what the rule covers."""
    items_a = _items_only_here(a.text, a.span, b.text)
    items_b = _items_only_here(b.text, b.span, a.text)
    if not (items_a or items_b):
        return None
    side, items = (A, items_a) if items_a else (B, items_b)
    reason = f"criteria: only {side} lists {', '.join(items)}"
    return Verdict(Category.CRITERIA, True, reason, (Category.CRITERIA,))


def _quiet_verdict(a: _Side, b: _Side) -> Verdict:
    """A change that alters no clinical feature: a local detail, the same amount put otherwise, or wording."""
    if _only_local(a.text, a.span, a.local) and _only_local(b.text, b.span, b.local):
        return Verdict(
            Category.LOCAL,
            False,
            f"local detail: {_short(a.changed)} at {A}, {_short(b.changed)} at {B}",
            (Category.LOCAL,),
        )
    qa = [f for f in a.features if f.key[0] in ("qty", "frequency")]
    qb = [f for f in b.features if f.key[0] in ("qty", "frequency")]
    if qa and qb and sorted(f.key for f in qa) == sorted(f.key for f in qb):
        labels = " = ".join(dict.fromkeys([_labels(qa), _labels(qb)]))
        return Verdict(Category.WORDING, False, f"same amount: {labels}", (Category.WORDING,))
    return Verdict(Category.WORDING, False, "reworded", (Category.WORDING,))


def _changed(
    f: Feature,
    text: str,
    own: Counter[tuple[object, ...]],
    other: Counter[tuple[object, ...]],
    own_span: Counter[tuple[object, ...]],
    other_span: Counter[tuple[object, ...]],
    other_texts: Sequence[str],
    paired: bool,
    positional: tuple[str, ...],
    rewritten: bool,
) -> bool:
    """Whether a feature in the changed words is a clinical change, not a rewording.

    A feature counts when this side states it more often than the other (within the changed words only
    for `positional` categories). Who is responsible and how strong a duty is are compared only between
    aligned sentences that both name a role (or a duty word): "contact the outreach team" rewritten as
    "the team is on bleep 1234" changes nobody's job; in a section only one side has, they stand.
    A drug named in only one of two aligned sentences
    is usually the same drug left implicit ("give enoxaparin 20 mg" / "the dose is 20 mg"). A negation
    counts when the other side states the negated words plainly ("do not give X" / "give X").
    """
    if f.category == "negation":
        if paired and _negations(text) <= _negations(other_texts[0], about=text):
            return False  # both sentences negate the same thing: "does not replace" / "is not a substitute"
        return _negation_stands(text, f.end, other_texts)
    # Which drug, route, role or guidance is named matters, not how often: "intravenous (IV)" says IV once.
    more = other[f.key] == 0 if f.category in NAMED_ONCE else own[f.key] > other[f.key]
    if not (more or (f.category in positional and own_span[f.key] > other_span[f.key])):
        return False
    if f.category in ("role", "duty"):
        # ... or stated in a section the other side lacks altogether (nothing there to compare with).
        return _states(other, f) if paired else not any(t.strip() for t in other_texts)
    if paired and (f.category in BOTH_SIDES or rewritten and f.category in BOTH_SIDES_IF_REWRITTEN):
        return _states(other, f)
    return True


_ALIAS_RE = re.compile(r"^\s*\(\s*$")


def _aliases(texts: Sequence[str], context: DiffContext) -> dict[tuple[object, ...], tuple[object, ...]]:
    """Keys of terms given with an abbreviation or other name in brackets ('Cardiac monitoring (ECG)'),
    mapped to the key of the term before the bracket."""
    out: dict[tuple[object, ...], tuple[object, ...]] = {}
    for text in texts:
        if not text or "(" not in text:
            continue
        feats = [f for f in find_features(text, context) if f.category in ("drug", "route", "role")]
        for f1, f2 in zip(feats, feats[1:], strict=False):
            if (
                f1.key != f2.key
                and _ALIAS_RE.match(text[f1.end : f2.start])
                and text[f2.end :].lstrip()[:1] == ")"
            ):
                out.setdefault(f2.key, f1.key)
    # One step of chains is enough for a sentence pair; never map a key onto itself through a loop.
    return {k: out.get(v, v) for k, v in out.items() if out.get(v, v) != k}


def _canonical(counter: Counter[tuple[object, ...]], alias: dict) -> Counter[tuple[object, ...]]:
    out: Counter[tuple[object, ...]] = Counter()
    for k, n in counter.items():
        out[alias.get(k, k)] += n
    return out


def _states(counter: Counter[tuple[object, ...]], f: Feature) -> bool:
    """Whether a side states anything of the feature's kind (a count for a count, a route for a route)."""
    return any(
        n > 0 and k[0] == f.key[0] and (f.key[0] != "qty" or k[1] == f.key[1]) for k, n in counter.items()
    )


UNIVERSAL_RE = re.compile(r"\b(?:all|every|any|regardless|irrespective|whatever)\b", re.IGNORECASE)
_AUX = frozenset(
    "be been being is are was were do does did to a an the it they this that always routinely "
    "normally usually deliberately still ever yet have has had".split()
)
_WORD_RE = re.compile(r"[A-Za-z][\w'-]*")
_NEGATING = re.compile(r"^(?:not|never|no|nor|cannot|none|neither|avoid|\w+n't)$", re.IGNORECASE)


def _negations(text: str, about: str | None = None) -> int:
    """Negations and exclusion words in a sentence; with `about`, only those governing words it shares."""
    found = [m.span() for m in NEGATION_RE.finditer(text)] + [
        m.span() for m in NEGATIVE_EQUIVALENT_RE.finditer(text)
    ]
    if about is None:
        return len(found)
    stems = {_stem(w) for w in _WORD_RE.findall(about)}
    # "tubes are excluded." governs the words before it
    return sum(
        1
        for s, e in found
        if any(_stem(w) in stems for w in _governed(text, e) or _WORD_RE.findall(text[:s])[-3:])
    )


def _governed(text: str, at: int) -> list[str]:
    return [w for w in _WORD_RE.findall(text[at:]) if w.lower() not in _AUX and w.lower() not in STOPWORDS][
        :2
    ]


def _stem(word: str) -> str:
    """A crude stem, enough to see 'gives', 'given' and 'give' (or 'omitted' and 'omit') as one word."""
    w = word.lower()
    for suffix in ("ing", "ed", "es", "s", "en", "n"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            break
    if len(w) > 3 and w[-1] == w[-2]:
        w = w[:-1]
    return w[:-1] if len(w) > 3 and w.endswith("e") else w


def _negation_stands(text: str, at: int, other_texts: Sequence[str]) -> bool:
    """Whether the words a negation governs ('not [give] [chlorphenamine]') appear un-negated at the other
    side; a negation or an exclusion word ('excluded', 'lacks', 'without') near them there cancels it.
    A negation of a negation ('should not never happen') flips what the other side says either way."""
    governed = _governed(text, at)
    if not governed:
        return True
    if _NEGATING.match(governed[0]):
        return True
    stems = {_stem(w) for w in governed}
    for t in other_texts:
        words = _WORD_RE.findall(t)
        for k, w in enumerate(words):
            if _stem(w) not in stems:
                continue
            # The governed word itself is no negation of it: 'does not exclude' / 'does exclude' differ.
            window = words[max(0, k - 4) : k] + words[k + 1 : k + 4]
            if not any(_NEGATING.match(x) for x in window) and not NEGATIVE_EQUIVALENT_RE.search(
                " ".join(window)
            ):
                return True
    return False


# Alternatives ("X or Y") widen a criterion; "and" joins steps as often as items, so it is left out.
_LIST_PAIR_RE = re.compile(r"([A-Za-z][\w'-]*)\s+(?:or|and/or)\s+([A-Za-z][\w'-]*)")


_AGENT_RE = re.compile(r"(?:\bby|^)\s*(?:the|a|an|one|two|each|every)?\s*$", re.IGNORECASE)


def _agent(text: str, features: Sequence[Feature]) -> Feature | None:
    """The role that does the action: named after 'by' or opening the sentence ('The registrar reviews')."""
    for f in features:
        if f.category == "role" and _AGENT_RE.search(text[max(0, f.start - 12) : f.start]):
            if f.start <= 12 or re.search(
                r"\bby\s*(?:the|a|an|one|two|each|every)?\s*$", text[: f.start], re.I
            ):
                return f
    return None


def _items_only_here(text: str, span: Span | None, other: str) -> list[str]:
    """Items of a list ('C. difficile or norovirus') that the other side's list lacks, in the changed words.

    The item before must appear at the other side, so a shortened or lengthened list is told apart from
    a rewritten sentence; an added or dropped item changes who or what the rule covers.
    """
    if not span:
        return []
    other_stems = {_stem(w) for w in _WORD_RE.findall(other)}
    items = []
    for m in _LIST_PAIR_RE.finditer(text):
        first, item = m.group(1), m.group(2)
        if not (span[0] <= m.start(2) < span[1] or span[0] == span[1] == m.start(2)):
            continue
        if first.lower() in STOPWORDS or item.lower() in STOPWORDS or len(item) < 4:
            continue
        if (
            _stem(first) in other_stems
            and _stem(item) not in other_stems
            and not re.search(rf"\b{re.escape(first)}\s+(?:or|and|,)", other, re.IGNORECASE)
        ):
            items.append(item)
    return items


_SCOPES: list[tuple[Sequence[str], DiffContext, tuple[Counter[tuple[object, ...]], dict]]] = []


def _scoped(texts: Sequence[str], context: DiffContext) -> tuple[Counter[tuple[object, ...]], dict]:
    """Features and aliases of a scope, once per scope object: every one-sided sentence of a section
    shares the other side's scope, so a section's features are counted once, not once per sentence."""
    for obj, ctx, value in _SCOPES:
        if obj is texts and ctx is context:
            return value
    value = (_scope_counter(texts, context), _aliases(texts, context))
    _SCOPES.insert(0, (texts, context, value))
    del _SCOPES[8:]
    return value


def _scope_counter(texts: Sequence[str], context: DiffContext) -> Counter[tuple[object, ...]]:
    counter: Counter[tuple[object, ...]] = Counter()
    for t in texts:
        local = find_local_spans(t, context)
        counter.update(f.key for f in _features_in(t, context, local))
        # "All admissions" answers "only high-risk patients": a criterion, though not flagged by itself.
        universal = len(UNIVERSAL_RE.findall(t))
        if universal:
            counter[("criteria", "(universal)")] += universal
    return counter


def _only_local(text: str, span: Span | None, local: list[Span]) -> bool:
    """True when every changed word is a stop word or lies in a local name, contact or reference."""
    if not span:
        return True
    local = local + [(q.start, q.end) for q in find_quantities(text) if q.kind == "local"]
    for t in tokenise(text[span[0] : span[1]]):
        s, e = t.start + span[0], t.end + span[0]
        if not t.is_word or t.key in STOPWORDS:
            continue
        if not any(ls <= s and e <= le for ls, le in local):
            return False
    return True


def _unit_change(fa: list[Feature], fb: list[Feature]) -> bool:
    """Same number, different unit or dimension: '5 mg' vs '5 micrograms', '10 mg' vs '10 units'."""

    def nums(fs: list[Feature]) -> dict[str, str]:
        out = {}
        for f in fs:
            if f.key[0] == "qty" and f.key[1] not in ("number", "age"):
                m = re.match(r"[\d.,]+", f.label)
                if m:
                    out[m.group()] = re.sub(
                        r"^[\d.,]+\s*(?:(?:-|–|to|and)\s*[\d.,]+\s*)?", "", f.label
                    ).lower()
        return out

    na, nb = nums(fa), nums(fb)
    return any(n in nb and nb[n] != u and not _same_unit(u, nb[n]) for n, u in na.items())


def _same_unit(u1: str, u2: str) -> bool:
    p1, p2 = parse_unit(u1), parse_unit(u2)
    return p1 is not None and p1 == p2


def _labels(fs: Sequence[Feature]) -> str:
    return ", ".join(dict.fromkeys(" ".join(f.label.split()) for f in fs)) or "none"


def _subject(text: str, f: Feature) -> str:
    """The words naming what a number measures: 'NEWS2 score of 5' -> 'NEWS2 score'."""
    words = re.findall(r"[\w/^-]+", text[: f.start])[-4:]
    skip = {
        "of",
        "is",
        "are",
        "a",
        "an",
        "the",
        "above",
        "below",
        "over",
        "under",
        "than",
        "more",
        "less",
        "greater",
        "at",
        "least",
        "within",
        "by",
        "to",
        "or",
        "and",
        "if",
        "when",
        "with",
        "be",
        "been",
        "count",
        "level",
        "dose",
        "give",
        "for",
        "after",
        "every",
        "up",
        "from",
        "between",
        "aged",
        "x",
    }
    kept = [w for w in words if w.lower() not in skip and w.lower() not in UNITS and not w[0].isdigit()]
    for k, w in enumerate(kept):
        if w.lower() in SCORE_WORDS or any(ch.isdigit() for ch in w) or (w.isupper() and len(w) > 1):
            return " ".join(kept[k : k + 2])
    return " ".join(kept[-1:])


_CATEGORY_NAMES = {
    Category.THRESHOLD: "threshold",
    Category.DOSE: "dose",
    Category.UNIT: "unit",
    Category.TIME_LIMIT: "time limit",
    Category.FREQUENCY: "frequency",
    Category.AGE_WEIGHT: "age/weight cut-off",
    Category.ROUTE: "route",
    Category.DRUG: "drug, device or test",
    Category.ROLE: "who is responsible",
    Category.GUIDANCE: "guidance cited",
    Category.CRITERIA: "criteria",
}


def _reason(
    cat: Category,
    fa: list[Feature],
    fb: list[Feature],
    da: list[Feature],
    db: list[Feature],
    a_text: str,
    b_text: str,
) -> str:
    """What changed, in a clinician's words: "time limit: 1 hour at {A}, 3 hours at {B}"."""
    of_a = [f for f in fa if f.category == cat] or [f for f in da if f.category == cat]
    of_b = [f for f in fb if f.category == cat] or [f for f in db if f.category == cat]
    if cat == Category.DUTY:
        return _duty_reason(of_a, of_b)
    if cat == Category.NEGATION:
        return _negation_reason(da, db, a_text, b_text)
    name = _feature_name(cat, fa + fb, of_a, of_b, a_text, b_text)
    if not a_text or not b_text:
        # A sentence at one side only: name what it states that the other side lacks.
        only = da or db
        side = A if da else B
        return f"only {side} says this: {name} {_labels([f for f in only if f.category == cat])}"
    if cat == Category.UNIT:
        of_a = [f for f in fa if f.key[0] == "qty"]
        of_b = [f for f in fb if f.key[0] == "qty"]
    la, lb = _labels(of_a), _labels(of_b)
    if (
        cat == Category.GUIDANCE
        and any(f.key[1] == "year" for f in da + db)
        and not any(f.key[1] != "year" for f in da + db)
    ):
        name = "guidance version"
        la, lb = _guidance_phrase(a_text, of_a), _guidance_phrase(b_text, of_b)
    return f"{name}: {_stated(la)} at {A}, {_stated(lb)} at {B}"


def _duty_reason(of_a: list[Feature], of_b: list[Feature]) -> str:
    """A duty weakened or strengthened ("must" -> "should"), or stated at one side only."""
    wa = max((cast(int, f.key[1]) for f in of_a), default=0)
    wb = max((cast(int, f.key[1]) for f in of_b), default=0)
    if wa and wb:
        verb = "weakened" if wb < wa else "strengthened"
        return f"duty {verb}: {DUTY_NAMES[wa]} ({A}) vs {DUTY_NAMES[wb]} ({B})"
    return f"strength of duty: {_stated(_labels(of_a))} at {A}, {_stated(_labels(of_b))} at {B}"


def _negation_reason(da: list[Feature], db: list[Feature], a_text: str, b_text: str) -> str:
    na = sum(1 for f in da if f.category == Category.NEGATION)
    nb = sum(1 for f in db if f.category == Category.NEGATION)
    if na > nb:
        return f"negation: only {A} says “not”: {_context_words(a_text, da, Category.NEGATION)}"
    return f"negation: only {B} says “not”: {_context_words(b_text, db, Category.NEGATION)}"


def _feature_name(
    cat: Category, features: list[Feature], of_a: list[Feature], of_b: list[Feature], a_text: str, b_text: str
) -> str:
    """The category's name, sharpened by what it measures ("NEWS2 score threshold", "enoxaparin dose")."""
    name = _CATEGORY_NAMES.get(cat, cat.value)
    if cat == Category.THRESHOLD and (of_a or of_b):
        f, text = (of_a[0], a_text) if of_a else (of_b[0], b_text)
        subject = _subject(text, f)
        if subject:
            name = f"{subject} {name}"
    if cat == Category.DOSE:
        drug = next((f.label for f in features if f.category == "drug"), "")
        if drug:
            name = f"{drug.lower()} {name}"
    return name


def _stated(label: str) -> str:
    return "not stated" if label == "none" else label


def _guidance_phrase(text: str, fs: list[Feature]) -> str:
    if not fs:
        return "none"
    s = min(f.start for f in fs)
    e = max(f.end for f in fs)
    m = re.search(r"[^()]*\)?", text[e : e + 30])
    start = max(0, s - 24)
    if start:  # begin at a whole word
        start = text.find(" ", start, s) + 1 or s
    return " ".join(text[start : e + (m.end() if m and ")" in m.group() else 0)].split()) or "none"


def _context_words(text: str, fs: list[Feature], cat: Category) -> str:
    f = next((f for f in fs if f.category == cat), None)
    if f is None:
        return ""
    words = re.findall(r"\S+", text)
    pos = len(re.findall(r"\S+", text[: f.start]))
    return " ".join(words[max(0, pos - 3) : pos + 4])


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split()) or "(none)"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _noise_reason(a: str, b: str) -> str:
    if " ".join(a.split()) == " ".join(b.split()):
        return "whitespace"
    if a.lower() == b.lower():
        return "case"
    if a.translate(QUOTE_MAP).lower() == b.translate(QUOTE_MAP).lower():
        return "quote or dash style"
    wa = [normalise_word(w) for w in re.findall(r"\w+", a)]
    wb = [normalise_word(w) for w in re.findall(r"\w+", b)]
    if wa == wb and [w.lower() for w in re.findall(r"\w+", a)] != [w.lower() for w in re.findall(r"\w+", b)]:
        return "spelling (British/American)"
    return "punctuation or formatting"
