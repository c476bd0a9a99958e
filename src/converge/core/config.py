"""Settings: one frozen dataclass, built once at the edge and passed into domain calls."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path

DEFAULT_DB_PATH = Path("instance") / "converge.db"


def default_database_url() -> str:
    return f"sqlite:///{DEFAULT_DB_PATH.resolve()}"


@dataclass(frozen=True)
class Settings:
    """Every tunable of Converge, with its default and a help string (see docs/settings.md)."""

    database_url: str = field(
        default_factory=default_database_url,
        metadata={"help": "SQLAlchemy URL; SQLite file by default, postgresql+psycopg://... for a server"},
    )
    max_file_bytes: int = field(
        default=50 * 1024 * 1024, metadata={"help": "largest single file accepted for ingest"}
    )
    max_archive_bytes: int = field(
        default=500 * 1024 * 1024,
        metadata={"help": "largest total uncompressed size of a zip archive's members"},
    )
    max_archive_members: int = field(default=5000, metadata={"help": "most files accepted from one zip"})
    max_compression_ratio: int = field(
        default=200, metadata={"help": "a zip member expanding more than this many times is a bomb"}
    )
    max_pdf_pages: int = field(default=1000, metadata={"help": "longest PDF accepted, in pages"})
    workers: int = field(default=0, metadata={"help": "parser processes; 0 means one per CPU core"})
    libreoffice: str = field(
        default="soffice", metadata={"help": "LibreOffice executable for .doc/.rtf/.odt conversion"}
    )
    parse_memory_mb: int = field(
        default=2048,
        metadata={
            "help": "address space of one parser process (RLIMIT_AS), in MB; past it a file is rejected"
        },
    )
    parse_timeout: int = field(
        default=300, metadata={"help": "seconds one file may take to parse before its process is ended"}
    )
    max_inflated_stream_mb: int = field(
        default=256, metadata={"help": "most MB one compressed PDF stream or DOCX part may expand to"}
    )
    max_inflated_document_mb: int = field(
        default=512, metadata={"help": "most MB all of one document's compressed streams may expand to"}
    )
    converter_timeout: int = field(
        default=120, metadata={"help": "seconds allowed for one LibreOffice conversion"}
    )
    draft_agreement: str = field(
        default="all_decided",
        metadata={
            "help": "all_decided: a draft is agreed only when every significant difference has a decision; "
            "reviewer: on a reviewer's judgement"
        },
    )
    approval: str = field(
        default="every_trust",
        metadata={
            "help": "every_trust: approval needs a sign-off from a lead of every member trust (or an "
            "administrator's recorded override); any_lead: one lead approves"
        },
    )

    queue_url: str = field(
        default="",
        metadata={
            "help": "task queue storage: empty for a SQLite file beside the database (instance/queue.db), "
            "redis://host:6379/0 for Redis (consumers on several machines), immediate to run jobs at once "
            "in the process that queues them"
        },
    )
    queue_name: str = field(
        default="converge",
        metadata={"help": "name of the queue in its storage (two deployments sharing one Redis differ)"},
    )
    worker_nice: int = field(
        default=10,
        metadata={
            "help": "how much a queue consumer (`converge worker`, also the one `converge serve` starts) lowers "
            "its CPU priority, so background jobs yield to web pages on a shared machine; 0 keeps it"
        },
    )
    job_stale_seconds: int = field(
        default=1800,
        metadata={
            "help": "a running job whose consumer (on another machine) has not reported for this long is "
            "queued again; on the same machine a dead consumer is seen at once"
        },
    )

    @classmethod
    def from_env(cls, prefix: str = "CONVERGE_", **overrides: object) -> Settings:
        """Build settings from CONVERGE_* environment variables, then explicit overrides."""
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = os.environ.get(prefix + f.name.upper())
            if raw is None:
                continue
            values[f.name] = int(raw) if f.type in ("int", int) else raw
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]

    @staticmethod
    def documented() -> dict[str, str]:
        """Name -> help of every setting (used by docs and a test that they are documented)."""
        return {f.name: f.metadata.get("help", "") for f in fields(Settings)}
