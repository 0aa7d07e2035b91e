"""How a search result reads on one line, for the search screen and the command palette.

Kind, key and name are text from the database: they go into Content as plain text, with
controls made visible, never into markup.
"""

from __future__ import annotations

from textual.content import Content

from sms_tui.record_search import RecordName
from sms_tui.safe_text import one_line

KIND_LABELS = {
    "incident": "incident",
    "problem": "problem",
    "known_error": "known error",
    "change": "change",
    "ci": "CI",
    "service": "service",
}


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind.replace("_", " "))


def result_line(record: RecordName, reason: str = "", width: int = 70) -> Content:
    """'CI          db-prd-03 · name contains the text', the key in bold; an incident's
    state in brackets after its number."""
    parts: list[str | tuple[str, str]] = [(f"{kind_label(record.kind):<12}", "dim")]
    key = one_line(record.key, limit=max(width // 2, 12))
    parts.append((key, "bold"))
    if record.state:
        state = one_line(record.state.replace("_", " "), limit=14)
        parts.append((f" [{state}]", "italic"))
        key += f" [{state}]"
    if record.label != record.key:
        parts += ["  ", one_line(record.label, limit=max(width - len(key) - 14, 10))]
    if reason:
        parts.append((f"  \u00b7 {reason}", "dim italic"))
    return Content.assemble(*parts).truncate(width, ellipsis=True)
