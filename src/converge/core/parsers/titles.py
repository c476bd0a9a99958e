"""Choosing a document's title from what its pages say, never from their furniture; shared by every parser.

Each parser offers candidates in its order of trust (a front-sheet "Title:" row, the large-font lines at the
top of the first page, the file's own Title property, the first heading, the first short line) and
`choose_title` takes the first that can be a title. What cannot be one is learned from the kinds of page
furniture real libraries carry, not from any one library's strings:

- notices and disclaimers ("If this document is printed it may be out of date", "... remain the
  responsibility of ...", copyright lines, web addresses);
- navigation and section words alone ("Index", "Contents", "Version history", "Introduction");
- field labels ("Guideline Title", "Document name:") and patient-label boxes on forms ("Forenames",
  "D.O.B.", "Hospital No.", "affix patient sticker");
- an organisation's name ("... NHS Foundation Trust", "... Health Board") and document-type words alone
  ("TRUST CLINICAL GUIDELINE"); the issuing department's name alone ("Children's Emergency Department")
  gives way to any later candidate;
- a sentence (long, or ending in a full stop) rather than a name.

The file name is the last resort, tidied (underscores, "_ocr", "[1]", numeric prefixes and bracketed
search keywords removed). The title is never empty, and the caller records where it came from in
`metadata.title_source`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath

from converge.core.text import one_line

# Where a title came from: the values of `metadata.title_source`.
FRONT_SHEET = "front sheet"
LARGE_FONT = "large font"
FILE_PROPERTIES = "file properties"  # PDF Info Title / DOCX core properties
HEADING = "heading"
FIRST_LINE = "first line"
FILE_NAME = "file name"

_MAX_WORDS = 24
_MAX_CHARS = 200

# Words that name a kind of document, an organisation or a part of one, or a page's furniture: a title made
# only of these says nothing about the topic.
_GENERIC = frozenset(
    """nhs trust trusts foundation hospital hospitals university universities teaching health healthcare care
    board integrated commissioning group council college royal national institute service services
    clinical guideline guidelines guidance policy policies procedure procedures protocol protocols pathway
    pathways standard standards operating sop sops document documents documentation title index contents
    content table of and the for a an version versions history control page leaflet leaflets information
    patient patients department departments emergency ed medical medicine local trust's approved draft
    final current new review issue summary appendix appendices form forms proforma record sheet chart
    uncontrolled copy printed best practice quick reference guide""".split()
)
# Section and navigation words that head a part of a document, never the document.
_SECTION_WORDS = re.compile(
    r"(?i)^(?:\d+(?:\.\d+)*\.?\s*)?(?:index|contents|table of contents|version (?:history|control)|"
    r"document (?:control|history|information|details|summary)|amendment history|change history|"
    r"introduction|background|purpose|aims?|objectives?|scope|summary|overview|definitions?|"
    r"abbreviations|glossary|references|bibliography|appendix(?: [a-z0-9]+)?|appendices|"
    r"key (?:points|messages|recommendations)|(?:summary of )?recommendations|acknowledg(?:e)?ments|"
    r"foreword|preface|"
    r"executive summary|about this (?:document|guideline|guidance|leaflet)|disclaimer|"
    r"consultation|equality impact assessment|monitoring|training|responsibilities|duties|"
    r"what is it|further information|contact us|useful contacts)\s*:?$"
)
_NOTICE = re.compile(
    r"(?i)(?:\bif (?:this )?document is printed|\bprinted cop(?:y|ies)|\buncontrolled\b|\bout of date\b|"
    r"\bremains? the responsibility\b|\binterpretation and application\b|\bdisclaimer\b|\bcopyright\b|"
    r"©|\(c\) \d{4}|\ball rights reserved\b|\bdo not (?:copy|print|photocopy)\b|\bplease note\b|"
    r"\bplease (?:check|refer|read|ensure)\b|\bfor internal use\b|\bconfidential\b|"
    r"\bthis (?:guideline|document|policy|pathway|leaflet|information) "
    r"(?:is|has|was|should|must|will|can|may|applies|provides|aims)\b|"
    r"\bto be (?:used|read) (?:in conjunction|alongside|with)\b|https?:/|\bwww\.|@[a-z0-9-]+\.|"
    r"\.(?:pdf|docx?|rtf|odt)\b|\bpage \d+ of \d+\b|\bprinted on\b|\bdownloaded (?:on|from)\b|"
    r"\baccessed (?:on|\d)|\bretrieved (?:on|from)\b|\bsaved (?:on|from)\b|\bsnapshot\b)"
)
# A line that tells the reader what to do, or states a condition: a sentence, not a document's name.
_INSTRUCTION = re.compile(
    r"(?i)^(?:if|when|from|please|ensure|use|do|don't|see|refer|check|consider|always|never|note|all|any|"
    r"you|your|we|our|it|they|there|once|after|before|only|must|should|complete|record|document|give|"
    r"assess|seek|contact|call|ring|attend|tick|circle|delete|sign)\b(?! (?:of|and)\b)"
)
# Labels: "Guideline Title", "Title of document", "Document name:" — a field's name, not its value.
_LABEL = re.compile(
    r"(?i)^(?:[a-z]+ ){0,3}(?:title|name|reference|ref(?:erence)? no\.?|number|version(?: no\.?)?|author|"
    r"owner|date)(?: of (?:the )?(?:document|policy|guideline|procedure|protocol))?\s*:?$"
)
# A patient-label box or form field on a proforma: never a title.
_FORM_FIELD = re.compile(
    r"(?i)^(?:patient(?:'s)? )?(?:name|full name|forenames?|first names?|surname|last ?name|"
    r"d\.?\s?o\.?\s?b\.?|date of birth|hosp(?:ital)?\.? (?:no|number)\.?|nhs (?:no|number)\.?:?|"
    r"unit (?:no|number)\.?|"
    r"mrn|address|post ?code|ward|consultant|gp|date|time|signature|signed|grade|designation|"
    r"seen by|completed by|sex|gender|age|weight|height|bleep|ext(?:ension)?)\b[\s:.…_/-]*(?:\S.*)?$|"
    r"^(?:[A-Za-z]+ ){0,2}(?:by|name|no|number|date|time|signature|signed|grade|bleep)\s*[:.]|"
    # A record number's label with its colon gone ("Hosp No", "Unit No.", "Patient ID"): a box, not a name.
    r"^(?:[A-Za-z]+\.? ){1,2}(?:no|num|number|id)\.?$"
)
# The issuing department or service named alone ("Children's Emergency Department", "Department of
# Emergency Medicine", "Fracture Clinic"): who wrote the page, not what it is about. Words capitalised as a
# name is, with no "in the"/"for" that would make it a topic ("Frequent Attenders in the Emergency Department").
_NAME_WORDS = r"(?:(?:[A-Z][\w'’.-]*|&|and)\s+)"
_DEPARTMENT = re.compile(
    rf"^(?:the\s+)?{_NAME_WORDS}{{0,4}}(?i:departments?|dept\.?|directorate|division|unit|team|service|clinic|"
    rf"centre|center|ward)$|^(?i:the\s+)?(?i:department|directorate|division)\s+of\s+{_NAME_WORDS}{{0,4}}[A-Z][\w'’.-]*$"
)
_STICKER = re.compile(
    r"(?i)\b(?:affix|attach|place|insert) (?:the )?(?:patient(?:'s)? )?(?:label|sticker)|"
    r"\bpatient (?:label|sticker|addressograph)\b|\baddressograph\b"
)
_LEADERS = re.compile(r"(?:\.{4,}|…{2,}|_{3,}|-{4,})")
# Endings only an organisation's name has: such a line is a name however long ("Mersey and West Lancashire
# (Whiston & St Helens) Teaching Hospitals NHS Trust"), unlike "Hospital" or "Health", which end topics too.
_ORG_ONLY_ENDINGS = (
    r"NHS(?: Foundation)? Trust|Foundation Trust|Health Board|Integrated Care Board|Clinical Commissioning Group"
)
_ORG_ENDING = re.compile(rf"(?i)\b(?:{_ORG_ONLY_ENDINGS})$")
# An organisation's name: ends with what organisations are called.
_ORGANISATION = re.compile(
    rf"(?i)(?:\b(?:{_ORG_ONLY_ENDINGS})|\bTrust|\bICB|\bCCG|\bHealth ?care|\bUniversity Hospitals?|\bHospitals?|"
    r"\bNHS|\bHealth Service|\bCouncil|\bCollege of [A-Z][\w ]+|\bInstitute(?: for [\w ]+)?|"
    r"\bUniversity|\bClinic|\bHealth|\bMedical Center|\bChildren's)$"
)
_ORG_LEAD = re.compile(r"(?i)^(?:the )?(?:royal|university|national|st\.? |saint )")
# Words that go with a date or number and name nothing: a line of only these and digits is no title.
_DATE_WORDS = re.compile(
    # Month names whole or cut short, not any word that begins like one ("Sepsis", "Decision", "Marfan").
    r"(?i)\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?|"
    r"\b(?:date|updated|published|issued|reviewed|version|ver|review|v|no|page|of|st|nd|rd|th)\b|"
    r"(?<=\d)(?:st|nd|rd|th)\b|\bv(?=\d)"  # "12th", "v2"
)
_FILE_NOISE = (
    (re.compile(r"(?i)\s*_?ocr$"), ""),
    (re.compile(r"\[\d+\]"), " "),
    # Bracketed search keywords: " - (a : b)" after a dash, or any brackets listing terms with " : ".
    (re.compile(r"\s+-\s+\((?:[^()]|\([^()]*\))*\)"), " "),
    (re.compile(r"\s*\((?:[^()]|\([^()]*\))* : (?:[^()]|\([^()]*\))*\)"), " "),
    (re.compile(r"^\d{1,3}[_\-. ]+(?=\D)"), ""),  # "25_AAOS_..." list numbers
    (re.compile(r"^\d{6,8}[_\-. ]+"), ""),  # "202310-..." dates
    (re.compile(r"[_]+"), " "),
    (re.compile(r"(?<=[a-z])-(?=[a-z])", re.I), " "),
    (re.compile(r"(?i)(?:[\s-]+(?:v\d+(?:\.\d+)*|\d{3}|final|draft|copy))+$"), ""),
)


# A word starting in lower case that runs on into a capitalised word ("ankleIntroduction"). Brand-like
# words ("eGFR", "iPhone") carry a capital run or a short prefix, and are left alone.
_GLUED = re.compile(r"(?<![A-Za-z])[a-z]{3,}[A-Z][a-z]{2,}")

# A title does not end on a word that needs another after it: "RAISE THE", "Survival Guide to".
_DANGLING = frozenset("the a an to of and or for with in on at by from into as is are be than".split())


@dataclass(frozen=True, slots=True)
class Candidate:
    """A line or value that may be the document's title, with where it came from."""

    text: str
    source: str
    size: float = 0.0  # its type size in points, where the format has one (0: not known)


def why_not_title(text: str) -> str | None:
    """The reason `text` cannot be a document's title ("notice", "label", ...), or None when it can."""
    line = one_line(text).strip(" :;-–—|•*#")
    if not line or not re.search(r"[A-Za-z]{2}", line):
        return "empty"
    words = re.findall(r"[A-Za-z][A-Za-z'’]*", line)
    if len(words) > _MAX_WORDS or len(line) > _MAX_CHARS:
        return "sentence"
    if len(words) > 10 and line.endswith("."):
        return "sentence"
    if _NOTICE.search(line):
        return "notice"
    if _INSTRUCTION.match(line):
        return "instruction"
    if _LEADERS.search(line) or _STICKER.search(line) or _FORM_FIELD.match(line):
        return "form field"
    if _SECTION_WORDS.match(line):
        return "section word"
    if _LABEL.match(line):
        return "label"
    if not re.search(r"[A-Za-z]", _DATE_WORDS.sub(" ", line)):
        return "date or number"
    lower = [w.lower().replace("’", "'") for w in words]
    if all(w in _GENERIC for w in lower):
        return "generic words"
    if _ORGANISATION.search(line) and (len(words) <= 8 or _ORG_LEAD.match(line) or _ORG_ENDING.search(line)):
        return "organisation"
    if _DEPARTMENT.match(line):
        return "department"
    if sum(len(w) for w in words) < 5 or all(len(w) <= 3 for w in words):
        return "too short"
    if _GLUED.search(line):
        # "ankleIntroduction": a lower-case fragment run into the next line's capitalised word, two lines
        # of text read as one without the space between them.
        return "glued words"
    if len(words) == 1 and words[0].islower() and len(line) < 20:
        # One word in lower case: a fragment of a word (OCR, a turned page read across), never a name.
        return "fragment"
    if re.fullmatch(r"[A-Z]{1,6}[-/ ]?\d{1,6}(?:[./-]\d+)*", line):
        return "reference code"
    if _noisy(words):
        return "noise"
    if words[-1].lower() in _DANGLING:
        return "fragment"
    return None


def _noisy(words: list[str]) -> bool:
    """Most words unpronounceable (no vowel, not an acronym) or stray letters: OCR noise, not a title."""
    bad = sum(
        1
        for w in words
        if (len(w) == 1 and w not in "aAI&") or (not w.isupper() and not re.search(r"[aeiouyAEIOUY]", w))
    )
    return bad * 5 >= len(words) * 2


def tidy_title(text: str) -> str:
    """A candidate as a title: one line, a leading "Title:" label and trailing punctuation removed."""
    line = one_line(text)
    line = re.sub(r"(?i)^(?:(?:document|policy|guideline|procedure|protocol)\s+)?title\s*[:\-–]\s*", "", line)
    line = re.sub(r"(?i)^appendix\s+[a-z0-9]{1,3}\s*[:.\-–]?\s+(?=\S)", "", line)
    line = re.sub(r"(?i)\s+appendix(?:\s+[a-z0-9]{1,3})?$", "", line)
    line = line.strip(" :;,-–—|•*")
    # One closing full stop ends many a printed title; more text after it is a sentence.
    return line[:-1] if line.endswith(".") and line.count(". ") == 0 and len(line.split()) <= 24 else line


def title_from_file_name(path: str) -> str:
    """The file name as a title: extension, "_ocr", "[1]", list-number and date prefixes, bracketed search
    keywords and version suffixes removed; underscores and joining hyphens become spaces."""
    stem = PurePath(path.replace("\\", "/")).name
    stem = re.sub(r"(?i)\.(pdf|docx?|rtf|odt|txt|md)$", "", stem)
    for pattern, repl in _FILE_NOISE:
        stem = pattern.sub(repl, stem).strip()
    stem = " ".join(stem.replace(" :", ":").split()).strip(" -_.:")
    return stem or PurePath(path).stem or "Untitled document"


def choose_title(candidates: Iterable[Candidate], path: str) -> tuple[str, str]:
    """(title, source): the first candidate that can be a title, else the tidied file name.

    A line naming the issuing department ("Children's Emergency Department") gives way to a later
    candidate, except one in less than half its type size (a byline). A line of an organisation's or
    department's name offered before ("Palmerston North") is no title either.

    A candidate that opens with a run of capitals and then goes on in ordinary case ("AEC: BLEEDING IN
    EARLY PREGNANCY For women up to 16 weeks") offers the capitals alone first: a heading and its
    subtitle read as one paragraph.
    """
    department: Candidate | None = None
    names: list[str] = []  # organisations and departments met: a line of one is part of a name, no title
    for cand in candidates:
        raw = one_line(cand.text or "")
        if raw.endswith(":") and _FORM_FIELD.match(raw):
            continue  # "Triage time:": the colon tidying drops is what shows a form's box label
        text = tidy_title(raw)
        if any(text.lower() in name for name in names):
            continue  # a line of a name met before ("Palmerston North" of "... Hospital Emergency Department")
        for option in filter(None, (_capitals_run(text), text)):
            why = why_not_title(option)
            if why is None and department and cand.size and cand.size < 0.5 * department.size:
                break  # a byline in far smaller type under the department's name ("A Smith, Physician")
            if why is None:
                return option[:_MAX_CHARS], cand.source
            if why in ("organisation", "department"):
                names.append(option.lower())
            if why == "department" and department is None:
                department = Candidate(option[:_MAX_CHARS], cand.source, cand.size)
    # A department's name is kept only when nothing better follows it (a handbook about the department).
    return (department.text, department.source) if department else (title_from_file_name(path), FILE_NAME)


def _capitals_run(text: str) -> str | None:
    m = re.match(r"^((?:[^a-z\s]+\s+){2,}[^a-z\s]+)\s+(?=[A-Z]?[a-z])", text)
    return m.group(1).strip(" :;,-") if m else None


__all__ = [
    "FILE_NAME",
    "FILE_PROPERTIES",
    "FIRST_LINE",
    "FRONT_SHEET",
    "HEADING",
    "LARGE_FONT",
    "Candidate",
    "choose_title",
    "tidy_title",
    "title_from_file_name",
    "why_not_title",
]
