"""A match group's statuses, who may move it between them, and the decisions a difference can take.

Definitions only (no database): the review workflow (converge.workflow.review), sign-off rules
(converge.workflow.signoff) and every page read them, so they sit below all of these.
"""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    PROPOSED = "proposed"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"
    IN_REVIEW = "in_review"
    DRAFT_AGREED = "draft_agreed"
    APPROVED = "approved"
    ADOPTED = "adopted"
    LOCAL_VARIATION = "local_variation_accepted"
    NOT_CONVERGED = "not_to_be_converged"
    SUPERSEDED = "superseded"  # a matcher proposal replaced by a newer one; never shown as work


LABELS = {
    Status.PROPOSED: "Proposed",
    Status.CONFIRMED: "Confirmed",
    Status.REJECTED: "Rejected",
    Status.IN_REVIEW: "In review",
    Status.DRAFT_AGREED: "Draft agreed",
    Status.APPROVED: "Approved",
    Status.ADOPTED: "Adopted",
    Status.LOCAL_VARIATION: "Local variation accepted",
    Status.NOT_CONVERGED: "Not to be converged",
    Status.SUPERSEDED: "Superseded proposal",
}

# Roles allowed to make each move. A reviewer decides differences and agrees drafts; only a governance
# lead or an administrator confirms matches, records approval/adoption or ends a group.
LEADS = frozenset({"admin", "lead"})
REVIEWERS = frozenset({"admin", "lead", "reviewer"})

TRANSITIONS: dict[tuple[Status, Status], frozenset[str]] = {
    (Status.PROPOSED, Status.CONFIRMED): LEADS,
    (Status.PROPOSED, Status.REJECTED): LEADS,
    (Status.REJECTED, Status.PROPOSED): LEADS,
    (Status.CONFIRMED, Status.REJECTED): LEADS,
    (Status.CONFIRMED, Status.IN_REVIEW): REVIEWERS,
    (Status.CONFIRMED, Status.LOCAL_VARIATION): LEADS,
    (Status.CONFIRMED, Status.NOT_CONVERGED): LEADS,
    (Status.IN_REVIEW, Status.DRAFT_AGREED): REVIEWERS,
    (Status.IN_REVIEW, Status.LOCAL_VARIATION): LEADS,
    (Status.IN_REVIEW, Status.NOT_CONVERGED): LEADS,
    (Status.DRAFT_AGREED, Status.IN_REVIEW): REVIEWERS,
    (Status.DRAFT_AGREED, Status.APPROVED): LEADS,
    (Status.APPROVED, Status.IN_REVIEW): LEADS,
    (Status.APPROVED, Status.ADOPTED): LEADS,
    (Status.LOCAL_VARIATION, Status.IN_REVIEW): LEADS,
    (Status.NOT_CONVERGED, Status.IN_REVIEW): LEADS,
}
# Moves that end, reverse or refuse work must say why.
ENDINGS_NEEDING_REASON = frozenset({Status.REJECTED, Status.LOCAL_VARIATION, Status.NOT_CONVERGED})
REVERSALS_NEEDING_REASON = frozenset(
    {
        (Status.DRAFT_AGREED, Status.IN_REVIEW),
        (Status.APPROVED, Status.IN_REVIEW),
        (Status.LOCAL_VARIATION, Status.IN_REVIEW),
        (Status.NOT_CONVERGED, Status.IN_REVIEW),
        (Status.REJECTED, Status.PROPOSED),
    }
)
CONVERGED = frozenset({Status.APPROVED, Status.ADOPTED})
ENDED = frozenset({Status.ADOPTED, Status.LOCAL_VARIATION, Status.NOT_CONVERGED, Status.REJECTED})

DECISIONS = ("adopt", "new_text", "local_variation", "not_applicable", "defer")
