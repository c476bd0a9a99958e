"""Walk files, folders and zip archives, and parse them in parallel; no database here.

Every input yields exactly one outcome: a parsed Document or a one-line reason it was rejected. A bad
file never aborts the batch.
"""

from __future__ import annotations

import hashlib
import stat
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from converge.core.config import Settings
from converge.core.errors import ConvergeError, InputTooLarge, UnsafeArchive
from converge.core.model import Document
from converge.core.parsers import parse_bytes

# Files that are never documents: OS droppings and Word's lock files.
_IGNORED_NAMES = {".ds_store", "thumbs.db", "desktop.ini"}


@dataclass(frozen=True, slots=True)
class InputFile:
    """One file to ingest: on disk (`fs_path`) or already read from an archive (`data`)."""

    display_path: str  # as given to ingest, or "archive.zip/member"
    sha256: str
    size: int
    fs_path: str | None = None
    data: bytes | None = None

    def read(self) -> bytes:
        if self.data is not None:
            return self.data
        assert self.fs_path is not None
        return Path(self.fs_path).read_bytes()


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input refused before or during parsing, with the reason a governance lead can act on."""

    display_path: str
    reason: str
    sha256: str | None = None


@dataclass(frozen=True, slots=True)
class Parsed:
    input: InputFile
    document: Document


Outcome = Parsed | Rejected


def _is_ignored(name: str) -> bool:
    base = PurePosixPath(name).name
    return base.lower() in _IGNORED_NAMES or base.startswith("~$") or base.startswith("._")


def collect_inputs(
    paths: Iterable[str | Path | tuple[str | Path, str]], settings: Settings
) -> Iterator[InputFile | Rejected]:
    """Expand files, folders (recursively, in sorted order) and zip archives into input files.

    An entry may be a (path, shown name) pair, for uploads whose name on disk is not the one the user gave.
    """
    for raw in paths:
        if isinstance(raw, tuple):
            path, shown = Path(raw[0]), raw[1]
        else:
            path, shown = Path(raw), str(raw)
        try:
            st = path.lstat()
        except OSError as exc:
            yield Rejected(shown, f"cannot read: {exc.strerror or exc}")
            continue
        if stat.S_ISLNK(st.st_mode) and not path.exists():
            yield Rejected(shown, "broken symbolic link")
        elif path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if not _is_ignored(child.name):
                    yield from _from_file(child, str(child), settings)
        else:
            yield from _from_file(path, shown, settings)


def _from_file(path: Path, shown: str, settings: Settings) -> Iterator[InputFile | Rejected]:
    try:
        size = path.stat().st_size
        if size > settings.max_file_bytes:
            yield Rejected(shown, f"file too large: {size:,} bytes (limit {settings.max_file_bytes:,})")
            return
        if zipfile.is_zipfile(path) and path.suffix.lower() == ".zip":
            yield from _from_zip(path, shown, settings)
            return
        yield InputFile(shown, _sha256_file(path), size, fs_path=str(path))
    except OSError as exc:
        yield Rejected(shown, f"cannot read: {exc.strerror or exc}")


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _safe_member_name(name: str) -> str | None:
    """The member's path inside the archive, or None when it would escape the extraction folder."""
    name = name.replace("\\", "/")
    parts = PurePosixPath(name).parts
    if not parts or name.startswith("/") or ".." in parts or (parts and ":" in parts[0]):
        return None
    return "/".join(parts)


def _from_zip(path: Path, shown: str, settings: Settings) -> Iterator[InputFile | Rejected]:
    """Members of a zip, each checked for path escape, bombs and size before it is read.

    Members are read into memory with a hard cap on the bytes actually inflated, so a forged header
    cannot make us inflate more than the limits allow.
    """
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, UnicodeDecodeError, ValueError, EOFError) as exc:
        yield Rejected(shown, f"corrupt zip archive: {exc}")
        return
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        if len(members) > settings.max_archive_members:
            yield Rejected(
                shown, f"zip archive has {len(members):,} files (limit {settings.max_archive_members:,})"
            )
            return
        total = 0
        for member in members:
            member_shown = f"{shown}/{member.filename}"
            safe = _safe_member_name(member.filename)
            if safe is None:
                yield Rejected(member_shown, "unsafe path in zip archive (tries to escape its folder)")
                continue
            member_shown = f"{shown}/{safe}"
            if _is_ignored(safe) or safe.startswith("__MACOSX/"):
                continue
            if member.flag_bits & 0x1:
                yield Rejected(member_shown, "encrypted zip member (password required)")
                continue
            try:
                data = _read_member(archive, member, settings, budget=settings.max_archive_bytes - total)
            except ConvergeError as exc:
                yield Rejected(member_shown, str(exc))
                if isinstance(exc, UnsafeArchive) and "archive" in str(exc):
                    return
                continue
            except (
                zipfile.BadZipFile,
                zlib.error,
                OSError,
                EOFError,
                NotImplementedError,
                RuntimeError,
                ValueError,
            ) as exc:  # a damaged member (found by tests/core/test_fuzz_readers.py)
                yield Rejected(member_shown, f"corrupt zip member: {exc}")
                continue
            total += len(data)
            if safe.lower().endswith(".zip"):
                yield Rejected(member_shown, "nested zip archives are not opened; unzip it first")
                continue
            yield InputFile(member_shown, hashlib.sha256(data).hexdigest(), len(data), data=data)


def _read_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo, settings: Settings, budget: int) -> bytes:
    limit = min(settings.max_file_bytes, max(budget, 0))
    if member.file_size > settings.max_file_bytes:
        raise InputTooLarge(f"file too large: {member.file_size:,} bytes (limit {settings.max_file_bytes:,})")
    if member.file_size > budget:
        raise UnsafeArchive("zip archive expands beyond the size limit (possible zip bomb)")
    ratio_cap = max(member.compress_size, 1) * settings.max_compression_ratio
    chunks: list[bytes] = []
    read = 0
    with archive.open(member) as fh:
        while chunk := fh.read(1 << 16):
            read += len(chunk)
            if read > limit:
                raise UnsafeArchive("zip member expands beyond the size limit (possible zip bomb)")
            if read > ratio_cap and read > 1 << 20:
                raise UnsafeArchive(
                    f"zip member expands more than {settings.max_compression_ratio}x (possible zip bomb)"
                )
            chunks.append(chunk)
    return b"".join(chunks)


def _parse_one(args: tuple[InputFile, str, Settings]) -> Outcome:
    """Worker entry point: parse one input; any failure becomes a Rejected, never an exception."""
    item, trust, settings = args
    try:
        data = item.read()
        if hashlib.sha256(data).hexdigest() != item.sha256:
            return Rejected(item.display_path, "file changed while it was being ingested", item.sha256)
        return Parsed(item, parse_bytes(data, trust=trust, path=item.display_path, settings=settings))
    except ConvergeError as exc:
        return Rejected(item.display_path, str(exc), item.sha256)
    except MemoryError:
        return Rejected(item.display_path, "file too complex to parse (out of memory)", item.sha256)
    except Exception as exc:  # a parser bug must not abort a batch; say what happened
        return Rejected(item.display_path, f"parser failed: {type(exc).__name__}: {exc}", item.sha256)
