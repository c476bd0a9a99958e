"""Background jobs: claimed once, failures kept with their reason and retried, a killed consumer's job
queued again with nothing half-written; consumers are real `converge worker` processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

import converge.workflow.jobs  # the job module reads compare_documents from its own namespace
from converge.core.config import Settings
from converge.store.models import GroupReview, Job, MatchGroupRow, MatchMember
from converge.workflow.jobrecords import MAX_ATTEMPTS, new_job
from converge.workflow.jobs import reclaim, retry, run_job
from converge.workflow.library import get_or_create_trust, store_document
from tests.web.conftest import make_doc
from tests.workflow.test_uploads import dead_process_identity


def make_pair(factory) -> int:  # type: ignore[no-untyped-def]
    """Two trusts' sepsis policies in one proposed group, not compared yet; the group's id."""
    with factory() as session, session.begin():
        ids = []
        for code, threshold in (("JPUH", "5"), ("NNUH", "7")):
            trust = get_or_create_trust(session, code)
            text = f"Screen adults with a NEWS2 score of {threshold} or more for sepsis."
            doc = make_doc(code, "Sepsis in adults", text, sha=(code.lower() * 40)[:64])
            store_document(session, trust, doc, None)
            ids.append(doc.id)
        group = MatchGroupRow(topic="Sepsis", members=[MatchMember(document_id=d) for d in ids])
        session.add(group)
        session.flush()
        return group.id


def queue_job(factory, kind: str, args: dict) -> str:  # type: ignore[no-untyped-def,type-arg]
    with factory() as session, session.begin():
        return new_job(session, kind, args).id


def job_row(factory, job_id: str) -> Job:  # type: ignore[no-untyped-def]
    with factory() as session:
        job = session.get(Job, job_id)
        assert job is not None
        return job


def test_a_job_runs_once_however_often_it_is_delivered(settings: Settings, session_factory) -> None:
    gid = make_pair(session_factory)
    job_id = queue_job(session_factory, "compare", {"group": gid})
    assert run_job(settings, job_id) == []
    run_job(settings, job_id)  # delivered again: already done, left alone
    job = job_row(session_factory, job_id)
    assert (job.phase, job.attempts) == ("done", 1)
    assert "significant" in job.message
    with session_factory() as session:
        assert session.get(GroupReview, gid) is not None


def test_a_failed_job_keeps_its_reason_and_can_be_retried(
    settings: Settings, session_factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    gid = make_pair(session_factory)
    job_id = queue_job(session_factory, "compare", {"group": gid})

    def broken(*_a, **_k):  # type: ignore[no-untyped-def]
        raise RuntimeError("the diff engine ran out of memory")

    monkeypatch.setattr(converge.workflow.jobs, "compare_documents", broken)
    run_job(settings, job_id)
    job = job_row(session_factory, job_id)
    assert job.phase == "failed" and job.message == "RuntimeError: the diff engine ran out of memory"
    with session_factory() as session:
        assert session.get(GroupReview, gid) is None  # nothing stored
        with pytest.raises(Exception, match="only a failed job"):
            retry(session, queue_job(session_factory, "compare", {"group": gid}))
    monkeypatch.undo()
    with session_factory() as session, session.begin():
        retry(session, job_id)
    run_job(settings, job_id)
    assert job_row(session_factory, job_id).phase == "done"


def test_a_busy_database_queues_the_job_again(
    settings: Settings, session_factory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from sqlalchemy.exc import OperationalError

    gid = make_pair(session_factory)
    job_id = queue_job(session_factory, "compare", {"group": gid})
    real, calls = converge.workflow.jobs.compare_documents, []

    def busy_once(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("UPDATE ...", {}, Exception("database is locked"))
        return real(*args, **kwargs)

    monkeypatch.setattr(converge.workflow.jobs, "compare_documents", busy_once)
    immediate = Settings(database_url=settings.database_url, queue_url="immediate", queue_name="busy")
    run_job(immediate, job_id)  # queued again at once, and run again (the immediate queue)
    job = job_row(session_factory, job_id)
    assert (job.phase, job.attempts, len(calls)) == ("done", 2, 2)


def test_a_job_whose_consumer_died_is_queued_again_then_failed_after_the_last_try(
    settings: Settings, session_factory
) -> None:
    gid = make_pair(session_factory)
    job_id = queue_job(session_factory, "compare", {"group": gid})
    alive = queue_job(session_factory, "compare", {"group": gid})
    with session_factory() as session, session.begin():
        dead, me = session.get_one(Job, job_id), session.get_one(Job, alive)
        dead.phase, dead.runner, dead.attempts = "running", dead_process_identity(), 1
        from converge.workflow.uploads import process_identity

        me.phase, me.runner, me.attempts = "running", process_identity(os.getpid()), 1
    assert reclaim(settings) == [job_id]
    assert job_row(session_factory, job_id).phase == "queued"
    assert job_row(session_factory, alive).phase == "running"  # its process is alive: left alone
    with session_factory() as session, session.begin():
        dead = session.get_one(Job, job_id)
        dead.phase, dead.runner, dead.attempts = "running", dead_process_identity(), MAX_ATTEMPTS
    assert reclaim(settings) == []
    job = job_row(session_factory, job_id)
    assert job.phase == "failed" and "stopped 3 times" in job.message


# --- real consumers -------------------------------------------------------------------------------------


def wait_until(check: Callable[[], bool], seconds: float = 90.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise AssertionError("timed out")


@pytest.fixture
def consumers(db_url: str) -> Iterator[Callable[..., subprocess.Popen[bytes]]]:
    """Start `converge worker` processes on the test database; all are stopped afterwards."""
    started: list[subprocess.Popen[bytes]] = []

    def start(queue_url: str, queue_name: str, **env: str) -> subprocess.Popen[bytes]:
        environ = {
            **os.environ,
            "CONVERGE_DATABASE_URL": db_url,
            "CONVERGE_QUEUE_URL": queue_url,
            "CONVERGE_QUEUE_NAME": queue_name,
            **env,
        }
        process = subprocess.Popen(
            [sys.executable, "-m", "converge", "worker"],
            env=environ,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def test_a_killed_consumers_job_is_retried_and_nothing_is_half_written(
    db_url: str, settings: Settings, session_factory, consumers, tmp_path: Path
) -> None:
    from converge.workflow.taskqueue import enqueue

    queue = Settings(database_url=db_url, queue_url=f"sqlite:///{tmp_path / 'queue.db'}", queue_name="t")
    gid = make_pair(session_factory)
    job_id = queue_job(session_factory, "compare", {"group": gid})
    marker = tmp_path / "at-commit"
    first = consumers(queue.queue_url, "t", CONVERGE_FAILPOINT=f"before-commit:{marker}")
    enqueue(queue, [job_id])
    # The consumer has compared the group and written the comparison, in a transaction not yet committed.
    wait_until(marker.exists)
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=20)
    job = job_row(session_factory, job_id)
    assert (job.phase, job.attempts) == ("running", 1)
    with session_factory() as session:
        assert session.get(GroupReview, gid) is None
        assert not (session.get_one(MatchGroupRow, gid).diff_summary or {})
    # Another consumer starting sees that the first one's process is gone and runs the job again.
    consumers(queue.queue_url, "t")
    wait_until(lambda: job_row(session_factory, job_id).phase in ("done", "failed"))
    job = job_row(session_factory, job_id)
    assert (job.phase, job.attempts) == ("done", 2), job.message
    with session_factory() as session:
        assert session.get_one(GroupReview, gid).fingerprint
        assert "significant_keys" in session.get_one(MatchGroupRow, gid).diff_summary


def redis_url() -> str:
    """A Redis database for this test run; in CI a missing Redis is a failure, not a skip."""
    import redis

    url = os.environ.get("CONVERGE_TEST_REDIS_URL", "redis://127.0.0.1:6379/11")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except Exception as exc:  # noqa: BLE001 - any connection failure
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"Redis not reachable at {url}: {exc}")
        pytest.skip(f"Redis not reachable at {url} (fails in CI): {exc}")
    return url


def test_two_consumers_share_the_work_through_redis(db_url: str, session_factory, consumers) -> None:
    from converge.workflow.taskqueue import enqueue, queue_ready

    url, name = redis_url(), f"test-{uuid.uuid4().hex[:10]}"  # a queue of its own: parallel runs never mix
    queue = Settings(database_url=db_url, queue_url=url, queue_name=name)
    assert queue_ready(queue) == (True, "ok")
    gid = make_pair(session_factory)
    ids = [queue_job(session_factory, "compare", {"group": gid}) for _ in range(6)]
    consumers(url, name)
    consumers(url, name)
    enqueue(queue, ids)
    wait_until(lambda: all(job_row(session_factory, j).phase in ("done", "failed") for j in ids))
    jobs = [job_row(session_factory, j) for j in ids]
    assert {(j.phase, j.attempts) for j in jobs} == {("done", 1)}, [j.message for j in jobs]
    # One of them compared the group; the others found its comparison current.
    assert sum(j.message == "already compared" for j in jobs) >= 4
    import redis

    client = redis.Redis.from_url(url)
    for key in client.scan_iter(f"huey*{name}*"):  # leave the shared server as found
        client.delete(key)


def test_queue_ready_names_the_storage_that_does_not_answer(tmp_path: Path) -> None:
    from converge.workflow.taskqueue import queue_ready

    assert queue_ready(Settings(queue_url=f"sqlite:///{tmp_path / 'q.db'}")) == (True, "ok")
    ready, why = queue_ready(Settings(queue_url="redis://127.0.0.1:1/0", queue_name=uuid.uuid4().hex))
    assert not ready and "redis://127.0.0.1:1/0" in why and "does not answer" in why
    ready, why = queue_ready(Settings(queue_url="amqp://elsewhere"))
    assert not ready and "unsupported" in why


def test_the_default_queue_sits_beside_a_sqlite_database(tmp_path: Path) -> None:
    from converge.workflow.taskqueue import queue_url

    assert (
        queue_url(Settings(database_url=f"sqlite:///{tmp_path / 'c.db'}"))
        == f"sqlite:///{tmp_path / 'queue.db'}"
    )
    assert queue_url(Settings(database_url="postgresql://x@db/c")).endswith("instance/queue.db")


@pytest.mark.parametrize("storage", ["sqlite", "redis"])
def test_many_jobs_are_queued_in_one_write_and_taken_in_order(
    storage: str, tmp_path: Path, session_factory
) -> None:
    """A full re-match queues thousands of comparisons at once: all arrive, first queued first taken."""
    from converge.workflow.jobrecords import new_jobs
    from converge.workflow.taskqueue import enqueue, get_queue

    name = f"test-{uuid.uuid4().hex[:10]}"
    url = redis_url() if storage == "redis" else f"sqlite:///{tmp_path / 'queue.db'}"
    queue = Settings(database_url="sqlite://", queue_url=url, queue_name=name)
    with session_factory() as session, session.begin():
        ids = new_jobs(session, "compare", [{"group": n} for n in range(120)], actor="test")
    with session_factory() as session:
        rows = {j.id: j for j in session.scalars(select(Job).where(Job.id.in_(ids)))}
    assert [rows[i].args for i in ids] == [{"group": n} for n in range(120)]
    assert {(j.kind, j.phase, j.actor) for j in rows.values()} == {("compare", "queued", "test")}
    enqueue(queue, ids)
    huey = get_queue(queue)
    taken = []
    while (task := huey.dequeue()) is not None:
        taken.append(task.args[0])
    assert taken == ids
    if storage == "redis":
        import redis

        client = redis.Redis.from_url(url)
        for key in client.scan_iter(f"huey*{name}*"):
            client.delete(key)


def test_a_consumer_yields_the_cpu_to_the_web_server(consumers, tmp_path: Path) -> None:
    """`converge worker` (also the one `converge serve` starts) lowers its CPU priority by worker_nice."""
    mine = os.getpriority(os.PRIO_PROCESS, 0)
    process = consumers(f"sqlite:///{tmp_path / 'queue.db'}", "nice")
    wait_until(lambda: os.getpriority(os.PRIO_PROCESS, process.pid) == min(19, mine + 10), 30)


@pytest.mark.parametrize("nice", [0, 10])
def test_worker_nice_lowers_the_priority_by_that_much(nice: int) -> None:
    code = (
        "import os; from converge.cli.jobs import lower_priority; before = os.getpriority(os.PRIO_PROCESS, 0); "
        f"lower_priority({nice}); print(os.getpriority(os.PRIO_PROCESS, 0) - before)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert int(out) == (min(19 - os.getpriority(os.PRIO_PROCESS, 0), nice))
