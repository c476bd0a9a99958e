"""Sign-in (Flask-Login sessions, werkzeug password hashes), CSRF on every form (Flask-WTF), roles."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from flask_wtf import CSRFProtect, FlaskForm
from sqlalchemy import bindparam, exists, func, select
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired

from converge.store.models import GroupFollow, Notification, User
from converge.store.queries import GROUP_VERSION, QUEUE_PLACEMENT, QUEUE_VERSION
from converge.web.db import SNAPSHOT, get_session, reads_only, reads_snapshot
from converge.web.ttl import cached
from converge.workflow.accounts import ROLES, SignInRefused, revoke_sessions, sign_in
from converge.workflow.actors import Actor

bp = Blueprint("auth", __name__)
login_manager = LoginManager()
csrf = CSRFProtect()
PUBLIC_ENDPOINTS = {"auth.login", "static", "health.healthz", "health.readyz"}  # no sign-in


class SignedIn(UserMixin):
    """The signed-in person as the web layer needs them (no ORM object kept across requests)."""

    def __init__(self, user: User):
        # The session carries the user's auth version: sign-out and a password change bump it, so a
        # cookie copied before then is refused (checked on every request, see load_user).
        self.id = f"{user.id}:{user.auth_version}"
        self.user_id = user.id
        self.username = user.username
        self.display_name = user.display_name or user.username
        self.role = user.role
        self.trust = user.trust.code if user.trust else None
        self.specialty = user.specialty

    @property
    def role_label(self) -> str:
        return ROLES.get(self.role, self.role)

    def actor(self) -> Actor:
        return Actor(self.username, self.role, self.trust)

    def can_edit_trust(self, trust_code: str) -> bool:
        """Admins edit every trust's library; a governance lead only their own."""
        return self.role == "admin" or (self.role == "lead" and self.trust == trust_code)


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Sign in to use Converge."
    csrf.init_app(app)

    @app.before_request
    def require_sign_in():
        if request.endpoint in PUBLIC_ENDPOINTS or request.endpoint is None:
            return None
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        return None

    @app.after_request
    def no_store(response):
        # Pages hold patients' clinical policies and people's decisions: no copy kept by a browser or proxy.
        if request.endpoint != "static":
            response.headers["Cache-Control"] = "no-store"
        return response


@login_manager.user_loader
def load_user(session_id: str) -> SignedIn | None:
    """The signed-in person, if the session's auth version is still the user's (one small query per
    request, so a revoked session ends at once in every worker); the rest is re-read at most every
    CACHE_SECONDS per worker."""
    user_id, _, version = session_id.partition(":")
    if not (user_id.isdigit() and version.isdigit()):
        return None  # a cookie from before sessions carried a version
    session = get_session()
    with_snapshot = reads_snapshot(session)  # a GET's snapshot on PostgreSQL, read in the same round trip
    # A GET of one group's pages: the group's data version too (web.views.review.group keeps its page under
    # it), and whether the reader follows the group (the page's follow button, web.views.work._following).
    group_id = (request.view_args or {}).get("group_id") if reads_only(session) else None
    with_version = isinstance(group_id, int)
    # A GET of the work queue: the queue's data version (web.views.review.queue keeps the queue under it).
    with_queue = request.endpoint == "review.queue" and reads_only(session)
    live = session.execute(
        _LIVE_WITH[with_snapshot, with_version, with_queue], {"id": int(user_id), "group_id": group_id}
    ).first()
    if live is None or not live.active or live.auth_version != int(version):
        return None
    if with_snapshot:
        g.snapshot_token = live.snapshot
    if with_queue:
        g.queue_version = (int(live.placed), int(live.listed))
    if with_version:
        g.group_version = (group_id, (live.own, live.every))
        g.following = (group_id, live.following)
    if request.method in ("GET", "HEAD"):  # read with it, in the same round trip: the header's count
        g.unread_notifications = live.unread

    def read() -> SignedIn | None:
        user = get_session().get(User, int(user_id))
        return SignedIn(user) if user is not None and user.active else None

    return cached(("user", session_id), read)


# Whether the session still stands, and (one round trip, not two: every page shows it) how many of the
# person's notifications are unread (workflow.notify.unread_count, read here as a subquery).
_LIVE = select(
    User.active,
    User.auth_version,
    select(func.count(Notification.id))
    .where(Notification.user_id == User.id, Notification.read_at.is_(None))
    .scalar_subquery()
    .label("unread"),
).where(User.id == bindparam("id"))
_FOLLOWING = (
    exists().where(GroupFollow.user_id == User.id, GroupFollow.group_id == bindparam("group_id")).label("following")
)
_LIVE_WITH = {  # (with the snapshot, a group's version, the queue's): web.db.snapshot_token, group_version_of,
    # queue_version_of
    (snapshot, version, queue): _LIVE.add_columns(
        *((SNAPSHOT,) if snapshot else ()),
        *((*GROUP_VERSION, _FOLLOWING) if version else ()),
        *((QUEUE_PLACEMENT, QUEUE_VERSION) if queue else ()),
    )
    for snapshot in (False, True)
    for version in (False, True)
    for queue in (False, True)
}


def require_role(*roles: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Refuse (403) anyone whose role is not one of `roles`."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if current_user.role not in roles:
                abort(
                    403, description=f"This needs one of these roles: {', '.join(ROLES[r] for r in roles)}."
                )
            return view(*args, **kwargs)

        return wrapped

    return decorator


class SignInForm(FlaskForm):
    username = StringField("Username", validators=[DataRequired()])
    password = PasswordField("Password", validators=[DataRequired()])


def _safe_next(target: str | None) -> str:
    # Only local paths: an open redirect would let a phishing link borrow our sign-in page.
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("review.queue")


@bp.route("/sign-in", methods=["GET", "POST"])
def login():
    form = SignInForm()
    if form.validate_on_submit():
        session = get_session()
        config = current_app.config
        try:
            user = sign_in(
                session,
                form.username.data or "",
                form.password.data or "",
                request.remote_addr or "-",
                max_failed=config["SIGNIN_MAX_FAILURES"],
                address_failures=config["SIGNIN_ADDRESS_FAILURES"],
                window=timedelta(seconds=config["SIGNIN_ADDRESS_WINDOW"]),
            )
        except SignInRefused as refused:
            session.commit()  # the failure counts stay counted
            form.password.errors = [str(refused)]
            return render_template("auth/login.html", form=form), 429 if refused.throttled else 200
        session.commit()
        login_user(SignedIn(user))
        return redirect(_safe_next(request.args.get("next")))
    return render_template("auth/login.html", form=form)


@bp.route("/sign-out", methods=["POST"])
def logout():
    # Server-side: the account's auth version moves on, so this cookie (and any copy of it) is refused.
    session = get_session()
    revoke_sessions(session, current_user.user_id)
    session.commit()
    logout_user()
    flash("You have signed out.")
    return redirect(url_for("auth.login"))
