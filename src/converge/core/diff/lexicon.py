"""Clinical vocabulary the significance rules look for: roles, routes, duty words, negation, guidance,
criteria markers, drugs (via drug-named-entity-recognition plus UK names it misses) and local details."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from converge.core.diff.context import DiffContext
from converge.core.diff.drugs import lookup_drugs
from converge.core.diff.quantities import find_quantities


@dataclass(frozen=True, slots=True)
class Feature:
    """A clinically meaningful item in a sentence: category, comparison key and the words as printed."""

    start: int
    end: int
    category: str
    key: tuple[object, ...]
    label: str


ROLES = (
    "consultant",
    "registrar",
    "specialty registrar",
    "specialist registrar",
    "sho",
    "senior house officer",
    "fy1",
    "fy2",
    "foundation doctor",
    "foundation year 1 doctor",
    "foundation year doctor",
    "junior doctor",
    "resident doctor",
    "core trainee",
    "ct1",
    "ct2",
    "st3",
    "st1",
    "st2",
    "st4",
    "doctor",
    "ward doctor",
    "on-call doctor",
    "on-call registrar",
    "on-call consultant",
    "responsible consultant",
    "decision maker",
    "responsible clinician",
    "clinician",
    "prescriber",
    "surgeon",
    "operating surgeon",
    "physician",
    "anaesthetist",
    "microbiologist",
    "obstetrician",
    "paediatrician",
    "neonatologist",
    "radiologist",
    "haematologist",
    "intensivist",
    "nurse",
    "registered nurse",
    "nurse in charge",
    "nurse-in-charge",
    "charge nurse",
    "ward sister",
    "ward manager",
    "matron",
    "midwife",
    "registered midwife",
    "midwife in charge",
    "labour ward coordinator",
    "coordinating midwife",
    "pharmacist",
    "ward pharmacist",
    "pharmacy technician",
    "healthcare assistant",
    "health care assistant",
    "hca",
    "nursing associate",
    "advanced clinical practitioner",
    "acp",
    "advanced nurse practitioner",
    "anp",
    "physician associate",
    "outreach team",
    "critical care outreach",
    "critical care outreach team",
    "rapid response team",
    "medical emergency team",
    "cardiac arrest team",
    "resuscitation team",
    "critical care team",
    "site manager",
    "clinical site manager",
    "bed manager",
    "infection prevention and control team",
    "ipc team",
    "infection control team",
    "tissue viability nurse",
    "tissue viability team",
    "safeguarding team",
    "safeguarding lead",
    "thrombosis team",
    "stroke team",
    "diabetes team",
    "diabetes specialist nurse",
    "dietitian",
    "physiotherapist",
    "occupational therapist",
    "medical team",
    "surgical team",
    "parent team",
    "specialist nurse",
    "clinical nurse specialist",
    "transfusion practitioner",
    "porter",
    "chaperone",
    "interpreter",
    "social worker",
    "gp",
    "general practitioner",
    "trained clinical member of staff",
    "registered practitioner",
    "registered practitioners",
    "mental health team",
    "psychiatrist",
    "psychiatric liaison",
    "imca",
    "independent mental capacity advocate",
    "deputy",
    "attorney",
    "best interests assessor",
    "member of staff",
    "allied health professional",
    "ahp",
    "staff member",
    "renal team",
    "operating team",
    "estates",
    "security team",
    "police",
    "medical director",
    "director of nursing",
    "chief nurse",
)
ROUTES = {
    "iv": "IV",
    "intravenous": "IV",
    "intravenously": "IV",
    "oral": "oral",
    "orally": "oral",
    "by mouth": "oral",
    "po": "oral",
    "im": "IM",
    "intramuscular": "IM",
    "intramuscularly": "IM",
    "subcutaneous": "subcutaneous",
    "subcutaneously": "subcutaneous",
    "sc": "subcutaneous",
    "s/c": "subcutaneous",
    "subcut": "subcutaneous",
    "nebulised": "nebulised",
    "nebulized": "nebulised",
    "inhaled": "inhaled",
    "rectal": "rectal",
    "rectally": "rectal",
    "pr": "rectal",
    "topical": "topical",
    "topically": "topical",
    "sublingual": "sublingual",
    "sl": "sublingual",
    "buccal": "buccal",
    "intraosseous": "intraosseous",
    "io": "intraosseous",
    "intranasal": "nasal",
    "nasal": "nasal",
    "transdermal": "transdermal",
    "epidural": "epidural",
    "intrathecal": "intrathecal",
    "enteral": "enteral",
    "via nasogastric tube": "nasogastric",
    "ng tube": "nasogastric",
}
CASE_SENSITIVE_ROUTES = {"po", "im", "sc", "pr", "sl", "io"}  # only as capitals: "PO", not "po"
DUTY = {
    "must": 3,
    "shall": 3,
    "is required": 3,
    "are required": 3,
    "required to": 3,
    "mandatory": 3,
    "is to be": 3,
    "are to be": 3,
    "is essential": 3,
    "always": 3,
    "should": 2,
    "is recommended": 2,
    "are recommended": 2,
    "recommended": 2,
    "is expected": 2,
    "are expected": 2,
    "is advised": 2,
    "are advised": 2,
    "ought to": 2,
    "may": 1,
    "can": 1,
    "could": 1,
    "consider": 1,
    "considered": 1,
    "optional": 1,
    "at the discretion": 1,
}
DUTY_NAMES = {3: "must", 2: "should", 1: "may"}
NEGATION = ("not", "never", "no", "n't", "avoid", "nor", "cannot", "none", "neither", "must not", "do not")
GUIDANCE_RE = re.compile(
    r"\b(?:NHS/PSA/[A-Z]+/\d{4}/\d{3}|NPSA/\d{4}/[A-Z]*\d+|(?:NG|CG|QS|TA|PH|NM|IPG|MTG|DG|HTG|SC|PMG|NICE\s+guideline\s+)\d{1,3}[a-z]?|NICE|RCUK|SHOT|MHRA|RCOG|"
    r"RCN|RCP|RCEM|BTS|BSH|NPSA|GMC|NMC|DHSC|HSE|CQC|PSG\d+|NatPSA(?:/\d{4}/\d{3}/?\w*)?|UKHSA|PHE|SIGN\s*\d+|Green-top\s+Guideline"
    r"(?:\s+No\.?\s*\d+[a-z]?)?|Resuscitation\s+Council(?:\s+UK)?|Patient\s+Safety\s+Alert|BNF|JBDS|"
    r"Mental\s+Capacity\s+Act(?:\s+\d{4})?|Mental\s+Health\s+Act(?:\s+\d{4})?|WHO|NHS\s+England|"
    r"Department\s+of\s+Health)\b"
)
# Words that narrow or widen who or what a rule covers. Quantifiers and "including" ("all patients",
# "any concern", "including transfers") are left out: trusts swap them freely while meaning the same.
CRITERIA = (
    "only",
    "unless",
    "except",
    "excluding",
    "excluded",
    "exclude",
    "exclusion",
    "exclusions",
    "eligible",
    "ineligible",
    "eligibility",
    "contraindicated",
    "contraindication",
    "contraindications",
    "high-risk",
    "low-risk",
    "regardless",
    "irrespective",
    "except where",
    "exempt",
)
# Words that state an absence or exclusion without a negation word ("lacks capacity", "excluded",
# "without waiting"): they balance a negation at the other side, so "does not apply to X" reads as
# "X is excluded", but never count as a negation change themselves.
NEGATIVE_EQUIVALENTS = (
    "lack",
    "lacks",
    "lacking",
    "unable",
    "without",
    "excluded",
    "exclude",
    "excludes",
    "excluding",
    "except",
    "unless",
    "instead of",
    "rather than",
    "avoid",
    "absent",
    "no longer",
    "prevents",
    "prevent",
    "stop",
    "stopped",
    "withhold",
    "withheld",
    "omit",
)
EXTRA_DRUGS = (
    "adrenaline",
    "oxygen",
    "tazocin",
    "piperacillin with tazobactam",
    "piperacillin-tazobactam",
    "glucose",
    "dextrose",
    "sodium chloride",
    "saline",
    "hartmann's",
    "hartmann's solution",
    "blood",
    "red cells",
    "red blood cells",
    "platelets",
    "fresh frozen plasma",
    "ffp",
    "cryoprecipitate",
    "albumin",
    "lmwh",
    "ufh",
    "unfractionated heparin",
    "low molecular weight heparin",
    "doac",
    "warfarin",
    "alteplase",
    "chlorhexidine gluconate",
    "alcohol hand rub",
    "alcohol gel",
    "soap and water",
    "iodine",
    "povidone-iodine",
    # tests and devices count as "which drug, device or test"
    "blood culture",
    "blood cultures",
    "lactate",
    "ecg",
    "ct",
    "ct scan",
    "mri",
    "x-ray",
    "chest x-ray",
    "ultrasound",
    "urinalysis",
    "urine dipstick",
    "fbc",
    "crp",
    "procalcitonin",
    "troponin",
    "d-dimer",
    "abg",
    "vbg",
    "capillary blood glucose",
    "cbg",
    "ketones",
    "hba1c",
    "inr",
    "aptt",
    "ipc",
    "anti-embolism stockings",
    "stockings",
    "catheter",
    "urinary catheter",
    "cannula",
    "syringe driver",
    "bed rails",
    "hip protectors",
    "sensor alarm",
    "low-rise bed",
    "ultra-low bed",
    "mittens",
    "pulse oximetry",
    "cardiac monitoring",
    "cardiac monitor",
    "ecg monitoring",
    "continuous ecg monitoring",
    "electrocardiogram",
    "sando-k",
    "potassium chloride",
    "waterlow score",
    "purpose-t",
    "nasal swab",
    "swab",
    "pcr",
    "lateral flow",
    "screening swab",
)
# One drug, device or test under two names: compared by the first name, shown as printed.
SAME_TERM = {
    "ecg monitoring": "cardiac monitoring",
    "continuous ecg monitoring": "cardiac monitoring",
    "cardiac monitor": "cardiac monitoring",
    "electrocardiogram": "ecg",
    "ekg": "ecg",
    "blood culture": "blood cultures",
    "cbg": "capillary blood glucose",
    "ct": "ct scan",
    "lmwh": "low molecular weight heparin",
    "ufh": "unfractionated heparin",
}
LOCAL_NAME_RE = re.compile(
    r"(?:\b(?:the\s+)?(?:[A-Z][\w'&.-]*\s+(?:(?:and|of|&|for|in|on)\s+)?){1,7}"
    r"(?:Hospitals?|NHS\s+Foundation\s+Trust|Foundation\s+Trust|NHS\s+Trust|Trust|Committee|Sub-?[Cc]ommittee|"
    r"Board|Group|Panel|Forum|Ward|Wards|Unit|Centre|Site|Campus|Department|Directorate|Division)\b"
    r"|\bWard\s+[A-Z0-9]\w*)"
)
LOCAL_PATTERNS = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail
    r"|\b0\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}\b"  # phone numbers (UK 01603 123456, NZ 027 801 9625)
    r"|(?i:\b(?:bleep|ext\.?|extension|tel\.?|telephone|phone|pager|switchboard)\s*(?:no\.?)?\s*:?\s*)"
    r"\d(?:[\d-]|\s(?=\d)){2,14}\b"
    r"|\b[A-Z]{2,}[A-Z0-9]*(?:[-/][A-Z0-9]+)+\b"  # QEH/CLIN/POL/123, JPUH-CP-012
    r"|\b[A-Z]{2,4}\d{3,}\b"  # CA1234 (guidance codes have at most three digits and are checked first)
    r"|\b(?:www\.|https?://)\S+"
)


@lru_cache(maxsize=8)
def _phrase_re(phrases: tuple[str, ...], case_sensitive: frozenset[str] = frozenset()) -> re.Pattern[str]:
    alts = []
    for p in sorted(phrases, key=len, reverse=True):
        body = re.escape(p).replace(r"\ ", r"\s+")
        alts.append(f"(?-i:{re.escape(p.upper())})" if p in case_sensitive else body)
    return re.compile(r"(?<![\w/-])(?:" + "|".join(alts) + r")(?![\w/-])", re.IGNORECASE)


ROLE_RE = _phrase_re(ROLES)
ROUTE_RE = _phrase_re(tuple(ROUTES), frozenset(CASE_SENSITIVE_ROUTES))
DUTY_RE = _phrase_re(tuple(DUTY))
NEGATION_RE = re.compile(
    r"(?<![\w-])(?:not|never|no|avoid|nor|cannot|none|neither)(?![\w-])|n't\b", re.IGNORECASE
)
CRITERIA_RE = _phrase_re(CRITERIA)
NEGATIVE_EQUIVALENT_RE = _phrase_re(NEGATIVE_EQUIVALENTS)


def _role_key(text: str) -> str:
    """'Registered Practitioners' and 'registered practitioner' are one role; 'on-call' = 'on call'."""
    name = " ".join(text.lower().replace("-", " ").split())
    return name[:-1] if name.endswith("s") and not name.endswith("ss") else name


def find_local_spans(text: str, context: DiffContext) -> list[tuple[int, int]]:
    """Character spans of local details: organisation/site/ward/committee names, contacts, references."""
    return list(_local_spans(text, context))


@lru_cache(maxsize=8192)
def _local_spans(text: str, context: DiffContext) -> tuple[tuple[int, int], ...]:
    spans = [m.span() for m in LOCAL_PATTERNS.finditer(text)]
    spans += [m.span() for m in LOCAL_NAME_RE.finditer(text)]
    terms = _terms(context)
    if terms:
        spans += [m.span() for m in _phrase_re(terms).finditer(text)]
    guidance = [m.span() for m in GUIDANCE_RE.finditer(text)]
    return tuple(s for s in spans if not any(g[0] <= s[0] and s[1] <= g[1] for g in guidance))


@lru_cache(maxsize=64)
def _terms(context: DiffContext) -> tuple[str, ...]:
    return context.all_local_terms() + tuple(context.local_terms)


@lru_cache(maxsize=8192)
def _drug_spans(text: str, extra: tuple[str, ...], lookup: bool) -> tuple[tuple[int, int, str], ...]:
    """(start, end, canonical name) of drugs, devices and tests in a sentence; cached per sentence."""
    found: list[tuple[int, int, str]] = []
    for m in _phrase_re(EXTRA_DRUGS + extra).finditer(text):
        name = " ".join(m.group().lower().split())
        found.append((m.start(), m.end(), SAME_TERM.get(name, name)))
    if lookup:
        words = [(m.start(), m.end(), m.group().lower()) for m in re.finditer(r"[\w'-]+", text)]
        for i, j, name in lookup_drugs(tuple(w for _, _, w in words)):
            s, e = words[i][0], words[j - 1][1]
            if not any(fs <= s < fe for fs, fe, _ in found):
                found.append((s, e, SAME_TERM.get(name, name)))
    return tuple(sorted(found))


@lru_cache(maxsize=8192)
def _features(text: str, context: DiffContext) -> tuple[Feature, ...]:
    feats: list[Feature] = []
    for m in GUIDANCE_RE.finditer(text):
        feats.append(
            Feature(
                m.start(), m.end(), "guidance", ("guidance", " ".join(m.group().upper().split())), m.group()
            )
        )
    for q in find_quantities(text):
        if q.kind == "local":
            continue
        if q.kind == "year":
            # A year in a policy's body is nearly always the edition of something cited.
            feats.append(Feature(q.start, q.end, "guidance", ("guidance", "year", q.value), q.text))
            continue
        category = {"count": "criteria"}.get(q.kind, q.kind)
        feats.append(Feature(q.start, q.end, category, q.key, q.text))
    for m in ROLE_RE.finditer(text):
        name = _role_key(m.group())
        feats.append(Feature(m.start(), m.end(), "role", ("role", name), m.group()))
    for m in ROUTE_RE.finditer(text):
        feats.append(Feature(m.start(), m.end(), "route", ("route", ROUTES[m.group().lower()]), m.group()))
    for m in DUTY_RE.finditer(text):
        level = DUTY[" ".join(m.group().lower().split())]
        feats.append(Feature(m.start(), m.end(), "duty", ("duty", level), m.group()))
    for m in NEGATION_RE.finditer(text):
        feats.append(Feature(m.start(), m.end(), "negation", ("negation",), m.group()))
    for m in CRITERIA_RE.finditer(text):
        feats.append(Feature(m.start(), m.end(), "criteria", ("criteria", m.group().lower()), m.group()))
    for s, e, name in _drug_spans(text, context.extra_drugs, context.lookup_drugs):
        feats.append(Feature(s, e, "drug", ("drug", name), text[s:e]))
    return tuple(sorted(feats, key=lambda f: (f.start, f.end)))


def find_features(text: str, context: DiffContext) -> tuple[Feature, ...]:
    """Clinical features of one sentence (cached: the same sentence recurs across pairs of a group)."""
    return _features(text, context)
