"""Who is acting, and the refusal when their role does not allow it: shared by every workflow service.

The library, the review workflow, the reports and both front ends (web sign-in, the command line) name
the person acting the same way, so none of them depends on another's module for it.
"""

from __future__ import annotations

from dataclasses import dataclass

from converge.core.errors import ReviewError


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is acting: a username and a role (and, for a lead, their trust)."""

    name: str
    role: str
    trust: str | None = None
    specialty: str | None = None  # a clinical reviewer's specialty: they decide only its groups


class NotPermitted(ReviewError):
    """The user's role does not allow this action."""
