"""Text normalisation shared by parsers, matching and diff."""

from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2032": "'",
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200b": "",
        "\ufeff": "",
        "\u00ad": "",  # soft hyphen
        "\u2010": "-",
        "\u2011": "-",
    }
)
_SPACE = re.compile(r"[ \t\r\f\v]+")
_BULLET = re.compile(r"^\s*(?:[\u2022\u25cf\u25aa\u25a0\u2023\u2043\u25e6\u2219\u00b7\uf0b7\uf0a7o\-\*])\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalise(text: str) -> str:
    """Canonical text: NFC, straight quotes, no control characters, single spaces, trimmed.

    Dashes are kept (en dash ranges such as "2–4 hours" carry meaning) but hyphen look-alikes become "-".
    """
    text = unicodedata.normalize("NFC", text).translate(_QUOTES)
    text = _CONTROL.sub("", text)
    lines = [_SPACE.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def one_line(text: str) -> str:
    """Normalised text on a single line."""
    return " ".join(normalise(text).split())


def strip_bullet(text: str) -> tuple[str, bool]:
    """Remove a leading bullet character; say whether there was one."""
    stripped = _BULLET.sub("", text, count=1)
    return stripped, stripped != text
