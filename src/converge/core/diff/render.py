"""Plain data views of a diff: a JSON-ready dict and readable terminal text (never HTML)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from converge.core.diff.result import Change, DocumentDiff, GroupDiff, PairKind
from converge.core.diff.summary import divergence


def change_to_dict(c: Change) -> dict[str, Any]:
    return {
        "kind": c.kind.value,
        "category": c.category.value,
        "categories": [x.value for x in c.categories],
        "significant": c.significant,
        "reason": c.reason,
        "a_text": c.a_text,
        "b_text": c.b_text,
        "a_changed": c.a_changed,
        "b_changed": c.b_changed,
        "a_section": list(c.a_section) if c.a_section else None,
        "b_section": list(c.b_section) if c.b_section else None,
        "a_pos": list(c.a_pos) if c.a_pos else None,
        "b_pos": list(c.b_pos) if c.b_pos else None,
    }


def diff_to_dict(diff: DocumentDiff | GroupDiff) -> dict[str, Any]:
    """JSON-ready form of a document or group diff (plain str/int/float/bool/list/dict only)."""
    if isinstance(diff, GroupDiff):
        return {
            "trusts": list(diff.trusts),
            "doc_ids": list(diff.doc_ids),
            "counts": dict(diff.counts),
            "only_at": {k: list(v) for k, v in diff.only_at.items()},
            "divergence": diff.divergence,
            "rows": [
                {"heading": r.heading, "paths": {t: [list(p) for p in ps] for t, ps in r.paths.items()}}
                for r in diff.rows
            ],
            "pairwise": [diff_to_dict(d) for d in diff.pairwise],
        }
    sig = diff.significant()
    return {
        "a": {"id": diff.a_id, "trust": diff.a_trust, "title": diff.a_title},
        "b": {"id": diff.b_id, "trust": diff.b_trust, "title": diff.b_title},
        "similarity": round(diff.similarity, 4),
        "divergence": divergence(diff),
        "significant_count": len(sig),
        "pairs": [
            {
                **{k: v for k, v in asdict(p).items() if k not in ("changes", "kind", "a_paths", "b_paths")},
                "kind": p.kind.value,
                "a_paths": [list(x) for x in p.a_paths],
                "b_paths": [list(x) for x in p.b_paths],
                "changes": [change_to_dict(c) for c in p.changes],
            }
            for p in diff.pairs
        ],
        "moves": [change_to_dict(c) for c in diff.moves],
    }


def _line(c: Change, a: str, b: str) -> list[str]:
    mark = "!!" if c.significant else "  "
    head = f"{mark} [{c.category.value}] {c.reason}"
    out = [head]
    if c.a_text:
        out.append(f"     - {a}: {c.a_text}")
    if c.b_text:
        out.append(f"     + {b}: {c.b_text}")
    return out


def render_text(diff: DocumentDiff | GroupDiff, significant_only: bool = False) -> str:
    """Terminal text, unified per section; '!!' marks significant changes."""
    if isinstance(diff, GroupDiff):
        parts = [
            f"Group {' / '.join(diff.trusts)}  divergence {diff.divergence:.2f}  "
            f"significant by category: {diff.counts or '{}'}"
        ]
        for trust, headings in diff.only_at.items():
            if headings:
                parts.append(f"Only at {trust}: {', '.join(headings)}")
        parts += [render_text(d, significant_only) for d in diff.pairwise]
        return "\n\n".join(parts)
    a, b = diff.a_trust or "a", diff.b_trust or "b"
    lines = [
        f"--- {a}: {diff.a_title}",
        f"+++ {b}: {diff.b_title}",
        f"similarity {diff.similarity:.2f}, significant changes {len(diff.significant())}",
    ]
    for p in diff.pairs:
        changes = [c for c in p.changes if c.significant or not significant_only]
        if p.kind == PairKind.A_ONLY:
            title = f"@@ only at {a}: {p.a_heading or '(preamble)'}"
        elif p.kind == PairKind.B_ONLY:
            title = f"@@ only at {b}: {p.b_heading or '(preamble)'}"
        else:
            names = p.a_heading if p.a_heading == p.b_heading else f"{p.a_heading} ~ {p.b_heading}"
            title = f"@@ {names} ({p.kind.value}, score {p.score:.2f})"
        if not changes and (significant_only or p.kind not in (PairKind.A_ONLY, PairKind.B_ONLY)):
            continue
        lines.append(title)
        for c in changes:
            lines += _line(c, a, b)
    moves = [c for c in diff.moves if c.significant or not significant_only]
    if moves:
        lines.append("@@ moved between sections")
        for c in moves:
            lines += _line(c, a, b)
    return "\n".join(lines)
