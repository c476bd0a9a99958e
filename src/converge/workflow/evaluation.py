"""`converge eval`: what a user gets from a labelled corpus, measured end to end, beside plain baselines.

The truth's files are ingested per library through the real ingest path into a scratch database, the real
matching step (`propose_groups`, what `converge match` runs before comparing groups) proposes and saves
groups, and the stored groups are read back and scored: pairwise precision, recall and F1 of
cross-library links, near misses linked, truth groups found, documents with no counterpart kept apart.
The baselines run on the same stored documents in the same run.

`arrival="by-library"` measures what a running consumer leaves instead: the libraries arrive one at a
time (in the order of their codes) and each one's documents are matched on arrival, incrementally, into
the groups already stored (`match_documents_into_groups`, what the ingest's queued match job runs).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from converge.core.config import Settings
from converge.core.diff import DiffContext
from converge.core.diff.evaluate import evaluate_planted
from converge.core.matching.evaluate import (
    best_threshold,
    load_baselines,
    score_grouping,
    tfidf_similarity_matrix,
    title_similarity_matrix,
)
from converge.store.migrate import upgrade
from converge.store.models import StoredDocument, Trust
from converge.store.session import make_engine, make_session_factory
from converge.workflow.groups import active_groups, propose_groups
from converge.workflow.incremental import forget_index, match_documents_into_groups
from converge.workflow.library import current_documents, get_or_create_trust, ingest_paths

# Code whose output is stored by ingest: a cached scratch database is reused only while it is unchanged.
_INGEST_CODE = (
    "core/parsers",
    "core/ingest.py",
    "workflow/library.py",
    "workflow/versions.py",
    "core/matching/features.py",  # the version judge's population test
    "core/model.py",
    "core/serialize.py",
    "core/text.py",
    "core/office.py",
)


ARRIVALS = ("together", "by-library")
_WAITING = "waiting"  # a stored status no query treats as current: a library not yet arrived


def _digest_code() -> str:
    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    for name in _INGEST_CODE:
        for f in sorted((root / name).rglob("*.py")) if (root / name).is_dir() else [root / name]:
            if f.exists():
                h.update(f.name.encode() + f.read_bytes())
    return h.hexdigest()


def _cache_key(truth: dict[str, Any], root: Path) -> str:
    """Hash of every listed file, its library and the ingest code (parser versions included)."""
    h = hashlib.sha256(_digest_code().encode())
    for entry in sorted(truth.get("documents", []), key=lambda e: e["path"]):
        path = root / entry["path"]
        h.update(f"{entry['trust']}|{entry['path']}|".encode())
        if path.is_file():
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()[:20]


def _open_store(settings: Settings):
    upgrade(settings.database_url)
    return make_session_factory(make_engine(settings.database_url))


def _ingest_truth(truth: dict[str, Any], root: Path, settings: Settings, log: Callable[[str], None]):
    """Ingest every listed file, one library at a time, through `converge ingest`'s own function."""
    factory = _open_store(settings)
    names = truth.get("trusts", {})
    by_trust: dict[str, list[tuple[Path, str]]] = {}
    for entry in truth.get("documents", []):
        by_trust.setdefault(entry["trust"], []).append((root / entry["path"], entry["path"]))
    with factory() as session, session.begin():
        for code in by_trust:
            get_or_create_trust(session, code, names.get(code, code))
    results = []
    for n, (code, items) in enumerate(sorted(by_trust.items()), 1):
        log(f"ingest {code} ({n}/{len(by_trust)}): {len(items)} files")
        results += ingest_paths(factory, code, items, settings, keep_originals=False)
    return factory, results


def _scratch_store(truth, root, settings, db_url, cache_dir, workdir, log):
    """A database holding the ingested truth: fresh, or copied from a cache made by the same path."""
    if db_url:
        return _ingest_truth(truth, root, dataclasses.replace(settings, database_url=db_url), log)[0], False
    db = workdir / "eval.db"
    scratch = dataclasses.replace(settings, database_url=f"sqlite:///{db}")
    cached = Path(cache_dir) / f"eval-{_cache_key(truth, root)}.db" if cache_dir else None
    if cached is not None and cached.exists():
        log(f"reusing ingested database {cached}")
        shutil.copyfile(cached, db)
        return _open_store(scratch), True
    factory = _ingest_truth(truth, root, scratch, log)[0]
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        factory.kw["bind"].dispose()
        shutil.copyfile(db, cached)
    return factory, False


def evaluate_corpus(
    truth_path: Path,
    settings: Settings,
    progress: Any = None,
    db_url: str | None = None,
    cache_dir: Path | None = None,
    arrival: str = "together",
) -> dict[str, Any]:
    """Ingest, match and score a labelled corpus (see the module docstring); returns plain figures.

    Args:
        db_url: the scratch database to ingest into (default: a new SQLite file in a temporary folder).
        cache_dir: where to keep and reuse the ingested SQLite database, keyed by the files' hashes and
            the ingest code, so repeated runs skip parsing.
        arrival: "together" (one whole-library match after every library is stored) or "by-library"
            (each library matched incrementally on arrival, as a running consumer does).
    """

    def log(msg: str) -> None:
        if progress is not None:
            progress.print(msg) if hasattr(progress, "print") else progress(msg)

    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    root = truth_path.parent
    run = _ingest_and_match(truth, root, settings, db_url, cache_dir, log, arrival)
    listed = {e["path"]: e for e in truth.get("documents", [])}
    library_of, truth_groups, near = _scoring_keys(truth, run)
    halves = _halves(truth, library_of)

    def scored(method: str, groups: Sequence[Sequence[str]], threshold: float | None, secs: float):
        row: dict[str, object] = {"method": method, "threshold": threshold, "seconds": round(secs, 2)}
        row.update(score_grouping(groups, truth_groups, near, library_of))
        for name, keys in halves.items():
            row[name] = score_grouping(groups, truth_groups, near, library_of, subset=keys)
        return row

    rows_out = [scored("converge (ingest, match, stored groups)", run.stored, None, run.match_seconds)]
    rows_out += _baselines(run.docs, run.key_of, truth_groups, scored)
    status = run.status
    report: dict[str, Any] = {
        "corpus": str(root),
        "files": len(listed),
        "documents": len(run.docs),
        "stored": len(run.key_of),
        "superseded": sorted(p for p, s in status.items() if s == "superseded"),
        "rejected": sorted(set(listed) - set(status)),
        "expected_rejected": sorted(p for p, e in listed.items() if e.get("expect") == "rejected"),
        "ingest_seconds": round(run.ingest_seconds, 2),
        "ingest_cached": run.cached,
        "match_seconds": round(run.match_seconds, 2),
        "arrival": arrival,
        "halves": {k: len(v) for k, v in halves.items()},
        "matching": rows_out,
        "missed_groups": _missed(truth, run.stored, library_of, near),
        "diff": _planted_diff(truth, run),
    }
    return report


@dataclasses.dataclass
class _Run:
    """What one ingest-and-match run left in the scratch database, read back."""

    stored: list[list[str]]  # stored groups, as source paths
    docs: list[Any]  # current documents
    key_of: dict[str, str]  # document id -> source path
    status: dict[str, str]  # source path -> stored status
    ingest_seconds: float
    match_seconds: float
    cached: bool


def _ingest_and_match(truth, root, settings, db_url, cache_dir, log, arrival: str = "together") -> _Run:
    """Ingest the truth's files (or reuse a cached ingest), run the real matching step, read groups back."""
    from sqlalchemy import select

    with tempfile.TemporaryDirectory(prefix="converge-eval-") as tmp:
        start = time.perf_counter()
        factory, cached = _scratch_store(truth, root, settings, db_url, cache_dir, Path(tmp), log)
        ingest_seconds = time.perf_counter() - start
        with factory() as session:
            rows = list(session.scalars(select(StoredDocument)))
            key_of = {row.id: row.source_path for row in rows}
            status = {row.source_path: row.status for row in rows}
        start = time.perf_counter()
        if arrival == "by-library":
            _match_as_libraries_arrive(factory, log)
        else:
            with factory() as session, session.begin():
                propose_groups(session)
        match_seconds = time.perf_counter() - start
        with factory() as session:
            stored = [[key_of[m.document_id] for m in g.members] for g in active_groups(session)]
            docs = current_documents(session)
        factory.kw["bind"].dispose()
    return _Run(stored, docs, key_of, status, ingest_seconds, match_seconds, cached)


def _match_as_libraries_arrive(factory, log: Callable[[str], None]) -> None:
    """Match each library's documents on its arrival into the groups stored before it, as the consumer
    does after each `converge ingest`: the first library is matched whole (no group exists yet), each
    later one incrementally. Libraries not yet arrived are hidden from matching by their status."""
    from sqlalchemy import select, update

    forget_index()
    with factory() as session, session.begin():
        by_library: dict[str, list[str]] = {}
        for doc_id, code in session.execute(
            select(StoredDocument.id, Trust.code)
            .join(Trust, Trust.id == StoredDocument.trust_id)
            .where(StoredDocument.status == "current")
        ):
            by_library.setdefault(code, []).append(doc_id)
        session.execute(update(StoredDocument).where(StoredDocument.status == "current").values(status=_WAITING))
    try:
        for code, ids in sorted(by_library.items()):
            with factory() as session, session.begin():
                session.execute(update(StoredDocument).where(StoredDocument.id.in_(ids)).values(status="current"))
                note, _ = match_documents_into_groups(session, ids)
            log(f"{code} arrived: {note}")
    finally:
        forget_index()


def _scoring_keys(truth: dict[str, Any], run: _Run):
    """(library of every scored key, truth groups, near-miss pairs).

    Scored keys: every file the truth expects to be a current document (a file wrongly rejected or stored
    as superseded counts as missed), and any other current document.
    """
    library_of = {
        e["path"]: e["trust"]
        for e in truth.get("documents", [])
        if e.get("expect", "ingested") != "rejected" and not e.get("superseded_by")
    }
    library_of.update({run.key_of[d.id]: d.trust for d in run.docs})
    truth_groups = [
        [p for paths in g["members"].values() for p in paths if p in library_of]
        for g in truth.get("groups", [])
    ]
    near = [
        (n["a"], n["b"])
        for n in truth.get("near_misses", [])
        if n["a"] in library_of and n["b"] in library_of
    ]
    return library_of, truth_groups, near


def _planted_diff(truth: dict[str, Any], run: _Run) -> dict[str, Any] | None:
    """The diff's planted-difference figures, when the truth plants any (the demo corpus does)."""
    if not any(g.get("differences") for g in truth.get("groups", [])):
        return None

    by_path = {run.key_of[d.id]: d for d in run.docs}
    context = DiffContext.from_terms({c: [n, c] for c, n in truth.get("trusts", {}).items()})
    return evaluate_planted(truth, by_path, context)


def _halves(truth: dict[str, Any], present: dict[str, str]) -> dict[str, set[str]]:
    """Keys of the truth groups with even and odd numeric ids (G070, G071...): fit on one, test the other."""
    halves: dict[str, set[str]] = {}
    for g in truth.get("groups", []):
        m = re.search(r"(\d+)$", str(g.get("id", "")))
        if not m:
            return {}
        half = "odd" if int(m.group(1)) % 2 else "even"
        keys = {p for paths in g["members"].values() for p in paths if p in present}
        halves.setdefault(half, set()).update(keys)
    return halves


def _baselines(docs, key_of, truth_groups, scored):
    """Title fuzzy and whole-text TF-IDF on the same stored documents, each at its best threshold."""
    truth_ids = [{d.id for d in docs if key_of[d.id] in set(t)} for t in truth_groups]
    out = []
    load_baselines()
    for name, fn in (
        ("title fuzzy (rapidfuzz)", title_similarity_matrix),
        ("TF-IDF whole text", tfidf_similarity_matrix),
    ):
        start = time.perf_counter()
        threshold, groups = best_threshold(docs, fn(docs), truth_ids)
        secs = time.perf_counter() - start
        out.append(scored(name, [[key_of[i] for i in g] for g in groups], threshold, secs))
    return out


def _missed(truth, stored, library_of, near) -> list[dict[str, Any]]:
    """Truth groups not found, with how the stored groups split them (what to look at next)."""
    out = []
    for g in truth.get("groups", []):
        keys = [p for paths in g["members"].values() for p in paths if p in library_of]
        if len({library_of[k] for k in keys}) < 2:
            continue
        s = score_grouping(stored, [keys], near, library_of, subset=set(keys))
        if s["groups_found"]:
            continue
        split = [sorted(set(grp) & set(keys)) for grp in stored if set(grp) & set(keys)]
        out.append({"id": g.get("id"), "label": g.get("label", ""), "stored_as": split})
    return out


def format_report(report: dict[str, Any]) -> str:
    """The eval report as plain text tables."""
    cache = " (ingested database reused from cache)" if report["ingest_cached"] else ""
    lines = [
        f"{report['corpus']}: {report['files']} files listed, {report['stored']} stored, "
        f"{report['documents']} current; ingest {report['ingest_seconds']} s{cache}, "
        f"match and save {report['match_seconds']} s"
        + (" (libraries matched one by one on arrival)" if report.get("arrival") == "by-library" else ""),
    ]
    unexpected = sorted(set(report["rejected"]) - set(report["expected_rejected"]))
    if unexpected:
        lines.append(f"  rejected though expected to ingest: {len(unexpected)}")
    if report["superseded"]:
        lines.append(f"  stored as superseded (left out of matching): {len(report['superseded'])}")
    lines += ["", "Matching (cross-library pairs; pairs within one library are not scored)"]
    lines.append(_table(report["matching"], None))
    for half, n in report.get("halves", {}).items():
        lines += ["", f"Only the {half}-numbered truth groups ({n} documents)"]
        lines.append(_table(report["matching"], half))
    lines.append(
        "  (F1: over all cross-library pairs; grp F1: mean of each truth group's own F1; found: truth groups"
        " with at least 80% of their libraries in one group holding no near miss; lone: documents with no"
        " counterpart left apart)"
    )
    if report["missed_groups"]:
        lines += ["", "Truth groups not found"]
        for m in report["missed_groups"]:
            parts = " | ".join(str(len(s)) for s in m["stored_as"])
            lines.append(f"  {m['id']}: {m['label'][:60]} (stored as parts of {parts})")
    if report["diff"]:
        lines += ["", *_diff_lines(report["diff"])]
    return "\n".join(lines)


def _table(rows: Sequence[dict[str, Any]], half: str | None) -> str:
    head = (
        f"{'method':<40}{'thr':>6}{'P':>7}{'R':>7}{'F1':>7}{'grp F1':>8}{'near':>6}{'found':>9}"
        f"{'lone kept':>12}"
    )
    lines = [head]
    for r in rows:
        s = r if half is None else r[half]
        thr = "-" if r["threshold"] is None else f"{r['threshold']:.2f}"
        found = f"{s['groups_found']}/{s['groups_total']}"
        lone = f"{s['lone_kept_apart']}/{s['lone_total']}" if half is None else "-"
        lines.append(
            f"{r['method']:<40}{thr:>6}{s['precision']:>7.3f}{s['recall']:>7.3f}{s['f1']:>7.3f}"
            f"{s.get('group_f1', 0.0):>8.3f}{s['near_misses_linked']:>6}{found:>9}{lone:>12}"
        )
    return "\n".join(lines)


def _diff_lines(d: dict[str, Any]) -> list[str]:
    base = d.get("baseline") or {}
    lines = [
        "Differences (planted clinically significant differences, pairwise)",
        f"{'method':<26}{'shown':>8}{'flagged':>9}{'found':>7}{'planted':>9}{'recall':>8}{'noise':>7}",
        f"{'converge diff':<26}{d['changes']:>8}{d['significant_flags']:>9}{d['found']:>7}{d['planted']:>9}"
        f"{d['recall']:>8.3f}{d['noise_share']:>7.3f}",
    ]
    if base:
        lines.append(
            f"{'plain word diff (difflib)':<26}{base['changes']:>8}{'-':>9}{base['found']:>7}"
            f"{d['planted']:>9}{base['recall']:>8.3f}{'-':>7}"
        )
    lines.append(
        "  (shown: changes put before the reader; flagged: marked significant; noise: share of flags that"
        " are only local variation or noise)"
    )
    lines.append("")
    lines.append(f"{'category':<14}{'planted':>9}{'found':>7}")
    for category, counts in sorted((d.get("by_category") or {}).items()):
        lines.append(f"{category:<14}{counts['planted']:>9}{counts['found']:>7}")
    return lines
