"""Blueprints: library, review, reports."""
