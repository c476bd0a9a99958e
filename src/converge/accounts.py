"""People who sign in, their roles and passwords (hashed with werkzeug's scrypt; never stored plain)."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from converge.errors import ConvergeError, NotFound
from converge.store.models import Trust, User

ROLES = {
    "admin": "Administrator",
    "lead": "Governance lead",
    "reviewer": "Clinical reviewer",
    "viewer": "Viewer / auditor",
}
MIN_PASSWORD = 8
# werkzeug's scrypt by default; tests lower the cost (they create many users), never production code.
HASH_METHOD = "scrypt"


class AccountError(ConvergeError):
    """A user could not be created or changed as asked."""


def create_user(
    session: Session,
    username: str,
    password: str,
    role: str,
    *,
    display_name: str = "",
    trust: str | None = None,
    specialty: str | None = None,
) -> User:
    """Add a user; a governance lead must belong to a trust."""
    username = username.strip().lower()
    if not re.fullmatch(r"[a-z0-9][a-z0-9._@-]{1,99}", username):
        raise AccountError("a username is 2-100 letters, digits, '.', '_', '@' or '-'")
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}; choose one of {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"a password needs at least {MIN_PASSWORD} characters")
    if session.scalar(select(User).where(User.username == username)) is not None:
        raise AccountError(f"user {username!r} already exists")
    trust_row = None
    if trust:
        trust_row = session.scalar(select(Trust).where(Trust.code == trust.upper()))
        if trust_row is None:
            raise NotFound(f"no trust {trust!r}")
    if role == "lead" and trust_row is None:
        raise AccountError("a governance lead needs --trust")
    user = User(
        username=username,
        display_name=display_name or username,
        password_hash=generate_password_hash(password, method=HASH_METHOD),
        role=role,
        trust_id=trust_row.id if trust_row else None,
        specialty=specialty or None,
    )
    session.add(user)
    session.flush()
    return user


def authenticate(session: Session, username: str, password: str) -> User | None:
    """The active user with these credentials, or None (same answer for unknown user and wrong password)."""
    user = session.scalar(select(User).where(User.username == username.strip().lower()))
    if user is None or not user.active:
        # Hash anyway so response time does not reveal whether the username exists.
        check_password_hash(_DUMMY_HASH, password)
        return None
    return user if check_password_hash(user.password_hash, password) else None


_DUMMY_HASH = generate_password_hash("not-a-real-password")
