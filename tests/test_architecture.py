"""The domain core stays free of the web framework and the database layer (house style, section 3)."""

import subprocess
import sys


def test_core_does_not_import_flask_or_sqlalchemy() -> None:
    code = (
        "import sys, converge.core.model, converge.core.parsers, converge.core.matching, converge.core.diff;"
        "import converge.core.ingest;"
        "import converge.core.parsers.docx, converge.core.parsers.pdf;"
        "bad = [m for m in ('flask', 'sqlalchemy', 'converge.web', 'converge.store') if m in sys.modules];"
        "print(','.join(bad))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == ""


def test_nothing_outside_web_imports_flask() -> None:
    from pathlib import Path

    import converge

    root = Path(converge.__file__).parent
    offenders = [
        str(p.relative_to(root))
        for p in root.rglob("*.py")
        if "web" not in p.relative_to(root).parts[:1]
        and any(
            line.lstrip().startswith(("import flask", "from flask")) for line in p.read_text().splitlines()
        )
    ]
    assert offenders == []
