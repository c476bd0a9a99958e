"""The documentation keeps up with the code: commands in the README, settings in docs/settings.md."""

from pathlib import Path

import click

from converge.cli.main import cli
from converge.core.config import Settings

ROOT = Path(__file__).resolve().parent.parent


def test_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    names = cli.list_commands(click.Context(cli))
    assert len(names) > 10
    for name in names:
        assert f"converge {name}" in readme, name


def test_every_setting_is_documented() -> None:
    doc = (ROOT / "docs" / "settings.md").read_text()
    for name, help_text in Settings.documented().items():
        assert f"`{name}`" in doc and help_text in doc, name


def test_regenerate_switch_is_off_in_ci() -> None:
    import os

    if os.environ.get("CI", "").lower() in ("1", "true"):
        assert not os.environ.get("CONVERGE_REGEN"), "CONVERGE_REGEN must not be set in CI"
