"""Following groups and being told what happens on them: requests, decisions, comments and moves.

Whoever decides, comments on or moves a group follows it from then on (and may unfollow it); everyone
following a group gets one notification per event by someone else, read in the app ("My work") and, when a
deployment configures SMTP (docs/settings.md), by e-mail.

Events are picked up where they are written, by a `before_flush` hook on the ORM session (`install`; the
web app and the CLI install it), so every path that records a decision, a comment, a transition or a
request to confirm notifies the same way and the domain functions that record them need no change. The
notifications are added to the same flush: one transaction, so a rolled-back decision tells nobody.
"""

from __future__ import annotations

import smtplib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

from sqlalchemy import event, func, select, update
from sqlalchemy.orm import Session

from converge.store.models import (
    Comment,
    ConfirmRequest,
    DifferenceDecision,
    GroupFollow,
    GroupTransition,
    MatchGroupRow,
    MatchMember,
    Notification,
    StoredDocument,
    User,
    utcnow,
)
from converge.store.session import rowcount

DECISION_WORDS = {
    "adopt": "adopt {trust}'s text",
    "new_text": "write new text",
    "local_variation": "accept a local variation",
    "not_applicable": "not applicable",
    "defer": "defer",
}
STATUS_WORDS = {
    "proposed": "Proposed",
    "confirmed": "Confirmed",
    "rejected": "Rejected",
    "in_review": "In review",
    "draft_agreed": "Draft agreed",
    "approved": "Approved",
    "adopted": "Adopted",
    "local_variation_accepted": "Local variation accepted",
    "not_to_be_converged": "Not to be converged",
    "superseded": "Superseded proposal (the matcher proposed another group)",
}


# --- following -----------------------------------------------------------------------------------------


def is_following(session: Session, user_id: int, group_id: int) -> bool:
    return (
        session.scalar(
            select(GroupFollow.id).where(GroupFollow.user_id == user_id, GroupFollow.group_id == group_id)
        )
        is not None
    )


def follow(session: Session, user_id: int, group_id: int) -> None:
    """Follow a group (nothing happens if already following)."""
    pending = session.info.setdefault("converge_follows", set())
    if (user_id, group_id) in pending:
        return
    with session.no_autoflush:
        if is_following(session, user_id, group_id):
            return
    pending.add((user_id, group_id))
    session.add(GroupFollow(user_id=user_id, group_id=group_id))


def unfollow(session: Session, user_id: int, group_id: int) -> None:
    session.query(GroupFollow).filter_by(user_id=user_id, group_id=group_id).delete()
    session.info.get("converge_follows", set()).discard((user_id, group_id))


def followed_groups(session: Session, user_id: int) -> list[MatchGroupRow]:
    return list(
        session.scalars(
            select(MatchGroupRow)
            .join(GroupFollow, GroupFollow.group_id == MatchGroupRow.id)
            .where(GroupFollow.user_id == user_id)
            .order_by(MatchGroupRow.updated_at.desc())
        )
    )


# --- notifications -------------------------------------------------------------------------------------


def notify(
    session: Session, group_id: int, actor: str, kind: str, text: str, also: Iterable[int] = ()
) -> list[Notification]:
    """Record an event on a group: the actor follows it; every other follower (and `also`) is notified."""
    with session.no_autoflush:
        actor_id = session.scalar(select(User.id).where(User.username == actor))
        followers = set(session.scalars(select(GroupFollow.user_id).where(GroupFollow.group_id == group_id)))
    followers |= {u for u, g in session.info.get("converge_follows", set()) if g == group_id}
    followers |= set(also)
    if actor_id is not None:
        follow(session, actor_id, group_id)
        followers.discard(actor_id)
    rows = [
        Notification(user_id=u, group_id=group_id, kind=kind, actor=actor, text=text[:2000])
        for u in sorted(followers)
    ]
    session.add_all(rows)
    return rows


def unread_count(session: Session, user_id: int) -> int:
    return (
        session.scalar(
            select(func.count(Notification.id)).where(
                Notification.user_id == user_id, Notification.read_at.is_(None)
            )
        )
        or 0
    )


def notifications(session: Session, user_id: int, limit: int = 50) -> list[Notification]:
    """A person's notifications, unread first, newest first."""
    return list(
        session.scalars(
            select(Notification)
            .where(Notification.user_id == user_id)
            .order_by(Notification.read_at.is_not(None), Notification.id.desc())
            .limit(limit)
        )
    )


def mark_read(session: Session, user_id: int, ids: Sequence[int] | None = None) -> int:
    """Mark a person's notifications read (all of them, or those in `ids`); returns how many."""
    stmt = update(Notification).where(Notification.user_id == user_id, Notification.read_at.is_(None))
    if ids is not None:
        stmt = stmt.where(Notification.id.in_(list(ids)))
    return rowcount(session.execute(stmt.values(read_at=utcnow())))


def _topic(session: Session, group_id: int) -> str:
    group = session.get(MatchGroupRow, group_id)
    return (group.topic if group is not None else "") or f"group {group_id}"


def _leads_of_group(session: Session, group_id: int) -> set[int]:
    """The leads of the group's trusts: who may answer a request to confirm it."""
    trusts = (
        select(StoredDocument.trust_id)
        .join(MatchMember, MatchMember.document_id == StoredDocument.id)
        .where(MatchMember.group_id == group_id)
    )
    return set(
        session.scalars(
            select(User.id).where(User.role == "lead", User.active.is_(True), User.trust_id.in_(trusts))
        )
    )


def _describe(session: Session, obj: Any) -> tuple[int, str, str, str, set[int]] | None:
    """(group, actor, kind, text, extra people) for an object that is an event, else None."""
    if isinstance(obj, Comment):
        where = " on a difference" if obj.change_key else ""
        return (
            obj.group_id,
            obj.actor,
            "comment",
            f"{obj.actor} commented{where} on “{_topic(session, obj.group_id)}”: {obj.text[:300]}",
            set(),
        )
    if isinstance(obj, DifferenceDecision):
        what = DECISION_WORDS.get(obj.decision, obj.decision).format(trust=obj.adopted_trust or "")
        kind = "significant difference" if obj.significant else "difference"
        return (
            obj.group_id,
            obj.actor,
            "decision",
            f"{obj.actor} decided a {kind} of “{_topic(session, obj.group_id)}”: {what}",
            set(),
        )
    if isinstance(obj, GroupTransition):
        if obj.from_status is None:
            return None  # a group being created by the matcher is nobody's news
        to = STATUS_WORDS.get(obj.to_status, obj.to_status)
        return (
            obj.group_id,
            obj.actor,
            "status",
            f"{obj.actor} moved “{_topic(session, obj.group_id)}” to {to}",
            set(),
        )
    if isinstance(obj, ConfirmRequest) and obj.resolved_at is None:  # a reviewer asking a lead to confirm
        text = f"{obj.requester} asks a lead to confirm “{_topic(session, obj.group_id)}”"
        return obj.group_id, obj.requester, "request", text, _leads_of_group(session, obj.group_id)
    return None


def _on_flush(session: Session, flush_context: Any, instances: Any) -> None:
    events = []
    with session.no_autoflush:
        for obj in list(session.new):
            found = _describe(session, obj)
            if found is not None:
                events.append(found)
    for group_id, actor, kind, text, also in events:
        notify(session, group_id, actor, kind, text, also)


def _on_end(session: Session, *args: Any) -> None:
    session.info.pop("converge_follows", None)


def install() -> None:
    """Turn notifications on for every ORM session of this process (idempotent)."""
    if not event.contains(Session, "before_flush", _on_flush):
        event.listen(Session, "before_flush", _on_flush)
        event.listen(Session, "after_commit", _on_end)
        event.listen(Session, "after_rollback", _on_end)


# --- e-mail --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MailSettings:
    """Where notifications are mailed from; no host means no mail (the default)."""

    host: str = ""
    port: int = 25
    sender: str = "converge@localhost"
    user: str = ""
    password: str = ""
    starttls: bool = False
    base_url: str = ""  # links in the mail: the address people reach the app at
    timeout: float = 10.0

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> MailSettings:
        def flag(value: Any) -> bool:
            return str(value).strip().lower() in ("1", "true", "yes", "on")

        return cls(
            host=str(config.get("MAIL_SMTP_HOST") or "").strip(),
            port=int(config.get("MAIL_SMTP_PORT") or 25),
            sender=str(config.get("MAIL_FROM") or "converge@localhost"),
            user=str(config.get("MAIL_SMTP_USER") or ""),
            password=str(config.get("MAIL_SMTP_PASSWORD") or ""),
            starttls=flag(config.get("MAIL_SMTP_STARTTLS") or ""),
            base_url=str(config.get("MAIL_BASE_URL") or "").rstrip("/"),
        )

    @property
    def enabled(self) -> bool:
        return bool(self.host)


def send_pending(session: Session, mail: MailSettings, limit: int = 100) -> int:
    """Mail every notification not yet mailed to a person with an e-mail address; returns how many sent.

    Each is marked mailed once the server took it, in the caller's transaction; an SMTP failure stops the
    round (raised to the caller), leaving the rest for the next one.
    """
    if not mail.enabled:
        return 0
    todo = session.execute(
        select(Notification, User.email)
        .join(User, User.id == Notification.user_id)
        .where(
            Notification.emailed_at.is_(None),
            User.email.is_not(None),
            User.email != "",
            User.active.is_(True),
        )
        .order_by(Notification.id)
        .limit(limit)
    ).all()
    if not todo:
        return 0
    sent = 0
    with smtplib.SMTP(mail.host, mail.port, timeout=mail.timeout) as smtp:
        if mail.starttls:
            smtp.starttls()
        if mail.user:
            smtp.login(mail.user, mail.password)
        for note, address in todo:
            msg = EmailMessage()
            msg["From"] = mail.sender
            msg["To"] = address
            msg["Subject"] = f"Converge: {_topic(session, note.group_id)}"[:200]
            link = f"{mail.base_url}/groups/{note.group_id}" if mail.base_url else f"group {note.group_id}"
            msg.set_content(f"{note.text}\n\nOpen it: {link}\n\nYou follow this group in Converge.\n")
            smtp.send_message(msg)
            note.emailed_at = utcnow()
            sent += 1
    return sent
