"""Upload jobs: the process running a job is recorded; a job whose process has gone shows as interrupted."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

from converge.store.models import UploadJob
from converge.workflow.uploads import job_json, job_phase, process_identity, runner_is_gone


def dead_process_identity() -> str:
    """The identity of a process that has really run on this machine and ended."""
    child = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    identity = process_identity(child.pid)
    child.communicate(b"")
    assert identity is not None
    return identity


def test_this_process_is_alive_and_an_ended_one_is_gone() -> None:
    me = process_identity(os.getpid())
    assert me is not None and me.startswith(socket.gethostname() + "|")
    assert not runner_is_gone(me)
    assert runner_is_gone(dead_process_identity())


def test_a_reused_pid_or_a_reboot_counts_as_gone_and_other_machines_are_not_judged() -> None:
    host, boot, pid, started = process_identity(os.getpid()).split("|")  # type: ignore[union-attr]
    assert runner_is_gone(f"{host}|{boot}|{pid}|{int(started) + 1}")  # same pid, another process
    assert runner_is_gone(f"{host}|another-boot|{pid}|{started}")
    assert not runner_is_gone(f"elsewhere.example|{boot}|{pid}|{started}")
    assert not runner_is_gone(None) and not runner_is_gone("garbage")


def test_only_unfinished_jobs_of_gone_processes_are_interrupted() -> None:
    gone = dead_process_identity()
    running = UploadJob(id="a", phase="parsing", runner=gone, message="", total=3, done=1, results=[])
    assert job_phase(running)[0] == "interrupted"
    assert job_json(running)["finished"] is True
    done = UploadJob(id="b", phase="done", runner=gone, message="", total=3, done=3, results=[])
    assert job_phase(done) == ("done", "")
    alive = UploadJob(id="c", phase="matching", runner=process_identity(os.getpid()), message="")
    assert job_phase(alive) == ("matching", "")
