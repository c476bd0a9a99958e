"""SQLAlchemy 2.0 typed models on our own DeclarativeBase (no Flask-SQLAlchemy).

The CLI and the ingest pipeline write the same tables without a Flask app context. Nothing is deleted:
superseded documents and past match proposals stay, with who/when/why where a person acted.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, validates


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class Trust(Base):
    """An organisation whose library is converged; data, not an enum, so a fourth is configuration."""

    __tablename__ = "trusts"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(300), default="")
    # Its own hospital, site, ward and committee names: differences made only of these are local variation.
    local_terms: Mapped[list[Any]] = mapped_column(default=list)
    # "trust" (a library converged) or "national" (NICE, RCEM, ...: guidance held against, never converged).
    kind: Mapped[str] = mapped_column(String(20), default="trust", server_default="trust")

    documents: Mapped[list[StoredDocument]] = relationship(back_populates="trust")


class StoredDocument(Base):
    """One ingested file's parsed document (one version of a trust's policy)."""

    __tablename__ = "documents"
    __table_args__ = (
        UniqueConstraint("trust_id", "sha256", name="uq_documents_trust_sha256"),
        Index("ix_documents_trust_status", "trust_id", "status"),
    )

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # "TRUST:sha256[:12]"
    trust_id: Mapped[int] = mapped_column(ForeignKey("trusts.id"))
    title: Mapped[str] = mapped_column(String(500))
    title_key: Mapped[str] = mapped_column(String(500), index=True)  # normalised title for version matching
    reference: Mapped[str | None] = mapped_column(String(100), index=True)
    version: Mapped[str | None] = mapped_column(String(50))
    document_type: Mapped[str | None] = mapped_column(String(50))
    specialty: Mapped[str | None] = mapped_column(String(200))
    review_date: Mapped[str | None] = mapped_column(String(10))  # ISO date or month
    meta: Mapped[dict[str, Any]] = mapped_column(default=dict)
    source_path: Mapped[str] = mapped_column(Text)  # as given to ingest
    media_type: Mapped[str] = mapped_column(String(120))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(BigInteger, default=0)
    pages: Mapped[int | None] = mapped_column(Integer)
    parser: Mapped[str] = mapped_column(String(50))
    status: Mapped[str] = mapped_column(String(20), default="current")  # current | superseded
    superseded_by_id: Mapped[str | None] = mapped_column(ForeignKey("documents.id"))
    structure: Mapped[dict[str, Any]] = mapped_column(default=dict)  # serialised converge.core.model.Document
    body_text: Mapped[str] = mapped_column(Text, default="")
    original: Mapped[bytes | None] = mapped_column(nullable=True, deferred=True)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    trust: Mapped[Trust] = relationship(back_populates="documents")


class DocumentFeatures(Base):
    """What matching derives from a document's text (core.matching.features.TextFeatures), stored at ingest
    under the version of the code that derived it (workflow.features), so a full match does not derive it
    again from every text. Derived data: a stale or missing row is derived again and replaced."""

    __tablename__ = "document_features"

    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), primary_key=True)
    version: Mapped[str] = mapped_column(String(64))
    data: Mapped[dict[str, Any]] = mapped_column()


class IngestRecord(Base):
    """The outcome of one file in one ingest run, kept so a lead can see what happened to every file."""

    __tablename__ = "ingest_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[str] = mapped_column(String(40), index=True)
    trust_id: Mapped[int] = mapped_column(ForeignKey("trusts.id"))
    path: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20))  # ingested | unchanged | superseded | rejected
    document_id: Mapped[str | None] = mapped_column(String(64))
    reason: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class MatchGroupRow(Base):
    """A proposed or decided set of equivalent documents (one per trust, normally)."""

    __tablename__ = "match_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[str] = mapped_column(String(30), default="proposed", index=True)
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    evidence: Mapped[dict[str, Any]] = mapped_column(default=dict)
    topic: Mapped[str] = mapped_column(String(500), default="")
    specialty: Mapped[str | None] = mapped_column(String(200))
    origin: Mapped[str] = mapped_column(String(20), default="matcher")  # matcher | person
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    wave_id: Mapped[int | None] = mapped_column(ForeignKey("waves.id"), index=True)
    # Cached from the diff of the members, to sort the queue and the reports by how far apart they are.
    divergence: Mapped[float | None] = mapped_column(Float)
    diff_summary: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # diff_summary's "significant", kept in step by _count_significant: the work queue sorts every group by
    # it, and reading it out of each group's JSON made the queue's main query grow with the library.
    significant: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Bumped on every change; a form posts the revision it was shown, so two reviewers cannot
    # silently overwrite each other (the second is told the group changed).
    revision: Mapped[int] = mapped_column(Integer, default=1)

    members: Mapped[list[MatchMember]] = relationship(
        back_populates="group", cascade="all, delete-orphan", order_by="MatchMember.id"
    )

    @validates("diff_summary")
    def _count_significant(self, _key: str, summary: dict[str, Any]) -> dict[str, Any]:
        self.significant = significant_in(summary)
        return summary


def significant_in(summary: dict[str, Any] | None) -> int:
    """The significant differences a diff summary counts (older summaries: by category only)."""
    summary = summary or {}
    if "significant" in summary:
        return int(summary["significant"] or 0)
    return int(sum((summary.get("significant_by_category") or {}).values()))


class GroupReview(Base):
    """A group's side-by-side review data (aligned sections, marked words, merged differences), stored.

    Computed when the group's members change (at match time), so no page view diffs documents. The
    fingerprint says what it was computed from (member documents, local terms, format); a stored review
    whose fingerprint no longer matches is recomputed, never shown.
    """

    __tablename__ = "group_reviews"

    group_id: Mapped[int] = mapped_column(ForeignKey("match_groups.id"), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(40))
    payload: Mapped[bytes] = mapped_column(LargeBinary)  # zlib-compressed JSON (reviewstore.encode)
    built_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class FieldEdit:
    """Columns of a person's correction of one field: old and new value, who, why and when."""

    field: Mapped[str] = mapped_column(String(50))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class GroupEdit(FieldEdit, Base):
    """A lead's correction of a group's topic or specialty: the old value is kept, as for documents."""

    __tablename__ = "group_edits"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("match_groups.id"), index=True)


class MatchMember(Base):
    __tablename__ = "match_members"
    __table_args__ = (UniqueConstraint("group_id", "document_id", name="uq_match_members"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("match_groups.id"), index=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), index=True)
    # "proposed" by the matcher, or "confirmed" by a person; a confirmed group can gain proposed members.
    state: Mapped[str] = mapped_column(String(20), default="proposed")

    group: Mapped[MatchGroupRow] = relationship(back_populates="members")
    document: Mapped[StoredDocument] = relationship()


class MatchDecision(Base):
    """A person's matching decision; the matcher reads these and never contradicts them."""

    __tablename__ = "match_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))  # reject_pair | no_counterpart | merge | move | remove
    document_ids: Mapped[list[Any]] = mapped_column(default=list)
    group_id: Mapped[int | None] = mapped_column(ForeignKey("match_groups.id"))
    actor: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    active: Mapped[bool] = mapped_column(default=True)  # superseded decisions stay, inactive


class User(Base):
    """A person who signs in. Roles: admin, lead (governance lead of a trust), reviewer, viewer."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(20))
    trust_id: Mapped[int | None] = mapped_column(ForeignKey("trusts.id"))  # a lead's own trust
    specialty: Mapped[str | None] = mapped_column(String(200))  # a reviewer's specialty (None = all)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # Sign-in hardening: wrong passwords in a row (reset by a right one), locked until an admin unlocks,
    # and a number every session carries: bumped on sign-out and password change, it revokes old cookies.
    failed_signins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    locked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    auth_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # Where notifications of followed groups are mailed, when the deployment sends mail (docs/settings.md).
    email: Mapped[str | None] = mapped_column(String(300))

    trust: Mapped[Trust | None] = relationship()


class SignInFailure(Base):
    """A refused sign-in, by address: the per-address throttle counts the recent ones (any worker)."""

    __tablename__ = "sign_in_failures"
    __table_args__ = (Index("ix_sign_in_failures_address_at", "address", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    address: Mapped[str] = mapped_column(String(64))
    username: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class GroupTransition(Base):
    """One workflow step of a match group: who moved it, when, why. Kept forever (the audit trail)."""

    __tablename__ = "group_transitions"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("match_groups.id"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(30))
    to_status: Mapped[str] = mapped_column(String(30))
    actor: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    # True when an administrator recorded approval without every member trust's sign-off (with a reason).
    override: Mapped[bool] = mapped_column(default=False, server_default=false())


class GroupSignoff(Base):
    """A trust lead's sign-off of one agreed draft, or an administrator's recorded override of the missing
    ones. `round_id` is the transition that agreed the draft: reopening the draft voids its sign-offs."""

    __tablename__ = "group_signoffs"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("match_groups.id"), index=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("group_transitions.id"))
    kind: Mapped[str] = mapped_column(String(20))  # signoff | override
    trust: Mapped[str | None] = mapped_column(String(32))  # the lead's trust; None for an override
    actor: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class DifferenceDecision(Base):
    """A reviewer's decision on one difference of a group; a later decision supersedes, never deletes."""

    __tablename__ = "difference_decisions"
    # One current (not superseded) decision per difference: a second one racing in is refused by the
    # database itself, whatever the application did.
    __table_args__ = (
        Index(
            "uq_difference_decisions_current",
            "group_id",
            "change_key",
            unique=True,
            sqlite_where=text("superseded_by_id IS NULL"),
            postgresql_where=text("superseded_by_id IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("match_groups.id"), index=True)
    change_key: Mapped[str] = mapped_column(String(200))  # stable id of the difference within the group
    category: Mapped[str] = mapped_column(String(30), default="")
    significant: Mapped[bool] = mapped_column(default=False)
    decision: Mapped[str] = mapped_column(String(30))  # adopt|new_text|local_variation|not_applicable|defer
    adopted_trust: Mapped[str | None] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    actor: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    superseded_by_id: Mapped[int | None] = mapped_column(ForeignKey("difference_decisions.id"))


class Comment(Base):
    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("match_groups.id"), index=True)
    change_key: Mapped[str | None] = mapped_column(String(200))
    actor: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class DraftSection(Base):
    """One section of the shared policy draft; each save is a new row (history), the latest is current."""

    __tablename__ = "draft_sections"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("match_groups.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    heading: Mapped[str] = mapped_column(String(500))
    text: Mapped[str] = mapped_column(Text, default="")
    sources: Mapped[list[Any]] = mapped_column(default=list)  # [{"document_id", "section"}] it came from
    revision: Mapped[int] = mapped_column(Integer, default=1)
    actor: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    current: Mapped[bool] = mapped_column(default=True)
    # What the build it came from was made of (draft.store.draft_basis): its comparison and latest decision.
    basis: Mapped[str | None] = mapped_column(String(100), default=None)


class UploadJob(Base):
    """A background ingest (and re-match) started from the web UI; its progress is polled by the page."""

    __tablename__ = "upload_jobs"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    trust_id: Mapped[int] = mapped_column(ForeignKey("trusts.id"))
    actor: Mapped[str] = mapped_column(String(200))
    phase: Mapped[str] = mapped_column(String(20), default="queued")  # queued|parsing|matching|done|failed
    total: Mapped[int] = mapped_column(Integer, default=0)
    done: Mapped[int] = mapped_column(Integer, default=0)
    results: Mapped[list[Any]] = mapped_column(default=list)
    message: Mapped[str] = mapped_column(Text, default="")
    # The process running the job (host, boot, pid, start time): a job whose process is gone was
    # interrupted by a restart, and the page says so instead of showing it "parsing" for ever.
    runner: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Job(Base):
    """One unit of background work run by a queue consumer (`converge worker`): parse one uploaded file,
    match new documents, compare one group. The row is the job's truth (the task queue only carries its
    id): its phase, progress and, when it failed, why; a job whose consumer died is queued again."""

    __tablename__ = "jobs"
    __table_args__ = (Index("ix_jobs_phase_kind", "phase", "kind"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # parse | match | compare
    args: Mapped[dict[str, Any]] = mapped_column(default=dict)
    phase: Mapped[str] = mapped_column(String(20), default="queued")  # queued | running | done | failed
    total: Mapped[int] = mapped_column(Integer, default=0)
    done: Mapped[int] = mapped_column(Integer, default=0)
    message: Mapped[str] = mapped_column(Text, default="")  # the reason a job failed, or what it did
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # The upload (upload_jobs.id) this job is part of, if any: the upload page follows its jobs.
    upload_id: Mapped[str | None] = mapped_column(ForeignKey("upload_jobs.id"), index=True)
    actor: Mapped[str] = mapped_column(String(200), default="")
    runner: Mapped[str | None] = mapped_column(String(200))  # the consumer process (host|boot|pid|start)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    heartbeat_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class UploadFile(Base):
    """An uploaded file's bytes until its parse job has stored it: in the database, not on the web
    server's disk, so a consumer on another machine can parse it. Deleted when parsed."""

    __tablename__ = "upload_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    upload_id: Mapped[str] = mapped_column(ForeignKey("upload_jobs.id"), index=True)
    name: Mapped[str] = mapped_column(String(300))  # as the user gave it (shown in the results)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Wave(Base):
    """A wave of the rolling programme of specialty reviews: a name, dates, a target and its groups."""

    __tablename__ = "waves"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    starts_on: Mapped[str | None] = mapped_column(String(10))  # ISO dates
    target_date: Mapped[str | None] = mapped_column(String(10))
    target_converged: Mapped[int | None] = mapped_column(Integer)  # groups to converge by the target date
    specialties: Mapped[list[Any]] = mapped_column(default=list)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(200), default="")
    updated_by: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class WaveAssignment(Base):
    """A group planned into (or out of) a wave; kept as history so wave figures can be given as of a date."""

    __tablename__ = "wave_assignments"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("match_groups.id"), index=True)
    wave_id: Mapped[int | None] = mapped_column(ForeignKey("waves.id"))  # None = taken out of any wave
    actor: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class MetadataEdit(FieldEdit, Base):
    """A governance lead's correction of a document's metadata: the old value is kept, never overwritten."""

    __tablename__ = "metadata_edits"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), index=True)


class PossibleVersion(Base):
    """Two documents of one trust that may be versions of one document, kept both current until a lead
    confirms (the older is superseded) or dismisses the pair. Ingest records it when the evidence is short
    of proof: the same title with a different body, or alike titles with some body in common."""

    __tablename__ = "possible_versions"
    __table_args__ = (UniqueConstraint("older_id", "newer_id", name="uq_possible_versions_pair"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    trust_id: Mapped[int] = mapped_column(ForeignKey("trusts.id"), index=True)
    older_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), index=True)
    newer_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), index=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    title_similarity: Mapped[float] = mapped_column(Float, default=0.0)
    body_similarity: Mapped[float] = mapped_column(Float, default=0.0)
    status: Mapped[str] = mapped_column(String(20), default="open")  # open | confirmed | dismissed
    decided_by: Mapped[str | None] = mapped_column(String(200))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class GroupFollow(Base):
    """A person following a group: told of its requests, decisions and comments (converge.workflow.notify)."""

    __tablename__ = "group_follows"
    __table_args__ = (UniqueConstraint("user_id", "group_id", name="uq_group_follows_user_group"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("match_groups.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Notification(Base):
    """One event on a followed group, for one person: unread until they read it; mailed at most once."""

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_user_read", "user_id", "read_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    group_id: Mapped[int] = mapped_column(ForeignKey("match_groups.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))  # request | decision | comment | status
    actor: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    emailed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ConfirmRequest(Base):
    """A reviewer's request that a lead confirm a proposed group, so its differences can be reviewed.

    Open until a lead confirms or rejects the group (or the requester withdraws it); leads see the open
    ones as work waiting for them.
    """

    __tablename__ = "confirm_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("match_groups.id"), index=True)
    requester: Mapped[str] = mapped_column(String(200))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    resolved_by: Mapped[str | None] = mapped_column(String(200))
    outcome: Mapped[str | None] = mapped_column(String(30))  # confirmed | rejected | withdrawn


class VocabularyTerm(Base):
    """One allowed value of a controlled list (document types, specialties), kept by administrators.

    Values typed elsewhere are mapped onto a term case-insensitively ("guideline" is "Guideline"); a term
    taken out of use stays, inactive, so the values already recorded keep their meaning.
    """

    __tablename__ = "vocabulary_terms"
    __table_args__ = (UniqueConstraint("kind", "value", name="uq_vocabulary_terms_kind_value"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30), index=True)  # document_type | specialty
    value: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)
    created_by: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
class NationalLink(Base):
    """A local document linked to the national document it adapts: proposed with evidence (a cited code,
    a named title, the matcher's score), then confirmed or rejected by a lead (see NationalLinkEvent)."""

    __tablename__ = "national_links"
    __table_args__ = (UniqueConstraint("local_id", "national_id", name="uq_national_links_pair"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    local_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), index=True)
    national_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), index=True)
    # proposed | confirmed | rejected | withdrawn (the linker no longer proposes it; kept, not shown)
    status: Mapped[str] = mapped_column(String(20), default="proposed")
    score: Mapped[float] = mapped_column(Float, default=0.0)
    evidence: Mapped[list[Any]] = mapped_column(default=list)  # [{"kind", "detail", "weight"}]
    origin: Mapped[str] = mapped_column(String(20), default="linker")  # linker | person
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    local: Mapped[StoredDocument] = relationship(foreign_keys=[local_id])
    national: Mapped[StoredDocument] = relationship(foreign_keys=[national_id])


class NationalLinkEvent(Base):
    """Who confirmed or rejected a national link, when and why: kept forever (the audit trail)."""

    __tablename__ = "national_link_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    link_id: Mapped[int] = mapped_column(ForeignKey("national_links.id"), index=True)
    from_status: Mapped[str] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    actor: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class DeviationNote(Base):
    """A lead's "local deviation: reason" for one departure of a local document from its national source;
    a later note on the same departure supersedes the earlier one, which is kept."""

    __tablename__ = "deviation_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    link_id: Mapped[int] = mapped_column(ForeignKey("national_links.id"), index=True)
    departure_key: Mapped[str] = mapped_column(String(64))
    summary: Mapped[str] = mapped_column(Text, default="")  # the departure as shown when it was justified
    reason: Mapped[str] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    superseded_by_id: Mapped[int | None] = mapped_column(ForeignKey("deviation_notes.id"))


class GroupVersion(Base):
    """A number that changes whenever anything a group's page shows changes (group_id 0: whatever every
    group's page shows, such as organisations, people and the vocabulary).

    Written only by database triggers (migration 0011), in the transaction of the change itself, so no
    writer can forget it: the web layer keeps a group's page under it (web.views.review.group) and reads
    it afresh on every view. A new value is random, not a count, so a database restored or created anew
    never repeats a value a running server may still hold a page under.
    """

    __tablename__ = "group_versions"

    group_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)  # no foreign key: 0
    version: Mapped[int] = mapped_column(BigInteger)
    # What the work queue shows of the group: 1 added by the triggers of migration 0012 with each change to
    # it, so the sum over every group only grows (store.queries.QUEUE_VERSION keys the queue).
    listed: Mapped[int] = mapped_column(BigInteger, server_default="1")
    # What places the group in the queue (its filters' and sort's columns, its status): 1 added by the triggers
    # of migration 0014 with each change to it (store.queries.QUEUE_PLACEMENT keys where the groups fall).
    placed: Mapped[int] = mapped_column(BigInteger, server_default="1")
