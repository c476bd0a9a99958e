"""Sign-in (Flask-Login sessions, werkzeug password hashes), CSRF on every form (Flask-WTF), roles."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, Flask, abort, flash, redirect, render_template, request, url_for
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from flask_wtf import CSRFProtect, FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired

from converge.accounts import ROLES, authenticate
from converge.review import Actor
from converge.store.models import User
from converge.web.db import get_session
from converge.web.ttl import cached

bp = Blueprint("auth", __name__)
login_manager = LoginManager()
csrf = CSRFProtect()
PUBLIC_ENDPOINTS = {"auth.login", "static"}


class SignedIn(UserMixin):
    """The signed-in person as the web layer needs them (no ORM object kept across requests)."""

    def __init__(self, user: User):
        self.id = str(user.id)
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
    def require_sign_in():  # type: ignore[no-untyped-def]
        if request.endpoint in PUBLIC_ENDPOINTS or request.endpoint is None:
            return None
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        return None


@login_manager.user_loader
def load_user(user_id: str) -> SignedIn | None:
    """The signed-in person (re-read from the database at most every CACHE_SECONDS per worker)."""

    def read() -> SignedIn | None:
        user = get_session().get(User, int(user_id)) if user_id.isdigit() else None
        return SignedIn(user) if user is not None and user.active else None

    return cached(("user", user_id), read)


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
def login():  # type: ignore[no-untyped-def]
    form = SignInForm()
    if form.validate_on_submit():
        user = authenticate(get_session(), form.username.data or "", form.password.data or "")
        if user is None:
            form.password.errors = ["Username or password is not right"]
        else:
            login_user(SignedIn(user))
            return redirect(_safe_next(request.args.get("next")))
    return render_template("auth/login.html", form=form)


@bp.route("/sign-out", methods=["POST"])
def logout():  # type: ignore[no-untyped-def]
    logout_user()
    flash("You have signed out.")
    return redirect(url_for("auth.login"))
