"""Real trust libraries through `converge ingest`: what is stored, rejected, superseded, and how titles look.

    python bench/realdev.py                       # every library of ../shared/realdev, 2 workers
    python bench/realdev.py --workers 1
    python bench/realdev.py --titles 7            # also list every 7th document of truth.json with its title

Each folder of `../shared/realdev` is one library: it is ingested as one trust (the folder name is the trust
code) by running `converge ingest --json` into a fresh SQLite database, then `converge documents --json` is
read back. The code that runs is whatever `converge` the current PYTHONPATH finds, so the same script
measures the starting commit (`PYTHONPATH=/work/wt-base/src`) and the working tree.

Printed: documents stored / rejected (with reasons, and whether `truth.json` expected the rejection);
wrong and missed supersessions against `truth.json` (`superseded_by`, `related_versions`); possible versions
offered to a lead; documents whose title another document of the same library also has; titles taken from
furniture or boilerplate (see `furniture_title`); and PDF pages per second of the ingest against plain
pdfplumber `extract_text` over the same PDFs with the same number of worker processes, in the same run.
Skips (exit 0) when ../shared/realdev is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
REALDEV = HERE.parent.parent / "shared" / "realdev"

# Titles that name no document: furniture, labels, disclaimers and generic words. Kept generic on purpose
# (the checker must not know this corpus's strings): a title made only of these words, or one matching a
# disclaimer/notice shape, is boilerplate.
_GENERIC_WORDS = set(
    """nhs trust foundation hospital hospitals university teaching health healthcare care board integrated
    clinical guideline guidelines guidance policy policies procedure procedures protocol protocols pathway
    pathways standard operating sop document documents title index contents content table of and the for
    version history control page leaflet information patient patients trust's
    trusts services service national institute council royal college excellence""".split()
)
_NOTICE = re.compile(
    r"(?i)\b(if (this )?document is printed|uncontrolled (copy )?when printed|out of date|"
    r"remain(s)? the responsibility|interpretation and application|disclaimer|copyright|all rights reserved|"
    r"do not (copy|print)|for internal use|printed copies|page \d+ of \d+|https?:/|www\.|\.pdf$|\.docx?$)"
)
_LABEL = re.compile(r"(?i)^[\w ]{0,30}\b(title|name|reference|version|author)\s*:?\s*$")


def _create_trust_flag(cmd: list[str], env: dict[str, str]) -> list[str]:
    """["--create-trust"] where `converge ingest` refuses an unknown trust without it (newer code), else []
    (older code, e.g. the starting commit measured for "before", has no such option)."""
    out = subprocess.run([*cmd, "ingest", "--help"], capture_output=True, text=True, env=env)
    return ["--create-trust"] if "--create-trust" in out.stdout else []


def furniture_title(title: str, trust_names: set[str]) -> str | None:
    """Why `title` is not a document's title (None when it may be one)."""
    plain = " ".join(title.lower().split())
    if not plain:
        return "empty"
    if _NOTICE.search(plain):
        return "notice/disclaimer"
    if _LABEL.match(plain):
        return "field label"
    if plain in trust_names:
        return "organisation name"
    words = re.findall(r"[a-z']+", plain)
    if not words or all(w in _GENERIC_WORDS for w in words):
        return "generic words only"
    return None


def _furniture_texts(structure: dict) -> set[str]:
    out: set[str] = set()

    def walk(blocks: list[dict]) -> None:
        for b in blocks:
            if b.get("layer") == "furniture" and b.get("kind") != "table":
                out.add(" ".join(str(b.get("text", "")).lower().split()))

    walk(structure.get("preamble", []))
    stack = list(structure.get("sections", []))
    while stack:
        s = stack.pop()
        walk(s.get("blocks", []))
        stack.extend(s.get("children", []))
    return out


def _title_norm(title: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", title.lower()).split())


def _plain_extract(path: str) -> int:
    import warnings

    import pdfplumber

    pages = 0
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with pdfplumber.open(path) as pdf:
                for page in pdf.pages:
                    try:
                        page.extract_text()
                    except Exception:
                        pass
                    pages += 1
                    page.close()
    except Exception:
        return 0
    return pages


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--realdev", type=Path, default=REALDEV)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--titles", type=int, default=0, help="list every Nth document of truth.json")
    ap.add_argument("--keep", type=Path, default=None, help="keep the database at this path")
    ap.add_argument("--json-out", type=Path, default=None, help="write the documents records here")
    ap.add_argument(
        "--reuse",
        type=Path,
        default=None,
        help="report on a database a finished run kept (no ingest, no speed)",
    )
    ap.add_argument(
        "--speed-every",
        type=int,
        default=0,
        help="only the speed figures, on every Nth PDF (wall and CPU seconds; CPU time is what a shared "
        "machine's load does not distort)",
    )
    ap.add_argument("--no-speed", action="store_true", help="skip the speed figures")
    args = ap.parse_args()
    root: Path = args.realdev
    if not (root / "truth.json").exists():
        print(f"skipped: {root} is absent")
        return 0
    truth = json.loads((root / "truth.json").read_text())
    trust_names = {" ".join(n.lower().split()) for n in truth.get("trusts", {}).values()}
    trust_names |= {c.lower() for c in truth.get("trusts", {})}
    libraries = sorted(p for p in root.iterdir() if p.is_dir())
    tmp = Path(tempfile.mkdtemp(prefix="realdev-"))
    db_path = args.reuse or args.keep or tmp / "realdev.db"
    if db_path.exists() and not args.reuse:
        db_path.unlink()
    db = f"sqlite:///{db_path}"
    env = dict(os.environ)
    cmd = [sys.executable, "-m", "converge"]
    create = _create_trust_flag(cmd, env)

    import converge

    print(f"code: {Path(converge.__file__).parent}  workers: {args.workers}  libraries: {len(libraries)}")
    if args.speed_every:
        return _speed(root, args.workers, args.speed_every, db)
    results: list[dict] = []
    pdf_files: list[str] = []
    pdf_seconds = 0.0
    other_seconds = 0.0
    if args.reuse:
        import sqlite3

        con = sqlite3.connect(args.reuse)
        query = "select r.path, r.status, r.reason, t.code from ingest_records r "
        query += "join trusts t on t.id = r.trust_id"
        results = [
            {"path": p, "status": st, "reason": why, "library": code}
            for p, st, why, code in con.execute(query)
        ]
        con.close()
        pdf_files = [str(p) for lib in libraries for p in sorted(lib.rglob("*.pdf"))]
    for lib in [] if args.reuse else libraries:
        files = sorted(str(p) for p in lib.rglob("*") if p.is_file())
        pdfs = [f for f in files if f.lower().endswith(".pdf")]
        others = [f for f in files if not f.lower().endswith(".pdf")]
        pdf_files += pdfs
        for batch, is_pdf in ((pdfs, True), (others, False)):
            if not batch:
                continue
            start = time.perf_counter()
            proc = subprocess.run(
                [
                    *cmd,
                    "ingest",
                    "--trust",
                    lib.name,
                    "--json",
                    "--workers",
                    str(args.workers),
                    "--db",
                    db,
                    *create,
                    *batch,
                ],
                capture_output=True,
                text=True,
                env=env,
            )
            took = time.perf_counter() - start
            if is_pdf:
                pdf_seconds += took
            else:
                other_seconds += took
            lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
            if not lines:
                print(f"ingest of {lib.name} failed: {proc.stderr[-2000:]}")
                return 1
            for ln in lines:
                rec = json.loads(ln)
                rec["library"] = lib.name
                results.append(rec)
    docs_out = subprocess.run(
        [*cmd, "documents", "--json", "--db", db], capture_output=True, text=True, env=env, check=True
    ).stdout
    documents = json.loads(docs_out)
    # `converge eval --cache` keeps its database with paths relative to the corpus folder: read them from there.
    for rec in results:
        rec["path"] = str(root / rec["path"])  # an absolute path stays itself under "/"
    for d in documents:
        d["source_path"] = str(root / d["source_path"])
    if args.json_out:
        args.json_out.write_text(json.dumps(documents, indent=1))
    by_path = {str(Path(d["source_path"]).resolve()): d for d in documents}
    structures = _structures(db_path)

    # --- stored / rejected
    status = Counter(r["status"] for r in results)
    expected_rejects = {
        str((root / d["path"]).resolve()) for d in truth["documents"] if d.get("expect") == "rejected"
    }
    rejected = [r for r in results if r["status"] == "rejected"]
    print()
    print("| measure | value |")
    print("| --- | --- |")
    print(f"| files | {len(results)} |")
    print(f"| stored (ingested + superseded) | {status['ingested'] + status['superseded']} |")
    print(f"| rejected | {len(rejected)} |")
    wrong_rejects = [r for r in rejected if str(Path(r["path"]).resolve()) not in expected_rejects]
    print(f"| rejected although readable (not expected by truth.json) | {len(wrong_rejects)} |")
    missing_rejects = [
        p for p in expected_rejects if p not in {str(Path(r["path"]).resolve()) for r in rejected}
    ]
    print(f"| expected rejections not made | {len(missing_rejects)} |")

    # --- supersessions
    truth_docs = {str((root / d["path"]).resolve()): d for d in truth["documents"]}
    wrong_sup, missed_sup = [], []
    for path, d in by_path.items():
        t = truth_docs.get(path)
        if t is None:
            continue
        want = t.get("superseded_by")
        got = d.get("superseded_by")
        got_path = None
        if got:
            other = next((x for x in documents if x["id"] == got), None)
            got_path = str(Path(other["source_path"]).resolve()) if other else got
        want_path = str((root / want).resolve()) if want else None
        if d["status"] == "superseded" and got_path != want_path:
            wrong_sup.append((path, got_path))
        if want_path and (d["status"] != "superseded" or got_path != want_path):
            missed_sup.append((path, want_path))
    print(f"| wrong supersessions | {len(wrong_sup)} |")
    print(f"| missed supersessions | {len(missed_sup)} |")
    possible = _possible_pairs(documents)
    print(f"| possible versions offered to a lead | {len(possible)} |")
    for rv in truth.get("related_versions", []):
        a, b = (str((root / rv[k]).resolve()) for k in ("older", "newer"))
        da, dbb = by_path.get(a), by_path.get(b)
        if not (da and dbb):
            state = "not both stored"
        elif da.get("superseded_by") == dbb["id"]:
            state = "older superseded by newer"
        elif dbb.get("superseded_by") == da["id"]:
            state = "newer superseded by older"
        elif frozenset((da["id"], dbb["id"])) in possible:
            state = "both current, shown as a possible version"
        else:
            state = "both current"
        print(f"| related version ({rv['kind']}) | {state} |")

    # --- shared titles
    per_lib: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for d in documents:
        per_lib[d["trust"]][_title_norm(d["title"])].append(d)
    # Editions of one document (one superseded by the other) share their title rightly: one document.
    sharing = [
        d for titles in per_lib.values() for group in titles.values() if _documents(group) > 1 for d in group
    ]
    share_pct = 100 * len(sharing) / max(len(documents), 1)
    print(
        "| documents sharing a title with a different document of their library (editions counted once) | "
        f"{len(sharing)} ({share_pct:.1f}%) |"
    )

    # --- furniture titles
    bad: list[tuple[str, str, str]] = []
    repeated = 0
    for d in documents:
        why = furniture_title(d["title"], trust_names)
        if why:
            bad.append((d["source_path"], d["title"], why))
        elif _title_norm(d["title"]) in {
            _title_norm(f) for f in _furniture_texts(structures.get(d["id"], {}))
        }:
            repeated += 1
    print(f"| titles from furniture or boilerplate | {len(bad)} |")
    print(f"| titles also printed as a running header or footer (its own title repeated) | {repeated} |")
    sources = Counter((d.get("metadata") or {}).get("title_source", "(not recorded)") for d in documents)
    print(f"| title sources | {', '.join(f'{k} {v}' for k, v in sources.most_common())} |")
    quality = Counter((d.get("metadata") or {}).get("text_quality", "") for d in documents)
    flagged = ", ".join(f"{k} {v}" for k, v in quality.most_common() if k)
    print(f"| text quality flagged | {flagged or 'none'} |")

    # --- speed
    if args.reuse or args.no_speed:
        print("| speed | not measured here (--reuse / --no-speed; see --speed-every) |")
        _details(
            rejected, expected_rejects, wrong_sup, missed_sup, bad, sharing, truth, by_path, root, args.titles
        )
        return 0
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        start = time.perf_counter()
        plain_pages = sum(pool.map(_plain_extract, pdf_files, chunksize=1))
        plain_seconds = time.perf_counter() - start
    ingest_pages = sum(d.get("pages") or 0 for d in documents if d["media_type"] == "application/pdf")
    print(f"| PDF files / pages (plain pdfplumber) | {len(pdf_files)} / {plain_pages} |")
    print(
        f"| PDF ingest, `converge ingest` ({args.workers} workers) | {pdf_seconds:.1f} s, "
        f"{plain_pages / pdf_seconds:.1f} pages/s |"
    )
    print(
        f"| plain pdfplumber extract_text ({args.workers} workers) | {plain_seconds:.1f} s, "
        f"{plain_pages / plain_seconds:.1f} pages/s |"
    )
    print(f"| ingest / plain time | {pdf_seconds / plain_seconds:.2f}x |")
    print(f"| non-PDF ingest (.doc, .docx) | {other_seconds:.1f} s |")
    print(f"| PDF pages stored | {ingest_pages} |")

    _details(
        rejected, expected_rejects, wrong_sup, missed_sup, bad, sharing, truth, by_path, root, args.titles
    )
    return 0


def _documents(group: list[dict]) -> int:
    """How many different documents `group` holds: documents joined by supersession are one."""
    ids = {d["id"] for d in group}
    chains = {d["id"]: d["id"] for d in group}

    def root(i: str) -> str:
        while chains[i] != i:
            i = chains[i]
        return i

    for d in group:
        if d.get("superseded_by") in ids:
            chains[root(d["id"])] = root(d["superseded_by"])
    return len({root(i) for i in ids})


def _details(rejected, expected_rejects, wrong_sup, missed_sup, bad, sharing, truth, by_path, root, every):  # type: ignore[no-untyped-def]
    """The lists behind the table's figures."""
    print("\nrejected:")
    for r in rejected:
        tag = "expected" if str(Path(r["path"]).resolve()) in expected_rejects else "READABLE?"
        print(f"  [{tag}] {Path(r['path']).relative_to(root)}: {r['reason']}")
    for title, rows in (("wrong supersessions", wrong_sup), ("missed supersessions", missed_sup)):
        if rows:
            print(f"\n{title}:")
            for a, b in rows[:40]:
                print(f"  {_rel(a, root)} -> {_rel(b, root) if b else None}")
    if bad:
        print("\nfurniture/boilerplate titles:")
        for path, title, why in bad[:60]:
            print(f"  {_rel(path, root)}: {title!r} ({why})")
    if sharing:
        print("\nshared titles:")
        for d in sorted(sharing, key=lambda d: (d["trust"], _title_norm(d["title"])))[:60]:
            print(f"  {d['trust']}: {d['title'][:70]!r} <- {Path(d['source_path']).name}")
    if every:
        print(f"\nevery {every}th document of truth.json:")
        for i, t in enumerate(truth["documents"]):
            if i % every:
                continue
            d = by_path.get(str((root / t["path"]).resolve()))
            title = d["title"] if d else "(not stored)"
            src = (d.get("metadata") or {}).get("title_source", "") if d else ""
            print(f"  {t['path']} | {title} | {src}")
    return 0


def _cpu_children() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _speed(root: Path, workers: int, every: int, db: str) -> int:
    """`converge ingest` against plain pdfplumber `extract_text` on every Nth PDF (in path order), same
    workers: wall seconds and the CPU seconds of all the processes each used."""
    pdfs = [
        str(p) for lib in sorted(q for q in root.iterdir() if q.is_dir()) for p in sorted(lib.glob("*.pdf"))
    ]
    sample = pdfs[::every]
    cpu0, wall0 = _cpu_children(), time.perf_counter()
    # One ingest of all the sampled files, as one library: one process start, like a real upload.
    subprocess.run(
        [sys.executable, "-m", "converge", "ingest", "--trust", "SPEED", "--json", "--workers", str(workers)]
        + ["--db", db, *_create_trust_flag([sys.executable, "-m", "converge"], os.environ.copy()), *sample],
        capture_output=True,
        check=False,
    )
    ingest_wall, ingest_cpu = time.perf_counter() - wall0, _cpu_children() - cpu0
    cpu0, wall0 = _cpu_children(), time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pages = sum(pool.map(_plain_extract, sample, chunksize=1))
    plain_wall, plain_cpu = time.perf_counter() - wall0, _cpu_children() - cpu0
    print(f"| PDFs (every {every}th) / pages | {len(sample)} / {pages} |")
    print(
        f"| `converge ingest`, {workers} workers | {ingest_wall:.1f} s wall, {ingest_cpu:.1f} s CPU, "
        f"{pages / ingest_cpu:.1f} pages per CPU second |"
    )
    print(
        f"| plain pdfplumber extract_text, {workers} workers | {plain_wall:.1f} s wall, "
        f"{plain_cpu:.1f} s CPU, "
        f"{pages / plain_cpu:.1f} pages per CPU second |"
    )
    print(f"| ingest / plain | {ingest_wall / plain_wall:.2f}x wall, {ingest_cpu / plain_cpu:.2f}x CPU |")
    return 0


def _possible_pairs(documents: list[dict]) -> set[frozenset[str]]:
    pairs: set[frozenset[str]] = set()
    for d in documents:
        for other in d.get("possible_versions") or []:
            oid = other["id"] if isinstance(other, dict) else other
            pairs.add(frozenset((d["id"], oid)))
    return pairs


def _structures(db_path: Path) -> dict[str, dict]:
    import sqlite3

    con = sqlite3.connect(db_path)
    try:
        return {
            i: json.loads(s) if isinstance(s, str) else {}
            for i, s in con.execute("select id, structure from documents")
        }
    finally:
        con.close()


def _rel(path: str, root: Path) -> str:
    try:
        return str(Path(path).relative_to(root.resolve()))
    except ValueError:
        return path


if __name__ == "__main__":
    sys.exit(main())
