"""Ingest throughput: DOCX and PDF parsing with 1 and 2 worker processes, against plain pdfplumber.

    python bench/ingest.py                 # 220 generated policies (cached under bench/.cache/)
    python bench/ingest.py --docs 300      # a bigger generated corpus
    python bench/ingest.py --corpus DIR    # your own folder of .docx / .pdf files

The generated corpus is python-docx documents shaped like trust policies (control table, running header
and "Page X of Y" footer, numbered sections, lists, ruled tables; about 4-10 pages), printed to PDF by
ONE LibreOffice batch conversion. The baseline is `page.extract_text()` over every page of the same PDFs
in the same run; the aim is PDF parsing with 1 worker at most 1.3x that, and 2 workers near 2x faster.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from converge.core.docxwrite import add_field
from converge.core.office import OfficeError, convert

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
CORPUS_VERSION = 1  # bump when the generator changes, so a stale cache is not reused

TOPICS = [
    "Sepsis",
    "Falls Prevention",
    "Pressure Ulcer",
    "Venous Thromboembolism",
    "Blood Transfusion",
    "Hand Hygiene",
    "Medicines Reconciliation",
    "Deteriorating Patient",
    "Consent to Treatment",
    "Safeguarding Adults",
    "Insulin Prescribing",
    "Oxygen Therapy",
    "Nasogastric Tube",
    "Delirium",
    "Chest Drain",
    "Tracheostomy Care",
    "Central Venous Catheter",
    "Anaphylaxis",
    "Hypoglycaemia",
    "Epidural Analgesia",
    "Enteral Feeding",
    "Patient Identification",
    "Restrictive Interventions",
]
KINDS = ["Policy", "Guideline", "Procedure", "Standard Operating Procedure", "Protocol"]
SECTIONS = [
    "Introduction",
    "Purpose",
    "Scope",
    "Definitions",
    "Duties and responsibilities",
    "Procedure",
    "Escalation",
    "Documentation",
    "Training",
    "Monitoring compliance",
    "References",
    "Associated documents",
]
SENTENCES = [
    "All adult inpatients must have a full set of observations recorded on admission.",
    "The NEWS2 score is calculated at every set of observations and acted upon without delay.",
    "A score of five or more triggers an urgent review by a clinician with core competencies.",
    "Antibiotics are given within one hour of recognition when red flag sepsis is suspected.",
    "The nurse in charge makes sure that the escalation is documented in the electronic record.",
    "Patients who lack capacity are assessed under the Mental Capacity Act before treatment.",
    "Staff who cannot attend the training session must complete the e-learning package instead.",
    "Blood cultures are taken before the first dose unless this would delay treatment materially.",
    "The responsible consultant is informed of any deterioration outside normal working hours.",
    "Fluid balance is recorded hourly for patients receiving intravenous therapy in critical care.",
    "Compliance with this policy is audited annually and reported to the governance committee.",
    "Where local practice departs from national guidance, the reason is recorded and reviewed.",
    "The outreach team may be contacted on the bleep number listed on the intranet page.",
    "Each ward keeps a copy of the escalation flowchart in the clinical room and at the nurses' station.",
]


# ------------------------------------------------------------------------------------------ the corpus


_field = add_field  # a live PAGE/NUMPAGES field, as Word writes page numbers


def _paragraph(rng: random.Random) -> str:
    return " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(2, 6)))


def build_policy(path: Path, seed: int) -> None:
    """One synthetic policy DOCX of roughly 4-10 pages."""
    from docx import Document

    rng = random.Random(seed)
    title = f"{rng.choice(TOPICS)} {rng.choice(KINDS)}"
    doc = Document()
    section = doc.sections[0]
    section.header.paragraphs[0].text = f"{title} - Version {rng.randint(1, 6)}.{rng.randint(0, 9)}"
    section.header.add_paragraph("Uncontrolled when printed")
    footer = section.footer.paragraphs[0]
    footer.add_run("Example Hospitals NHS Foundation Trust    Page ")
    _field(footer, "PAGE")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES")
    doc.add_heading(title, 0)
    control = [
        ("Reference", f"CLIN-{seed:04d}"),
        ("Version", "3.2"),
        ("Author", "Dr A Example, Consultant"),
        ("Approved by", "Clinical Governance Committee"),
        ("Date approved", "12/03/2024"),
        ("Review date", "12/03/2027"),
        ("Target audience", "All clinical staff"),
    ]
    table = doc.add_table(rows=len(control), cols=2)
    table.style = "Table Grid"
    for r, (label, value) in enumerate(control):
        table.cell(r, 0).text, table.cell(r, 1).text = label, value
    target_pages = rng.randint(4, 10)
    n_sections = len(SECTIONS)
    # About 5 body paragraphs of ~4 sentences fill an A4 page of 11 pt text.
    per_section = max(1, round(target_pages * 5 / n_sections))
    for number, heading in enumerate(SECTIONS, start=1):
        doc.add_heading(f"{number}. {heading}", 1)
        for sub in range(1, per_section + 1):
            if per_section > 2 and sub % 2 == 0:
                doc.add_heading(f"{number}.{sub // 2} {rng.choice(SECTIONS)} detail", 2)
            doc.add_paragraph(_paragraph(rng))
            if rng.random() < 0.3:
                for _ in range(rng.randint(2, 5)):
                    doc.add_paragraph(rng.choice(SENTENCES), style="List Bullet")
        if rng.random() < 0.25:
            rows = [("Score", "Action", "Who")] + [
                (str(i), rng.choice(SENTENCES)[:40], rng.choice(["FY1", "Registrar", "Consultant"]))
                for i in range(rng.randint(3, 6))
            ]
            grid = doc.add_table(rows=len(rows), cols=3)
            grid.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, text in enumerate(row):
                    grid.cell(r, c).text = text
    doc.save(str(path))


def generated_corpus(count: int) -> Path:
    """Folder with `count` DOCX policies and their PDFs, built once and cached."""
    root = CACHE / f"corpus-v{CORPUS_VERSION}-{count}"
    docx_dir, pdf_dir = root / "docx", root / "pdf"
    CACHE.mkdir(exist_ok=True)
    (CACHE / ".gitignore").write_text("*\n")  # the cache never goes into git
    if (root / "done").exists():
        return root
    shutil.rmtree(root, ignore_errors=True)
    docx_dir.mkdir(parents=True)
    pdf_dir.mkdir()
    started = time.perf_counter()
    for i in range(count):
        build_policy(docx_dir / f"policy-{i:04d}.docx", seed=i)
    _log(f"built {count} DOCX in {time.perf_counter() - started:.1f}s; converting to PDF with LibreOffice...")
    started = time.perf_counter()
    try:
        convert(sorted(docx_dir.glob("*.docx")), "pdf", pdf_dir, timeout=3600)
    except OfficeError as exc:
        sys.exit(f"cannot make the PDF corpus: {exc}")
    _log(f"converted in {time.perf_counter() - started:.1f}s")
    (root / "done").write_text("ok\n")
    return root


# ---------------------------------------------------------------------------------------------- timing


def _parse_one(path: str) -> tuple[int, int]:
    """Parse one file in a worker; return (pages, blocks) so results stay small to send back."""
    from converge.core.parsers import parse_file

    doc = parse_file(path, "BENCH")
    return doc.source.pages or 0, sum(1 for _ in doc.blocks())


def _plain_extract(path: str) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.close()
        return len(pdf.pages)


def _run(fn, paths: list[str], workers: int) -> tuple[float, float | None, int]:
    """(wall seconds, CPU seconds of this process or None with workers, pages)."""
    _log(f"timing {fn.__name__} over {len(paths)} files with {workers} worker(s)...")
    started, cpu = time.perf_counter(), time.process_time()
    if workers == 1:
        results = [fn(p) for p in paths]
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(fn, paths, chunksize=4))
    elapsed = time.perf_counter() - started
    cpu_s = time.process_time() - cpu if workers == 1 else None
    return elapsed, cpu_s, sum(r if isinstance(r, int) else r[0] for r in results)


def _page_counts(pdfs: list[str]) -> dict[str, int]:
    import pdfplumber

    counts = {}
    for p in pdfs:
        with pdfplumber.open(p) as pdf:
            counts[Path(p).stem] = len(pdf.pages)
    return counts


def _log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)  # noqa: T201


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, help="folder of .docx/.pdf files (default: generated corpus)")
    ap.add_argument("--docs", type=int, default=220, help="size of the generated corpus (default 220)")
    ap.add_argument("--workers", default="1,2", help="worker counts to time, comma separated (default 1,2)")
    ap.add_argument("--warmup", type=int, default=3, help="files parsed once before timing (imports, caches)")
    args = ap.parse_args(argv)

    root = args.corpus if args.corpus else generated_corpus(args.docs)
    docx = sorted(str(p) for p in root.rglob("*.docx"))
    pdfs = sorted(str(p) for p in root.rglob("*.pdf"))
    if not docx and not pdfs:
        sys.exit(f"no .docx or .pdf files under {root}")
    workers = [int(w) for w in args.workers.split(",")]
    pages_by_stem = _page_counts(pdfs)
    for path in pdfs[: args.warmup] + docx[: args.warmup]:
        _parse_one(path)
        if path.endswith(".pdf"):
            _plain_extract(path)

    rows: list[tuple[str, int, int, int, float, float | None]] = []
    plain_s = plain_cpu = None
    if pdfs:
        plain_s, plain_cpu, pages = _run(_plain_extract, pdfs, 1)
        rows.append(("pdfplumber extract_text (baseline)", 1, len(pdfs), pages, plain_s, plain_cpu))
    timings: dict[tuple[str, int], float] = {}
    cpu_timings: dict[str, float | None] = {}
    for kind, files in (("PDF", pdfs), ("DOCX", docx)):
        if not files:
            continue
        for n in workers:
            seconds, cpu_s, _ = _run(_parse_one, files, n)
            pages = sum(pages_by_stem.get(Path(f).stem, 0) for f in files)
            timings[(kind, n)] = seconds
            if n == 1:
                cpu_timings[kind] = cpu_s
            rows.append((f"converge parse_file {kind}", n, len(files), pages, seconds, cpu_s))

    cpus = os.cpu_count()
    print(f"\nIngest benchmark: {root}  ({cpus} CPUs; pages for DOCX are those of the same document's PDF)")  # noqa: T201
    head = (
        f"{'what':<36} {'workers':>7} {'docs':>6} {'pages':>7} {'seconds':>8} {'cpu s':>8} {'docs/s':>8} "
        f"{'pages/s':>8}"
    )
    print(head)  # noqa: T201
    print("-" * len(head))  # noqa: T201
    for what, n, docs, pages, seconds, cpu_s in rows:
        cpu_text = f"{cpu_s:>8.2f}" if cpu_s is not None else f"{'-':>8}"
        print(  # noqa: T201
            f"{what:<36} {n:>7} {docs:>6} {pages:>7} {seconds:>8.2f} {cpu_text} {docs / seconds:>8.1f} "
            f"{(pages / seconds if pages else 0):>8.1f}"
        )
    print()  # noqa: T201
    if plain_s and ("PDF", 1) in timings:
        ratio = timings[("PDF", 1)] / plain_s
        verdict = "ok" if ratio <= 1.3 else "over the 1.3x aim"
        print(f"PDF parse (1 worker) / plain extract_text, wall: {ratio:.2f}x  ({verdict})")  # noqa: T201
        if plain_cpu and cpu_timings.get("PDF"):
            # CPU time is the steadier figure on a shared machine.
            print(f"PDF parse (1 worker) / plain extract_text, CPU: {cpu_timings['PDF'] / plain_cpu:.2f}x")  # noqa: T201
    for kind in ("PDF", "DOCX"):
        if (kind, 1) in timings:
            for n in workers:
                if n > 1 and (kind, n) in timings:
                    speedup = timings[(kind, 1)] / timings[(kind, n)]
                    print(f"{kind} speed-up with {n} workers: {speedup:.2f}x (aim near {n}x)")  # noqa: T201


if __name__ == "__main__":
    main()
