"""Gunicorn as a library: `converge serve --workers N` runs the app in N forked worker processes.

Each worker builds its own app (and so its own database engine) after the fork, so no connection is
shared between processes. Workers are gthread workers: a few threads each. Background jobs never run
here: they run in queue consumers (`converge worker`, converge.workflow.taskqueue).
"""

from __future__ import annotations

import gc
from collections.abc import Mapping
from typing import Any

from gunicorn.app.base import BaseApplication  # ImportError where gunicorn is absent (Windows)

from converge.core.diff.drugs import load_drug_list
from converge.web import create_app


class _Gunicorn(BaseApplication):
    def __init__(self, config: Mapping[str, Any], options: Mapping[str, Any]) -> None:
        self.app_config = dict(config)
        self.options = dict(options)
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return create_app(self.app_config, from_env=True)


def gunicorn_options(host: str, port: int, workers: int, threads: int) -> dict[str, Any]:
    """The settings `converge serve --workers` uses; README's production command says the same."""
    return {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "gthread",
        "threads": threads,
        "timeout": 120,  # a first view of a group no consumer has compared yet diffs it in the request
        "graceful_timeout": 30,
        "accesslog": None,
        "preload_app": False,
        "on_starting": share_with_workers,
    }


def share_with_workers(server: object = None) -> None:
    """In the master, before the workers fork: load the drug list once and freeze it out of the garbage
    collector's sight, so every worker shares its pages instead of each loading it (5 s of CPU and about
    450 MB) in the first comparison it serves, while that reader waits."""
    load_drug_list()
    gc.freeze()


def run_gunicorn(config: Mapping[str, Any], host: str, port: int, *, workers: int, threads: int) -> None:
    """Serve until interrupted, with `workers` processes of `threads` threads each."""
    _Gunicorn(config, gunicorn_options(host, port, workers, threads)).run()
