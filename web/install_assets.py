"""Copy the NHS.UK frontend from web/node_modules into the package's static folder.

Run by `make assets` after `npm ci --prefix web`, and by the package build (hatch_build.py) when the copy
is missing or older than the version pinned in web/package.json, so a wheel always carries it. The UI then
serves every asset itself: the stylesheet's remote Frutiger font URLs are removed (the design system falls
back to Arial, as NHS.UK does offline), and image URLs are rewritten to our static path, so no page makes a
request off the machine. The copy carries the frontend's licence (LICENSE.txt) and its version (VERSION).
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "nhsuk-frontend"


class AssetsError(Exception):
    """The assets cannot be installed; the message says what to run."""


def pinned_version(root: Path = ROOT) -> str:
    """The nhsuk-frontend version web/package.json pins (the one the UI is written against)."""
    manifest = json.loads((root / "web" / "package.json").read_text(encoding="utf-8"))
    return str(manifest["dependencies"][PACKAGE])


def vendor_folder(root: Path = ROOT) -> Path:
    return root / "src" / "converge" / "web" / "static" / "vendor" / "nhsuk"


def installed_version(root: Path = ROOT) -> str | None:
    """The version of the copy in the package's static folder, None when there is none."""
    out = vendor_folder(root)
    needed = ("nhsuk-frontend.min.css", "nhsuk-frontend.min.js", "LICENSE.txt", "VERSION")
    if not all((out / name).is_file() and (out / name).stat().st_size for name in needed):
        return None
    return (out / "VERSION").read_text(encoding="utf-8").strip()


def npm_version(root: Path = ROOT) -> str | None:
    """The version npm installed in web/node_modules, None when it is not installed."""
    manifest = root / "web" / "node_modules" / PACKAGE / "package.json"
    if not manifest.is_file():
        return None
    return str(json.loads(manifest.read_text(encoding="utf-8"))["version"])


def install(root: Path = ROOT) -> Path:
    """Copy the npm package's compiled CSS, JS and images into the static folder; return that folder."""
    package = root / "web" / "node_modules" / PACKAGE
    nhsuk = package / "dist" / "nhsuk"
    if not nhsuk.exists():
        raise AssetsError(f"web/node_modules/{PACKAGE} is missing: run `npm ci --prefix web` first")
    manifest = json.loads((package / "package.json").read_text(encoding="utf-8"))
    version, wanted = str(manifest["version"]), pinned_version(root)
    if version != wanted:
        raise AssetsError(
            f"web/node_modules holds {PACKAGE} {version}, web/package.json pins {wanted}: "
            "run `npm ci --prefix web`"
        )
    if manifest.get("license") != "MIT":
        # web/nhsuk-frontend.LICENSE is the MIT text of its repository (the npm package has no LICENSE file).
        raise AssetsError(
            f"{PACKAGE} {version} declares licence {manifest.get('license')!r}, not MIT: "
            "review web/nhsuk-frontend.LICENSE before shipping it"
        )
    css = (nhsuk / "nhsuk-frontend.min.css").read_text(encoding="utf-8")
    css = re.sub(r"@font-face\{[^}]*https?://[^}]*\}", "", css)
    css = css.replace("url(/assets/images/", "url(images/")
    if re.search(r"url\(\s*['\"]?https?:", css):
        raise AssetsError("nhsuk-frontend.min.css still links a remote URL")
    out = vendor_folder(root)
    if out.exists():
        shutil.rmtree(out)
    (out / "images").mkdir(parents=True)
    (out / "nhsuk-frontend.min.css").write_text(css, encoding="utf-8")
    shutil.copy2(nhsuk / "nhsuk-frontend.min.js", out / "nhsuk-frontend.min.js")
    for image in (nhsuk / "assets" / "images").iterdir():
        shutil.copy2(image, out / "images" / image.name)
    licence = (root / "web" / "nhsuk-frontend.LICENSE").read_text(encoding="utf-8")
    (out / "LICENSE.txt").write_text(
        f"The files in this folder are NHS.UK frontend {version} (https://github.com/nhsuk/nhsuk-frontend),\n"
        "from its npm package, with remote font URLs removed and image URLs made local.\n\n" + licence,
        encoding="utf-8",
    )
    (out / "VERSION").write_text(version + "\n", encoding="utf-8")  # written last: marks a whole copy
    return out


def main() -> int:
    try:
        out = install()
    except AssetsError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"installed NHS.UK frontend assets into {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
