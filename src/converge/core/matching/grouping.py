"""Pairwise links -> groups holding at most one document per trust, and the gaps left over.

Best links are taken first (greedy, like agglomerative clustering with a one-per-trust constraint), so a
document goes to its strongest counterpart and a near miss loses to the true match. A merge of two groups
also needs the average link between all their members to stay high, so one strong link cannot chain two
topics together. Human decisions are applied before any link and are never overridden.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from functools import partial


@dataclass(frozen=True)
class Decisions:
    """What reviewers have already decided; the matcher never contradicts it.

    confirmed: sets of document ids that must stay together (a confirmed group or pair).
    rejected: pairs of document ids that must never be linked.
    no_counterpart: documents marked "has no counterpart": they stay alone (unless also confirmed).
    """

    confirmed: tuple[frozenset[str], ...] = ()
    rejected: frozenset[frozenset[str]] = frozenset()
    no_counterpart: frozenset[str] = frozenset()

    @classmethod
    def of(
        cls,
        confirmed: Iterable[Iterable[str]] = (),
        rejected: Iterable[Iterable[str]] = (),
        no_counterpart: Iterable[str] = (),
    ) -> Decisions:
        return cls(
            confirmed=tuple(frozenset(g) for g in confirmed),
            rejected=frozenset(frozenset(p) for p in rejected),
            no_counterpart=frozenset(no_counterpart),
        )


@dataclass
class Cluster:
    members: set[str]
    trusts: dict[str, set[str]] = field(default_factory=dict)
    confirmed: set[str] = field(default_factory=set)  # members placed by a human decision
    locked: bool = False  # "no counterpart": nothing may join
    links: list[tuple[str, str, float]] = field(default_factory=list)


@dataclass(frozen=True)
class GroupingRules:
    threshold: float = 0.5  # a link below this is never taken
    min_average_link: float = 0.35  # mean confidence over all cross pairs needed to merge two groups
    veto_link: float = 0.02  # any cross pair below this (a clear conflict) blocks a merge
    allow_split: bool = True  # one trust may hold a topic in two documents when the evidence says so
    split_threshold: float = 0.5  # each half must link at least this well to the other trusts' members
    # A pair below `threshold` is still proposed when each is the other's clear best at the other's trust
    # (its confidence at least `mutual_floor` and `mutual_margin` times either one's runner-up there) and
    # both are still alone: a short local pathway and the long guideline it adapts score low in absolute
    # terms, yet nothing else comes near either of them.
    mutual_floor: float = 1.0
    mutual_margin: float = 2.0


def group_links(
    ids: Iterable[str],
    trust_of: Mapping[str, str],
    links: Iterable[tuple[str, str, float]],
    pair_score: Callable[[str, str], float],
    rules: GroupingRules = GroupingRules(),
    decisions: Decisions = Decisions(),
    union_helps: Callable[[set[str], set[str]], bool] | None = None,
    conflicts: Callable[[str, str], bool] | None = None,
    clean: Callable[[str, str], bool] | None = None,
) -> list[Cluster]:
    """Group documents; every id ends in exactly one cluster (singletons included).

    Args:
        links: scored cross-trust pairs (a, b, confidence), in any order.
        pair_score: confidence of any pair on demand (for average-link checks on pairs not in `links`).
        union_helps: (same-trust halves, other members) -> True when the halves together resemble the
            other members better than either alone; needed to accept a split topic. A trust's second
            document that is itself equivalent to the others joins without it (`another_version`).
        conflicts: (a, b) -> True when the pair names a conflict (population, route, a distinct topic
            word): a near miss. Groups whose members conflict are never merged, and a trust's second
            document never joins a group it conflicts with, whatever the average link says, nor as
            another version of the topic one that conflicts with its trust's document there.
        clean: (a, b) -> True when nothing at all speaks against the pair; a link below the threshold
            (see `GroupingRules.mutual_floor`) is taken only then. Without it no such link is taken.
    """
    named = conflicts or (lambda x, y: False)

    def clash(x: str, y: str) -> bool:  # a trust's two halves of a split topic may differ in scope
        return trust_of[x] != trust_of[y] and named(x, y)

    cluster_of = _seed_clusters(ids, trust_of, decisions)
    rejected = decisions.rejected

    def merge(a: Cluster, b: Cluster) -> Cluster:
        return _merge(a, b, cluster_of)

    def any_rejected(a: Cluster, b: Cluster) -> bool:
        # Asked of every merge considered: with no rejection on record, no pair needs to be looked at.
        return bool(rejected) and any(frozenset((x, y)) in rejected for x in a.members for y in b.members)

    ordered = sorted((lk for lk in links if lk[2] >= rules.threshold), key=lambda lk: -lk[2])
    for a_id, b_id, conf in ordered:
        ca, cb = cluster_of[a_id], cluster_of[b_id]
        if _may_merge(ca, cb, pair_score, rules, any_rejected, clash):
            merge(ca, cb).links.append((a_id, b_id, conf))

    bests = _Bests(links, trust_of, rules) if clean is not None else None
    if bests is not None:
        _pair_clear_mutual_bests(bests, cluster_of, trust_of, any_rejected, clean)
    if rules.allow_split:
        _attach_split_halves(
            ordered, cluster_of, trust_of, pair_score, rules, union_helps, any_rejected, clash, named
        )
        if bests is not None:
            _release_split_halves(bests, cluster_of, trust_of, any_rejected, clean)
        _merge_split_groups(
            ordered, cluster_of, trust_of, pair_score, rules, union_helps, any_rejected, merge, clash
        )
    return list({id(c): c for c in cluster_of.values()}.values())


def _may_merge(ca: Cluster, cb: Cluster, pair_score, rules, any_rejected, clash) -> bool:
    """Two groups may join on a link: no shared trust (split topics come later), no decision against,
    a high enough average link and no veto, and no member in conflict with the other group's."""
    if ca is cb or ca.locked or cb.locked or any_rejected(ca, cb) or set(ca.trusts) & set(cb.trusts):
        return False
    if len(ca.members) > 1 or len(cb.members) > 1:
        cross = [pair_score(x, y) for x in ca.members for y in cb.members]
        if sum(cross) / len(cross) < rules.min_average_link or min(cross) < rules.veto_link:
            return False
    return not any(clash(x, y) for x in ca.members for y in cb.members)


class _Bests:
    """Each document's scored counterparts at each other trust, strongest first, for the rules that look
    past the threshold at who is whose best."""

    def __init__(self, links, trust_of: Mapping[str, str], rules: GroupingRules):
        ranked: dict[tuple[str, str], list[tuple[float, str]]] = {}
        for a, b, conf in links:
            ranked.setdefault((a, trust_of[b]), []).append((conf, b))
            ranked.setdefault((b, trust_of[a]), []).append((conf, a))
        self.ranked = {key: sorted(found, reverse=True) for key, found in sorted(ranked.items())}
        self.rules = rules

    def best(self, x: str, trust: str, besides: Collection[str] = ()) -> tuple[float, str] | None:
        """x's strongest counterpart at `trust` (not one of `besides`), if above the mutual floor."""
        found = [f for f in self.ranked.get((x, trust), []) if f[1] not in besides]
        return found[0] if found and found[0][0] >= self.rules.mutual_floor else None

    def clear_best(self, x: str, trust: str) -> tuple[float, str] | None:
        """x's strongest counterpart at `trust` when nothing else there comes near (the mutual margin)."""
        found = self.ranked.get((x, trust), [])
        if not found or found[0][0] < self.rules.mutual_floor:
            return None
        if len(found) > 1 and found[0][0] < self.rules.mutual_margin * found[1][0]:
            return None
        return found[0]


def _pair_clear_mutual_bests(bests: _Bests, cluster_of, trust_of, any_rejected, clean) -> None:
    """Join two documents left alone when each is the other's best at the other's trust, for one of them
    clearly so (see `GroupingRules.mutual_floor`), and nothing speaks against the pair: no conflict of any
    strength, no rejection or "no counterpart" decision. One clear side is enough: a national guideline
    may have two local documents near it (the guideline and its patient leaflet), yet the local guideline
    has nothing else near it at all."""
    for a, trust in bests.ranked:
        found = bests.clear_best(a, trust)
        if found is None:
            continue
        conf, b = found
        back = bests.best(b, trust_of[a])
        ca, cb = cluster_of[a], cluster_of[b]
        if back is None or back[1] != a or ca is cb or len(ca.members) > 1 or len(cb.members) > 1:
            continue
        if ca.locked or cb.locked or any_rejected(ca, cb) or not clean(a, b):
            continue
        _merge(ca, cb, cluster_of).links.append((a, b, conf))


def _release_split_halves(bests: _Bests, cluster_of, trust_of, any_rejected, clean) -> None:
    """A trust's second document in a group goes instead to a document left alone whose clear best it is,
    when it is also that document's best outside the group and the group stays whole without it: one
    document per trust is the rule and a split topic the exception, so a counterpart for a lone document
    outweighs a second half (greedy order alone would leave the lone document with nothing)."""
    for a, trust in bests.ranked:
        lone = cluster_of[a]
        if len(lone.members) != 1 or lone.locked or lone.confirmed:
            continue
        found = bests.clear_best(a, trust)
        if found is None:
            continue
        conf, b = found
        group = cluster_of[b]
        if group is lone or group.locked or b in group.confirmed or len(group.trusts.get(trust, ())) < 2:
            continue
        back = bests.best(b, trust_of[a], besides=group.members)
        if back is None or back[1] != a or any_rejected(lone, group) or not clean(a, b):
            continue
        rest = [lk for lk in group.links if b not in lk[:2]]
        if not _holds_together(group.members - {b}, rest, trust_of):
            continue
        group.members.discard(b)
        group.trusts[trust].discard(b)
        group.links[:] = rest
        cluster_of[b] = Cluster(members={b}, trusts={trust: {b}})
        _merge(lone, cluster_of[b], cluster_of).links.append((a, b, conf))


def _holds_together(members: set[str], links, trust_of: Mapping[str, str]) -> bool:
    """Whether the links still join all members, across at least two trusts."""
    if len({trust_of[m] for m in members}) < 2:
        return False
    reached = {next(iter(sorted(members)))}
    grew = True
    while grew:
        grew = False
        for x, y, _ in links:
            if (x in reached) != (y in reached) and x in members and y in members:
                reached |= {x, y}
                grew = True
    return reached == members


def _seed_clusters(
    ids: Iterable[str], trust_of: Mapping[str, str], decisions: Decisions
) -> dict[str, Cluster]:
    """One cluster per document, then reviewers' confirmed groups joined and "no counterpart" locked."""
    cluster_of = {d: Cluster(members={d}, trusts={trust_of[d]: {d}}) for d in ids}
    for group in decisions.confirmed:
        known = [m for m in group if m in cluster_of]
        for m in known:
            cluster_of[m].confirmed.add(m)
        for m in known[1:]:
            if cluster_of[m] is not cluster_of[known[0]]:
                _merge(cluster_of[known[0]], cluster_of[m], cluster_of)
    for m in decisions.no_counterpart:
        if m in cluster_of and len(cluster_of[m].members) == 1:
            cluster_of[m].locked = True
    return cluster_of


def _merge(a: Cluster, b: Cluster, cluster_of: dict[str, Cluster]) -> Cluster:
    a.members |= b.members
    for trust, ms in b.trusts.items():
        a.trusts.setdefault(trust, set()).update(ms)
    a.confirmed |= b.confirmed
    a.links.extend(b.links)
    for m in b.members:
        cluster_of[m] = a
    return a


def _attach_split_halves(  # noqa: PLR0913 - the grouping state, passed rather than hidden in a class
    ordered, cluster_of, trust_of, pair_score, rules, union_helps, any_rejected, clash, named
) -> None:
    """A document left alone whose trust already sits in the group it links to best may be the other half
    of a topic that its trust splits in two. Accept it only when it links well on average to the other
    trusts' members, conflicts with none, and the two halves together resemble the other members better
    than the first half alone.
    """
    if union_helps is None:
        return
    for a_id, b_id, conf in ordered:
        for lone, anchor in ((a_id, b_id), (b_id, a_id)):
            lone_c, group = cluster_of[lone], cluster_of[anchor]
            if len(lone_c.members) != 1 or lone_c.locked or group.locked or group is lone_c:
                continue
            trust = trust_of[lone]
            halves = group.trusts.get(trust)
            if not halves or len(halves) != 1 or any_rejected(lone_c, group):
                continue
            others = {m for m in group.members if trust_of[m] != trust}
            if not others or conf < rules.split_threshold:
                continue
            scores = [pair_score(lone, o) for o in others]
            adds_up = partial(union_helps, halves | {lone}, others)
            if not second_document_fits(lone, halves, others, scores, pair_score, rules, clash, named, adds_up):
                continue
            group.members.add(lone)
            halves.add(lone)
            group.links.append((lone, anchor, conf))
            cluster_of[lone] = group


def second_document_fits(  # noqa: PLR0913 - the grouping's own tests, asked by both placements
    lone: str,
    halves: Collection[str],
    others: Collection[str],
    scores: Collection[float],
    pair_score: Callable[[str, str], float],
    rules: GroupingRules,
    clash: Callable[[str, str], bool],
    named: Callable[[str, str], bool],
    adds_up: Callable[[], bool],
) -> bool:
    """Whether `lone` may be its trust's second document in a group beside `halves`, its trust's document
    there: it links to the other trusts' members (`others`, its `scores` with them) at the split threshold
    at best and on average, none below the veto (with many organisations in a group, one lukewarm link must
    not keep a true half out), clearly conflicts with none of them (`clash`: adult beside children's
    documents is never a second half), and it is either the other half of a topic its trust splits (`adds_up`:
    the halves together resemble the others better than either alone) or another version of the topic
    (`another_version`). Asked of the whole-library grouping and of a single upload (workflow.incremental)."""
    if max(scores) < rules.split_threshold or sum(scores) / len(scores) < rules.split_threshold:
        return False
    if min(scores) < rules.veto_link or any(clash(lone, o) for o in others):
        return False
    return adds_up() or another_version(lone, halves, scores, pair_score, rules, named)


def another_version(
    lone: str,
    halves: Collection[str],
    scores: Collection[float],
    pair_score: Callable[[str, str], float],
    rules: GroupingRules,
    named: Callable[[str, str], bool],
) -> bool:
    """A trust's second document on the topic that is equivalent to the others on its own (two leaflets,
    or a guideline and its awareness summary), not a complementary half: it links to every other trust's
    member above the threshold, it names no conflict with its trust's document there, and the two resemble
    each other at least as well as the second resembles the others: members of one topic are at least as
    close to each other as to the rest, where a neighbouring topic that another member happens to touch
    (a violence-and-aggression guideline beside a delirium one) is not. `scores`: the second document's
    links to the other trusts' members (see `second_document_fits`)."""
    weakest = min(scores)
    if weakest < rules.threshold or any(named(lone, h) for h in halves):
        return False
    return all(pair_score(lone, h) >= weakest for h in halves)


_MIN_TRUSTS_TO_JOIN_SPLIT_GROUPS = 4


def _merge_split_groups(  # noqa: PLR0913
    ordered, cluster_of, trust_of, pair_score, rules, union_helps, any_rejected, merge, clash
) -> None:
    """Two groups kept apart only because one trust sits in both (a trust with two leaflets on one topic,
    each taken into a different group first) are joined when their members link well on average across
    trusts, none conflicts, and for each shared trust its two documents together resemble the rest better
    than either alone. Without this, a topic published by many organisations splits wherever the greedy
    order first met a trust's second document.
    """
    if union_helps is None:
        return
    for a_id, b_id, conf in ordered:
        ca, cb = cluster_of[a_id], cluster_of[b_id]
        if ca is cb or ca.locked or cb.locked or conf < rules.split_threshold or any_rejected(ca, cb):
            continue
        shared = set(ca.trusts) & set(cb.trusts)
        # Only one trust in both, and enough other organisations voting (four trusts at least): two
        # groups of neighbouring topics at the same few trusts (adult and child sepsis at three trusts)
        # share every trust, and their average link alone cannot tell them apart.
        if len(shared) != 1 or len(set(ca.trusts) | set(cb.trusts)) < _MIN_TRUSTS_TO_JOIN_SPLIT_GROUPS:
            continue
        if any(len(ca.trusts[t]) != 1 or len(cb.trusts[t]) != 1 for t in shared):
            continue
        cross = [pair_score(x, y) for x in ca.members for y in cb.members if trust_of[x] != trust_of[y]]
        if not cross or sum(cross) / len(cross) < rules.min_average_link or min(cross) < rules.veto_link:
            continue
        if any(clash(x, y) for x in ca.members for y in cb.members):
            continue
        members = ca.members | cb.members
        if not all(
            union_helps(ca.trusts[t] | cb.trusts[t], {m for m in members if trust_of[m] != t}) for t in shared
        ):
            continue
        merge(ca, cb).links.append((a_id, b_id, conf))


def missing_trusts(cluster: Cluster, all_trusts: Iterable[str]) -> tuple[str, ...]:
    """Trusts with no document in this group: the gaps a governance lead must fill or explain."""
    return tuple(sorted(set(all_trusts) - set(cluster.trusts)))
