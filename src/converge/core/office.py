"""LibreOffice headless as a converter: the one place that runs `soffice` (parsers, tests, benches, corpora).

LibreOffice starts slowly, so several files convert in one call. Each call gets its own profile folder, so
parallel workers never share (and lock) one, and runs in its own process group, so a hung `soffice.bin`
(not just the `oosplash` wrapper) can be killed at the time limit.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from converge.core.errors import ConvergeError


class OfficeError(ConvergeError):
    """LibreOffice is missing, failed, or took too long."""


class OfficeMissing(OfficeError):
    """No LibreOffice executable could be found."""


def find_soffice(executable: str = "soffice") -> str | None:
    """Path of the LibreOffice executable, or None when it is not installed."""
    if os.sep in executable and Path(executable).is_file() and os.access(executable, os.X_OK):
        return executable
    return shutil.which(executable) or (shutil.which("libreoffice") if executable == "soffice" else None)


def convert(
    sources: Sequence[Path],
    target: str,
    outdir: Path,
    *,
    executable: str = "soffice",
    timeout: float = 120,
) -> list[Path]:
    """Convert `sources` with one `soffice --convert-to target` call; return the files written, in order.

    `target` is an extension ("pdf", "docx") or a full filter ("docx:MS Word 2007 XML", or "pdf:..." with
    export options). A source whose output is missing raises OfficeError naming it.
    """
    if not sources:
        return []
    exe = find_soffice(executable)
    if exe is None:
        raise OfficeMissing("needs LibreOffice (soffice); install libreoffice-writer")
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="converge-lo-profile-") as profile:
        cmd = [
            exe,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            *map(str, sources),
        ]
        proc = subprocess.Popen(
            cmd,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            _, stderr = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            _kill_group(proc)
            raise OfficeError(f"LibreOffice took longer than {timeout:g}s") from exc
    extension = target.split(":", 1)[0]
    outs = [outdir / f"{Path(s).stem}.{extension}" for s in sources]
    missing = [o.name for o in outs if not o.is_file() or o.stat().st_size == 0]
    if missing:
        detail = stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
        names = ", ".join(missing[:5])
        raise OfficeError(f"LibreOffice did not write {names} (exit {proc.returncode}): {detail[0]}")
    return outs


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.communicate()
