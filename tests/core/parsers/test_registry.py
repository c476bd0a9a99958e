"""The registry alone routes a file, by its bytes: converters hand back bytes that are sniffed again."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import converge.core.parsers as registry
from converge.core.config import Settings
from converge.core.parsers import Converted, SourceInfo, find_parser, parse_bytes
from converge.core.parsers.legacy import OLE_MAGIC

PARSERS = Path(registry.__file__).parent


class _UpperConverter:
    """A stand-in converter: claims `.shout` files and turns them into plain text."""

    name = "shout+plaintext"
    version = 1
    media_type = "text/x-shout"

    def sniff(self, head: bytes, suffix: str) -> bool:
        return suffix == ".shout"

    def convert(self, data: bytes, *, source: SourceInfo, settings: Settings) -> Converted:
        return Converted(data=data.upper(), suffix=".txt", media_type=self.media_type)


@pytest.fixture
def shout_registered():
    converter = _UpperConverter()
    registry.register(converter)
    try:
        yield converter
    finally:
        registry._REGISTRY.remove(converter)


def test_converted_bytes_are_routed_by_sniffing_and_record_the_original(shout_registered):
    doc = parse_bytes(b"Scope\n\nAll adult patients.\n", trust="QEH", path="memo.shout")
    assert "ALL ADULT PATIENTS." in doc.body_text()
    assert doc.source.parser == "shout+plaintext@1"
    assert doc.source.media_type == "text/x-shout"
    assert doc.source.path == "memo.shout"


def test_an_ole_container_named_docx_goes_to_the_legacy_converter():
    # A renamed .doc or an encrypted .docx: the DOCX parser no longer claims it and hands it on.
    assert find_parser(OLE_MAGIC + b"\0" * 64, ".docx").name == "legacy+docx"


def test_no_parser_module_imports_another_parser():
    formats = {"docx", "legacy", "pdf", "plaintext"}
    for name in formats:
        package = PARSERS / name
        files = sorted(package.glob("*.py")) if package.is_dir() else [PARSERS / f"{name}.py"]
        assert files, name
        for path in files:
            tree = ast.parse(path.read_text())
            imported = {
                (node.module or "").split(".")[2]
                for node in ast.walk(tree)
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("converge.core.parsers.")
            }
            assert not imported & (formats - {name}), f"{path.name} of {name} imports {imported & formats}"
