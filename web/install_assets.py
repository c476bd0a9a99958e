"""Copy the NHS.UK frontend from web/node_modules into the package's static folder.

Run by `make install` after `npm ci --prefix web`. The UI then serves every asset itself: the stylesheet's
remote Frutiger font URLs are removed (the design system falls back to Arial, as NHS.UK does offline), and
image URLs are rewritten to our static path, so no page makes a request off the machine.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULES = ROOT / "web" / "node_modules"
STATIC = ROOT / "src" / "converge" / "web" / "static" / "vendor"


def main() -> int:
    nhsuk = MODULES / "nhsuk-frontend" / "dist" / "nhsuk"
    if not nhsuk.exists():
        print("web/node_modules/nhsuk-frontend is missing: run `npm ci --prefix web` first", file=sys.stderr)
        return 1
    out = STATIC / "nhsuk"
    if out.exists():
        shutil.rmtree(out)
    (out / "images").mkdir(parents=True)
    css = (nhsuk / "nhsuk-frontend.min.css").read_text(encoding="utf-8")
    css = re.sub(r"@font-face\{[^}]*https?://[^}]*\}", "", css)
    css = css.replace("url(/assets/images/", "url(images/")
    if re.search(r"url\(\s*['\"]?https?:", css):
        print("nhsuk-frontend.min.css still links a remote URL", file=sys.stderr)
        return 1
    (out / "nhsuk-frontend.min.css").write_text(css, encoding="utf-8")
    shutil.copy2(nhsuk / "nhsuk-frontend.min.js", out / "nhsuk-frontend.min.js")
    for image in (nhsuk / "assets" / "images").iterdir():
        shutil.copy2(image, out / "images" / image.name)
    print(f"installed NHS.UK frontend assets into {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
