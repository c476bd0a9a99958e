"""Local documents held against national guidance, on ../shared/realdev (never copied into the repository).

1. Ingests the MWL, NZ and NATIONAL libraries into a scratch SQLite database through the real CLI
   (`converge ingest --create-trust`), marks NATIONAL as a national library (`converge national mark`) and
   runs the linker with its shipped defaults (`converge national link`).
2. Prints, for each labelled local/national pair of truth.json (18 MWL, 1 NZ), the proposed links with their
   evidence, and the misses: "linked x/18".
3. Planted changes: for each labelled pair, local sentences that the national text speaks to and that agree
   with it are changed one at a time (a number doubled or halved for doses, thresholds and time limits;
   must/should <-> may for obligations) and held against the national source again; a plant is found when a
   departure of the changed sentence appears that the unchanged document did not have. Rule for choosing:
   every labelled pair; eligible are the values (dose, threshold, time limit) and duty words of local
   sentences that the national counterpart states the same way; at most PLANTS_PER_DOCUMENT per pair,
   picked with random.Random(SEED) in document order (A). Real local documents agree with their source in
   few sentences, so a second family (B) plants, per pair, at most PLANTS_PER_DOCUMENT national
   recommendations stating a value or duty (seeded pick), each adopted into the local document's last
   section with that value or duty changed. Prints recall per family and kind.

    PYTHONPATH=src python bench/national.py [--db /tmp/national-bench.db] [--skip-ingest]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from converge.core.diff.context import DEFAULT_CONTEXT  # noqa: E402

REALDEV = (ROOT / ".." / "shared" / "realdev").resolve()
SEED = 19
PLANTS_PER_DOCUMENT = 10
LIBRARIES = ("MWL", "NZ", "NATIONAL")


def converge(*args: str) -> subprocess.CompletedProcess[str]:
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        [sys.executable, "-m", "converge", *args], capture_output=True, text=True, env=env, check=False
    )


def ingest(url: str) -> None:
    for lib in LIBRARIES:
        t0 = time.perf_counter()
        r = converge("ingest", "--trust", lib, "--create-trust", "--db", url, str(REALDEV / lib))
        tail = r.stdout.strip().splitlines()[-6:]
        print(f"ingest {lib}: exit {r.returncode} in {time.perf_counter() - t0:.0f}s  " + " | ".join(tail))


def pairs(truth: dict) -> list[tuple[str, str, list[str]]]:
    """(group id, local path, national paths) of every labelled local/national group."""
    out = []
    for g in truth["groups"]:
        members = g["members"]
        if "NATIONAL" not in members:
            continue
        for lib, paths in members.items():
            if lib in ("MWL", "NZ"):
                out += [(g["id"], p, members["NATIONAL"]) for p in paths]
    return out


def _paths(session) -> dict[str, str]:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from converge.store.models import StoredDocument

    rel = {}
    for doc_id, path in session.execute(select(StoredDocument.id, StoredDocument.source_path)):
        p = Path(path)
        try:
            rel[doc_id] = str(p.resolve().relative_to(REALDEV))
        except ValueError:
            rel[doc_id] = path
    return rel


def report_links(factory, truth: dict) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from converge.store.models import NationalLink

    with factory() as session:
        rel = _paths(session)
        by_path = {v: k for k, v in rel.items()}
        links = list(session.scalars(select(NationalLink).where(NationalLink.status != "withdrawn")))
        proposed: dict[str, list[NationalLink]] = {}
        for x in links:
            proposed.setdefault(rel[x.local_id], []).append(x)
        found = {"MWL": [0, 0], "NZ": [0, 0]}
        extra = 0
        for gid, local, nationals in pairs(truth):
            lib = local.split("/")[0]
            found[lib][1] += 1
            got = sorted(proposed.get(local, []), key=lambda x: -x.score)
            hit = [x for x in got if rel[x.national_id] in nationals]
            extra += len(got) - len(hit)
            found[lib][0] += bool(hit)
            mark = "LINKED" if hit else ("MISSED" if local in by_path else "NOT INGESTED")
            print(f"\n{gid} {mark}: {local}\n    expected: {'; '.join(nationals)}")
            for x in got:
                ok = "+" if x in hit else "-"
                ev = "; ".join(f"{e['kind']}: {e['detail']}" for e in x.evidence[:3])
                print(f"    {ok} {x.score:.2f} {rel[x.national_id]}\n        {ev}")
        print(
            f"\nLINKS: MWL {found['MWL'][0]}/{found['MWL'][1]}, NZ {found['NZ'][0]}/{found['NZ'][1]}; "
            f"{extra} other national documents also proposed for the labelled local documents; "
            f"{len(links)} links proposed in all"
        )


_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_DUTY = {"must": "may", "should": "may", "may": "must", "is required": "is optional"}
_DUTY_RE = re.compile(r"\b(must|should|may|is required)\b", re.IGNORECASE)


def _changed_number(text: str) -> str:
    value = float(text)
    new = value * 2 if value < 50 else value / 2
    return f"{new:g}" if value else "1"


def candidates(sentence: str, national: str) -> list[tuple[str, str]]:
    """(kind, planted sentence) for each value or obligation of a local sentence that its national
    counterpart states the same way (same quantity, same duty word): changing it makes a departure."""
    from converge.core.diff.lexicon import find_features
    from converge.core.diff.quantities import find_quantities

    nat_values = {q.key for q in find_quantities(national)}
    out = []
    for q in find_quantities(sentence):
        if q.kind not in ("dose", "threshold", "time_limit") or q.key not in nat_values:
            continue
        m = _NUMBER.search(sentence, q.start, q.end)
        if m is None:
            continue
        planted = sentence[: m.start()] + _changed_number(m.group()) + sentence[m.end() :]
        if planted != sentence:
            out.append((q.kind, planted))
    nat_duties = {f.label.lower() for f in find_features(national, DEFAULT_CONTEXT) if f.category == "duty"}
    for m in _DUTY_RE.finditer(sentence):
        word = m.group(1).lower()
        if word in nat_duties:
            out.append(("obligation", sentence[: m.start()] + _DUTY[word] + sentence[m.end() :]))
    return out


def plant(doc, old: str, new: str):  # type: ignore[no-untyped-def]
    """The document with one sentence of one block replaced (whitespace as sentences_of normalises it)."""
    from converge.core.model import Section

    def fix_block(b):  # type: ignore[no-untyped-def]
        text = " ".join(b.text.split())
        if old in text:
            rows = tuple(tuple(" ".join(c.split()).replace(old, new) for c in r) for r in b.rows)
            return replace(b, text=text.replace(old, new), rows=rows), True
        if b.rows and any(old == " ".join(" ".join(c for c in r if c).split()) for r in b.rows):
            rows = tuple(
                (new,) if old == " ".join(" ".join(c for c in r if c).split()) else r for r in b.rows
            )
            return replace(b, rows=rows), True
        return b, False

    done = False

    def fix_section(s: Section) -> Section:
        nonlocal done
        blocks = []
        for b in s.blocks:
            if not done:
                b, done = fix_block(b)
            blocks.append(b)
        children = tuple(fix_section(c) for c in s.children)
        return replace(s, blocks=tuple(blocks), children=children)

    pre = []
    for b in doc.preamble:
        if not done:
            b, done = fix_block(b)
        pre.append(b)
    sections = tuple(fix_section(s) for s in doc.sections)
    return replace(doc, preamble=tuple(pre), sections=sections) if done else None


def append(doc, text: str):  # type: ignore[no-untyped-def]
    """The document with one more paragraph at the end of its last section (or its preamble)."""
    from converge.core.model import Block, BlockKind

    para = Block(BlockKind.PARAGRAPH, text)
    if not doc.sections:
        return replace(doc, preamble=(*doc.preamble, para))
    last = doc.sections[-1]
    return replace(doc, sections=(*doc.sections[:-1], replace(last, blocks=(*last.blocks, para))))


def planted_recall(factory, truth: dict) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from converge.core.national.departures import (
        HoldSettings,
        _vectors,
        compare_sentences,
        hold_against,
        sentences_of,
        speaks_to,
    )
    from converge.store.models import StoredDocument
    from converge.workflow.comparison.compute import diff_context_for
    from converge.workflow.library import load_document

    rng = random.Random(SEED)
    settings = HoldSettings()
    found, total = Counter(), Counter()
    missed: list[str] = []
    t0 = time.perf_counter()
    with factory() as session:
        context = diff_context_for(session)
        rel = _paths(session)
        by_path = {v: k for k, v in rel.items()}
        rows = {r.id: r for r in session.scalars(select(StoredDocument))}
        for gid, local_path, nationals in pairs(truth):
            if local_path not in by_path:
                continue
            local = load_document(rows[by_path[local_path]])
            for nat_path in nationals:
                if nat_path not in by_path:
                    continue
                national = load_document(rows[by_path[nat_path]])
                ls = sentences_of(local, settings.min_words)
                ns = sentences_of(national, settings.national_min_words)
                if not ls or not ns:
                    continue
                m = _vectors([s.text for s in ls] + [s.text for s in ns])
                sims = (m[: len(ls)] @ m[len(ls) :].T).toarray()
                eligible = []
                for i, s in enumerate(ls):
                    j = int(sims[i].argmax())
                    if not speaks_to(s.text, ns[j].text, float(sims[i, j]), settings):
                        continue
                    verdict = compare_sentences(ns[j].text, s.text, context)
                    if verdict is not None and verdict[1]:
                        continue  # already a departure: a plant there would prove nothing
                    eligible += [(s.text, kind, new) for kind, new in candidates(s.text, ns[j].text)]
                chosen = sorted(rng.sample(range(len(eligible)), min(PLANTS_PER_DOCUMENT, len(eligible))))
                base = {d.key for d in hold_against(local, national, context, settings).departures}
                for k in chosen:
                    old, kind, new = eligible[k]
                    doc = plant(local, old, new)
                    if doc is None:
                        continue
                    total["A " + kind] += 1
                    got = hold_against(doc, national, context, settings)
                    hit = any(d.key not in base and d.local_text == new for d in got.departures)
                    found["A " + kind] += hit
                    if not hit:
                        missed.append(f"{gid} A {kind}: {old!r} -> {new!r}")
                # B: a national recommendation adopted in the local document with one value or duty changed.
                adopted = [(s.text, kind, new) for s in ns for kind, new in candidates(s.text, s.text)]
                for k in sorted(rng.sample(range(len(adopted)), min(PLANTS_PER_DOCUMENT, len(adopted)))):
                    old, kind, new = adopted[k]
                    doc = append(local, new)
                    total["B " + kind] += 1
                    got = hold_against(doc, national, context, settings)
                    hit = any(d.key not in base and d.local_text == new for d in got.departures)
                    found["B " + kind] += hit
                    if not hit:
                        missed.append(f"{gid} B {kind}: {old!r} -> {new!r}")
    n, f = sum(total.values()), sum(found.values())
    per = ", ".join(f"{k} {found[k]}/{total[k]}" for k in sorted(total))
    a = [k for k in total if k.startswith("A ")]
    fa, na = sum(found[k] for k in a), sum(total[k] for k in a)
    print(f"\nPLANTED: recall {f}/{n} = {f / max(n, 1):.3f} ({per}); {time.perf_counter() - t0:.0f}s")
    print(f"    A (in the local document's own sentences that agree with the national text): {fa}/{na}")
    print(f"    B (national recommendations adopted locally with one change): {f - fa}/{n - na}")
    for line in missed:
        print("    missed", line)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", default="/tmp/national-bench.db")
    ap.add_argument("--skip-ingest", action="store_true", help="reuse the scratch database as it is")
    args = ap.parse_args()
    if not (REALDEV / "truth.json").exists():
        sys.exit(f"no realdev set at {REALDEV}")
    truth = json.loads((REALDEV / "truth.json").read_text())
    url = f"sqlite:///{args.db}"
    if not args.skip_ingest:
        ingest(url)
    print(converge("national", "mark", "NATIONAL", "--db", url).stdout.strip())
    t0 = time.perf_counter()
    r = converge("national", "link", "--trust", "MWL", "--trust", "NZ", "--db", url)
    took = time.perf_counter() - t0
    print(f"link: exit {r.returncode} in {took:.0f}s: {r.stdout.strip()} {r.stderr.strip()[-300:]}")
    sys.path.insert(0, str(ROOT / "src"))
    from converge.store.session import make_engine, make_session_factory

    factory = make_session_factory(make_engine(url))
    report_links(factory, truth)
    planted_recall(factory, truth)


if __name__ == "__main__":
    main()
