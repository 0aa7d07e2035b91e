"""Making text from the database or a user safe to put on a terminal.

Textual strips only a few control characters and passes ESC through, so everything that
could move the cursor, set the title, write the clipboard (OSC 52) or reorder text (bidi
overrides) is replaced by a visible stand-in before display. Pure: no Textual here.
"""

from __future__ import annotations

import re

_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# C0 except tab and newline, DEL, C1, and the bidi controls.
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f{_BIDI}]")
_UNSAFE_LINE = re.compile(f"[\x00-\x1f\x7f\x80-\x9f{_BIDI}]")

REPLACEMENT = "\ufffd"


def _stand_in(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures": ␀ ␛ ␇ ...
    if code == 0x7F:
        return "\u2421"  # ␡
    return REPLACEMENT


def neutralise(text: str) -> str:
    """Multi-line text with every control but tab and newline made visible and harmless."""
    return _UNSAFE.sub(_stand_in, text)


def one_line(text: str, limit: int | None = None) -> str:
    """A table cell or a title: controls made visible, line breaks and tabs shown as spaces and ⏎."""
    text = text.replace("\r\n", "\n")
    text = _UNSAFE_LINE.sub(
        lambda m: " " if m.group() == "\t" else ("\u23ce" if m.group() == "\n" else _stand_in(m)),
        text,
    )
    if limit is not None and len(text) > limit:
        return text[: max(limit - 1, 0)] + "\u2026"
    return text
