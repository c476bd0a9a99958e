"""People who sign in, their roles and passwords (hashed with werkzeug's scrypt; never stored plain)."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from converge.core.errors import ConvergeError, NotFound
from converge.store.models import SignInFailure, Trust, User, utcnow

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


class SignInRefused(ConvergeError):
    """A sign-in refused: wrong credentials, a locked account, or too many failures from one address."""

    def __init__(self, message: str, *, throttled: bool = False):
        super().__init__(message)
        self.throttled = throttled


# Sign-in limits (the web app may override them; see docs/settings.md).
MAX_FAILED_SIGNINS = 10  # wrong passwords in a row before an account locks until an admin unlocks it
ADDRESS_FAILURES = 20  # failed sign-ins from one address within ADDRESS_WINDOW before it is refused
ADDRESS_WINDOW = timedelta(minutes=15)
WRONG = "Username or password is not right"
LOCKED = "This account is locked after too many wrong passwords; an administrator can unlock it"
THROTTLED = "Too many failed sign-ins from your address; wait 15 minutes and try again"


def create_user(
    session: Session,
    username: str,
    password: str,
    role: str,
    *,
    display_name: str = "",
    trust: str | None = None,
    specialty: str | None = None,
    email: str | None = None,
) -> User:
    """Add a user; a governance lead must belong to a trust. `email` is where notifications are mailed."""
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
        email=(email or "").strip() or None,
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


def sign_in(
    session: Session,
    username: str,
    password: str,
    address: str,
    *,
    max_failed: int = MAX_FAILED_SIGNINS,
    address_failures: int = ADDRESS_FAILURES,
    window: timedelta = ADDRESS_WINDOW,
) -> User:
    """The user these credentials sign in, or SignInRefused; the caller commits either way.

    Two throttles, both kept in the database so every worker sees them: an address with too many recent
    failures is refused before any password is checked, and an account locks after `max_failed` wrong
    passwords in a row (the right password is then refused too) until an administrator unlocks it.
    """
    name = username.strip().lower()[:100]
    address = (address or "-")[:64]
    since = utcnow() - window
    recent = session.scalar(
        select(func.count(SignInFailure.id)).where(SignInFailure.address == address, SignInFailure.at > since)
    )
    if (recent or 0) >= address_failures:
        raise SignInRefused(THROTTLED, throttled=True)
    user = session.scalar(select(User).where(User.username == name))
    if user is not None and user.locked_at is not None:
        check_password_hash(_DUMMY_HASH, password)  # same cost as any other answer
        raise SignInRefused(LOCKED)
    found = authenticate(session, name, password)
    if found is not None:
        if found.failed_signins:
            found.failed_signins = 0
        return found
    session.add(SignInFailure(address=address, username=name))
    if user is not None and user.active:
        # Counted in the database, not in Python, so racing guesses are all counted.
        session.execute(update(User).where(User.id == user.id).values(failed_signins=User.failed_signins + 1))
        session.refresh(user)
        if user.failed_signins >= max_failed:
            user.locked_at = utcnow()
    session.flush()
    raise SignInRefused(WRONG)


def _user(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == username.strip().lower()))
    if user is None:
        raise NotFound(f"no user {username!r}")
    return user


def unlock_user(session: Session, username: str) -> User:
    """Let a locked account sign in again (an administrator's act, after checking with its owner)."""
    user = _user(session, username)
    user.locked_at = None
    user.failed_signins = 0
    session.flush()
    return user


def set_password(session: Session, username: str, password: str) -> User:
    """Change a password; every session signed in with the old one ends."""
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"a password needs at least {MIN_PASSWORD} characters")
    user = _user(session, username)
    user.password_hash = generate_password_hash(password, method=HASH_METHOD)
    revoke_sessions(session, user.id)
    return user


def revoke_sessions(session: Session, user_id: int) -> None:
    """End every session of this user: their cookies carry the old auth version, refused from now on."""
    session.execute(update(User).where(User.id == user_id).values(auth_version=User.auth_version + 1))
    session.flush()


_DUMMY_HASH = generate_password_hash("not-a-real-password")
