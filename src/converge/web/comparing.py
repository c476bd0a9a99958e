"""A group no consumer has compared yet: compared in the request when this worker has a slot free, else
its page is shown at once without the comparison and static/js/comparing.js asks for it until it is stored.

A comparison costs 100-300 ms of CPU. When many people open uncompared groups at once (after a large
upload, say), each request diffing its group meant every one of those pages, and every other page the
server was serving, waited for all of them: 20 at once on two cores took 1-5 s each (bench/web.py). So a
worker process compares at most COMPARE_SLOTS groups at a time (default 1); a page that finds no slot free
shows the group (status, documents, evidence, comments) and says that its documents are being compared,
never a count or a difference it does not have. Asking again (the script, or a reload) compares it as soon
as a slot is free, and the first comparison made is stored for every later reader.
"""

from __future__ import annotations

import threading

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from converge.store.models import GroupReview
from converge.store.queries import get_group
from converge.workflow.comparison.differences import ReviewData
from converge.workflow.comparison.stored import group_review

_LOCK = threading.Lock()


def _slots() -> threading.BoundedSemaphore:
    """This worker's comparison slots (one semaphore per app, so a test's app sets its own)."""
    with _LOCK:
        slots = current_app.extensions.get("converge_compare_slots")
        if slots is None:
            slots = threading.BoundedSemaphore(max(0, int(current_app.config.get("COMPARE_SLOTS", 1))))
            current_app.extensions["converge_compare_slots"] = slots
        return slots


def compare_if_free(session: Session, group_id: int, key: str) -> ReviewData | None:
    """The group's comparison under `key`, computed and stored now if a slot is free; None if every slot
    of this worker is busy comparing (the caller shows the page without it)."""
    slots = _slots()
    if not slots.acquire(blocking=False):
        return None
    try:
        return group_review(session, get_group(session, group_id), key=key)
    finally:
        slots.release()


def is_stored(session: Session, group_id: int, key: str) -> bool:
    """Whether the group's comparison under `key` is stored (one indexed read, no payload)."""
    found = session.execute(
        select(GroupReview.group_id).where(GroupReview.group_id == group_id, GroupReview.fingerprint == key)
    ).first()
    return found is not None
