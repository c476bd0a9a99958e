"""Whether a document says of itself that it is a copy of someone's web page, and of which page.

A library collected from the web holds snapshots: a page saved as PDF by whoever gathered it, with a note
such as "Archive note: English text snapshot of the official webpage" and the page's address. Such a file
is a reference copy of the publisher's page, not a document the library's organisation issued, so it is
recorded (`captured_from` in the metadata) and matching never groups it with an organisation's own documents,
only with other snapshots (a governance lead can clear the field if the copy is in fact their own
document).

Only the document's own words decide: a printed intranet policy carrying a URL in its footer, or "printed
copies are uncontrolled", says nothing of being a snapshot of a web page and is not a copy here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from converge.core.model import Block

# How far into the document a provenance note is looked for: notes sit on the cover, before the text.
FRONT_CHARACTERS = 2000

_PAGE = r"(?:web\s?page|web\s?site|web\s?site\s?page|official\s+(?:page|site)|online\s+page)"
_COPY_NOTE = re.compile(
    rf"\b(?:snapshot|screen\s?shot|web\s?capture|captured|archived\s+copy|saved\s+copy)\b[^.\n]{{0,80}}?\b{_PAGE}\b",
    re.IGNORECASE,
)
_URL = re.compile(r"https?://[^\s<>\"')\]]+", re.IGNORECASE)
# A labelled address on the cover ("Original official URL: https://...", "Source: https://...").
_LABELLED_URL = re.compile(
    r"\b(?:url|address|source|retrieved\s+from|captured\s+from|available\s+(?:at|from))\b[^\n:]{0,30}:?\s*\n?\s*"
    r"(https?://[^\s<>\"')\]]+)",
    re.IGNORECASE,
)
WEB_PAGE = "web page"  # what `captured_from` holds when the note names no address


def front_text(blocks: Iterable[Block], limit: int = FRONT_CHARACTERS) -> str:
    """The first `limit` characters of the document's text, every layer (a cover note may be furniture)."""
    parts: list[str] = []
    size = 0
    for block in blocks:
        text = block.text or "\n".join(" ".join(row) for row in block.rows)
        if not text:
            continue
        parts.append(text)
        size += len(text) + 1
        if size >= limit:
            break
    return "\n".join(parts)[:limit]


def captured_from(front: str) -> str | None:
    """The address of the web page `front` (a document's first text) says the document is a snapshot of;
    WEB_PAGE when it says so without an address; None when it says nothing of the kind."""
    if not _COPY_NOTE.search(front):
        return None
    labelled = _LABELLED_URL.search(front)
    if labelled:
        return labelled.group(1).rstrip(".,;")
    any_url = _URL.search(front)
    return any_url.group(0).rstrip(".,;") if any_url else WEB_PAGE


__all__ = ["FRONT_CHARACTERS", "WEB_PAGE", "captured_from", "front_text"]
