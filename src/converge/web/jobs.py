"""A small thread pool per app for background uploads, so no request waits for parsing."""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from flask import Flask, current_app


def init_app(app: Flask) -> None:
    app.extensions["converge_jobs"] = ThreadPoolExecutor(max_workers=2, thread_name_prefix="converge-job")


def submit(fn: Any, *args: Any) -> Future[Any]:
    future: Future[Any] = current_app.extensions["converge_jobs"].submit(fn, *args)
    if current_app.config.get("TESTING") and current_app.config.get("SYNC_JOBS"):
        future.result()  # tests may ask to wait, to check the database afterwards
    return future
