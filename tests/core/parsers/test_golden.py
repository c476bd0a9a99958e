"""Golden files: committed DOCX fixtures -> parsed structure as JSON.

`CONVERGE_REGEN=1 pytest tests/core/parsers/test_golden.py` rewrites golden/*.json; review the diff before
committing. A guard fails when the switch is left on in CI.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from converge.core.parsers import parse_bytes
from converge.core.serialize import SCHEMA_VERSION, document_from_dict, document_to_dict

DATA = Path(__file__).resolve().parents[2] / "data"
FIXTURES = sorted((DATA / "docx").glob("*.docx"))
REGEN = os.environ.get("CONVERGE_REGEN") == "1"


def test_regen_switch_is_off_in_ci():
    assert not (os.environ.get("CONVERGE_REGEN") and os.environ.get("CI") == "true"), (
        "CONVERGE_REGEN must not be set in CI: golden files would be rewritten instead of checked"
    )


def test_fixtures_exist():
    assert len(FIXTURES) >= 3, "run tests/data/make_fixtures.py"


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_golden(path: Path):
    # A relative path keeps the golden file free of the machine's folders.
    doc = parse_bytes(path.read_bytes(), trust="TEST", path=f"{path.parent.name}/{path.name}")
    actual = document_to_dict(doc)
    golden = path.parent / "golden" / f"{path.stem}.json"
    if REGEN:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(json.dumps(actual, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert golden.exists(), f"missing {golden.name}: run CONVERGE_REGEN=1 pytest tests/core/parsers/test_golden.py"
    expected = json.loads(golden.read_text(encoding="utf-8"))
    assert actual == expected
    assert expected["schema_version"] == SCHEMA_VERSION


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_serialize_round_trip(path: Path):
    doc = parse_bytes(path.read_bytes(), trust="TEST", path=path.name)
    again = document_from_dict(json.loads(json.dumps(document_to_dict(doc))))
    assert again == doc
    assert dict(again.meta) == dict(doc.meta)


def test_unknown_schema_version_is_refused():
    with pytest.raises(ValueError, match="schema_version"):
        document_from_dict({"schema_version": 999})
