"""Build hook: every wheel and sdist carries the NHS.UK frontend assets, or the build fails.

The assets (src/converge/web/static/vendor, git-ignored) come from the npm package pinned in
web/package.json. From a checkout they are copied in by web/install_assets.py, after `npm ci --prefix web`
when web/node_modules lacks them; an sdist holds them already, so building its wheel needs no npm and no
network. A build that would ship pages without their styles stops here with what to run.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


def _assets_module(root: Path):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "converge_install_assets", root / "web" / "install_assets.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class FrontendAssetsHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name == "wheel" and version == "editable":
            return  # a developer's editable install serves the checkout's folder (`make assets`)
        root = Path(self.root)
        assets = _assets_module(root)
        wanted = assets.pinned_version(root)
        if assets.installed_version(root) == wanted:
            return
        if assets.npm_version(root) != wanted:
            npm = shutil.which("npm")
            if npm is None or not (root / "web" / "package-lock.json").is_file():
                raise RuntimeError(
                    f"The NHS.UK frontend assets ({assets.PACKAGE} {wanted}) are not in "
                    "src/converge/web/static/vendor and npm is not available to fetch them: run "
                    "`make assets` in a checkout, or build from an sdist that holds them. Refusing to build "
                    "a package whose pages would have no styles."
                )
            self.app.display_info(f"fetching {assets.PACKAGE} {wanted} with npm ci")
            subprocess.run(
                [npm, "ci", "--prefix", str(root / "web"), "--no-audit", "--no-fund", "--loglevel=error"],
                check=True,
            )
        try:
            out = assets.install(root)
        except assets.AssetsError as exc:
            raise RuntimeError(f"cannot install the NHS.UK frontend assets: {exc}") from exc
        self.app.display_info(f"installed {assets.PACKAGE} {wanted} into {out.relative_to(root)}")
