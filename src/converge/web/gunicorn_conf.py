"""Gunicorn settings for a production server, shipped in the package so an installed wheel has them:

    gunicorn -c python:converge.web.gunicorn_conf 'converge.web:create_app()'

The same worker settings as `converge serve --workers N` (converge.web.server), read from the environment
so a systemd unit or container sets them: CONVERGE_BIND (address, default 127.0.0.1:8000, or
unix:/run/converge/web.sock), CONVERGE_WEB_WORKERS (processes, default 2) and CONVERGE_WEB_THREADS (threads
each, default 6). The master migrates the database and makes the instance secret once before any worker
starts (as `converge serve` does), so workers never race to do either. Access log on standard output;
gunicorn's and the app's messages (CONVERGE_LOG_LEVEL, default INFO) on standard error, in one format: under
systemd both go to the journal.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from converge.web import create_app
from converge.web.db import dispose
from converge.web.server import gunicorn_options, share_with_workers

globals().update(
    gunicorn_options(
        "127.0.0.1",
        8000,
        # 2 x 6 rather than 3 x 4 on two cores: each process keeps and builds its own pages (web.ttl), so a
        # third one rebuilt every page after each commit once more. bench/web.py, four pairs of runs on a
        # shared machine: with writes going on, the pages' p95 was 30-50% lower and the server's CPU about
        # 45% lower in three; in the fourth (other databases on the server committing meanwhile) 0-20% higher.
        workers=int(os.environ.get("CONVERGE_WEB_WORKERS", "2")),
        threads=int(os.environ.get("CONVERGE_WEB_THREADS", "6")),
    )
)
logging.basicConfig(
    level=os.environ.get("CONVERGE_LOG_LEVEL", "INFO").upper(),
    format="[%(asctime)s] [%(process)d] [%(levelname)s] %(name)s: %(message)s",
    datefmt="%Y-%m-%d %H:%M:%S %z",
)
logging.getLogger("alembic").setLevel(logging.WARNING)  # a line per migration step at every start otherwise

bind = [os.environ.get("CONVERGE_BIND", "127.0.0.1:8000")]
accesslog = "-"
errorlog = "-"
control_socket_disable = True  # gunicorn 27's runtime control socket: systemd or the container manages us


def on_starting(server: Any) -> None:
    """In the master, before workers fork: schema to head, instance secret made (workers then skip both), and
    the drug list loaded for the workers to share."""
    dispose(create_app({"AUTO_MIGRATE": True}, from_env=True))
    os.environ["CONVERGE_AUTO_MIGRATE"] = "false"
    share_with_workers(server)
