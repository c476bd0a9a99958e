"""`converge eval`: matching and diff quality on a labelled corpus, beside plain baselines, in one run."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from converge.config import Settings
from converge.errors import ConvergeError
from converge.ingest import InputFile, Parsed, collect_inputs, parse_inputs
from converge.model import Document


def load_labelled(truth_path: Path, settings: Settings) -> tuple[dict[str, Any], dict[str, Document]]:
    """The truth file and every document it lists that should parse, keyed by its truth path."""
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    root = truth_path.parent
    wanted = [d for d in truth.get("documents", []) if d.get("expect", "ingested") != "rejected"]
    by_trust: dict[str, list[dict[str, Any]]] = {}
    for entry in wanted:
        by_trust.setdefault(entry["trust"], []).append(entry)
    docs: dict[str, Document] = {}
    for trust, entries in by_trust.items():
        items = [
            i
            for i in collect_inputs([root / e["path"] for e in entries], settings)
            if isinstance(i, InputFile)
        ]
        for entry, outcome in zip(entries, parse_inputs(items, trust, settings), strict=True):
            if isinstance(outcome, Parsed):
                docs[entry["path"]] = outcome.document
    if not docs:
        raise ConvergeError(f"no documents of {truth_path} could be parsed")
    return truth, docs


def evaluate_corpus(truth_path: Path, settings: Settings, progress: Any = None) -> dict[str, Any]:
    from converge.diff import DiffContext
    from converge.diff.evaluate import evaluate_planted
    from converge.matching.evaluate import compare

    start = time.perf_counter()
    truth, docs = load_labelled(truth_path, settings)
    parse_seconds = time.perf_counter() - start
    id_of = {path: d.id for path, d in docs.items()}
    current = {p: d for p, d in docs.items() if not _superseded(truth, p)}
    groups = [
        {id_of[p] for paths in g["members"].values() for p in paths if p in id_of}
        for g in truth.get("groups", [])
    ]
    near = [
        (id_of[n["a"]], id_of[n["b"]])
        for n in truth.get("near_misses", [])
        if n["a"] in id_of and n["b"] in id_of
    ]
    matching_rows = compare(list(current.values()), [g for g in groups if g], near)
    context = DiffContext.from_terms({code: [name, code] for code, name in truth.get("trusts", {}).items()})
    diff_figures = evaluate_planted(truth, current, context)
    return {
        "corpus": str(truth_path.parent),
        "documents": len(current),
        "parse_seconds": round(parse_seconds, 2),
        "matching": matching_rows,
        "diff": diff_figures,
    }


def _superseded(truth: dict[str, Any], path: str) -> bool:
    return any(d["path"] == path and d.get("superseded_by") for d in truth.get("documents", []))


def format_report(report: dict[str, Any]) -> str:
    from converge.matching.evaluate import format_rows

    lines = [
        f"{report['corpus']}: {report['documents']} documents parsed in {report['parse_seconds']} s",
        "",
        "Matching (pairwise links)",
        format_rows(report["matching"]),
        "",
    ]
    d = report["diff"]
    base = d.get("baseline") or {}
    lines.append("Differences (planted clinically significant differences, pairwise)")
    lines.append(
        f"{'method':<26}{'shown':>8}{'flagged':>9}{'found':>7}{'planted':>9}{'recall':>8}{'noise':>7}"
    )
    lines.append(
        f"{'converge diff':<26}{d['changes']:>8}{d['significant_flags']:>9}{d['found']:>7}{d['planted']:>9}"
        f"{d['recall']:>8.3f}{d['noise_share']:>7.3f}"
    )
    if base:
        lines.append(
            f"{'plain word diff (difflib)':<26}{base['changes']:>8}{'-':>9}{base['found']:>7}"
            f"{d['planted']:>9}"
            f"{base['recall']:>8.3f}{'-':>7}"
        )
    lines.append(
        "  (shown: changes put before the reader; flagged: marked significant; noise: share of flags that"
        " are only local variation or noise)"
    )
    lines.append("")
    lines.append(f"{'category':<14}{'planted':>9}{'found':>7}")
    for category, counts in sorted((d.get("by_category") or {}).items()):
        lines.append(f"{category:<14}{counts['planted']:>9}{counts['found']:>7}")
    return "\n".join(lines)
