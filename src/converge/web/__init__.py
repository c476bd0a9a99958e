"""The review web app: an application factory, blueprints, and nothing domain-specific in views."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

from converge.core.config import default_database_url
from converge.workflow import notify

DEFAULTS: dict[str, Any] = {
    "DATABASE_URL": None,  # default: the SQLite file the CLI uses
    "MAX_CONTENT_LENGTH": 200 * 1024 * 1024,  # largest upload request
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_HTTPONLY": True,
    "WTF_CSRF_TIME_LIMIT": None,  # tokens live as long as the session
    "QUEUE_URL": "",  # task queue storage (docs/settings.md queue_url); "" = SQLite file beside the database
    "QUEUE_NAME": "converge",
    "CACHE_SECONDS": 5,  # how long a worker keeps rows that rarely change (see converge.web.ttl)
    "COMPARE_SLOTS": 1,  # groups a worker process compares in requests at once (see converge.web.comparing)
    "SIGNIN_MAX_FAILURES": 10,  # wrong passwords in a row that lock an account (an admin unlocks it)
    "SIGNIN_ADDRESS_FAILURES": 20,  # failed sign-ins from one address in the window before it is refused
    "SIGNIN_ADDRESS_WINDOW": 900,  # seconds
    "TRUSTED_PROXIES": 0,  # reverse proxies in front whose X-Forwarded-For/-Proto/-Host are believed
    "MAIL_SMTP_HOST": "",  # empty: notifications are not mailed (docs/settings.md)
    "MAIL_SMTP_PORT": 25,
    "MAIL_FROM": "converge@localhost",
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

    # The app factory: the blueprints import converge.web's modules, so they load when the app is built.
    from converge.web import auth, db, errors, forms, health, jobs, shared_page
    from converge.web.views import admin, draft, library, matching, national, reports, review, work

    notify.install()
    db.init_app(app)
    auth.init_app(app)
    shared_page.init_app(app)  # (after auth's CSRF set-up)
    errors.init_app(app)
    forms.init_app(app)
    jobs.init_app(app)
    health.init_app(app)
    work.init_app(app)
    app.register_blueprint(auth.bp)
    app.register_blueprint(work.bp)
    app.register_blueprint(review.bp)
    app.register_blueprint(matching.bp)
    app.register_blueprint(admin.bp, url_prefix="/admin")
    app.register_blueprint(library.bp, url_prefix="/library")
    app.register_blueprint(reports.bp, url_prefix="/reports")
    app.register_blueprint(draft.bp, url_prefix=draft.URL_PREFIX)
    app.register_blueprint(jobs.bp, url_prefix="/jobs")
    app.register_blueprint(national.bp, url_prefix="/national")
    _add_security_headers(app)
    _trust_proxies(app, int(app.config["TRUSTED_PROXIES"] or 0))
    return app


def _trust_proxies(app: Flask, hops: int) -> None:
    """Behind `hops` reverse proxies, take the client's address, scheme and host from their X-Forwarded-*
    headers (the sign-in throttle counts the real address; the app sees https). With none in front
    those headers are ignored, since any client could forge them."""
    if hops > 0:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]


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
    def headers(response):
        # Everything is served from this origin: scripts and styles from /static, nothing inline.
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
        )
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response
