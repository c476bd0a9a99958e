"""Generate a large synthetic corpus (N trusts x M documents) with its truth.json, deterministically.

Usage:
    python corpora/generate.py --trusts 3 --docs 1000 --out /tmp/gen [--seed 1] [--pdf-share 0.3]

It recombines and perturbs the demo topic sources (demo_src/topics/*.py, whatever is there at run time):
each generated topic takes a base topic (its sections, as one trust wrote them), borrows a section or two
from another topic, and is retitled for a setting or population ("... in Day Surgery"). Each trust's
copy is then reworded (synonym swaps, sentence reordering), its sections reordered and renumbered by its
house style, and some values changed; the planted differences of the base topic and every changed value
are recorded in truth.json (same schema as the demo corpus). Topics sharing a base but not a setting are
recorded as near misses.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import os
import random
import re
import shutil
import sys
import tempfile
import time
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import officeconv  # noqa: E402
from build_demo import SCHEMA_VERSION, _safe_name, _unique  # noqa: E402
from housestyles import STANDARD_NAMES, TYPE_CODES, DocMeta, HouseRenderer, order_sections  # noqa: E402
from topicsrc import (  # noqa: E402
    TOPICS_DIR,
    TRUSTS,
    Item,
    RSection,
    body_text,
    load_topics,
    resolve_sections,
    walk,
)

EXTRA_TRUSTS = [
    ("NWCH", "North Wold Community Health NHS Trust"),
    ("BMHT", "Broadland Mental Health NHS Trust"),
    ("EFHT", "East Fen Hospitals NHS Foundation Trust"),
    ("SCPT", "Saltmarsh Community Partnership NHS Trust"),
    ("WVHC", "Waveney Valley Healthcare NHS Trust"),
    ("BRHT", "Breckland Hospitals NHS Trust"),
]
SETTINGS = [
    "in the Emergency Department",
    "in Critical Care",
    "in Day Surgery",
    "in Outpatient Clinics",
    "in Community Hospitals",
    "on Surgical Wards",
    "in Theatres and Recovery",
    "in the Acute Medical Unit",
    "in the Endoscopy Unit",
    "in the Renal Unit",
    "in Rehabilitation Wards",
    "in the Cardiac Unit",
]
POPULATIONS = [
    "Older People",
    "Adults with a Learning Disability",
    "Young People in Transition",
    "Patients Living with Dementia",
    "Day Case Patients",
    "Patients at the End of Life",
    "Bariatric Patients",
    "Patients Receiving Chemotherapy",
    "Patients with Renal Failure",
    "Patients in Isolation",
]
SYNONYMS = {
    "must": None,
    "should": None,
    "may": None,
    "not": None,  # duty words are never swapped
    "patient": "person",
    "patients": "people",
    "staff": "colleagues",
    "ensure": "make sure",
    "immediately": "at once",
    "record": "document",
    "recorded": "documented",
    "review": "assessment",
    "assess": "evaluate",
    "contact": "call",
    "inform": "tell",
    "escalate": "refer",
    "appropriate": "suitable",
    "commence": "start",
    "start": "begin",
    "provide": "give",
    "obtain": "take",
    "check": "confirm",
    "following": "after",
    "prior to": "before",
    "additional": "further",
    "approximately": "about",
    "responsible": "accountable",
    "required": "needed",
    "use": "apply",
    "ward": "unit",
    "documented": "written",
}
VALUE_RE = re.compile(r"\b(\d+(?:\.\d+)?) ?(mg/kg|mg|micrograms|mL/kg|mL|mmol/L|hours|minutes|days|years|%)")
UNIT_CATEGORY = {
    "mg/kg": "dose",
    "mg": "dose",
    "micrograms": "dose",
    "mL/kg": "dose",
    "mL": "dose",
    "mmol/L": "threshold",
    "hours": "time_limit",
    "minutes": "time_limit",
    "days": "time_limit",
    "years": "age_weight",
    "%": "threshold",
}
STYLES = list(TRUSTS)


def trust_list(n: int) -> list[tuple[str, str]]:
    """The first three are the demo trusts; more are invented organisations of the same system."""
    out = list(TRUSTS.items())[:n]
    out += EXTRA_TRUSTS[: max(0, n - len(out))]
    while len(out) < n:
        out.append((f"T{len(out) + 1:02d}", f"Trust {len(out) + 1} NHS Trust"))
    return out


# --- perturbation -----------------------------------------------------------------------------------


def _protected_split(text: str, phrases: list[str]) -> list[tuple[str, bool]]:
    """Split text into (segment, protected) so planted phrases are never reworded."""
    spans = []
    for ph in phrases:
        start = text.find(ph)
        while start >= 0:
            spans.append((start, start + len(ph)))
            start = text.find(ph, start + 1)
    spans.sort()
    out, pos = [], 0
    for a, b in spans:
        if a < pos:
            a = pos
        if a >= b:
            continue
        out.append((text[pos:a], False))
        out.append((text[a:b], True))
        pos = b
    out.append((text[pos:], False))
    return [(s, p) for s, p in out if s]


def reword(text: str, rng: random.Random, phrases: list[str], rate: float) -> str:
    """Swap some words for synonyms and sometimes reorder sentences, keeping protected phrases intact."""
    parts = []
    for seg, protected in _protected_split(text, phrases):
        if protected:
            parts.append(seg)
            continue
        words = re.split(r"(\W+)", seg)
        for i, w in enumerate(words):
            rep = SYNONYMS.get(w.lower())
            if rep and rng.random() < rate:
                words[i] = rep.capitalize() if w[:1].isupper() else rep
        parts.append("".join(words))
    new = "".join(parts)
    sentences = re.split(r"(?<=[.!?]) (?=[A-Z])", new)
    if len(sentences) > 1 and rng.random() < rate:
        rng.shuffle(sentences)
        new = " ".join(sentences)
    return new if all(ph in new for ph in phrases if ph in text) else text


def perturb_sections(secs: list[RSection], rng: random.Random, phrases: list[str], rate: float) -> None:
    for sec in walk(secs):
        for it in sec.items:
            if it.kind == "table":
                it.rows = [[reword(c, rng, phrases, rate / 2) for c in row] for row in it.rows]
            else:
                it.text = reword(it.text, rng, phrases, rate)
        if sec.key not in STANDARD_NAMES["JPUH"] and rng.random() < rate / 2:
            sec.heading = reword(sec.heading, rng, [], 1.0)


def set_population(secs: list[RSection], label: str) -> None:
    """Tie the text to the generated topic's setting or population, as a local document would be."""
    for sec in secs:
        if sec.key in ("scope", "purpose") and sec.items:
            sec.items.append(Item("para", f"This document applies specifically to {label}."))
            return
    if secs:
        secs[0].items.insert(0, Item("para", f"This document covers {label}."))


def all_text(secs: list[RSection]) -> str:
    return "\n".join(
        (it.text if it.kind != "table" else "\n".join(" ".join(r) for r in it.rows))
        for s in walk(secs)
        for it in s.items
    )


# --- planning ---------------------------------------------------------------------------------------


def plan_topics(bases: list[dict], trusts: list[str], docs_per_trust: int, rng: random.Random) -> list[dict]:
    """Generated topics: base, donor section, label, which trusts hold it, which base view each takes."""
    n_topics = int(docs_per_trust * 1.15) + 1
    labels = [("setting", s) for s in SETTINGS] + [("population", p) for p in POPULATIONS]
    combos = [(b, lab) for lab in labels for b in bases]
    rng.shuffle(combos)
    while len(combos) < n_topics * 2:  # more topics than base x label: add numbered editions
        edition = len(combos) // (len(labels) * len(bases)) + 1
        combos += [
            (b, (kind, f"{text} ({edition})")) for b, (kind, text) in combos[: len(labels) * len(bases)]
        ]
    topics = []
    counts = {t: 0 for t in trusts}
    for base, (kind, label) in combos:
        eligible = [t for t in trusts if counts[t] < docs_per_trust]
        if not eligible:
            break
        # Most topics are held by every trust; some are gaps (held by 1 or 2 trusts).
        k = len(trusts) if rng.random() < 0.75 else rng.choice([1, 2, max(1, len(trusts) - 1)])
        holders = sorted(rng.sample(eligible, min(k, len(eligible))))
        for t in holders:
            counts[t] += 1
        views = sorted(base["docs"])
        donors = [b for b in bases if b is not base and b.get("group") != base.get("group")]
        topics.append(
            {
                "id": f"{base['slug']}-{_slug(label)}",
                "base": base,
                "kind": kind,
                "label": label,
                "donor": rng.choice(donors) if donors else None,
                "holders": holders,
                "view": {t: rng.choice(views) for t in holders},
            }
        )
    return topics


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _title(base_title: str, kind: str, label: str) -> str:
    return f"{base_title} {label}" if kind == "setting" else f"{base_title} for {label}"


def build_member(gt: dict, trust: str, style: str, org: str, rng: random.Random, rate: float):
    """One trust's document of a generated topic: sections, title and the phrases it carries."""
    base, view = gt["base"], gt["view"][trust]
    phrases = [d["text"][view] for d in base.get("differences", []) if view in d.get("text", {})]
    secs = resolve_sections(base, view, STANDARD_NAMES[style])
    donor = gt["donor"]
    if donor:
        dview = sorted(donor["docs"])[0]
        dsecs = [
            s
            for s in resolve_sections(donor, dview, STANDARD_NAMES[style])
            if s.key not in STANDARD_NAMES["JPUH"]
        ]
        if dsecs:
            pick = copy.deepcopy(dsecs[stable_pick(gt["id"], len(dsecs))])
            pick.key = f"donor-{pick.key}"
            secs.insert(min(len(secs), 5), pick)
    secs = order_sections(style, secs)
    middle = [i for i, s in enumerate(secs) if s.key not in STANDARD_NAMES["JPUH"]]
    if len(middle) > 1 and rng.random() < 0.5:  # reorder the topic's own sections
        chosen = [secs[i] for i in middle]
        rng.shuffle(chosen)
        for i, s in zip(middle, chosen, strict=True):
            secs[i] = s
    perturb_sections(secs, rng, phrases, rate)
    set_population(
        secs,
        gt["label"].split(" (")[0]
        if gt["kind"] == "population"
        else f"care delivered {gt['label'].split(' (')[0]}",
    )
    title = _title(base["docs"][view]["title"], gt["kind"], gt["label"])
    return secs, title, phrases


def stable_pick(key: str, n: int) -> int:
    return sum(key.encode()) % n


def change_values(members: dict[str, list[RSection]], rng: random.Random, protected: set[str]) -> list[dict]:
    """Change one numeric value at one trust where all members share it; returns recorded differences."""
    if len(members) < 2:
        return []
    texts = {t: all_text(s) for t, s in members.items()}
    first = next(iter(texts.values()))
    shared = [
        m.group(0)
        for m in VALUE_RE.finditer(first)
        if all(m.group(0) in tx for tx in texts.values()) and not any(m.group(0) in p for p in protected)
    ]
    if not shared:
        return []
    old = rng.choice(sorted(set(shared)))
    m = VALUE_RE.match(old)
    num = m.group(1)
    factor = rng.choice([0.5, 2, 1.5, 3])
    new_num = f"{float(num) * factor:g}"
    new = old.replace(num, new_num, 1)
    if any(new in tx for tx in texts.values()):
        return []
    target = rng.choice(sorted(members))
    pattern = re.compile(r"(?<![\d.])" + re.escape(old) + r"(?![\d/])")
    for sec in walk(members[target]):
        for it in sec.items:
            it.text = pattern.sub(new, it.text)
            it.rows = [[pattern.sub(new, c) for c in row] for row in it.rows]
    if new not in all_text(members[target]) or old in all_text(members[target]):
        return []
    section = next(
        (s.key for s in walk(members[target]) if new in all_text([RSection(s.key, "", s.items, [])])),
        members[target][0].key,
    )
    return [
        {
            "category": UNIT_CATEGORY[m.group(2)],
            "section": section,
            "text": {t: (new if t == target else old) for t in sorted(members)},
            "note": f"value changed by the generator: {old} -> {new}",
        }
    ]


def make_meta(
    trust: str, org: str, style: str, title: str, base: dict, view_doc: dict, n: int, rng: random.Random
) -> DocMeta:
    doc_type = view_doc["type"]
    approved = dt.date(2019, 1, 7) + dt.timedelta(days=rng.randrange(2000))
    major, minor = 1 + rng.randrange(6), rng.randrange(4)
    ref = {
        "JPUH": f"{trust}-CP-{n:04d}",
        "NNUH": f"CA{1000 + n}",
        "QEH": f"{trust}/CLIN/{TYPE_CODES.get(doc_type, 'POL')}/{n:04d}",
    }[style]
    return DocMeta(
        trust=trust,
        title=title,
        doc_type=doc_type,
        specialty=base["specialty"],
        reference=ref,
        version=f"{major}.{minor}",
        date_approved=approved,
        review_date=approved + dt.timedelta(days=365 * 3),
        author=f"Author {n % 97 + 1}, Clinical Lead",
        owner="Medical Director",
        approved_by="Clinical Policy Committee",
        audience="All clinical staff",
        history=[(f"{major}.0", approved.strftime("%m/%Y"), "Reviewed")],
        heading_scheme="section" if n % 2 else "point",
        style=style,
        trust_name=org,
    )


class _InlinePool:
    """Stand-in for a process pool when --jobs 1: runs each batch at once."""

    def submit(self, fn, *args):
        fut: Future = Future()
        fut.set_result(fn(*args))
        return fut

    def shutdown(self) -> None:
        pass


def _render_batch(batch: list[tuple[DocMeta, list[RSection], bool, Path]]) -> int:
    """Render and save a batch of documents (runs in a worker process)."""
    for meta, secs, plain, dest in batch:
        officeconv.save_docx(HouseRenderer(meta, plain=plain).render(secs), dest)
    return len(batch)


def generate(
    out: Path,
    n_trusts: int,
    docs_per_trust: int,
    seed: int = 1,
    pdf_share: float = 0.3,
    topics_dir: Path = TOPICS_DIR,
    rate: float = 0.35,
    jobs: int = 2,
    log=print,
) -> dict:
    """Write the corpus and its truth.json into `out`; returns the truth dict."""
    rng = random.Random(seed)
    bases, errors = load_topics(topics_dir)
    bases = [b for b in bases if len(b.get("docs", {})) > 0]
    if not bases:
        raise SystemExit(f"no topics in {topics_dir}: {errors}")
    trusts = trust_list(n_trusts)
    codes = [c for c, _ in trusts]
    org = dict(trusts)
    style = {c: STYLES[i % 3] for i, c in enumerate(codes)}
    out.mkdir(parents=True, exist_ok=True)
    for c in codes:
        shutil.rmtree(out / c, ignore_errors=True)
    gts = plan_topics(bases, codes, docs_per_trust, rng)
    documents, groups, used = [], [], set()
    pending: list[tuple[Path, Path, DocMeta]] = []
    t0 = time.perf_counter()
    written = 0
    total = sum(len(g["holders"]) for g in gts)
    with tempfile.TemporaryDirectory(prefix="converge-gen-") as tmp_s:
        tmp = Path(tmp_s)
        pool = ProcessPoolExecutor(max_workers=jobs) if jobs > 1 else _InlinePool()
        futures, jobs_list = [], []
        for gt in gts:
            members: dict[str, list[RSection]] = {}
            titles: dict[str, str] = {}
            protected: set[str] = set()
            for t in gt["holders"]:
                secs, title, phrases = build_member(gt, t, style[t], org[t], rng, rate)
                members[t], titles[t] = secs, title
                protected.update(phrases)
            diffs = []
            for i, d in enumerate(gt["base"].get("differences", [])):
                text = {t: d["text"][gt["view"][t]] for t in gt["holders"] if gt["view"][t] in d["text"]}
                if len(text) >= 2 and len(set(text.values())) >= 2:
                    diffs.append(
                        {
                            "id": f"{gt['id']}-{i + 1:02d}",
                            "category": d["category"],
                            "section": d["section"],
                            "text": text,
                            "note": d.get("note", ""),
                        }
                    )
            for j, d in enumerate(change_values(members, rng, protected)):
                diffs.append({"id": f"{gt['id']}-v{j + 1}", **d})
            bodies = {t: body_text(members[t]) for t in members}
            diffs = [d for d in diffs if all(ph in bodies[t] for t, ph in d["text"].items())]
            paths = {}
            for t in gt["holders"]:
                view_doc = gt["base"]["docs"][gt["view"][t]]
                meta = make_meta(
                    t, org[t], style[t], titles[t], gt["base"], view_doc, len(documents) + 1, rng
                )
                fmt = "pdf" if rng.random() < pdf_share else ("docx-plain" if rng.random() < 0.05 else "docx")
                ext = "pdf" if fmt == "pdf" else "docx"
                rel = _unique(
                    f"{t}/{_safe_name(meta.reference.replace('/', '-') + ' ' + meta.title)}.{ext}", used
                )
                dest = out / rel
                if fmt == "pdf":
                    dest = tmp / f"g{len(pending):06d}.docx"
                    pending.append((dest, out / rel, meta))
                jobs_list.append((meta, members[t], fmt == "docx-plain", dest))
                if len(jobs_list) >= 64:
                    futures.append(pool.submit(_render_batch, jobs_list))
                    jobs_list = []
                paths[t] = rel
                documents.append(
                    {
                        "path": rel,
                        "trust": t,
                        "slug": gt["id"],
                        "group": gt["id"],
                        "title": meta.title,
                        "format": fmt,
                        "specialty": meta.specialty,
                        "document_type": meta.doc_type,
                        "reference": meta.reference,
                        "version": meta.version,
                        "expect": "ingested",
                        "superseded_by": None,
                    }
                )
                written += 1
                if written % 250 == 0:
                    log(f"  {written}/{total} documents planned")
            gt["paths"] = paths
            groups.append(
                {
                    "id": gt["id"],
                    "specialty": gt["base"]["specialty"],
                    "members": {t: [paths[t]] for t in codes if t in paths},
                    "differences": diffs,
                }
            )
        if jobs_list:
            futures.append(pool.submit(_render_batch, jobs_list))
        done = 0
        for f in futures:
            done += f.result()
            if done % 256 < 64:
                log(f"  {done}/{total} documents rendered ({done / (time.perf_counter() - t0):.1f} docs/s)")
        pool.shutdown()
        if pending:
            t1 = time.perf_counter()
            outs = officeconv.soffice_convert(
                [s for s, _, _ in pending], "pdf", tmp / "pdf", tmp / "lo-profile"
            )
            for conv, (_, dest, meta) in zip(outs, pending, strict=True):
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(str(conv), dest)
                officeconv.normalise_pdf(dest, meta.date_approved)
            log(f"  LibreOffice -> pdf: {len(outs)} files in {time.perf_counter() - t1:.1f}s")
    near = []
    by_base: dict[str, list[dict]] = {}
    for gt in gts:
        by_base.setdefault(gt["base"]["slug"], []).append(gt)
    for slug in sorted(by_base):
        sib = by_base[slug]
        for a, b in zip(sib, sib[1:], strict=False):
            common = sorted(set(a["paths"]) & set(b["paths"]))
            if common:
                t = common[0]
                near.append(
                    {
                        "a": a["paths"][t],
                        "b": b["paths"][t],
                        "why": f"same base topic ({slug}), different setting or population",
                    }
                )
    truth = {
        "schema_version": SCHEMA_VERSION,
        "trusts": org,
        "documents": sorted(documents, key=lambda d: d["path"]),
        "groups": sorted(groups, key=lambda g: g["id"]),
        "near_misses": near,
    }
    (out / "truth.json").write_text(json.dumps(truth, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    elapsed = time.perf_counter() - t0
    log(
        f"generated {len(documents)} documents in {len(groups)} groups for {len(codes)} trusts "
        f"in {elapsed:.1f}s ({len(documents) / elapsed:.1f} docs/s)"
    )
    return truth


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--trusts", type=int, default=3)
    ap.add_argument("--docs", type=int, default=100, help="documents per trust")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--pdf-share", type=float, default=0.3, help="share of documents exported to PDF (0 = none)"
    )
    ap.add_argument("--topics", type=Path, default=TOPICS_DIR)
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1), help="rendering processes")
    args = ap.parse_args(argv)
    generate(args.out, args.trusts, args.docs, args.seed, args.pdf_share, args.topics, jobs=args.jobs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
