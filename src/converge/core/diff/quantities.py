"""Numbers with units, frequencies and scores, normalised so 500 mg == 0.5 g and 1 hour == 60 minutes."""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "forty-eight": 48,
    "seventy-two": 72,
    "half": 0.5,
}
NUM = r"(?:\d+(?:,\d{3})*(?:\.\d+)?|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"

# unit name -> (dimension, factor to the dimension's base unit)
UNITS: dict[str, tuple[str, float]] = {}
for names, dim, factor in (
    (("mg", "milligram", "milligrams", "milligramme", "milligrammes"), "mass", 1.0),
    (("g", "gm", "gram", "grams", "gramme", "grammes"), "mass", 1000.0),
    (("microgram", "micrograms", "mcg", "µg", "μg", "ug", "microgramme", "microgrammes"), "mass", 1e-3),
    (("nanogram", "nanograms", "ng"), "mass", 1e-6),
    (("kg", "kilogram", "kilograms", "kgs"), "weight", 1.0),
    (("ml", "millilitre", "millilitres", "milliliter", "milliliters", "mls"), "volume", 1.0),
    (("l", "litre", "litres", "liter", "liters"), "volume", 1000.0),
    (("dl", "decilitre", "decilitres"), "volume", 100.0),
    (("mmol", "millimole", "millimoles"), "amount", 1.0),
    (("micromol", "µmol", "μmol", "micromoles"), "amount", 1e-3),
    (("unit", "units", "iu", "international units"), "units", 1.0),
    (("second", "seconds", "sec", "secs"), "time", 1 / 60),
    (("min", "mins", "minute", "minutes"), "time", 1.0),
    (("h", "hr", "hrs", "hour", "hours"), "time", 60.0),
    (("day", "days"), "time", 1440.0),
    (("week", "weeks", "wk", "wks"), "time", 10080.0),
    (("month", "months"), "time", 43830.0),
    (("year", "years", "yr", "yrs"), "time", 525960.0),
    (("mmhg",), "pressure", 1.0),
    (("kpa",), "pressure", 7.50062),
    (("°c", "degrees", "degrees celsius", "celsius", "oc"), "temperature", 1.0),
    (("%", "percent", "per cent"), "percent", 1.0),
    (("cm",), "length", 10.0),
    (("mm",), "length", 1.0),
    (("beats", "breaths", "bpm"), "beats", 1.0),
):
    for n in names:
        UNITS[n] = (dim, factor)

_UNIT_ALT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
_UNIT = rf"(?:{_UNIT_ALT})"
_COUNT = r"x\s*10\s*\^?\s*9\s*/\s*l"
UNIT_RE = rf"(?:{_COUNT}|{_UNIT}(?:\s*(?:/|per)\s*{_UNIT}){{0,2}})(?![\w])"
QTY_RE = re.compile(rf"(?<![\w.])({NUM})(?:\s*(?:-|–|to|and)\s*({NUM}))?\s*-?\s*({UNIT_RE})", re.IGNORECASE)
# "within an hour", "over half an hour", "for a week": a time stated with an article for its number.
ARTICLE_TIME_RE = re.compile(
    r"\b(?:within|over|for|after|in|than|least|to|about|around|under|by)\s+"
    r"(half\s+an?|an?)\s+(minute|hour|day|week|month|year)\b",
    re.IGNORECASE,
)
AGE_GROUP_RE = re.compile(r"\b(?:over|under|aged)[\s-]*(\d{1,2})s\b", re.IGNORECASE)
BARE_NUM_RE = re.compile(rf"(?<![\w.^/])({NUM})(?![\w.]\d|\w)", re.IGNORECASE)

TIME_UNIT = r"(?:hours?|hrs?|h|minutes?|mins?|days?|weeks?|months?|years?)"
FREQ_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, re.IGNORECASE), k)
    for p, k in (
        (rf"\bevery\s+({NUM})(?:\s*(?:-|to)\s*{NUM})?\s*({TIME_UNIT})\b", "every_n"),
        (
            r"\bevery\s+(?:\w+\s+){0,2}?(hour|day|week|month|year|shift|ward round|visit|morning|night|"
            r"evening|admission|contact|transfusion|unit|episode)s?\b",
            "every_word",
        ),
        (rf"\b({NUM})[\s-]*(hourly|daily|weekly|monthly)\b", "n_ly"),
        (
            rf"\b(once|twice|thrice|(?:{NUM})\s+times)\s+(?:a|per|each|every)?\s*"
            r"(day|daily|week|weekly|month|monthly|year|shift|hour|night)\b",
            "times",
        ),
        (r"\b(hourly|daily|weekly|fortnightly|monthly|annually|yearly|nightly|continuously)\b", "word"),
        (r"\b(od|bd|bid|tds|tid|qds|qid|nocte|mane|stat|prn)\b", "abbrev"),
        (r"\b(?:before|after|with)\s+(?:each\s+|every\s+)?(meal|food|feed)s?\b|\bat\s+(bedtime)\b", "event"),
    )
)
PERIOD_MIN = {
    "hour": 60,
    "hourly": 60,
    "day": 1440,
    "daily": 1440,
    "night": 1440,
    "nightly": 1440,
    "week": 10080,
    "weekly": 10080,
    "fortnightly": 20160,
    "month": 43830,
    "monthly": 43830,
    "year": 525960,
    "annually": 525960,
    "yearly": 525960,
}
ABBREV_PER_DAY = {"od": 1, "mane": 1, "nocte": 1, "bd": 2, "bid": 2, "tds": 3, "tid": 3, "qds": 4, "qid": 4}

SCORE_WORDS = {
    "news",
    "news2",
    "mews",
    "pews",
    "meows",
    "gcs",
    "score",
    "scores",
    "qsofa",
    "sofa",
    "waterlow",
    "braden",
    "must",
    "apgar",
    "curb-65",
    "curb65",
    "frax",
    "wells",
    "caprini",
    "level",
    "grade",
}
COMPARATORS = (
    "above",
    "below",
    "over",
    "under",
    "greater than",
    "less than",
    "more than",
    "fewer than",
    "at least",
    "at most",
    "higher than",
    "lower than",
    "exceeds",
    "exceeding",
    "up to",
    ">",
    "<",
    "≥",
    "≤",
    ">=",
    "<=",
    "of",
)
AFTER_THRESHOLD = re.compile(
    r"^\s*(?:or\s+(?:more|above|higher|over|greater|less|below|lower|fewer)|\+|and\s+(?:above|over))",
    re.IGNORECASE,
)
TEMPORAL = re.compile(
    r"(?:within|by|after|before|for|over|up to|at least|no later than|no more than|at|"
    r"than|under|less than|longer than|in|every|last|next|first)\s*$",
    re.IGNORECASE,
)
AGE_BEFORE = re.compile(
    r"(?:aged|age|ages|older than|younger than|over|under|from|adults?|children|"
    r"patients?)\s*(?:of\s*)?\(?\s*$",
    re.IGNORECASE,
)
AGE_AFTER = re.compile(
    r"^\s*(?:years?)?\s*(?:and|or)\s+(?:over|above|older|under|younger)|^\s*(?:years?\s+)?"
    r"(?:old|of age)|^-year-old",
    re.IGNORECASE,
)
LOCAL_BEFORE = re.compile(
    r"(?:bleep|ext|extension|tel|telephone|phone|page|pages|section|appendix|paragraph|"
    r"version|v|room|no|ref|reference|policy|box|floor|level|ward|step|table|figure|"
    r"annex|item|point|stage|alert|notice|bulletin|chapter|part|form|issue|number|nos?|question)\.?\s*:?\s*$",
    re.IGNORECASE,
)
GESTATION_AFTER = re.compile(
    r"^\W{0,3}\s*(?:\+\d\s*)?(?:days?\s*)?(?:of\s+)?(?:gestation|pregnancy|gestational)", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Quantity:
    """One number (with its unit, if any) as it reads in the sentence and normalised for comparison."""

    start: int
    end: int
    text: str
    kind: str  # dose, threshold, time_limit, age_weight, frequency, count, year, local
    dim: str  # e.g. "mass", "mass/weight", "time", "per_minute", "number"
    value: float  # normalised to the dimension's base unit (mg, ml, minutes, ...)

    @property
    def key(self) -> tuple[str, str, float]:
        return (self.kind if self.kind in ("frequency", "year") else "qty", self.dim, round(self.value, 6))


def _num(text: str) -> float:
    t = text.lower().replace(",", "")
    return float(NUMBER_WORDS[t]) if t in NUMBER_WORDS else float(t)


def parse_unit(unit: str) -> tuple[str, float] | None:
    """'mg/kg/hour' -> ('mass/weight/time', mg per kg per minute factor); None if unknown."""
    u = " ".join(unit.lower().split())
    if re.fullmatch(_COUNT, u):
        return "count/volume", 1.0
    parts = [p.strip() for p in re.split(r"\s*(?:/|\bper\b)\s*", u) if p.strip()]
    if not parts or any(p not in UNITS for p in parts):
        return None
    dim, factor = UNITS[parts[0]]
    if dim == "weight" and len(parts) > 1:
        dim, factor = "mass", 1e6
    dims = [dim]
    for p in parts[1:]:
        d, f = UNITS[p]
        dims.append(d)
        factor /= f
    return "/".join(dims), factor


def _kind_for(dim: str, before: str, after: str) -> str:
    base = dim.split("/")[0]
    if dim == "time":
        if GESTATION_AFTER.match(after):
            return "age_weight"
        return "time_limit"
    if dim == "weight":
        return "age_weight"
    if base in ("mass", "units", "volume") and dim != "volume/time" and "amount" not in dim:
        if re.search(
            r"(?:below|above|less than|more than|under|over|<|>)\s*$", before, re.IGNORECASE
        ) and not re.search(
            r"(?:give|dose|administer|prescribe|infuse|loading|maximum|max)\b", before, re.IGNORECASE
        ):
            return "threshold"
        return "dose"
    if base == "amount" and dim.endswith("/time"):  # "10 mmol/hour": a rate given, unless compared
        comparator = re.search(
            r"(?:below|above|less than|more than|under|over|<|>)\s*$", before, re.IGNORECASE
        )
        return "threshold" if comparator else "dose"
    if dim in ("volume/time", "volume/weight/time"):
        threshold = re.search(
            r"urine|output|clearance|egfr|gfr|below|above|less than|more than|under|<|>",
            before,
            re.IGNORECASE,
        )
        return "threshold" if threshold else "dose"
    return "threshold"


@lru_cache(maxsize=4096)
def find_quantities(text: str) -> tuple[Quantity, ...]:
    """Every number in a sentence with its unit and kind; frequencies consume their number.

    The readers run from the most specific pattern to the loosest, each skipping what an earlier one took.
    """
    claimed = _Claimed()
    found: list[Quantity] = []
    for read in (_frequencies, _article_times, _measured, _bare_numbers, _age_groups):
        found.extend(read(text, claimed))
    found.sort(key=lambda q: q.start)
    return tuple(found)


class _Claimed:
    """Stretches of a sentence already read as a quantity, which a looser pattern may not read again."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []

    def free(self, s: int, e: int) -> bool:
        return all(e <= ts or s >= te for ts, te in self.spans)

    def take(self, s: int, e: int) -> None:
        self.spans.append((s, e))


def _frequencies(text: str, claimed: _Claimed) -> Iterator[Quantity]:
    for pattern, style in FREQ_PATTERNS:
        for m in pattern.finditer(text):
            if not claimed.free(m.start(), m.end()):
                continue
            value = _frequency_value(m, style)
            if value is None:
                continue
            claimed.take(m.start(), m.end())
            yield Quantity(m.start(), m.end(), m.group(), "frequency", "interval", value)


def _article_times(text: str, claimed: _Claimed) -> Iterator[Quantity]:
    """'within an hour', 'half a day': a time limit with no digits."""
    for m in ARTICLE_TIME_RE.finditer(text):
        if claimed.free(m.start(1), m.end()):
            value = (0.5 if m.group(1).lower().startswith("half") else 1.0) * UNITS[m.group(2).lower()][1]
            claimed.take(m.start(1), m.end())
            words = m.group()[m.start(1) - m.start() :]
            yield Quantity(m.start(1), m.end(), words, "time_limit", "time", value)


def _measured(text: str, claimed: _Claimed) -> Iterator[Quantity]:
    """A number (or range) with a unit: '10 mg', '2-4 hours', '16 years'."""
    for m in QTY_RE.finditer(text):
        if not claimed.free(m.start(), m.end()):
            continue
        parsed = parse_unit(m.group(3))
        if parsed is None:
            continue
        dim, factor = parsed
        before, after = text[max(0, m.start() - 40) : m.start()], text[m.end() : m.end() + 40]
        kind = _kind_for(dim, before, after)
        if dim == "time" and re.fullmatch(r"(?:years?|yrs?)", m.group(3).lower()):
            # "16 years" is an age unless a temporal word says it is a period ("every 3 years", "for 2 years")
            if not TEMPORAL.search(before) or AGE_AFTER.match(after) or AGE_BEFORE.search(before):
                kind, dim, factor = "age_weight", "age", 1.0
        if LOCAL_BEFORE.search(before) and dim == "number":
            kind = "local"
        claimed.take(m.start(), m.end())
        for g in (1, 2):
            if m.group(g) is not None:
                yield Quantity(m.start(), m.end(), m.group(), kind, dim, _num(m.group(g)) * factor)


def _bare_numbers(text: str, claimed: _Claimed) -> Iterator[Quantity]:
    for m in BARE_NUM_RE.finditer(text):
        if not claimed.free(m.start(), m.end()):
            continue
        raw = m.group(1)
        before, after = text[max(0, m.start() - 40) : m.start()], text[m.end() : m.end() + 40]
        value = _num(raw)
        kind, dim = _bare_number_kind(raw, value, before, after)
        claimed.take(m.start(), m.end())
        yield Quantity(m.start(), m.end(), raw, kind, dim, value)


def _bare_number_kind(raw: str, value: float, before: str, after: str) -> tuple[str, str]:
    """What a number without a unit is, from its shape and the words around it."""
    digits = raw.replace(",", "").replace(".", "")
    if (
        LOCAL_BEFORE.search(before)
        or (digits.isdigit() and len(digits) >= 5)
        or (raw.isdigit() and len(raw) >= 2 and raw[0] == "0")  # "Alert 01", "CG 07": an identifier
        or re.match(r"^\s*\d{3,}", after)
    ):
        return "local", "number"
    if raw.isdigit() and len(raw) == 4 and 1950 <= value <= 2100:
        return "year", "year"
    if AGE_BEFORE.search(before) and AGE_AFTER.match(after):
        return "age_weight", "age"
    if re.search(r"\baged?\s*$", before, re.IGNORECASE):
        return "age_weight", "age"
    if _score_context(before) or AFTER_THRESHOLD.match(after):
        return "threshold", "number"
    if raw.lower() in NUMBER_WORDS or raw.isdigit():
        return "count", "number"
    return "threshold", "number"


def _age_groups(text: str, claimed: _Claimed) -> Iterator[Quantity]:
    """'over 16s', 'under-5s': an age group."""
    for m in AGE_GROUP_RE.finditer(text):
        if claimed.free(m.start(1), m.end()):
            yield Quantity(m.start(1), m.end(), m.group(1) + "s", "age_weight", "age", _num(m.group(1)))


def _score_context(before: str) -> bool:
    words = re.findall(r"[\w<>≥≤=-]+", before.lower())[-4:]
    tail = " ".join(words)
    return any(w in SCORE_WORDS for w in words) or any(tail.endswith(c) for c in COMPARATORS if c != "of")


def _frequency_value(m: re.Match[str], style: str) -> float | None:
    """Interval in minutes between doses or checks (so 'twice daily' == 'every 12 hours')."""
    g = [x.lower() if x else x for x in m.groups()]
    if style == "every_n":
        return _num(g[0]) * UNITS[g[1]][1] if g[1] in UNITS else None
    if style == "every_word":
        # Event-driven intervals ("every ward round") get a stable code of their own, far above real minutes.
        return float(PERIOD_MIN[g[0]]) if g[0] in PERIOD_MIN else float(zlib.crc32(g[0].encode()) + 10**7)
    if style == "n_ly":
        return _num(g[0]) * PERIOD_MIN[g[1]]
    if style == "times":
        count = {"once": 1.0, "twice": 2.0, "thrice": 3.0}.get(g[0]) or _num(g[0].split()[0])
        return PERIOD_MIN[g[1]] / count if g[1] in PERIOD_MIN else None
    if style == "word":
        return float(PERIOD_MIN.get(g[0], 0))
    if style == "event":
        # Tied to an event rather than a clock ("with meals", "at bedtime"): a stable code of its own.
        return float(zlib.crc32((g[0] or g[1]).encode()) + 10**7)
    if style == "abbrev":
        if g[0] in ABBREV_PER_DAY:
            return 1440 / ABBREV_PER_DAY[g[0]]
        return {"stat": 0.0, "prn": -1.0}.get(g[0])
    return None


def describe(q: Quantity) -> str:
    return " ".join(q.text.split())
