"""The review web app: an application factory, blueprints, and nothing domain-specific in views."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

from converge.config import default_database_url

DEFAULTS: dict[str, Any] = {
    "DATABASE_URL": None,  # default: the SQLite file the CLI uses
    "MAX_CONTENT_LENGTH": 200 * 1024 * 1024,  # largest upload request
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_HTTPONLY": True,
    "WTF_CSRF_TIME_LIMIT": None,  # tokens live as long as the session
    "UPLOAD_WORKERS": 1,
    "CACHE_SECONDS": 5,  # how long a worker keeps rows that rarely change (see converge.web.ttl)
    "SIGNIN_MAX_FAILURES": 10,  # wrong passwords in a row that lock an account (an admin unlocks it)
    "SIGNIN_ADDRESS_FAILURES": 20,  # failed sign-ins from one address in the window before it is refused
    "SIGNIN_ADDRESS_WINDOW": 900,  # seconds
}


def create_app(test_config: Mapping[str, Any] | None = None, *, from_env: bool = False) -> Flask:
    """Create the review web app. Pass test_config to bypass the instance config file."""
    app = Flask(__name__, instance_path=str(Path("instance").resolve()), instance_relative_config=True)
    app.config.from_mapping(DEFAULTS)
    if test_config is None or from_env:
        app.config.from_pyfile("config.py", silent=True)
        app.config.from_prefixed_env("CONVERGE")  # CONVERGE_DATABASE_URL, CONVERGE_SECRET_KEY, ...
    if test_config is not None:
        app.config.update(test_config)
    app.config["DATABASE_URL"] = app.config.get("DATABASE_URL") or default_database_url()
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(Path(app.instance_path))
    app.config.setdefault("SESSION_COOKIE_SECURE", app.config.get("PREFERRED_URL_SCHEME") == "https")

    from converge.web import auth, db, errors, jobs
    from converge.web.views import draft, library, national, reports, review

    db.init_app(app)
    auth.init_app(app)
    errors.init_app(app)
    jobs.init_app(app)
    app.register_blueprint(auth.bp)
    app.register_blueprint(review.bp)
    app.register_blueprint(library.bp, url_prefix="/library")
    app.register_blueprint(reports.bp, url_prefix="/reports")
    app.register_blueprint(draft.bp, url_prefix=draft.URL_PREFIX)
    app.register_blueprint(national.bp, url_prefix="/national")
    _add_security_headers(app)
    return app


def _instance_secret(folder: Path) -> str:
    """A random secret kept in the instance folder, so sessions survive restarts without a shipped key."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def _add_security_headers(app: Flask) -> None:
    @app.after_request
    def headers(response):  # type: ignore[no-untyped-def]
        # Everything is served from this origin: scripts and styles from /static, nothing inline.
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
        )
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response
