"""Alembic, driven from code: `converge init-db` upgrades the schema to head."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

from converge.store.session import normalise_url

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", normalise_url(url).replace("%", "%%"))
    return cfg


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the database at `url` to `revision` (creating it when empty)."""
    command.upgrade(alembic_config(url), revision)
