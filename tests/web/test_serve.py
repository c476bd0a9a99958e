"""`converge serve --workers N`: the production server (gunicorn) really serves the app on loopback."""

from __future__ import annotations

import gc
import http.client
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from converge.core.diff.drugs import lookup_drugs
from converge.web.server import gunicorn_options, share_with_workers
from tests.net import free_port

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="gunicorn does not run on Windows")


def test_serve_with_workers_runs_gunicorn_processes(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "CONVERGE_SECRET_KEY": "test-secret"}
    command = [
        sys.executable,
        "-m",
        "converge",
        "serve",
        "--port",
        str(port),
        "--workers",
        "2",
        "--threads",
        "2",
        "--db",
        f"sqlite:///{tmp_path / 'serve.db'}",
    ]
    proc = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline, status, body = time.time() + 60, None, b""
        while time.time() < deadline and status != 200:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("GET", "/sign-in")
                response = conn.getresponse()
                status, body = response.status, response.read()
            except OSError:
                time.sleep(0.3)
        assert status == 200 and b"Sign in" in body
    finally:
        proc.send_signal(signal.SIGTERM)
        output = proc.communicate(timeout=30)[0].decode()
    assert "with 2 gunicorn workers" in output and output.count("Booting worker") == 2


def test_the_master_loads_the_drug_list_and_freezes_it_for_the_workers() -> None:
    options = gunicorn_options("127.0.0.1", 8000, workers=3, threads=4)
    assert options["on_starting"] is share_with_workers
    lookup_drugs.cache_clear()
    try:
        share_with_workers()
        assert lookup_drugs.cache_info().currsize == 1  # loaded: the list answered a lookup
        assert gc.get_freeze_count() > 0  # what is loaded now is left out of the workers' collections
    finally:
        gc.unfreeze()
    assert lookup_drugs(("give", "ondansetron"))  # and the workers' lookups find drugs in it
