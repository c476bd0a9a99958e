"""Speed of diff_documents on ~40-page policies, beside a plain difflib word diff of the same texts.

Run: .venv/bin/python bench/diff.py  (prints medians and ratios; nothing is asserted)
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from difflib import SequenceMatcher
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from converge.diff import DiffContext, diff_documents  # noqa: E402
from converge.model import Block, BlockKind, Document, Section, SourceRef  # noqa: E402

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


def main() -> None:
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


if __name__ == "__main__":
    main()
