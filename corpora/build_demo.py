"""Build the demo corpus (corpora/demo/<TRUST>/... and truth.json) from demo_src/topics/*.py.

Usage:
    python corpora/build_demo.py                      # everything, into corpora/demo
    python corpora/build_demo.py --check [--only a,b] # validate topic modules, write nothing
    python corpora/build_demo.py --only a,b --out /tmp/x

Each trust's document is rendered in that trust's house style (housestyles.py), then PDFs and legacy
formats are made by LibreOffice in one batch per target format. The output is deterministic: fixed
dates, numbers derived from slugs, pinned zip and PDF timestamps.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import officeconv  # noqa: E402
from housestyles import STANDARD_NAMES, TYPE_CODES, DocMeta, HouseRenderer, order_sections  # noqa: E402
from topicsrc import (  # noqa: E402
    TOPICS_DIR,
    TRUSTS,
    RSection,
    check_topics,
    load_topics,
    placeholder_values,
    resolve_sections,
    stable_int,
)

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "demo"
SCHEMA_VERSION = 1

EXTENSIONS = {
    "docx": "docx",
    "docx-plain": "docx",
    "pdf": "pdf",
    "pdf-2col": "pdf",
    "pdf-scanned": "pdf",
    "doc": "doc",
    "rtf": "rtf",
    "odt": "odt",
}

# Invented people (no real names): first names and surnames combined by a stable hash.
_FIRST = [
    "Helen",
    "Priya",
    "Tom",
    "Grace",
    "Samuel",
    "Aisha",
    "Mark",
    "Ruth",
    "Daniel",
    "Fiona",
    "Kwame",
    "Lucy",
    "Owen",
    "Nadia",
    "Peter",
    "Jo",
    "Imran",
    "Claire",
    "Rhys",
    "Megan",
]
_LAST = [
    "Ashworth",
    "Okafor",
    "Pennington",
    "Marlowe",
    "Devereux",
    "Hollis",
    "Castellan",
    "Brightwell",
    "Fenwick",
    "Oduya",
    "Larkham",
    "Strand",
    "Whitcombe",
    "Tennant",
    "Quayle",
    "Radley",
]
ROLE_BY_SPECIALTY = {
    "Acute Medicine": ("Consultant Acute Physician", "Medical Director"),
    "Critical Care": ("Consultant in Intensive Care Medicine", "Medical Director"),
    "Surgery": ("Consultant General Surgeon", "Medical Director"),
    "Pharmacy and Medicines": ("Lead Pharmacist, Medicines Safety", "Chief Pharmacist"),
    "Infection Prevention and Control": (
        "Lead Nurse, Infection Prevention and Control",
        "Director of Infection Prevention and Control",
    ),
    "Nursing and Patient Safety": ("Lead Nurse, Patient Safety", "Chief Nurse"),
    "Maternity": ("Consultant Midwife", "Director of Midwifery"),
    "Paediatrics": ("Consultant Paediatrician", "Medical Director"),
    "Mental Health and Capacity": ("Mental Health Liaison Lead", "Chief Nurse"),
    "Safeguarding": ("Named Nurse for Safeguarding", "Chief Nurse"),
    "Haematology and Transfusion": ("Transfusion Practitioner", "Medical Director"),
    "Diabetes and Endocrinology": ("Diabetes Specialist Nurse", "Medical Director"),
}
AUDIENCE_BY_SPECIALTY = {
    "Maternity": "Midwives, obstetricians and anaesthetists",
    "Paediatrics": "Staff caring for children and young people",
    "Pharmacy and Medicines": "All staff who prescribe, supply or administer medicines",
}
HISTORY_NOTES = [
    "First issue",
    "Reviewed; minor amendments",
    "Updated in line with national guidance",
    "Full review; escalation section rewritten",
    "Reviewed; references updated",
]


@dataclass
class Planned:
    """One file to write: which topic, which trust, its metadata and where it goes."""

    topic: dict
    trust: str
    doc: dict
    meta: DocMeta
    fmt: str
    path: str  # relative to the output folder, e.g. "JPUH/JPUH-CP-012 Sepsis ....docx"
    superseded_by: str | None = None
    changes: dict = field(default_factory=dict)
    sections: list[RSection] = field(default_factory=list)


def _add_years(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def _safe_name(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^A-Za-z0-9 ()._,&-]", "", text)).strip()


def _person(trust: str, slug: str) -> str:
    n = stable_int("person", trust, slug)
    return f"{_FIRST[n % len(_FIRST)]} {_LAST[(n // 20) % len(_LAST)]}"


class RefAllocator:
    """Reference numbers per trust scheme, stable per (trust, slug) and unique within a trust."""

    def __init__(self) -> None:
        self.taken: dict[str, set[int]] = {}

    def _pick(self, trust: str, slug: str, lo: int, span: int) -> int:
        taken = self.taken.setdefault(trust, set())
        n = lo + stable_int("ref", trust, slug) % span
        while n in taken:
            n = n + 1 if n + 1 < lo + span else lo
            if len(taken) >= span:
                lo, span, n = lo + span, span * 10, lo + span
        taken.add(n)
        return n

    def reference(self, trust: str, slug: str, doc_type: str) -> str:
        if trust == "JPUH":
            return f"JPUH-CP-{self._pick(trust, slug, 1, 99):03d}"
        if trust == "NNUH":
            return f"CA{self._pick(trust, slug, 1000, 9000)}"
        if trust == "QEH":
            return f"QEH/CLIN/{TYPE_CODES.get(doc_type, 'POL')}/{self._pick(trust, slug, 100, 900)}"
        return f"{trust}-{self._pick(trust, slug, 1, 999):03d}"


def make_meta(
    topic: dict, trust: str, doc: dict, reference: str, old: bool = False, has_old: bool = False
) -> DocMeta:
    """Document-control facts, derived from the slug so they never change between builds."""
    slug = topic["slug"]
    h = stable_int("meta", trust, slug)
    major = 1 + h % 5
    if has_old or old:
        major = max(major, 2)
    minor = (h // 5) % 4
    approved = dt.date(2020, 1, 6) + dt.timedelta(days=(h // 20) % 1700)
    if old:
        major -= 1
        approved = _add_years(approved, -3) - dt.timedelta(days=45)
    version = {"JPUH": f"{major}", "NNUH": f"{major}.{minor}", "QEH": f"{major}.0"}.get(trust, f"{major}.0")
    version = doc.get("version", version)
    review = _add_years(approved, 2 if trust == "QEH" else 3)
    author_role, owner = ROLE_BY_SPECIALTY.get(topic["specialty"], ("Clinical Lead", "Medical Director"))
    history = []
    for i in range(max(1, min(major, 4))):
        v = major - i
        when = _add_years(approved, -2 * i)
        history.append(
            (
                f"{v}.0",
                when.strftime("%m/%Y"),
                HISTORY_NOTES[(h + v) % len(HISTORY_NOTES)] if v > 1 else "First issue",
            )
        )
    history.reverse()
    return DocMeta(
        trust=trust,
        title=doc["title"],
        doc_type=doc["type"],
        specialty=topic["specialty"],
        reference=reference,
        version=version,
        date_approved=approved,
        review_date=review,
        author=f"{_person(trust, slug)}, {author_role}",
        owner=owner,
        approved_by=placeholder_values(trust, slug)["committee"],
        audience=doc.get("audience")
        or topic.get("audience")
        or AUDIENCE_BY_SPECIALTY.get(topic["specialty"], "All clinical staff"),
        history=history,
        heading_scheme="section" if h % 2 else "point",
    )


def file_name(meta: DocMeta, fmt: str, old: bool) -> str:
    """Each trust names its files its own way."""
    ext = EXTENSIONS[fmt]
    if meta.trust == "JPUH":
        stem = f"{meta.reference} {meta.title}" + (f" v{meta.version}" if old else "")
    elif meta.trust == "NNUH":
        stem = f"{meta.title.replace(' ', '_')}_v{meta.version}"
    else:
        stem = f"{meta.title} {meta.reference.replace('/', '-')}" + (f" v{meta.version}" if old else "")
    return f"{_safe_name(stem)}.{ext}"


def plan_documents(topics: list[dict]) -> list[Planned]:
    """Every file of the corpus, current and superseded, with metadata and resolved sections."""
    refs = RefAllocator()
    planned: list[Planned] = []
    used: set[str] = set()
    for topic in sorted(topics, key=lambda t: t["slug"]):
        for trust in TRUSTS:
            doc = topic["docs"].get(trust)
            if not doc:
                continue
            ref = doc.get("reference") or refs.reference(trust, topic["slug"], doc["type"])
            vers = (topic.get("versions") or {}).get(trust)
            meta = make_meta(topic, trust, doc, ref, has_old=bool(vers))
            cur = Planned(topic, trust, doc, meta, doc["format"], "")
            cur.path = _unique(f"{trust}/{file_name(meta, doc['format'], False)}", used)
            planned.append(cur)
            if vers:
                old_doc = {**doc, **(vers.get("old") or {})}
                old_meta = make_meta(topic, trust, old_doc, ref, old=True)
                old = Planned(
                    topic,
                    trust,
                    old_doc,
                    old_meta,
                    old_doc["format"],
                    "",
                    superseded_by=cur.path,
                    changes=dict(vers.get("changes") or {}),
                )
                old.path = _unique(f"{trust}/{file_name(old_meta, old_doc['format'], True)}", used)
                planned.append(old)
    for p in planned:
        secs = resolve_sections(p.topic, p.trust, STANDARD_NAMES.get(p.trust), p.changes or None)
        p.sections = order_sections(p.trust, secs, (p.topic.get("order") or {}).get(p.trust))
    return planned


def _unique(path: str, used: set[str]) -> str:
    stem, dot, ext = path.rpartition(".")
    n, candidate = 2, path
    while candidate.lower() in used:
        candidate, n = f"{stem} ({n}).{ext}", n + 1
    used.add(candidate.lower())
    return candidate


def render_docx(p: Planned):
    """The python-docx Document for one planned file, in its trust's house style."""
    r = HouseRenderer(p.meta, plain=p.fmt == "docx-plain", columns=2 if p.fmt == "pdf-2col" else 1)
    return r.render(p.sections)


def write_files(planned: list[Planned], out: Path, log=print) -> None:
    """Render every planned file; PDFs and legacy formats via one LibreOffice call per target."""
    with tempfile.TemporaryDirectory(prefix="converge-demo-") as tmp_s:
        tmp = Path(tmp_s)
        pending: dict[str, list[tuple[Path, Planned]]] = {}
        for i, p in enumerate(planned):
            dest = out / p.path
            dest.parent.mkdir(parents=True, exist_ok=True)
            doc = render_docx(p)
            if p.fmt in ("docx", "docx-plain"):
                officeconv.save_docx(doc, dest)
                continue
            src = tmp / "src" / f"d{i:05d}.docx"
            officeconv.save_docx(doc, src)
            target = "pdf" if p.fmt.startswith("pdf") else p.fmt
            pending.setdefault(target, []).append((src, p))
        profile = tmp / "lo-profile"
        for target, pairs in sorted(pending.items()):
            t0 = time.perf_counter()
            outs = officeconv.soffice_convert([s for s, _ in pairs], target, tmp / target, profile)
            log(f"  LibreOffice -> {target}: {len(outs)} files in {time.perf_counter() - t0:.1f}s")
            for conv, (_, p) in zip(outs, pairs, strict=True):
                dest = out / p.path
                if p.fmt == "pdf-scanned":
                    officeconv.rasterise_pdf(conv, dest)
                    continue
                shutil.move(str(conv), dest)
                if target == "pdf":
                    officeconv.normalise_pdf(dest, p.meta.date_approved)
                elif target == "odt":
                    officeconv.normalise_zip(dest)


def build_truth(topics: list[dict], planned: list[Planned]) -> dict:
    """truth.json: every file, the equivalence groups with planted differences, the near misses."""
    documents = []
    for p in sorted(planned, key=lambda p: p.path):
        documents.append(
            {
                "path": p.path,
                "trust": p.trust,
                "slug": p.topic["slug"],
                "group": p.topic["group"],
                "title": p.meta.title,
                "format": p.fmt,
                "specialty": p.topic["specialty"],
                "document_type": p.meta.doc_type,
                "reference": p.meta.reference,
                "version": p.meta.version,
                "expect": "rejected" if p.fmt == "pdf-scanned" else "ingested",
                "superseded_by": p.superseded_by,
            }
        )
    matchable = [p for p in planned if p.superseded_by is None and p.fmt != "pdf-scanned"]
    groups: dict[str, dict] = {}
    for t in sorted(topics, key=lambda t: t["slug"]):
        g = groups.setdefault(
            t["group"], {"id": t["group"], "specialty": t["specialty"], "members": {}, "differences": []}
        )
        for p in matchable:
            if p.topic is t:
                g["members"].setdefault(p.trust, []).append(p.path)
    for t in sorted(topics, key=lambda t: t["slug"]):
        g = groups[t["group"]]
        for i, d in enumerate(t.get("differences", [])):
            text = {tr: ph for tr, ph in d["text"].items() if tr in g["members"]}
            if len(text) < 2 or len(set(text.values())) < 2:
                continue  # the other side is missing (a gap or a scan): nothing to compare
            g["differences"].append(
                {
                    "id": d.get("id") or f"{t['slug']}-{i + 1:02d}",
                    "category": d["category"],
                    "section": d["section"],
                    "text": text,
                    "note": d.get("note", ""),
                }
            )
    group_list = []
    for gid in sorted(groups):
        g = groups[gid]
        if not g["members"]:
            continue
        g["members"] = {tr: sorted(g["members"][tr]) for tr in TRUSTS if tr in g["members"]}
        group_list.append(g)
    near, seen = [], set()
    by_slug = {t["slug"]: t for t in topics}
    for t in sorted(topics, key=lambda t: t["slug"]):
        for nm in t.get("near_miss", []) or []:
            other_slug = nm["slug"] if isinstance(nm, dict) else nm
            other = by_slug.get(other_slug)
            if other is None:
                continue
            why = nm.get("why") if isinstance(nm, dict) else None
            for a in (p for p in matchable if p.topic is t):
                for b in (p for p in matchable if p.topic is other):
                    key = tuple(sorted((a.path, b.path)))
                    if key in seen:
                        continue
                    seen.add(key)
                    near.append(
                        {
                            "a": a.path,
                            "b": b.path,
                            "why": why or f"different topic: {a.meta.title!r} vs {b.meta.title!r}",
                        }
                    )
    return {
        "schema_version": SCHEMA_VERSION,
        "trusts": dict(TRUSTS),
        "documents": documents,
        "groups": group_list,
        "near_misses": near,
    }


def summarise(truth: dict) -> str:
    """Counts worth printing after a build: per trust, per format, groups by size, differences."""
    from collections import Counter

    docs = truth["documents"]
    lines = [
        f"documents: {len(docs)}  topics: {len({d['slug'] for d in docs})}  "
        f"groups: {len(truth['groups'])}  near misses: {len(truth['near_misses'])}"
    ]
    lines.append(
        "per trust: " + ", ".join(f"{k} {v}" for k, v in sorted(Counter(d["trust"] for d in docs).items()))
    )
    lines.append(
        "formats: " + ", ".join(f"{k} {v}" for k, v in sorted(Counter(d["format"] for d in docs).items()))
    )
    sizes = Counter(len(g["members"]) for g in truth["groups"])
    lines.append("groups by trusts: " + ", ".join(f"{k}-trust {v}" for k, v in sorted(sizes.items())))
    lines.append("specialties: " + str(len({g["specialty"] for g in truth["groups"]})))
    cats = Counter(d["category"] for g in truth["groups"] for d in g["differences"])
    lines.append(
        f"differences: {sum(cats.values())} (" + ", ".join(f"{k} {v}" for k, v in sorted(cats.items())) + ")"
    )
    lines.append(
        f"superseded: {sum(1 for d in docs if d['superseded_by'])}  "
        f"rejected (scans): {sum(1 for d in docs if d['expect'] == 'rejected')}"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--only", help="comma-separated topic slugs (needs --out unless --check)")
    ap.add_argument("--out", type=Path, help=f"output folder (default {DEFAULT_OUT})")
    ap.add_argument("--check", action="store_true", help="validate topic modules only, write nothing")
    ap.add_argument("--topics", type=Path, default=TOPICS_DIR, help="folder of topic modules")
    args = ap.parse_args(argv)

    only = {s.strip() for s in args.only.split(",") if s.strip()} if args.only else None
    if only and not args.check and args.out is None:
        ap.error("--only writes a partial corpus: give --out DIR (corpora/demo is built from all topics)")
    all_topics, load_errors = load_topics(args.topics)
    selected = [t for t in all_topics if only is None or t["slug"] in only]
    if only:
        load_errors += [
            f"--only: no topic with slug {s!r}" for s in sorted(only - {t["slug"] for t in all_topics})
        ]
    errors, warnings = check_topics(selected, all_topics)
    errors = load_errors + errors
    for w in warnings:
        print(f"warning: {w}")
    for e in errors:
        print(f"ERROR: {e}")
    print(f"checked {len(selected)} topic(s): {len(errors)} error(s), {len(warnings)} warning(s)")
    if args.check:
        return 1 if errors else 0

    bad_files = {e.split(":")[0] for e in errors}
    topics = [t for t in selected if t["_file"] not in bad_files]
    if len(topics) < len(selected):
        print(f"skipping {len(selected) - len(topics)} topic(s) with errors")
    out = args.out or DEFAULT_OUT
    out.mkdir(parents=True, exist_ok=True)
    for trust in TRUSTS:
        shutil.rmtree(out / trust, ignore_errors=True)
    t0 = time.perf_counter()
    planned = plan_documents(topics)
    print(f"building {len(planned)} files from {len(topics)} topics into {out}")
    write_files(planned, out)
    truth = build_truth(topics, planned)
    (out / "truth.json").write_text(json.dumps(truth, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(summarise(truth))
    print(f"built in {time.perf_counter() - t0:.1f}s")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
