"""The difference engine measured: speed on ~40-page policies, the demo's planted recall, and two sets built
from real published documents (bench/realpairs.py; left out when ../shared/realdev is absent), each beside
a naive word diff that flags every changed stretch holding a number or a clinical keyword.

Run: .venv/bin/python bench/diff.py [--no-real] [--no-demo] [--show N]  (prints figures; nothing is asserted)
Aims: 40-page related pair median under 250 ms, unrelated under 1 s; demo planted recall >= 0.99; real
planted clinical recall >= 0.98, harmless edits flagged <= 5%, no re-render pair with more than 1 flag.
"""

from __future__ import annotations

import json
import random
import re
import statistics
import sys
import time
from difflib import SequenceMatcher
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[1] / "src"))  # PYTHONPATH first: "before" runs

sys.path.insert(0, str(Path(__file__).resolve().parent))  # realpairs

from converge.core.diff import DiffContext, diff_documents  # noqa: E402
from converge.core.model import Block, BlockKind, Document, Section, SourceRef  # noqa: E402

SUBJECTS = [
    "the nurse in charge",
    "the registrar",
    "the ward pharmacist",
    "the outreach team",
    "the consultant",
    "the admitting doctor",
    "the midwife",
    "the infection control team",
    "the healthcare assistant",
]
VERBS = [
    "must review",
    "should assess",
    "records",
    "escalates",
    "documents",
    "checks",
    "reassesses",
    "monitors",
]
OBJECTS = [
    "the patient's observations",
    "the fluid balance chart",
    "the prescription chart",
    "the risk score",
    "the wound dressing",
    "the capillary blood glucose",
    "the cannula site",
    "the care plan",
    "the pressure areas",
    "the medicines list",
    "the consent form",
    "the early warning score",
]
TAILS = [
    "within {n} hours of admission",
    "every {n} hours",
    "if the NEWS2 score is {n} or more",
    "before giving {d} mg of enoxaparin",
    "at each handover",
    "on transfer to another ward",
    "when lactate is above {n} mmol/L",
    "after {n} minutes",
    "using the electronic record",
]
WORDS = (
    "alpha beta gamma delta epsilon zeta theta kappa lambda sigma omega river stone cloud forest meadow "
    "harbour lantern copper silver window garden bridge market signal engine orbit valley summit"
).split()


def sentence(rng: random.Random, clinical: bool = True) -> str:
    if not clinical:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(10, 18))).capitalize() + "."
    tail = rng.choice(TAILS).format(n=rng.randint(1, 12), d=rng.choice([20, 40, 60]))
    return f"{rng.choice(SUBJECTS).capitalize()} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {tail}."


def make_doc(trust: str, seed: int, words: int = 12_000, clinical: bool = True) -> Document:
    rng = random.Random(seed)
    sections, count, k = [], 0, 0
    while count < words:
        k += 1
        blocks = []
        for _ in range(rng.randint(2, 4)):
            text = " ".join(sentence(rng, clinical) for _ in range(rng.randint(2, 4)))
            count += len(text.split())
            blocks.append(Block(BlockKind.PARAGRAPH, text))
        heading = f"Topic {k}: {rng.choice(OBJECTS if clinical else WORDS)}"
        sections.append(Section(heading, str(k), 1, tuple(blocks)))
    return Document(
        f"{trust}:{seed}",
        trust,
        f"Policy {seed}",
        SourceRef("x", "t", f"{seed:040d}", "bench@1"),
        (),
        tuple(sections),
    )


def perturb(doc: Document, seed: int) -> Document:
    """A related version: 5% of sentences edited (numbers, roles, duty words), headings renumbered,
    two sections swapped, one section dropped and one added."""
    rng = random.Random(seed)
    sections = []
    for n, s in enumerate(doc.sections):
        blocks = []
        for b in s.blocks:
            sents = b.text.split(". ")
            for i in range(len(sents)):
                if rng.random() < 0.05:
                    sents[i] = (
                        sents[i]
                        .replace("must", "should")
                        .replace(" 4 ", " 6 ")
                        .replace("registrar", "consultant")
                        + " where possible"
                    )
            blocks.append(Block(BlockKind.PARAGRAPH, ". ".join(sents)))
        sections.append(Section(s.heading.replace(":", " -"), f"{n + 1}.0", 1, tuple(blocks)))
    sections[3], sections[7] = sections[7], sections[3]
    del sections[10]
    sections.insert(
        20,
        Section(
            "New escalation section",
            "21",
            1,
            (Block(BlockKind.PARAGRAPH, sentence(rng) + " " + sentence(rng)),),
        ),
    )
    return Document(f"B{doc.id}", "BBB", doc.title, doc.source, (), tuple(sections))


def baseline(a: Document, b: Document) -> int:
    sm = SequenceMatcher(None, a.body_text().split(), b.body_text().split(), autojunk=False)
    return sum(1 for op in sm.get_opcodes() if op[0] != "equal")


def median_time(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def timing() -> None:
    ctx = DiffContext()
    related_a = make_doc("AAA", 1)
    related_b = perturb(related_a, 2)
    unrelated_a = make_doc("AAA", 3, clinical=True)
    unrelated_b = make_doc("BBB", 4, clinical=False)
    diff_documents(related_a, related_b, ctx)  # warm-up: imports, drug list, caches of the first run
    for name, a, b in (("related", related_a, related_b), ("unrelated", unrelated_a, unrelated_b)):
        words = (len(a.body_text().split()), len(b.body_text().split()))
        ours = median_time(lambda a=a, b=b: diff_documents(a, b, ctx), 5)
        base = median_time(lambda a=a, b=b: baseline(a, b), 3)
        d = diff_documents(a, b, ctx)
        print(
            f"{name:9s} words {words[0]:,}/{words[1]:,}  sections {len(a.sections)}/{len(b.sections)}  "
            f"align+diff median {ours * 1000:7.1f} ms  difflib word diff {base * 1000:7.1f} ms  "
            f"ratio {ours / base:5.2f}  changes {sum(1 for _ in d.changes())} "
            f"(significant {len(d.significant())}) vs difflib opcodes {baseline(a, b)}"
        )


def load_labelled(truth_path: Path, settings) -> tuple[dict, dict[str, Document]]:
    """The truth file and every document it lists that should parse (through ingest's parse step), keyed
    by its truth path."""
    from converge.core.ingest import InputFile, Parsed, collect_inputs
    from converge.core.sandbox import parse_inputs

    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    root = truth_path.parent
    by_trust: dict[str, list[dict]] = {}
    for entry in truth.get("documents", []):
        if entry.get("expect", "ingested") != "rejected":
            by_trust.setdefault(entry["trust"], []).append(entry)
    docs: dict[str, Document] = {}
    for trust, entries in by_trust.items():
        found = collect_inputs([root / e["path"] for e in entries], settings)
        items = [i for i in found if isinstance(i, InputFile)]
        for entry, outcome in zip(entries, parse_inputs(items, trust, settings), strict=True):
            if isinstance(outcome, Parsed):
                docs[entry["path"]] = outcome.document
    return truth, docs


def demo_recall() -> None:
    import hashlib
    import pickle

    import realpairs

    from converge.core.config import Settings
    from converge.core.diff.evaluate import evaluate_planted

    truth_path = Path(__file__).resolve().parents[1] / "corpora" / "demo" / "truth.json"
    key = hashlib.sha256(truth_path.read_bytes()).hexdigest()[:16] + "-" + realpairs._code_fingerprint()
    cached = realpairs.CACHE.parent / "demo" / f"{key}.pickle"  # parsing the demo takes minutes
    if cached.is_file():
        truth, docs = pickle.loads(cached.read_bytes())
    else:
        truth, docs = load_labelled(truth_path, Settings())
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_bytes(pickle.dumps((truth, docs)))
    d = evaluate_planted(truth, docs)
    print(
        f"demo planted: recall {d['recall']:.3f} ({d['found']}/{d['planted']})  significant flags "
        f"{d['significant_flags']} of {d['changes']} changes shown  (naive word diff recall "
        f"{d['baseline']['recall']:.3f})"
    )


# --- real documents ----------------------------------------------------------------------------------

KEYWORD_RE = re.compile(
    r"\d|^(?:must|should|may|shall|not|no|never|cannot|can't|don't|required|recommended|consider|only|all|"
    r"consultant|registrar|nurse|doctor|pharmacist|midwife|paramedic|anaesthetist|surgeon|team|senior|"
    r"mg|g|micrograms?|mcg|ml|mmol|units?|hours?|hourly|minutes?|days?|daily|weeks?|iv|intravenous|oral|"
    r"orally|im|sc|subcutaneous|above|below|over|under|within|before|after|unless|except|if)$",
    re.IGNORECASE,
)


def _norm_words(text: str) -> list[str]:
    text = text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"}))
    return [w for w in (re.sub(r"[^\w]", "", t).lower() for t in text.split()) if w]


def _runs(text: str) -> set[str]:
    """Letter and digit runs: '75mg' is '75' and 'mg', as the engine's tokens see it."""
    return set(re.findall(r"[^\W\d_]+|\d+(?:\.\d+)?", text.lower()))


def _norm(text: str) -> str:
    return " ".join(_norm_words(text))


def _distinct(e) -> set[str]:
    a, b = _runs(e.old), _runs(e.new)
    return (a ^ b) or a | b


def naive_flags(a: Document, b: Document) -> list[tuple[int, int, int, int, bool]]:
    """A word diff of the whole texts; a changed stretch is flagged when it holds a number or keyword."""
    wa, wb = _norm_words(a.body_text()), _norm_words(b.body_text())
    sm = SequenceMatcher(None, wa, wb, autojunk=False)
    out = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag != "equal":
            out.append((i1, i2, j1, j2, any(KEYWORD_RE.search(w) for w in wa[i1:i2] + wb[j1:j2])))
    return out


def _find(words: list[str], window: list[str]) -> tuple[int, int] | None:
    n = len(window)
    for k in range(len(words) - n + 1):
        if words[k : k + n] == window:
            return k, k + n
    return None


def _naive_hit(a: Document, b: Document, ops, e) -> bool:
    wa, wb = _norm_words(a.body_text()), _norm_words(b.body_text())
    ra, rb = _find(wa, _norm_words(e.old)), _find(wb, _norm_words(e.new))
    for i1, i2, j1, j2, flagged in ops:
        if not flagged:
            continue
        if ra and i1 <= ra[1] and max(i2, i1 + 1) > ra[0] or rb and j1 <= rb[1] and max(j2, j1 + 1) > rb[0]:
            return True
    return False


def _ours_hits(diff, e, clinical: bool) -> list:
    """Significant changes about the edit: in a sentence holding its words, touching the edited words."""
    old, new = _norm(e.old), _norm(e.new)
    distinct = _distinct(e)
    out = []
    for c in diff.significant():
        here = old and old in _norm(c.a_text) or new and new in _norm(c.b_text)
        if not here:
            continue
        touched = _runs(c.a_changed) | _runs(c.b_changed)
        if e.kind in ("moved_paragraph", "typography") or touched & distinct or e.kind.startswith("negation"):
            out.append(c)
    return out


def real_sets(show: int) -> None:
    import realpairs

    if not realpairs.REALDEV.is_dir():
        print(f"real sets: {realpairs.REALDEV} absent, left out")
        return
    truth = json.loads((realpairs.REALDEV / "truth.json").read_text())
    ctx = DiffContext.from_terms({code: [name, code] for code, name in truth.get("trusts", {}).items()})
    docs = realpairs.load(log=lambda m: print(m, file=sys.stderr))
    libs = sorted({rd.library for rd in docs})
    print(
        f"real documents: {len(docs)} from {len(libs)} libraries ({', '.join(libs)}), seed {realpairs.SEED}"
    )

    # Re-renders: same words, another producer or layout. Every significant flag is a false alarm.
    ours_counts, naive_counts, worst = [], [], []
    for rd in docs:
        for label, other in (("docx", rd.docx), ("pdf", rd.pdf)):
            if other is None:
                continue
            d = diff_documents(rd.original, other, ctx)
            sig = d.significant()
            ours_counts.append(len(sig))
            naive_counts.append(sum(1 for *_, f in naive_flags(rd.original, other) if f))
            worst.append((len(sig), f"{label} {rd.name}", sig))
    print(
        f"re-render pairs {len(ours_counts)}: significant flags per pair  converge max {max(ours_counts)} "
        f"mean {statistics.mean(ours_counts):.2f} median {statistics.median(ours_counts):g} "
        f"(pairs over 1: {sum(n > 1 for n in ours_counts)}, "
        f"with none: {sum(n == 0 for n in ours_counts)})  |  "
        f"naive max {max(naive_counts)} mean {statistics.mean(naive_counts):.2f} "
        f"(pairs over 1: {sum(n > 1 for n in naive_counts)})"
    )
    for n, name, sig in sorted(worst, key=lambda w: -w[0])[:show]:
        if n:
            print(f"  {n:4d} {name[:90]}")
            for c in sig[:show]:
                print(f"         {c.category.value}: {c.reason[:110]!r}")

    # Planted edits: the original against its rebuild with edits.
    rows: dict[str, list[int]] = {}
    totals = {"clinical": [0, 0, 0], "harmless": [0, 0, 0]}  # planted, converge, naive
    misses = []
    for rd in docs:
        if rd.planted is None:
            continue
        d = diff_documents(rd.original, rd.planted, ctx)
        ops = naive_flags(rd.original, rd.planted)
        for e in rd.edits:
            clinical = e.expect == "clinical"
            if e.kind == "renumbering":
                heads = {_norm(h) for h in rd.original.headings() + rd.planted.headings()}
                ours = any(_norm(c.a_text) in heads or _norm(c.b_text) in heads for c in d.significant())
                naive = any(
                    f
                    and all(
                        w.isdigit()
                        for w in _norm_words(
                            " ".join(
                                rd.original.body_text().split()[i1:i2] + rd.planted.body_text().split()[j1:j2]
                            )
                        )
                    )
                    for i1, i2, j1, j2, f in ops
                )
            else:
                ours = bool(_ours_hits(d, e, clinical))
                naive = _naive_hit(rd.original, rd.planted, ops, e)
            t = totals[e.expect]
            t[0] += 1
            t[1] += ours
            t[2] += naive
            r = rows.setdefault(e.kind, [0, 0, 0])
            r[0] += 1
            r[1] += ours
            r[2] += naive
            if ours != clinical:
                misses.append((e, rd.name, _ours_hits(d, e, False)))
    c, h = totals["clinical"], totals["harmless"]
    print(
        f"planted edits in {sum(1 for rd in docs if rd.planted)} documents: clinical recall converge "
        f"{c[1] / max(1, c[0]):.3f} ({c[1]}/{c[0]}) naive {c[2] / max(1, c[0]):.3f}  |  harmless flagged "
        f"significant converge {h[1] / max(1, h[0]):.3f} ({h[1]}/{h[0]}) naive {h[2] / max(1, h[0]):.3f}"
    )
    print("  " + "  ".join(f"{k} {v[1]}/{v[0]} (naive {v[2]})" for k, v in sorted(rows.items())))
    for e, name, hits in misses[:show]:
        print(
            f"  {'missed' if e.expect == 'clinical' else 'flagged'} {e.kind}: {e.old!r} -> {e.new!r}"
            f"  [{name[:40]}]"
        )
        for c in hits[:2]:
            print(f"         {c.category.value}: {c.reason[:110]!r}")


def main() -> None:
    import argparse

    p = argparse.ArgumentParser()
    p.add_argument("--no-real", action="store_true")
    p.add_argument("--no-demo", action="store_true")
    p.add_argument("--no-timing", action="store_true")
    p.add_argument("--show", type=int, default=0, help="print the worst pairs and missed edits")
    args = p.parse_args()
    if not args.no_timing:
        timing()
    if not args.no_demo:
        demo_recall()
    if not args.no_real:
        real_sets(args.show)


if __name__ == "__main__":
    main()
