"""Single uploads into a matched library: does each land where `converge match --full` puts it?

    python bench/uploads.py                                   # ../shared/realdev (skips when absent)
    python bench/uploads.py --truth corpora/demo/truth.json --cache bench/.cache

The labelled corpus is ingested as `converge eval` ingests it (its cached scratch database reused) and
matched whole (`propose_groups`, what `converge match --full` saves). Then each document of a labelled
group, in turn, is taken out of its stored group and placed again by the job an upload runs
(`workflow.incremental.match_new_documents`, against the consumer's index, with its writes), and the
transaction is rolled back. The one-by-one placement is what a single upload into a library of 500
documents or more gets (a smaller library is grouped whole on every upload): it is forced here
(`EXACT_BELOW` = 0) so that a smaller labelled corpus measures it.

Printed, for the shipped placement and, in the same process, for the placement of session 10 (the
baseline: links at the threshold only, a group member with no such link counted 0, no weak mutual best of
`MatchIndex.match_new(mutual=True)`): how many
documents got the same group-mates as the whole-library match, how many got at least one labelled
partner, and the time per placement.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

REALDEV = ROOT.parent / "shared" / "realdev" / "truth.json"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--truth", type=Path, default=REALDEV)
    ap.add_argument("--cache", type=Path, default=ROOT / "bench" / ".cache")
    args = ap.parse_args()
    if not args.truth.exists():
        print(f"{args.truth} is absent: nothing to measure")
        return
    from sqlalchemy import delete, select

    import converge.workflow.incremental as incremental
    from converge.core.config import Settings
    from converge.store.models import MatchGroupRow, MatchMember, StoredDocument
    from converge.workflow.evaluation import _scratch_store
    from converge.workflow.groups import propose_groups
    from converge.workflow.status import Status

    truth = json.loads(args.truth.read_text())
    with tempfile.TemporaryDirectory(prefix="converge-uploads-") as tmp:
        factory, _ = _scratch_store(
            truth, args.truth.parent, Settings.from_env(), None, args.cache, Path(tmp), lambda m: print(m, flush=True)
        )
        with factory() as session, session.begin():
            propose_groups(session)
        with factory() as session:
            id_of = {row.source_path: row.id for row in session.scalars(select(StoredDocument))}
        labelled = []
        for group in truth["groups"]:
            ids = [id_of[p] for ps in group["members"].values() for p in ps if p in id_of]  # as eval stores them
            labelled += [(d, frozenset(ids) - {d}) for d in ids]
        live = MatchGroupRow.status.not_in([Status.SUPERSEDED, Status.REJECTED])

        def mates(session, doc_id: str) -> frozenset[str]:  # type: ignore[no-untyped-def]
            group = session.scalars(
                select(MatchGroupRow).join(MatchMember).where(MatchMember.document_id == doc_id, live)
            ).first()
            return frozenset(m.document_id for m in group.members) - {doc_id} if group else frozenset()

        def run(label: str) -> None:
            same = partnered = 0
            seconds = 0.0
            for doc_id, partners in labelled:
                with factory() as session:
                    whole = mates(session, doc_id)
                    session.execute(delete(MatchMember).where(MatchMember.document_id == doc_id))
                    start = time.perf_counter()
                    incremental.match_new_documents(session, [doc_id])
                    session.flush()
                    seconds += time.perf_counter() - start
                    placed = mates(session, doc_id)
                    session.rollback()
                same += placed == whole
                partnered += bool(placed & partners)
            n = max(1, len(labelled))
            print(
                f"{label:<34} as match --full: {same}/{n}   with a labelled partner: {partnered}/{n}   "
                f"{1000 * seconds / n:.0f} ms per placement",
                flush=True,
            )

        incremental.EXACT_BELOW = 0
        incremental.forget_index()
        with factory() as session:
            incremental.library_index(session)  # built once, as a running consumer holds it
        shipped = incremental._pair_with_lone, incremental._scores_with
        incremental._pair_with_lone = lambda session, row, weak: None
        incremental._scores_with = lambda index, doc, ids: []
        run("baseline: links at the threshold")
        incremental._pair_with_lone, incremental._scores_with = shipped
        run("shipped")
        factory.kw["bind"].dispose()


if __name__ == "__main__":
    main()
