"""Topic sources of the demo corpus: load, resolve per trust, check.

A topic module (`demo_src/topics/<slug>.py`) holds one plain-data dict `TOPIC` (see `demo_src/FORMAT.md`).
This module turns it into a resolved outline per trust (variants and placeholders filled in) that the
house styles render, and checks topic modules for the mistakes topic writers make most.
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOPICS_DIR = HERE / "demo_src" / "topics"

TRUSTS = {
    "JPUH": "James Paget University Hospitals NHS Foundation Trust",
    "NNUH": "Norfolk and Norwich University Hospitals NHS Foundation Trust",
    "QEH": "The Queen Elizabeth Hospital King's Lynn NHS Foundation Trust",
}

SPECIALTIES = (
    "Acute Medicine",
    "Critical Care",
    "Surgery",
    "Pharmacy and Medicines",
    "Infection Prevention and Control",
    "Nursing and Patient Safety",
    "Maternity",
    "Paediatrics",
    "Mental Health and Capacity",
    "Safeguarding",
    "Haematology and Transfusion",
    "Diabetes and Endocrinology",
)

CATEGORIES = (
    "threshold",
    "dose",
    "unit",
    "route",
    "frequency",
    "time_limit",
    "age_weight",
    "drug",
    "criteria",
    "role",
    "duty",
    "negation",
    "guidance",
)

FORMATS = ("docx", "docx-plain", "pdf", "pdf-2col", "pdf-scanned", "doc", "rtf", "odt")

DOC_TYPES = (
    "Policy",
    "Guideline",
    "Procedure",
    "Standard Operating Procedure",
    "Protocol",
    "Pathway",
    "Care Bundle",
    "Checklist",
    "Patient Group Direction",
)

STANDARD_KEYS = (
    "introduction",
    "purpose",
    "scope",
    "definitions",
    "duties",
    "training",
    "monitoring",
    "references",
)

PLACEHOLDERS = ("hospital", "trust", "committee", "bleep", "ext", "email", "ward")

# Local facts per trust; invented, not the trusts' real wards, numbers or committees.
_HOSPITAL = {
    "JPUH": "James Paget University Hospital",
    "NNUH": "Norfolk and Norwich University Hospital",
    "QEH": "Queen Elizabeth Hospital",
}
_COMMITTEE = {
    "JPUH": "Clinical Effectiveness and Audit Committee",
    "NNUH": "Clinical Guidelines Assessment Panel",
    "QEH": "Clinical Policy Review Group",
}
_DOMAIN = {"JPUH": "jpaget.nhs.uk", "NNUH": "nnuh.nhs.uk", "QEH": "qehkl.nhs.uk"}
_WARDS = {
    "JPUH": ["Ward 2", "Ward 10", "Acute Medical Unit", "Ward 15", "Ward 6 (Surgical)", "Ward 22"],
    "NNUH": ["Cley Ward", "Gateway Ward", "Holt Ward", "Mattishall Ward", "Brundall Ward", "Earsham Ward"],
    "QEH": ["Windsor Ward", "Tennyson Ward", "Stanhoe Ward", "Gayton Ward", "Oxborough Ward", "Elm Ward"],
}

_VARIANT_RE = re.compile(r"\{([^{}]*)\}")
_PLACEHOLDER_RE = re.compile(r"\{\{([a-z_]+)\}\}")
_VARIANT_PART_RE = re.compile(r"^(\*|[A-Z][A-Z0-9]*)=(.*)$", re.S)


class TopicError(Exception):
    """A topic module that cannot be loaded or resolved."""


def stable_int(*parts: str) -> int:
    """A number derived from text only, so builds never depend on hash seeds or dict order."""
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
    return int(digest[:12], 16)


def placeholder_values(trust: str, slug: str) -> dict[str, str]:
    """The local facts a topic's placeholders take at one trust (stable per trust and topic)."""
    n = stable_int(trust, slug)
    words = [w for w in slug.split("-") if w not in {"adult", "adults", "and", "of", "the"}] or ["clinical"]
    return {
        "hospital": _HOSPITAL.get(trust, trust),
        "trust": TRUSTS.get(trust, trust),
        "committee": _COMMITTEE.get(trust, "Clinical Governance Committee"),
        "bleep": str(1000 + n % 9000),
        "ext": str(2000 + (n // 9000) % 7000),
        "email": f"{words[0]}.team@{_DOMAIN.get(trust, 'nhs.net')}",
        "ward": _WARDS.get(trust, ["Ward 1"])[(n // 63000) % 6],
    }


def fill_placeholders(text: str, values: dict[str, str]) -> str:
    """Replace `{{name}}` placeholders; unknown names are left for the checker to report."""
    return _PLACEHOLDER_RE.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def parse_variant(inner: str) -> dict[str, str]:
    """`JPUH=a|*=b` -> {"JPUH": "a", "*": "b"}; raises TopicError when it is not a variant."""
    out: dict[str, str] = {}
    for part in inner.split("|"):
        m = _VARIANT_PART_RE.match(part)
        if not m:
            raise TopicError(f"not a variant part: {part!r} in {{{inner}}}")
        if m.group(1) in out:
            raise TopicError(f"trust {m.group(1)} named twice in {{{inner}}}")
        out[m.group(1)] = m.group(2)
    return out


def resolve_text(text: str, trust: str, values: dict[str, str]) -> str:
    """Fill placeholders, then pick this trust's side of every `{A=..|B=..|*=..}` variant."""
    filled = fill_placeholders(text, values)

    def pick(m: re.Match[str]) -> str:
        options = parse_variant(m.group(1))
        if trust in options:
            return options[trust]
        if "*" in options:
            return options["*"]
        raise TopicError(f"variant {{{m.group(1)}}} has no value for {trust} and no *= default")

    return _VARIANT_RE.sub(pick, filled)


# --- resolved outline -------------------------------------------------------------------------------


@dataclass
class Item:
    """One body item: a paragraph, a list item (level 1 or 2) or a table (rows)."""

    kind: str  # "para" | "bullet" | "table"
    text: str = ""
    level: int = 0
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class RSection:
    """A section resolved for one trust: the key, the heading text (unnumbered) and content."""

    key: str
    heading: str
    items: list[Item]
    children: list[RSection]
    appendix: bool = False


def _resolve_items(body: list, trust: str, values: dict[str, str]) -> list[Item]:
    items: list[Item] = []
    for entry in body:
        if isinstance(entry, dict) and "table" in entry:
            rows = [[resolve_text(str(c), trust, values) for c in row] for row in entry["table"]]
            items.append(Item("table", rows=rows))
        elif isinstance(entry, str):
            text = resolve_text(entry, trust, values)
            if text.startswith("-- "):
                items.append(Item("bullet", text[3:], level=2))
            elif text.startswith("- "):
                items.append(Item("bullet", text[2:], level=1))
            elif text.strip():
                items.append(Item("para", text))
        else:
            raise TopicError(f"body entry must be a str or {{'table': rows}}: {entry!r}")
    return items


def _heading_for(sec: dict, trust: str, standard_names: dict[str, str] | None) -> str:
    heading = sec.get("heading")
    if isinstance(heading, dict):
        heading = heading.get(trust, heading.get("*"))
    if heading is None:
        if standard_names and sec["key"] in standard_names:
            return standard_names[sec["key"]]
        if sec["key"] in STANDARD_KEYS:
            return sec["key"].capitalize()
        raise TopicError(f"section {sec['key']!r} needs a heading")
    return heading


def resolve_sections(
    topic: dict,
    trust: str,
    standard_names: dict[str, str] | None = None,
    changes: dict[str, str] | None = None,
) -> list[RSection]:
    """The topic's section tree for one trust: `only` applied, variants resolved, in topic order.

    `changes` (old versions) maps resolved current text to the older wording, applied after resolving.
    """
    values = placeholder_values(trust, topic["slug"])

    def apply_changes(items: list[Item]) -> list[Item]:
        if not changes:
            return items
        for it in items:
            for new, old in changes.items():
                it.text = it.text.replace(new, old)
                it.rows = [[c.replace(new, old) for c in row] for row in it.rows]
        return items

    def build(secs: list[dict]) -> list[RSection]:
        out = []
        for sec in secs:
            only = sec.get("only")
            if only and trust not in only:
                continue
            heading = resolve_text(_heading_for(sec, trust, standard_names), trust, values)
            items = apply_changes(_resolve_items(sec.get("body", []), trust, values))
            out.append(RSection(sec["key"], heading, items, build(sec.get("children", []))))
        return out

    return build(topic.get("sections", []))


def section_text(sec: RSection) -> str:
    """All body text of a section and its children, one item per line (tables cell by cell)."""
    lines = []
    for it in sec.items:
        if it.kind == "table":
            lines.extend(" ".join(row) for row in it.rows)
        else:
            lines.append(it.text)
    for child in sec.children:
        lines.append(child.heading)
        lines.append(section_text(child))
    return "\n".join(lines)


def body_text(sections: list[RSection]) -> str:
    """The whole resolved body of one document (headings included)."""
    return "\n".join(f"{s.heading}\n{section_text(s)}" for s in sections)


def walk(sections: list[RSection]):
    """Every section in document order, depth first."""
    for s in sections:
        yield s
        yield from walk(s.children)


# --- loading ----------------------------------------------------------------------------------------


def load_topic_file(path: Path) -> dict:
    """Import one topic module by file path and return its TOPIC dict (with `_file` set)."""
    spec = importlib.util.spec_from_file_location(f"demo_topic_{path.stem}", path)
    if spec is None or spec.loader is None:
        raise TopicError(f"{path.name}: cannot be imported")
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception as exc:  # a topic writer's syntax error must not stop the others' checks
        raise TopicError(f"{path.name}: import failed: {type(exc).__name__}: {exc}") from exc
    topic = getattr(module, "TOPIC", None)
    if not isinstance(topic, dict):
        raise TopicError(f"{path.name}: defines no TOPIC dict")
    topic = dict(topic)
    topic["_file"] = path.name
    topic.setdefault("group", topic.get("slug"))
    return topic


def load_topics(topics_dir: Path = TOPICS_DIR, only: set[str] | None = None) -> tuple[list[dict], list[str]]:
    """Load every topic module in sorted file order; returns (topics, load errors)."""
    topics, errors = [], []
    for path in sorted(topics_dir.glob("*.py")):
        if path.name.startswith("_"):
            continue
        try:
            topic = load_topic_file(path)
        except TopicError as exc:
            if only is None or path.stem.replace("_", "-") in only:
                errors.append(str(exc))
            continue
        if only is not None and topic.get("slug") not in only:
            continue
        topics.append(topic)
    if only:
        missing = only - {t.get("slug") for t in topics}
        errors.extend(f"--only: no topic with slug {s!r}" for s in sorted(missing))
    return topics, errors


# --- checking ---------------------------------------------------------------------------------------


def _strings(obj, where: str):
    """Yield (where, string) for every string inside a topic's content."""
    if isinstance(obj, str):
        yield where, obj
    elif isinstance(obj, list):
        for i, x in enumerate(obj):
            yield from _strings(x, f"{where}[{i}]")
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from _strings(v, f"{where}.{k}")


def _check_string(where: str, text: str, trusts: list[str]) -> list[str]:
    errs = []
    for m in _PLACEHOLDER_RE.finditer(text):
        if m.group(1) not in PLACEHOLDERS:
            errs.append(
                f"{where}: unknown placeholder {{{{{m.group(1)}}}}} (allowed: {', '.join(PLACEHOLDERS)})"
            )
    stripped = _PLACEHOLDER_RE.sub("", text)
    for m in _VARIANT_RE.finditer(stripped):
        try:
            options = parse_variant(m.group(1))
        except TopicError as exc:
            errs.append(f"{where}: {exc}")
            continue
        bad = [k for k in options if k != "*" and k not in TRUSTS]
        if bad:
            errs.append(f"{where}: unknown trust code(s) {bad} in {{{m.group(1)}}}")
        if "*" not in options:
            missing = [t for t in trusts if t not in options]
            if missing:
                errs.append(f"{where}: variant {{{m.group(1)}}} has no value for {missing} and no *= default")
    leftover = _VARIANT_RE.sub("", stripped)
    if "{" in leftover or "}" in leftover:
        errs.append(f"{where}: unbalanced or nested braces in {text!r}")
    return errs


def check_topic(
    topic: dict, all_slugs: set[str] | None = None, group_bodies: dict[str, str] | None = None
) -> tuple[list[str], list[str]]:
    """Check one topic; returns (errors, warnings), each message prefixed with the module file.

    `group_bodies` maps trust -> resolved body text of every document of the topic's group at that
    trust, so a split topic's differences can name the trust holding the other half.
    """
    f = topic.get("_file", "?")
    errs: list[str] = []
    warns: list[str] = []
    slug = topic.get("slug")
    if not isinstance(slug, str) or not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug):
        return [f"{f}: slug must be kebab-case text, got {slug!r}"], []
    if f != "?" and f[:-3] != slug.replace("-", "_"):
        errs.append(f"{f}: file name should be {slug.replace('-', '_')}.py for slug {slug!r}")
    if topic.get("specialty") not in SPECIALTIES:
        errs.append(f"{f}: specialty {topic.get('specialty')!r} not one of {list(SPECIALTIES)}")
    docs = topic.get("docs")
    if not isinstance(docs, dict) or not docs:
        return errs + [f"{f}: docs must name at least one trust"], warns
    trusts = [t for t in TRUSTS if t in docs]
    for t, d in docs.items():
        if t not in TRUSTS:
            errs.append(f"{f}: docs: unknown trust {t!r}")
            continue
        for k in ("title", "type", "format"):
            if not d.get(k):
                errs.append(f"{f}: docs.{t}: missing {k!r}")
        if d.get("format") and d["format"] not in FORMATS:
            errs.append(f"{f}: docs.{t}: format {d['format']!r} not one of {list(FORMATS)}")
        if d.get("type") and d["type"] not in DOC_TYPES:
            warns.append(f"{f}: docs.{t}: unusual type {d['type']!r} (usual: {list(DOC_TYPES)})")

    def check_sections(secs, where, held):
        for i, sec in enumerate(secs if isinstance(secs, list) else []):
            if not isinstance(sec, dict):
                continue
            here = [t for t in held if not sec.get("only") or t in sec["only"]]
            for key in ("heading", "body"):
                for w, s in _strings(sec.get(key), f"{where}[{i}].{key}"):
                    errs.extend(_check_string(f"{f}: {w}", s, here))
            check_sections(sec.get("children", []), f"{where}[{i}].children", here)

    check_sections(topic.get("sections", []), "sections", trusts)
    for where, s in _strings(topic.get("differences", []), "differences"):
        if "{" in s or "}" in s:
            errs.append(f"{f}: {where}: difference phrases are resolved text; no variants or placeholders")

    keys: list[str] = []

    def collect(secs, where):
        for i, sec in enumerate(secs):
            if not isinstance(sec, dict) or "key" not in sec:
                errs.append(f"{f}: {where}[{i}]: a section needs a 'key'")
                continue
            keys.append(sec["key"])
            if sec["key"] not in STANDARD_KEYS and not sec.get("heading"):
                errs.append(f"{f}: {where}[{i}] ({sec['key']}): non-standard key needs a 'heading'")
            for t in sec.get("only", []) or []:
                if t not in TRUSTS:
                    errs.append(f"{f}: {where}[{i}] ({sec['key']}): 'only' names unknown trust {t!r}")
            extra = set(sec) - {"key", "heading", "body", "children", "only"}
            if extra:
                errs.append(f"{f}: {where}[{i}] ({sec['key']}): unknown field(s) {sorted(extra)}")
            collect(sec.get("children", []), f"{where}[{i}].children")

    collect(topic.get("sections", []), "sections")
    dupes = sorted({k for k in keys if keys.count(k) > 1})
    if dupes:
        errs.append(f"{f}: section keys not unique: {dupes}")
    if errs:
        return errs, warns

    bodies: dict[str, str] = {}
    resolved: dict[str, list[RSection]] = {}
    for t in trusts:
        try:
            resolved[t] = resolve_sections(topic, t)
        except TopicError as exc:
            errs.append(f"{f}: {t}: {exc}")
            continue
        bodies[t] = body_text(resolved[t])
        n_words = len(bodies[t].split())
        n_secs = len(resolved[t])
        if not 250 <= n_words <= 1000:
            warns.append(f"{f}: {t}: {n_words} words (aim for 350-700)")
        if not 5 <= n_secs <= 12:
            warns.append(f"{f}: {t}: {n_secs} top-level sections (aim for 6-10)")
    group_bodies = dict(group_bodies or {})
    for t, b in bodies.items():
        group_bodies[t] = group_bodies.get(t, "") + "\n" + b
    key_set = set(keys)
    for i, d in enumerate(topic.get("differences", [])):
        where = f"{f}: differences[{i}]"
        if d.get("category") not in CATEGORIES:
            errs.append(f"{where}: category {d.get('category')!r} not one of {list(CATEGORIES)}")
        if d.get("section") not in key_set:
            errs.append(f"{where}: section {d.get('section')!r} is not a section key of this topic")
        text = d.get("text")
        if not isinstance(text, dict) or not text:
            errs.append(f"{where}: 'text' must map trust -> phrase")
            continue
        for t in trusts:
            if t not in text:
                errs.append(f"{where}: no phrase for {t}, which holds this topic")
        for t, phrase in text.items():
            if t not in group_bodies:
                errs.append(f"{where}: {t} holds no document of group {topic.get('group')!r}")
                continue
            if phrase not in group_bodies[t]:
                errs.append(
                    f"{where} ({d.get('category')}): {t} phrase {phrase!r} not found verbatim in "
                    f"{t}'s resolved body"
                )
            elif t in resolved and d.get("section") in key_set:
                sec_text = "\n".join(section_text(s) for s in walk(resolved[t]) if s.key == d["section"])
                if sec_text and phrase not in sec_text:
                    warns.append(f"{where}: {t} phrase {phrase!r} is not in section {d['section']!r}")
        if len(set(text.values())) < 2:
            errs.append(f"{where}: every trust has the same phrase; a difference must differ somewhere")
    for t, v in (topic.get("versions") or {}).items():
        if t not in docs:
            errs.append(f"{f}: versions.{t}: {t} holds no document of this topic")
            continue
        for new in v.get("changes") or {}:
            if t in bodies and new not in bodies[t]:
                errs.append(f"{f}: versions.{t}.changes: {new!r} not found in {t}'s resolved body")
    for nm in topic.get("near_miss", []) or []:
        other = nm["slug"] if isinstance(nm, dict) else nm
        if all_slugs is not None and other not in all_slugs:
            warns.append(f"{f}: near_miss names {other!r}, which is not loaded")
        if other == topic.get("group") or other == slug:
            errs.append(f"{f}: near_miss {other!r} is this topic's own group")
    return errs, warns


def check_topics(topics: list[dict], all_topics: list[dict] | None = None) -> tuple[list[str], list[str]]:
    """Check topics (and their relations: unique slugs, groups of split topics, near misses)."""
    pool = all_topics if all_topics is not None else topics
    all_slugs = {t.get("slug") for t in pool}
    errs: list[str] = []
    warns: list[str] = []
    seen: dict[str, str] = {}
    for t in topics:
        if t.get("slug") in seen:
            errs.append(f"{t['_file']}: slug {t['slug']!r} also used by {seen[t['slug']]}")
        seen[t.get("slug")] = t.get("_file")
    by_group: dict[str, list[dict]] = {}
    for t in pool:
        by_group.setdefault(t.get("group"), []).append(t)
    for t in topics:
        group_bodies: dict[str, str] = {}
        mates = by_group.get(t.get("group"), [])
        for mate in mates:
            if mate is t:
                continue
            if mate.get("specialty") != t.get("specialty"):
                errs.append(
                    f"{t['_file']}: group {t['group']!r} shared with {mate['_file']} but specialty differs"
                )
            for trust in mate.get("docs", {}):
                try:
                    text = body_text(resolve_sections(mate, trust))
                except (TopicError, KeyError, TypeError):
                    continue
                group_bodies[trust] = group_bodies.get(trust, "") + "\n" + text
        e, w = check_topic(t, all_slugs, group_bodies)
        errs.extend(e)
        warns.extend(w)
    return errs, warns
