"""Trust-specific details in text that is to become shared wording, made clearly marked placeholders.

A shared policy must not carry one trust's hospital, ward, committee, bleep, extension, e-mail address or
reference number as if it were everyone's. The names come from each organisation's local terms
(ingest/trusts.toml) and the same patterns the diff uses for its `local` category; generic clinical places
("Intensive Care Unit", "Emergency Department") are left alone, since every trust has one. What a reviewer
writes as new text is their chosen shared wording and is not changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from converge.core.diff.context import DiffContext
from converge.core.diff.lexicon import GUIDANCE_RE, LOCAL_NAME_RE, LOCAL_PATTERNS, _phrase_re

GENERIC_PLACES = re.compile(r"(?:Unit|Units|Centre|Site|Campus|Department|Directorate|Division)$")
PREFIX = "[LOCAL: "


@dataclass(frozen=True, slots=True)
class Replaced:
    """One local detail taken out of shared wording: what it was and what it became."""

    original: str
    placeholder: str


def kind_of(found: str) -> str:
    """What sort of local detail a match is, for its placeholder ("ward", "e-mail address", ...)."""
    low = found.lower()
    if "@" in found:
        return "e-mail address"
    if low.startswith(("www.", "http")):
        return "web address"
    if re.match(r"(?i)(bleep|pager)", found):
        return "bleep number"
    if re.match(r"(?i)(ext|extension|tel|telephone|phone|switchboard)", found) or re.fullmatch(
        r"[\d\s]+", found
    ):
        return "telephone or extension"
    if re.search(r"\bwards?\b", low):
        return "ward"
    if re.search(r"\b(committee|sub-?committee|board|group|panel|forum)\b", low):
        return "committee"
    if re.search(r"\b(hospitals?|trust)\b", low):
        return "hospital or trust"
    if re.search(r"\d", found):
        return "reference number"
    return "local name"


def _pattern_ok(found: str) -> bool:
    """Reference-number patterns also match COVID-19, IV/IM or ZZ/Y/X: keep only real reference shapes.
    Web addresses are left alone (NICE's, a charity's): a trust's own domain is one of its local terms."""
    if found.lower().startswith(("www.", "http")):
        return False
    if "@" in found or " " in found.strip():
        return True
    if not re.search(r"\d", found):
        return False
    if re.search(r"[-/]", found):
        return len(re.findall(r"[-/]", found)) >= 2 or bool(re.search(r"\d{3,}", found))
    return bool(re.search(r"\d{3,}", found))


def local_spans(text: str, context: DiffContext) -> list[tuple[int, int]]:
    """Character spans of the trust-specific details in `text`, longest first where they overlap."""
    spans: list[tuple[int, int]] = []
    terms = context.all_local_terms() + tuple(context.local_terms)
    if terms:  # an organisation's configured names come first: the surest
        spans += [m.span() for m in _phrase_re(terms).finditer(text)]
    configured = list(spans)
    spans += [m.span() for m in LOCAL_PATTERNS.finditer(text) if _pattern_ok(m.group())]
    for m in LOCAL_NAME_RE.finditer(text):
        start, end = m.span()
        # "Nurse on Tennyson Ward": the name starts after a preposition, not at the capital before it.
        lead = re.match(r"(?:[A-Z][\w'&.-]*\s+)+?(?:on|in|at|to)\s+(?=[A-Z])", m.group())
        if lead:
            start += lead.end()
        name = text[start:end].strip()
        words = re.sub(r"(?i)^the\s+", "", name).split()
        if len(words) < 2 or GENERIC_PLACES.search(name):  # "Hospital" alone names no one
            continue
        if any(s < end and start < e for s, e in configured):
            continue  # a configured name covers it
        spans.append((start, end))
    guidance = [m.span() for m in GUIDANCE_RE.finditer(text)]
    spans = [s for s in spans if not any(g[0] <= s[0] and s[1] <= g[1] for g in guidance)]
    out: list[tuple[int, int]] = []
    for s in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if out and s[0] < out[-1][1]:
            if s[1] > out[-1][1]:
                out[-1] = (out[-1][0], s[1])
            continue
        out.append(s)
    return out


def placeholders(text: str, context: DiffContext) -> tuple[str, list[Replaced]]:
    """`text` with every trust-specific detail replaced by "[LOCAL: ward]" and the like."""
    if PREFIX in text:  # already done (a rebuilt clause)
        return text, []
    out, done, last = [], [], 0
    for start, end in local_spans(text, context):
        found = text[start:end]
        lead = found[: len(found) - len(found.lstrip())]
        if found.lower().startswith("the ") and kind_of(found) != "local name":
            lead, found = found[:4], found[4:]
        label = f"{PREFIX}{kind_of(found)}]"
        out.append(text[last:start] + lead + label)
        done.append(Replaced(found.strip(), label))
        last = end
    out.append(text[last:])
    return "".join(out), done
