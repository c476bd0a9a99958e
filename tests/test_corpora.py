"""The demo corpus and its truth file agree, topic modules pass --check, the generator is deterministic."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "corpora"
DEMO = CORPORA / "demo"
sys.path.insert(0, str(CORPORA))

import topicsrc  # noqa: E402


@pytest.fixture(scope="module")
def truth() -> dict:
    return json.loads((DEMO / "truth.json").read_text(encoding="utf-8"))


def test_every_listed_file_exists(truth):
    missing = [d["path"] for d in truth["documents"] if not (DEMO / d["path"]).is_file()]
    assert missing == []


def test_every_file_is_listed(truth):
    listed = {d["path"] for d in truth["documents"]}
    on_disk = {
        p.relative_to(DEMO).as_posix()
        for trust in truth["trusts"]
        for p in (DEMO / trust).rglob("*")
        if p.is_file()
    }
    assert on_disk - listed == set()
    assert set(truth["trusts"]) == {"JPUH", "NNUH", "QEH"}


def test_documents_have_the_schema_fields(truth):
    keys = {
        "path",
        "trust",
        "slug",
        "group",
        "title",
        "format",
        "specialty",
        "document_type",
        "reference",
        "version",
        "expect",
        "superseded_by",
    }
    assert truth["schema_version"] == 1
    for d in truth["documents"]:
        assert set(d) == keys, d["path"]
        assert d["path"].startswith(d["trust"] + "/")
        assert d["expect"] in ("ingested", "rejected")
        assert d["specialty"] in topicsrc.SPECIALTIES
        assert (d["expect"] == "rejected") == (d["format"] == "pdf-scanned")


def test_groups_and_near_misses_reference_listed_documents(truth):
    docs = {d["path"]: d for d in truth["documents"]}
    for g in truth["groups"]:
        assert g["members"], g["id"]
        for trust, paths in g["members"].items():
            for p in paths:
                assert docs[p]["trust"] == trust
                assert docs[p]["group"] == g["id"]
                assert docs[p]["superseded_by"] is None and docs[p]["expect"] == "ingested"
        for d in g["differences"]:
            assert d["category"] in topicsrc.CATEGORIES
            assert set(d["text"]) <= set(g["members"])
    for nm in truth["near_misses"]:
        assert nm["a"] in docs and nm["b"] in docs and nm["why"]
    for d in truth["documents"]:
        if d["superseded_by"]:
            assert docs[d["superseded_by"]]["group"] == d["group"]


def test_near_miss_pairs_are_never_in_one_group(truth):
    group_of = {p: g["id"] for g in truth["groups"] for paths in g["members"].values() for p in paths}
    for nm in truth["near_misses"]:
        assert group_of.get(nm["a"]) != group_of.get(nm["b"]), nm


def test_corpus_size_floors(truth):
    """Counts of the committed build: >= 30 topics, 8 specialties, 20 topics held by all three trusts."""
    assert len({d["slug"] for d in truth["documents"]}) >= 30
    assert len({g["specialty"] for g in truth["groups"]}) >= 8
    assert sum(1 for g in truth["groups"] if len(g["members"]) == 3) >= 20


def test_planted_phrases_are_in_the_rendered_docx(truth):
    """Spot check on real files: every planted phrase of a DOCX member is in that file's text."""
    import docx

    by_path = {d["path"]: d for d in truth["documents"]}
    checked = 0
    for g in truth["groups"]:
        for trust, paths in g["members"].items():
            docx_paths = [p for p in paths if by_path[p]["format"] in ("docx", "docx-plain")]
            if len(paths) != 1 or not docx_paths:
                continue
            d = docx.Document(str(DEMO / docx_paths[0]))
            text = "\n".join(p.text for p in d.paragraphs)
            text += "\n".join(c.text for t in d.tables for row in t.rows for c in row.cells)
            for diff in g["differences"]:
                if trust in diff["text"]:
                    assert diff["text"][trust] in text, (docx_paths[0], diff["id"])
                    checked += 1
    assert checked > 20


def test_topic_modules_pass_check():
    proc = subprocess.run(
        [sys.executable, str(CORPORA / "build_demo.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_check_reports_broken_topic(tmp_path):
    (tmp_path / "broken_topic.py").write_text(
        'TOPIC = {"slug": "broken-topic", "specialty": "Surgery", "docs": {"JPUH": {"title": "T", '
        '"type": "Policy", "format": "docx"}, "NNUH": {"title": "U", "type": "Policy", "format": "pdf"}},\n'
        ' "sections": [{"key": "scope", "body": ["Adults {JPUH=over 16}."]},\n'
        '              {"key": "scope", "body": ["{{bleeep}}"]}],\n'
        ' "differences": [{"category": "age", "section": "scope",'
        ' "text": {"JPUH": "over 18", "NNUH": "x"}}]}\n'
    )
    proc = subprocess.run(
        [sys.executable, str(CORPORA / "build_demo.py"), "--check", "--topics", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1
    out = proc.stdout
    assert "no value for ['NNUH']" in out
    assert "section keys not unique" in out
    assert "unknown placeholder {{bleeep}}" in out


def test_resolve_text_picks_trust_then_default():
    values = topicsrc.placeholder_values("QEH", "x")
    text = "{JPUH=5 or more|*=7 or more} on bleep {{bleep}}"
    assert topicsrc.resolve_text(text, "JPUH", values).startswith("5 or more on bleep ")
    assert topicsrc.resolve_text(text, "QEH", values) == f"7 or more on bleep {values['bleep']}"


@pytest.mark.libreoffice
def test_build_writes_files_and_truth(tmp_path):
    """Builds one real topic (DOCX and a LibreOffice PDF) and checks the files and truth."""
    out = tmp_path / "demo"
    proc = subprocess.run(
        [sys.executable, str(CORPORA / "build_demo.py"), "--only", "sepsis-adult", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    t = json.loads((out / "truth.json").read_text())
    assert {d["trust"] for d in t["documents"]} == {"JPUH", "NNUH", "QEH"}
    for d in t["documents"]:
        data = (out / d["path"]).read_bytes()
        assert data[:4] in (b"PK\x03\x04", b"%PDF")
    (group,) = t["groups"]
    assert len(group["differences"]) >= 5


def _generate(out: Path) -> dict:
    proc = subprocess.run(
        [
            sys.executable,
            str(CORPORA / "generate.py"),
            "--trusts",
            "3",
            "--docs",
            "5",
            "--pdf-share",
            "0",
            "--seed",
            "7",
            "--jobs",
            "1",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return json.loads((out / "truth.json").read_text())


def test_generator_is_valid_and_deterministic(tmp_path):
    import docx

    a = _generate(tmp_path / "a")
    b = _generate(tmp_path / "b")
    assert a == b
    assert len(a["documents"]) == 15
    assert {d["trust"] for d in a["documents"]} == {"JPUH", "NNUH", "QEH"}
    docs = {d["path"]: d for d in a["documents"]}
    for g in a["groups"]:
        assert g["members"]
        for paths in g["members"].values():
            assert all(p in docs for p in paths)
    for d in a["documents"]:
        text = "\n".join(p.text for p in docx.Document(str(tmp_path / "a" / d["path"])).paragraphs)
        assert d["title"] in text or d["title"].upper() in text
    on_disk = {p.relative_to(tmp_path / "a").as_posix() for p in (tmp_path / "a").rglob("*.docx")}
    assert on_disk == set(docs)


@pytest.mark.libreoffice
def test_a_conversion_run_that_stops_part_way_is_finished_file_by_file(tmp_path, monkeypatch):
    """A long LibreOffice run once stopped after ~245 of 251 files with exit 0: the files it left
    unwritten are converted one at a time, so a generated corpus is never lost to it."""
    import officeconv
    from docx import Document

    import converge.core.office as office

    sources = []
    for name in ("a", "b", "c"):
        d = Document()
        d.add_paragraph(f"Document {name}")
        d.save(tmp_path / f"{name}.docx")
        sources.append(tmp_path / f"{name}.docx")
    real = office.convert

    def stops_part_way(batch, *args, **kwargs):  # the real conversion, but a batch writes only its first
        written = real(batch[:1], *args, **kwargs)
        if len(batch) > 1:
            raise office.OfficeError(f"LibreOffice did not write {batch[1].stem}.pdf (exit 0)")
        return written

    monkeypatch.setattr(office, "convert", stops_part_way)
    monkeypatch.setattr(officeconv, "CHUNK", 2)
    outs = officeconv.soffice_convert(sources, "pdf", tmp_path / "pdf")
    assert [p.name for p in outs] == ["a.pdf", "b.pdf", "c.pdf"]
    assert all(p.read_bytes()[:4] == b"%PDF" for p in outs)
