"""Documents built in memory for matching tests and the benchmark.

`doc()` builds one Document from plain values. `topic_library()` renders the demo topic sources
(corpora/demo_src/topics) per trust straight into the model, with each trust's boilerplate sections,
without writing or parsing files. `perturbed_library()` multiplies them into a large library by
rewording, shuffling and mixing topics, for the benchmark.
"""

from __future__ import annotations

import hashlib
import random
import sys
from pathlib import Path

from converge.core.model import Block, BlockKind, Document, Layer, Section, SourceRef, make_document_id

ROOT = Path(__file__).resolve().parents[3]


def doc(
    trust: str,
    title: str,
    sections: list[tuple[str, list[str]]],
    *,
    path: str | None = None,
    meta: dict[str, str] | None = None,
    furniture: list[str] = (),
) -> Document:
    """A Document from (heading, paragraphs) pairs; `furniture` lines go in the preamble as furniture."""
    path = path or f"{trust}/{title}.docx"
    sha = hashlib.sha256(f"{trust}|{path}|{title}".encode()).hexdigest()
    pre = tuple(Block(BlockKind.PARAGRAPH, t, layer=Layer.FURNITURE) for t in furniture)
    secs = tuple(
        Section(
            heading=h, number=str(i + 1), level=1, blocks=tuple(Block(BlockKind.PARAGRAPH, p) for p in ps)
        )
        for i, (h, ps) in enumerate(sections)
    )
    return Document(
        id=make_document_id(trust, sha),
        trust=trust,
        title=title,
        source=SourceRef(path=path, media_type="application/docx", sha256=sha, parser="synth@1"),
        preamble=pre,
        sections=secs,
        meta=meta or {},
    )


# Each trust's standard text: the same in all its documents (what boilerplate damping must ignore).
BOILERPLATE = {
    "JPUH": [
        (
            "Duties",
            [
                "The Chief Executive has overall responsibility for this document. Ward managers ensure "
                "staff are aware of it and follow it. All staff must comply with it."
            ],
        ),
        (
            "Training",
            [
                "Staff complete the mandatory training recorded in the electronic staff record and "
                "discuss learning needs at appraisal."
            ],
        ),
        (
            "Monitoring Compliance",
            [
                "Compliance is audited annually and reported to the Clinical "
                "Effectiveness and Audit Committee, which agrees an action plan."
            ],
        ),
    ],
    "NNUH": [
        (
            "Roles and Responsibilities",
            [
                "Clinical directors ensure the guideline is implemented in their "
                "divisions; matrons and charge nurses cascade it to their teams."
            ],
        ),
        (
            "Education and Training",
            [
                "Training needs are identified through the learning needs analysis "
                "and delivered through the education centre programme."
            ],
        ),
        (
            "Monitoring Compliance",
            [
                "The guideline is audited every two years by the speciality audit lead "
                "and results go to the Clinical Guidelines Assessment Panel."
            ],
        ),
    ],
    "QEH": [
        (
            "Responsibilities",
            [
                "Divisional leads, ward sisters and every registered practitioner are "
                "responsible for working in line with this procedure."
            ],
        ),
        (
            "Training",
            [
                "Staff attend the relevant induction and update sessions provided by the practice "
                "development team."
            ],
        ),
        (
            "Audit and Monitoring",
            [
                "An audit of practice is undertaken and presented at the Clinical Policy "
                "Review Group with recommendations."
            ],
        ),
    ],
}


def _topicsrc():
    if str(ROOT / "corpora") not in sys.path:
        sys.path.insert(0, str(ROOT / "corpora"))
    import topicsrc  # the demo corpus's own topic loader

    return topicsrc


def _section(rs) -> Section:
    blocks = []
    for it in rs.items:
        if it.kind == "table":
            rows = tuple(tuple(r) for r in it.rows)
            blocks.append(Block(BlockKind.TABLE, "\n".join(" | ".join(r) for r in rows), rows=rows))
        else:
            kind = BlockKind.LIST_ITEM if it.kind == "bullet" else BlockKind.PARAGRAPH
            blocks.append(Block(kind, it.text, depth=max(0, it.level - 1)))
    return Section(rs.heading, None, 1, tuple(blocks), tuple(_section(c) for c in rs.children))


def topic_library() -> tuple[list[Document], list[set[str]], list[tuple[str, str]]]:
    """(documents, truth groups of document ids, near-miss pairs) from the demo topic sources."""
    ts = _topicsrc()
    topics, _ = ts.load_topics()
    docs: list[Document] = []
    by_group: dict[str, set[str]] = {}
    by_slug: dict[str, list[str]] = {}
    for t in topics:
        for trust, info in t["docs"].items():
            secs = ts.resolve_sections(t, trust)
            d = Document(
                id=f"{trust}:{t['slug']}",
                trust=trust,
                title=info["title"],
                source=SourceRef(f"{trust}/{t['slug']}", "text/plain", t["slug"], "synth@1"),
                sections=tuple(_section(s) for s in secs)
                + tuple(
                    Section(h, None, 1, tuple(Block(BlockKind.PARAGRAPH, p) for p in ps))
                    for h, ps in BOILERPLATE.get(trust, [])
                ),
                meta={"specialty": t["specialty"], "document_type": info.get("type", "")},
            )
            docs.append(d)
            by_group.setdefault(t["group"], set()).add(d.id)
            by_slug.setdefault(t["slug"], []).append(d.id)
    near = []
    for t in topics:
        for nm in t.get("near_miss", []) or []:
            other = nm["slug"] if isinstance(nm, dict) else nm
            near += [(a, b) for a in by_slug.get(t["slug"], []) for b in by_slug.get(other, [])]
    return docs, list(by_group.values()), near


def _perturb(text: str, rng: random.Random, vocab: list[str]) -> str:
    words = text.split()
    out = []
    for w in words:
        r = rng.random()
        if r < 0.05:
            continue
        out.append(rng.choice(vocab) if r < 0.10 else w)
    return " ".join(out)


def perturbed_library(n_per_trust: int, trusts=("JPUH", "NNUH", "QEH"), seed: int = 7) -> list[Document]:
    """A large library: each demo topic document re-worded many times into distinct synthetic topics.

    Topic k at every trust is the same base document with its own perturbation and a few topic-marking
    words, so there are real equivalents to find among many near-duplicates of the base texts.
    """
    rng = random.Random(seed)
    base, _, _ = topic_library()
    texts = [" ".join(b.text for b in d.blocks()) for d in base]
    vocab = sorted({w for t in texts for w in t.split()})
    markers = [
        f"{a}{b}"
        for a in ("alpha", "beta", "gamma", "delta", "omega", "sigma", "kappa", "zeta")
        for b in ("cal", "tor", "mex", "ryn", "dol", "pha", "nix", "vor", "quen", "sul", "bra", "ti")
    ]
    docs = []
    for k in range(n_per_trust):
        src = base[k % len(base)]
        topic_words = [rng.choice(markers) + str(k) for _ in range(3)]
        for trust in trusts:
            secs = []
            for _, s in src.walk():
                paras = [_perturb(b.text, rng, vocab) for b in s.blocks] or [""]
                paras[0] = f"{paras[0]} {' '.join(topic_words)} {rng.choice(topic_words)}"
                secs.append((s.heading, paras))
            rng.shuffle(secs)
            title = f"{src.title} {topic_words[0]} ({trust} {rng.randint(100, 999)})"
            docs.append(doc(trust, title, secs, path=f"{trust}/synthetic/{k:05d}.docx", meta=dict(src.meta)))
    return docs


def _generator():
    if str(ROOT / "corpora") not in sys.path:
        sys.path.insert(0, str(ROOT / "corpora"))
    import generate  # the scale generator (corpora/generate.py)

    return generate


def generated_library(
    n_per_trust: int, seed: int, n_trusts: int = 3
) -> tuple[list[Document], list[set[str]], list[tuple[str, str]]]:
    """(documents, truth groups of ids, near-miss pairs) of a generated corpus, built in memory.

    The same documents `corpora/generate.py` would render, without writing or parsing files (so the
    benchmark and weight fitting measure the matcher, not the parsers). House front matter is not there.
    """
    gen = _generator()
    _, planned, truth = gen.plan_library(n_trusts, n_per_trust, seed=seed, pdf_share=0.0)
    docs, id_of = [], {}
    for p in planned:
        sha = hashlib.sha256(f"{seed}|{p.path}".encode()).hexdigest()
        d = Document(
            id=make_document_id(p.trust, sha),
            trust=p.trust,
            title=p.meta.title,
            source=SourceRef(p.path, "text/plain", sha, "synth@1"),
            sections=tuple(_section(s) for s in p.sections),
            meta={"specialty": p.meta.specialty, "document_type": p.meta.doc_type},
        )
        docs.append(d)
        id_of[p.path] = d.id
    groups = [{id_of[x] for ps in g["members"].values() for x in ps} for g in truth["groups"]]
    near = [(id_of[n["a"]], id_of[n["b"]]) for n in truth["near_misses"]]
    return docs, groups, near


# Short leaflets of six topics, for libraries where many organisations publish every topic.
LEAFLET_TOPICS = {
    "Ankle sprain": "ankle sprain ligament swelling bruising ice elevation crutches walking rest strapping",
    "Asthma": "asthma wheeze inhaler salbutamol peak flow steroid oxygen nebuliser breathless spacer",
    "Head injury": "head injury scan vomiting drowsy concussion observation skull headache neurology",
    "Sepsis": "sepsis infection antibiotics lactate fluids culture fever screening shock source",
    "Falls": "falls frailty mobility hip bone fracture balance walking frame hazards medication",
    "Diabetes": "diabetes insulin glucose ketones hypoglycaemia meter carbohydrate injection sugar",
}
FILLER = "advice patient hospital team clinic contact phone leaflet information service care ward"


def _text(topic_words: str, rng: random.Random, own: list[str]) -> str:
    """An independently written document on a topic: some of its words, and the writer's own."""
    words = rng.sample(topic_words.split(), 5) + rng.sample(FILLER.split(), 4) + own
    rng.shuffle(words)
    return " ".join(words) + "."


def leaflet_library(organisations: int, seed: int, meta_of=lambda n, title: {}) -> list[Document]:  # type: ignore[no-untyped-def]
    """Every organisation publishes every topic, each worded independently; `meta_of(n, title)` gives a
    document's metadata."""
    rng = random.Random(seed)
    docs = []
    for n in range(organisations):
        trust = f"T{n:02d}"
        own = [f"{trust.lower()}word{k}" for k in range(3)]
        for title, words in LEAFLET_TOPICS.items():
            paragraphs = [_text(words, rng, own) for _ in range(3)]
            docs.append(doc(trust, title, [("Advice", paragraphs)], meta=meta_of(n, title)))
    return docs


def card_and_guideline(
    slug: str = "discharge", threshold: float = 0.5, floor: float = 0.1
) -> tuple[list[Document], Document, Document]:
    """(a library, a national guideline "NAT" of the demo topic `slug`, a local card "LOC" of a few of its
    words): the demo topics but `slug`, with a national and a local library of copies of a few other
    topics (a one-document library's every word is its boilerplate), where the card's link to the guideline
    is weak, below `threshold` and not below `floor`, as a short local pathway is against the long
    guideline it adapts. The card's length is searched for, in an index holding all three (as a consumer's
    does once the card is stored), so that a change of scoring moves it but keeps the situation."""
    from dataclasses import replace

    from converge.core.matching.index import MatchIndex

    docs, _, _ = topic_library()
    source = next(d for d in docs if d.id.endswith(f":{slug}"))
    words = " ".join(b.text for s in source.sections for b in s.blocks).split()
    others = [d for d in docs if not d.id.endswith(f":{slug}")]
    copies = []
    for trust, kept in (("NAT", "QEH"), ("LOC", "NNUH")):
        held = sorted((d for d in others if d.trust == kept), key=lambda d: d.id)[:6]
        copies += [replace(d, id=d.id.replace(kept, trust), trust=trust) for d in held]
    paragraphs = [" ".join(words[i : i + 60]) for i in range(0, len(words), 60)]
    guideline = doc("NAT", "National guidance on the topic", [("Recommendations", paragraphs)])
    library = [*others, *copies]
    for k in range(4, 40):
        card = doc("LOC", "Local card", [("Card", [" ".join(words[:: max(1, len(words) // k)])])])
        index = MatchIndex([*library, guideline, card])
        scores = {s.b: s.confidence for s in index.score_new(card)[1]}
        if floor <= scores.get(guideline.id, 0.0) < threshold:
            return library, guideline, card
    raise AssertionError("no card length gives a weak link: the demo topics or the scoring changed")
