"""The task queue that carries background jobs to consumer processes (huey).

Two storages, one behaviour: a SQLite file (the default, beside a SQLite database or in instance/, so
`make run` needs no other server; consumers on this machine only) or Redis (`CONVERGE_QUEUE_URL=
redis://host:6379/0`; consumers on any machine that reaches it and the database). `immediate` runs each
job at once in the process that queues it (tests, scripts). The queue only carries a job's id: what the
job is, how far it got and why it failed are in the database (`jobs`, see converge.workflow.jobs), so any web
worker can show it and a job whose consumer died is found and queued again.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from huey import MemoryHuey, RedisHuey, SqliteHuey
from huey.api import Huey
from huey.storage import RedisStorage, SqliteStorage

from converge.core.config import DEFAULT_DB_PATH, Settings

log = logging.getLogger(__name__)
_QUEUES: dict[tuple[str, str], Huey] = {}
_LOCK = threading.Lock()
TASK = "converge.run_job"


def queue_url(settings: Settings) -> str:
    """The queue's storage: as set, else a SQLite file beside a SQLite database, else instance/queue.db."""
    if settings.queue_url.strip():
        return settings.queue_url.strip()
    db = settings.database_url
    if db.startswith("sqlite:///") and not db.startswith("sqlite:///:memory:"):
        return f"sqlite:///{Path(db[len('sqlite:///') :]).with_name('queue.db')}"
    return f"sqlite:///{(DEFAULT_DB_PATH.parent / 'queue.db').resolve()}"


def describe(url: str) -> str:
    """The storage without a password, for messages and logs."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://***@{rest.rsplit('@', 1)[1]}"
    return url


def _build(url: str, name: str) -> Huey:
    if url == "immediate":
        huey: Huey = MemoryHuey(name, immediate=True, results=False)
    elif url.startswith(("redis://", "rediss://", "unix://")):
        huey = RedisHuey(name, url=url, results=False)
    elif url.startswith("sqlite:///"):
        path = Path(url[len("sqlite:///") :])
        path.parent.mkdir(parents=True, exist_ok=True)
        huey = SqliteHuey(name, filename=str(path), results=False)
    else:
        raise ValueError(f"unsupported queue storage {describe(url)!r}: give redis://... or sqlite:///...")
    huey.converge_task = huey.task(name=TASK)(_run_task)
    return huey


def get_queue(settings: Settings) -> Huey:
    """The huey instance for these settings (one per storage and name in a process)."""
    key = (queue_url(settings), settings.queue_name)
    with _LOCK:
        if key not in _QUEUES:
            _QUEUES[key] = _build(*key)
        return _QUEUES[key]


# The database a consumer process works on (set by run_consumer); an immediate queue passes its own.
_CONSUMER: dict[str, Settings] = {}


# The function a consumer runs each job with: converge.workflow.jobs registers it when imported (jobs queue
# their follow-ups through this module, so this module cannot import jobs without a cycle).
_RUNNER: list[Callable[[Settings, str, bool], object]] = []


def run_jobs_with(runner: Callable[[Settings, str, bool], object]) -> None:
    """Name the function that runs a job (settings, job id, pooled): converge.workflow.jobs.run_job."""
    _RUNNER[:] = [runner]


def _run_task(job_id: str, here: dict[str, str] | None = None) -> None:
    """The one task: run a job. `here` (an immediate queue only) names the caller's database and queue;
    a consumer uses its own settings, so no database URL or password travels through the queue."""
    settings = _CONSUMER.get("settings")
    if here is not None:
        settings = Settings(**{**Settings.from_env().__dict__, **here})
    if settings is None:
        raise RuntimeError("this process is not a Converge consumer: start one with `converge worker`")
    if not _RUNNER:
        raise RuntimeError("no job runner registered: import converge.workflow.jobs before running jobs")
    _RUNNER[0](settings, job_id, here is None)


def enqueue(settings: Settings, job_ids: Iterable[str]) -> None:
    """Hand jobs (already committed to the database) to the consumers, in one write to the storage."""
    huey = get_queue(settings)
    if huey.immediate:
        here = {
            "database_url": settings.database_url,
            "queue_url": settings.queue_url,
            "queue_name": settings.queue_name,
        }
        for job_id in job_ids:
            huey.enqueue(huey.converge_task.s(job_id, here))
        return
    messages = [huey.serialize_task(huey.converge_task.s(job_id, None)) for job_id in job_ids]
    _store_all(huey.storage, messages)


def _store_all(storage: Any, messages: list[bytes]) -> None:
    """Put many task messages in the storage at once, in order: one SQLite transaction (a commit per
    message is a disk sync each: 3,000 comparisons took 12 s to queue) or one Redis LPUSH."""
    if not messages:
        return
    if isinstance(storage, SqliteStorage):
        with storage.db(commit=True) as cursor:
            cursor.executemany(
                "insert into task (queue, data, priority) values (?, ?, ?)",
                [(storage.name, storage.to_blob(m), 0) for m in messages],
            )
    elif isinstance(storage, RedisStorage):
        storage.conn.lpush(storage.queue_key, *messages)  # the consumer pops from the other end: FIFO
    else:
        for m in messages:
            storage.enqueue(m)


def pending(settings: Settings) -> int:
    """Jobs waiting in the queue storage (not yet taken by a consumer)."""
    return int(get_queue(settings).pending_count())


def queue_ready(settings: Settings | None = None) -> tuple[bool, str]:
    """(True, "ok") when the queue's storage answers, else (False, why): for a readiness probe."""
    settings = settings or Settings.from_env()
    url = queue_url(settings)
    try:
        huey = get_queue(settings)
        huey.pending_count()
    except Exception as exc:  # noqa: BLE001 - any failure of the storage is "not ready"
        return False, f"task queue {describe(url)} does not answer: {type(exc).__name__}: {exc}"
    return True, "ok"


def become_consumer(settings: Settings) -> Huey:
    """Make this process a consumer of the queue these settings name (its jobs run on their database)."""
    huey = get_queue(settings)
    if huey.immediate:
        raise ValueError("an immediate queue has no consumer: its jobs run where they are queued")
    _CONSUMER["settings"] = settings
    return huey
