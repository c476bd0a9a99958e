"""Bombs and runaway parses: rejected with a reason naming the limit, under a measured peak RSS of 1 GB
for the whole `converge ingest` process tree; parser processes end with ingest."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
import zipfile
import zlib
from pathlib import Path

import pytest

GB_KIB = 1024 * 1024  # ru_maxrss is in KiB on Linux

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS and PR_SET_PDEATHSIG are Linux's")


def pdf(pages: list[bytes], compress_mb: int = 0) -> bytes:
    """A PDF with one content stream per page; `compress_mb` > 0 makes page 1's stream a Flate bomb that
    inflates to that many MB."""
    objs: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # the page tree, filled in below
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    kids = []
    for i, content in enumerate(pages):
        if i == 0 and compress_mb:
            comp = zlib.compressobj(1)  # fast to make; still about 200 times smaller than it inflates
            parts = [comp.compress(content)]
            chunk = b" " * (1 << 20)
            parts += [comp.compress(chunk) for _ in range(compress_mb)]
            parts.append(comp.flush())
            data, extra = b"".join(parts), b" /Filter /FlateDecode"
        else:
            data, extra = content, b""
        objs.append(b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream")
        objs.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R >> >> >>" % len(objs)
        )
        kids.append(b"%d 0 R" % len(objs))
    objs[1] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % len(kids)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def text_page(n: int, lines: int = 40) -> bytes:
    body = b"".join(
        b"(Line %d of page %d: screen adults for sepsis.) Tj 0 -14 Td\n" % (i, n) for i in range(lines)
    )
    return b"BT /F1 10 Tf 72 760 Td\n" + body + b"ET\n"


# Run `converge ingest` from a small wrapper that reports the peak RSS of its whole process tree: the
# parser processes are reaped by the fork server, which ingest stops and reaps at exit.
WRAPPER = textwrap.dedent(
    """
    import json, resource, subprocess, sys
    proc = subprocess.run(sys.argv[1:], capture_output=True, text=True)
    print(json.dumps({"rc": proc.returncode, "out": proc.stdout, "err": proc.stderr,
                      "maxrss_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
    """
)


def ingest_measured(path: Path, tmp_path: Path, **env: str) -> tuple[dict, list[dict]]:  # type: ignore[type-arg]
    environ = {**os.environ, **{f"CONVERGE_{k.upper()}": v for k, v in env.items()}}
    environ.pop("CONVERGE_DATABASE_URL", None)
    command = [sys.executable, "-m", "converge", "ingest", "--create-trust", "--trust", "BOMB", "--json"]
    command += ["--db", f"sqlite:///{tmp_path / 'x.db'}", str(path)]
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, *command], capture_output=True, text=True, env=environ, timeout=300
    )
    report = json.loads(done.stdout)
    records = [json.loads(line) for line in report["out"].splitlines() if line.startswith("{")]
    return report, records


def test_pdf_bomb_is_rejected_by_the_inflation_cap(tmp_path: Path) -> None:
    path = tmp_path / "bomb.pdf"
    path.write_bytes(pdf([text_page(1)], compress_mb=256))  # 0.25 MB on disk, 256 MB inflated
    assert path.stat().st_size < 5 * 1024 * 1024
    report, records = ingest_measured(path, tmp_path, max_inflated_stream_mb="64")
    assert report["rc"] == 2, report["err"]
    assert records[0]["status"] == "rejected"
    assert "expands beyond 64 MB" in records[0]["reason"]
    assert report["maxrss_kib"] < GB_KIB, report["maxrss_kib"]


def test_pdf_bomb_is_stopped_by_the_memory_limit_when_the_cap_is_high(tmp_path: Path) -> None:
    path = tmp_path / "bomb.pdf"
    path.write_bytes(pdf([text_page(1)], compress_mb=600))
    report, records = ingest_measured(
        path,
        tmp_path,
        max_inflated_stream_mb="100000",
        max_inflated_document_mb="100000",
        parse_memory_mb="400",
    )
    assert report["rc"] == 2, report["err"]
    assert records[0]["status"] == "rejected"
    assert "400 MB" in records[0]["reason"], records[0]["reason"]
    assert report["maxrss_kib"] < GB_KIB, report["maxrss_kib"]


def test_zip_bomb_and_docx_bomb_are_rejected(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    zero = b"\0" * (1 << 20)
    with zipfile.ZipFile(folder / "bomb.zip", "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        with archive.open("policies/sepsis.docx", "w", force_zip64=True) as member:
            for _ in range(200):  # 200 MB of zeros in under 1 MB
                member.write(zero)
    with zipfile.ZipFile(folder / "bomb.docx", "w", zipfile.ZIP_DEFLATED, compresslevel=1) as docx:
        docx.writestr("[Content_Types].xml", "<Types/>")
        with docx.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(300):  # 300 MB
                member.write(b" " * (1 << 20))
    report, records = ingest_measured(folder, tmp_path)
    assert report["rc"] == 2, report["err"]
    reasons = {Path(r["path"]).name: r["reason"] for r in records}
    assert all(r["status"] == "rejected" for r in records), records
    assert "too large" in reasons["sepsis.docx"] or "zip bomb" in reasons["sepsis.docx"]
    assert "expands beyond 256 MB" in reasons["bomb.docx"]
    assert report["maxrss_kib"] < GB_KIB, report["maxrss_kib"]


def test_a_parse_over_time_is_ended(tmp_path: Path) -> None:
    path = tmp_path / "long.pdf"
    path.write_bytes(pdf([text_page(n) for n in range(400)]))
    report, records = ingest_measured(path, tmp_path, parse_timeout="1")
    assert records[0]["status"] == "rejected"
    assert "longer than 1 s" in records[0]["reason"]


def _descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_kill_9_of_ingest_leaves_no_parser_process(tmp_path: Path) -> None:
    for i in range(2):
        (tmp_path / f"long{i}.pdf").write_bytes(pdf([text_page(n + i) for n in range(400)]))
    environ = {k: v for k, v in os.environ.items() if k != "CONVERGE_DATABASE_URL"}
    command = [
        sys.executable,
        "-m",
        "converge",
        "ingest",
        "--create-trust",
        "--trust",
        "KILL",
        "--workers",
        "2",
    ]
    ingest = subprocess.Popen(
        [
            *command,
            "--db",
            f"sqlite:///{tmp_path / 'x.db'}",
            str(tmp_path / "long0.pdf"),
            str(tmp_path / "long1.pdf"),
        ],
        env=environ,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        workers: set[int] = set()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            workers = _descendants_of_children(ingest.pid)
            if len(workers) >= 2:  # the fork server's children: parser processes at work
                break
            time.sleep(0.05)
        assert len(workers) >= 2, "no parser processes started"
        tree = _descendants(ingest.pid)
        os.kill(ingest.pid, signal.SIGKILL)
        ingest.wait(10)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_alive(p) for p in tree):
            time.sleep(0.1)
        assert not [p for p in tree if _alive(p)]
    finally:
        if ingest.poll() is None:
            ingest.kill()


def _descendants_of_children(pid: int) -> set[int]:
    """Grandchildren and below: with a fork server, the parser processes."""
    return _descendants(pid) - _direct_children(pid)


def _direct_children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.add(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
    return found
