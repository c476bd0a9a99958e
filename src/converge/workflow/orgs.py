"""The organisations' registry file (ingest/trusts.toml): codes, names, demo libraries, local terms.

Trusts are configuration: adding an organisation is one more block in that file.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from converge.core.errors import ConvergeError


@dataclass(frozen=True, slots=True)
class OrgConfig:
    code: str
    name: str
    library: Path | None
    local_terms: tuple[str, ...]


def load_orgs(path: str | Path) -> list[OrgConfig]:
    """Read the registry; relative library paths start at the repository root (the file's parent's parent)."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConvergeError(f"cannot read organisations file {path}: {exc}") from exc
    root = path.resolve().parent.parent
    orgs = []
    for entry in data.get("trust", []):
        if "code" not in entry:
            raise ConvergeError(f"{path}: every [[trust]] needs a code")
        library = entry.get("library")
        orgs.append(
            OrgConfig(
                code=str(entry["code"]).upper(),
                name=str(entry.get("name", entry["code"])),
                library=(root / library) if library else None,
                local_terms=tuple(entry.get("local_terms", ())),
            )
        )
    return orgs
