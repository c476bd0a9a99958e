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
from dataclasses import dataclass

from converge.diff.context import DiffContext
from converge.diff.lexicon import DUTY_NAMES, Feature, find_features, find_local_spans
from converge.diff.quantities import find_quantities
from converge.diff.result import SIGNIFICANT_CATEGORIES, Category
from converge.diff.tokens import normalise_word, tokenise

# When one change alters several features, the first of these names it.
PRIORITY = (
    Category.NEGATION, Category.UNIT, Category.DOSE, Category.TIME_LIMIT, Category.FREQUENCY,
    Category.THRESHOLD, Category.AGE_WEIGHT, Category.ROUTE, Category.DRUG, Category.ROLE, Category.DUTY,
    Category.GUIDANCE, Category.CRITERIA,
)
STOPWORDS = frozenset(
    "a an and are as at be been by for from has have in is it its of on or that the their this to was were "
    "which with within will".split()
)


@dataclass(frozen=True, slots=True)
class Verdict:
    category: Category
    significant: bool
    reason: str
    categories: tuple[Category, ...] = ()


Span = tuple[int, int]


def _overlaps(s: int, e: int, span: Span | None) -> bool:
    return span is not None and s < span[1] and e > span[0] if span[0] != span[1] else (
        span is not None and s <= span[0] <= e)


def _features_in(text: str, context: DiffContext, local: list[Span]) -> list[Feature]:
    """Features of a sentence that are not part of a local name (a ward called 'Stroke Unit' is local)."""
    return [f for f in find_features(text, context) if f.category == "guidance"
            or not any(ls <= f.start and f.end <= le for ls, le in local)]


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
    a_chg = a_text[a_span[0]: a_span[1]] if a_span else ""
    b_chg = b_text[b_span[0]: b_span[1]] if b_span else ""
    ta, tb = tokenise(a_chg), tokenise(b_chg)
    if [t.key for t in ta] == [t.key for t in tb]:
        return Verdict(Category.NOISE, False, _noise_reason(a_chg, b_chg), (Category.NOISE,))
    if all(not t.is_word for t in ta + tb):
        return Verdict(Category.NOISE, False, "punctuation", (Category.NOISE,))

    a_local = find_local_spans(a_text, context) if a_text else []
    b_local = find_local_spans(b_text, context) if b_text else []
    fa = [f for f in _features_in(a_text, context, a_local) if a_span and _overlaps(f.start, f.end, a_span)]
    fb = [f for f in _features_in(b_text, context, b_local) if b_span and _overlaps(f.start, f.end, b_span)]
    ca = _scope_counter(a_scope if a_scope is not None else ([a_text] if a_text else []), context)
    cb = _scope_counter(b_scope if b_scope is not None else ([b_text] if b_text else []), context)
    sa, sb = Counter(f.key for f in fa), Counter(f.key for f in fb)
    da = [f for f in fa if ca[f.key] > cb[f.key] or (f.category in positional and sa[f.key] > sb[f.key])]
    db = [f for f in fb if cb[f.key] > ca[f.key] or (f.category in positional and sb[f.key] > sa[f.key])]
    if da or db:
        cats = {Category(f.category) for f in da + db}
        if _unit_change(fa, fb):
            cats.add(Category.UNIT)
        ordered = tuple(c for c in PRIORITY if c in cats)
        primary = ordered[0]
        return Verdict(primary, primary in SIGNIFICANT_CATEGORIES,
                       _reason(primary, fa, fb, da, db, a_text, b_text), ordered)

    if _only_local(a_text, a_span, a_local) and _only_local(b_text, b_span, b_local):
        return Verdict(Category.LOCAL, False, f"local detail: {_short(a_chg)} vs {_short(b_chg)}",
                       (Category.LOCAL,))
    qa = [f for f in fa if f.key[0] in ("qty", "frequency")]
    qb = [f for f in fb if f.key[0] in ("qty", "frequency")]
    if qa and qb and sorted(f.key for f in qa) == sorted(f.key for f in qb):
        labels = " = ".join(dict.fromkeys([_labels(qa), _labels(qb)]))
        return Verdict(Category.WORDING, False, f"same amount: {labels}", (Category.WORDING,))
    return Verdict(Category.WORDING, False, "reworded", (Category.WORDING,))


def _scope_counter(texts: Sequence[str], context: DiffContext) -> Counter[tuple[object, ...]]:
    counter: Counter[tuple[object, ...]] = Counter()
    for t in texts:
        local = find_local_spans(t, context)
        counter.update(f.key for f in _features_in(t, context, local))
    return counter


def _only_local(text: str, span: Span | None, local: list[Span]) -> bool:
    """True when every changed word is a stop word or lies in a local name, contact or reference."""
    if not span:
        return True
    local = local + [(q.start, q.end) for q in find_quantities(text) if q.kind == "local"]
    for t in tokenise(text[span[0]: span[1]]):
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
                    out[m.group()] = re.sub(r"^[\d.,]+\s*", "", f.label).lower()
        return out

    na, nb = nums(fa), nums(fb)
    return any(n in nb and nb[n] != u and not _same_unit(u, nb[n]) for n, u in na.items())


def _same_unit(u1: str, u2: str) -> bool:
    from converge.diff.quantities import parse_unit

    p1, p2 = parse_unit(u1), parse_unit(u2)
    return p1 is not None and p1 == p2


def _labels(fs: Sequence[Feature]) -> str:
    return ", ".join(dict.fromkeys(" ".join(f.label.split()) for f in fs)) or "none"


def _subject(text: str, f: Feature) -> str:
    """The words naming what a number measures: 'NEWS2 score of 5' -> 'NEWS2 score'."""
    from converge.diff.quantities import SCORE_WORDS, UNITS

    words = re.findall(r"[\w/^-]+", text[: f.start])[-4:]
    skip = {"of", "is", "are", "a", "an", "the", "above", "below", "over", "under", "than", "more", "less",
            "greater", "at", "least", "within", "by", "to", "or", "and", "if", "when", "with", "be", "been",
            "count", "level", "dose", "give", "for", "after", "every", "up", "from", "aged", "than", "x"}
    kept = [w for w in words if w.lower() not in skip and w.lower() not in UNITS and not w[0].isdigit()]
    for k, w in enumerate(kept):
        if w.lower() in SCORE_WORDS or any(ch.isdigit() for ch in w) or (w.isupper() and len(w) > 1):
            return " ".join(kept[k: k + 2])
    return " ".join(kept[-1:])


def _reason(cat: Category, fa: list[Feature], fb: list[Feature], da: list[Feature], db: list[Feature],
            a_text: str, b_text: str) -> str:
    of_a = [f for f in fa if f.category == cat] or [f for f in da if f.category == cat]
    of_b = [f for f in fb if f.category == cat] or [f for f in db if f.category == cat]
    la, lb = _labels(of_a), _labels(of_b)
    if cat == Category.DUTY:
        levels_a = [f.key[1] for f in of_a]
        levels_b = [f.key[1] for f in of_b]
        wa, wb = max(levels_a, default=0), max(levels_b, default=0)
        if wa and wb:
            verb = "weakened" if wb < wa else "strengthened"
            return f"duty {verb}: {DUTY_NAMES[int(wa)]} -> {DUTY_NAMES[int(wb)]}"  # type: ignore[index]
        return f"duty: {la} vs {lb}"
    if cat == Category.NEGATION:
        na = sum(1 for f in da if f.category == cat)
        nb = sum(1 for f in db if f.category == cat)
        if na > nb:
            return f"negation only on the first side: {_context_words(a_text, da, cat)}"
        return f"negation only on the second side: {_context_words(b_text, db, cat)}"
    names = {
        Category.THRESHOLD: "threshold", Category.DOSE: "dose", Category.UNIT: "unit",
        Category.TIME_LIMIT: "time limit", Category.FREQUENCY: "frequency", Category.AGE_WEIGHT: "age/weight cut-off",
        Category.ROUTE: "route", Category.DRUG: "drug, device or test", Category.ROLE: "who is responsible",
        Category.GUIDANCE: "guidance cited", Category.CRITERIA: "criteria",
    }
    name = names.get(cat, cat.value)
    if cat == Category.UNIT:
        of_a = [f for f in fa if f.key[0] == "qty"]
        of_b = [f for f in fb if f.key[0] == "qty"]
        la, lb = _labels(of_a), _labels(of_b)
    if cat == Category.THRESHOLD and (of_a or of_b):
        f, text = (of_a[0], a_text) if of_a else (of_b[0], b_text)
        subject = _subject(text, f)
        if subject:
            name = f"{subject} {name}"
    if cat == Category.DOSE:
        drug = next((f.label for f in fa + fb if f.category == "drug"), "")
        if drug:
            name = f"{drug.lower()} {name}"
    if not a_text or not b_text:
        # A sentence at one side only: name what it states that the other side lacks.
        only = da or db
        side = "first" if da else "second"
        return f"only on the {side} side: {name} {_labels([f for f in only if f.category == cat])}"
    if cat == Category.GUIDANCE and any(f.key[1] == "year" for f in da + db) and not any(
            f.key[1] != "year" for f in da + db):
        name = "guidance version"
        la, lb = _guidance_phrase(a_text, of_a), _guidance_phrase(b_text, of_b)
    return f"{name}: {la} vs {lb}"


def _guidance_phrase(text: str, fs: list[Feature]) -> str:
    if not fs:
        return "none"
    s = min(f.start for f in fs)
    e = max(f.end for f in fs)
    m = re.search(r"[^()]*\)?", text[e: e + 30])
    return " ".join(text[max(0, s - 12): e + (m.end() if m and ")" in m.group() else 0)].split()) or "none"


def _context_words(text: str, fs: list[Feature], cat: Category) -> str:
    f = next((f for f in fs if f.category == cat), None)
    if f is None:
        return ""
    words = re.findall(r"\S+", text)
    pos = len(re.findall(r"\S+", text[: f.start]))
    return " ".join(words[max(0, pos - 3): pos + 4])


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split()) or "(none)"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _noise_reason(a: str, b: str) -> str:
    if " ".join(a.split()) == " ".join(b.split()):
        return "whitespace"
    if a.lower() == b.lower():
        return "case"
    from converge.diff.tokens import QUOTE_MAP

    if a.translate(QUOTE_MAP).lower() == b.translate(QUOTE_MAP).lower():
        return "quote or dash style"
    wa = [normalise_word(w) for w in re.findall(r"\w+", a)]
    wb = [normalise_word(w) for w in re.findall(r"\w+", b)]
    if wa == wb and [w.lower() for w in re.findall(r"\w+", a)] != [w.lower() for w in re.findall(r"\w+", b)]:
        return "spelling (British/American)"
    return "punctuation or formatting"
