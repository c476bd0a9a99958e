"""Blueprint "work": what is waiting for the signed-in person, their notifications, following groups.

The unread count in the header comes from here too (one indexed count per page), and, when a deployment
configures SMTP (docs/settings.md), notifications are mailed after each change a person posts.
"""

from __future__ import annotations

import logging
import smtplib

from flask import Blueprint, Flask, current_app, flash, g, redirect, render_template, request, url_for
from flask_login import current_user

from converge.store.queries import get_group
from converge.web.db import get_session, snapshot_token
from converge.web.ttl import cached
from converge.workflow.actors import Actor
from converge.workflow.mywork import my_work
from converge.workflow.notify import (
    MailSettings,
    follow,
    followed_groups,
    is_following,
    mark_read,
    notifications,
    send_pending,
    unfollow,
    unread_count,
)
from converge.workflow.signoff import Rules

bp = Blueprint("work", __name__)
log = logging.getLogger(__name__)


def _actor() -> Actor:
    u = current_user
    return Actor(u.username, u.role, u.trust, getattr(u, "specialty", None))


@bp.route("/my-work")
def index():
    session = get_session()
    notes = notifications(session, current_user.user_id)
    return render_template(
        "work/index.html",
        work=my_work(session, _actor(), Rules.from_config(current_app.config)),
        notes=notes,
        unread=sum(1 for n in notes if n.read_at is None),
        following=followed_groups(session, current_user.user_id),
    )


@bp.route("/my-work/read", methods=["POST"])
def read():
    """Mark notifications read: one (`id`) or all of them."""
    session = get_session()
    one = request.form.get("id", "")
    n = mark_read(session, current_user.user_id, [int(one)] if one.isdigit() else None)
    session.commit()
    flash(
        "Notification marked as read." if one else f"{n} notification{'s' if n != 1 else ''} marked as read.",
        "success",
    )
    return redirect(url_for("work.index", _anchor="notifications"))


@bp.route("/groups/<int:group_id>/follow", methods=["POST"])
def toggle_follow(group_id: int):
    """Follow or stop following a group (`follow` = 1 or 0)."""
    session = get_session()
    get_group(session, group_id)  # 404 for no such group
    if request.form.get("follow") == "1":
        follow(session, current_user.user_id, group_id)
        message = "You follow this group: its requests, decisions and comments appear in My work."
    else:
        unfollow(session, current_user.user_id, group_id)
        message = "You no longer follow this group."
    session.commit()
    flash(message, "success")
    back = request.form.get("next", "")
    if back != "work":
        return redirect(url_for("review.group", group_id=group_id))
    return redirect(url_for("work.index"))


def _unread() -> int:
    if not current_user.is_authenticated:
        return 0
    if "unread_notifications" in g:  # read with the session check (web.auth.load_user)
        return int(g.unread_notifications)
    return unread_count(get_session(), current_user.user_id)


def _following(group_id: int) -> bool:
    """Whether the reader follows the group: on a GET of the group's pages read by the session check, in its
    round trip (web.auth.load_user); elsewhere on PostgreSQL kept (web.ttl) under the snapshot it was read
    under, so the next commit (their own follow or unfollow among them) is a new key."""
    if not current_user.is_authenticated:
        return False
    read = g.get("following")
    if read is not None and read[0] == group_id:
        return bool(read[1])
    session = get_session()
    snapshot = snapshot_token(session)
    user_id = current_user.user_id
    if snapshot is None:
        return is_following(session, user_id, group_id)
    return cached(
        ("follows", user_id, group_id, snapshot), lambda: is_following(session, user_id, group_id), lasting=True
    )


def init_app(app: Flask) -> None:
    # Globals, not a context processor: the reader's own parts (templates/own.html, web.shared_page) are
    # macros rendered without a page's context.
    app.jinja_env.globals.update(unread_notifications=_unread, is_following=_following)

    @app.after_request
    def mail_notifications(response):
        # Mail after a change is made (a POST that went through), never on reads; a mail server that
        # fails is logged, and what it did not take is sent after the next change.
        if request.method != "POST" or response.status_code >= 400:
            return response
        mail = MailSettings.from_config(app.config)
        if not mail.enabled:
            return response
        session = get_session()
        try:
            send_pending(session, mail)
            session.commit()
        except (OSError, smtplib.SMTPException) as exc:
            session.rollback()
            log.warning("notifications not mailed: %s", exc)
        return response
