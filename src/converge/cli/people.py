"""`converge user add|unlock|password`: the people who sign in to the web UI."""

from __future__ import annotations

import click

from converge.cli.common import db_option, domain_errors, open_store, settings_for
from converge.workflow.accounts import create_user, set_password, unlock_user


@click.group()
def user() -> None:
    """Manage the people who sign in to the web UI."""


@user.command("add")
@click.argument("username")
@click.option("--role", type=click.Choice(["admin", "lead", "reviewer", "viewer"]), required=True)
@click.option("--trust", "trust_code", default=None, help="The lead's own trust (required for --role lead).")
@click.option("--specialty", default=None, help="A reviewer's specialty (default: all).")
@click.option("--name", "display_name", default="", help="Display name.")
@click.option("--email", default=None, help="Where notifications are mailed (when SMTP is set up).")
@click.password_option(envvar="CONVERGE_NEW_PASSWORD", help="Password (prompted when not given).")
@db_option
@domain_errors
def user_add(
    username: str,
    role: str,
    trust_code: str | None,
    specialty: str | None,
    display_name: str,
    email: str | None,
    password: str,
    db_url: str | None,
) -> None:
    """Add a user who can sign in to the web UI."""
    factory = open_store(settings_for(db_url))
    with factory() as session, session.begin():
        u = create_user(
            session,
            username,
            password,
            role,
            display_name=display_name,
            trust=trust_code,
            specialty=specialty,
            email=email,
        )
        click.echo(f"added {u.username} ({role})")


@user.command("unlock")
@click.argument("username")
@db_option
@domain_errors
def user_unlock(username: str, db_url: str | None) -> None:
    """Let an account locked after too many wrong passwords sign in again."""
    factory = open_store(settings_for(db_url))
    with factory() as session, session.begin():
        u = unlock_user(session, username)
        click.echo(f"unlocked {u.username}")


@user.command("password")
@click.argument("username")
@click.password_option(envvar="CONVERGE_NEW_PASSWORD", help="New password (prompted when not given).")
@db_option
@domain_errors
def user_password(username: str, password: str, db_url: str | None) -> None:
    """Set a user's password; every session signed in with the old one ends."""
    factory = open_store(settings_for(db_url))
    with factory() as session, session.begin():
        u = set_password(session, username, password)
        click.echo(f"password changed for {u.username}; their sessions have ended")

