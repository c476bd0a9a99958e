"""Persistence: SQLAlchemy models, sessions, migrations and named queries."""
