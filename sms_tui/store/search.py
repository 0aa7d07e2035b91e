"""Finding records by number or name for global search: indexed SQL only, never a scan.

Numbers and name prefixes are primary-key range reads, so they cost the same over 100,000
incidents as over ten. Fuzzy name search is not done here: `record_names` hands every name
to the pure `record_search` index, which ranks them with rapidfuzz.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlite_utils import Database

from sms_tui.record_search import RecordName

# The searchable record kinds: table, key column, label column (None: the key is the name).
KINDS: dict[str, tuple[str, str, str | None]] = {
    "incident": ("incidents", "number", "title"),
    "problem": ("problems", "number", "title"),
    "known_error": ("known_errors", "number", "title"),
    "change": ("changes", "number", "title"),
    "ci": ("cis", "name", None),
    "service": ("services", "name", None),
}
_PREFIXES = {"INC-": "incident", "PRB-": "problem", "KE-": "known_error", "CHG-": "change"}
_DIGITS = {"incident": 6, "problem": 5, "known_error": 5, "change": 5}
_NUMBER = re.compile(r"(INC|PRB|KE|CHG)-?(\d*)", re.IGNORECASE)
# Closed incidents whose titles search holds: all 100,000 of the large demo took 2.8 s and
# 164 MB to index and 65 ms p95 a query; the open ones and 10,000 closed take 0.4 s, 23 MB
# and under 10 ms (bench/suggest.py).
RECENT_CLOSED = 10_000
# Above every character a name can hold, so `key < prefix || _TOP` bounds a prefix range.
_TOP = "\U0010ffff"


def _columns(kind: str) -> str:
    _table, key, label = KINDS[kind]
    state = "state" if kind == "incident" else "''"
    return f"{key}, {label or key}, {state}"


def _range(db: Database, kind: str, prefix: str, limit: int) -> list[RecordName]:
    table, key, _label = KINDS[kind]
    rows = db.execute(
        f"SELECT {_columns(kind)} FROM {table} "
        f"WHERE {key} >= :low AND {key} < :high ORDER BY {key} LIMIT :limit",
        {"low": prefix, "high": prefix + _TOP, "limit": limit},
    ).fetchall()
    return [RecordName(kind, *row) for row in rows]


def _exact(db: Database, kind: str, value: str) -> list[RecordName]:
    table, key, _label = KINDS[kind]
    row = db.execute(
        f"SELECT {_columns(kind)} FROM {table} WHERE {key} = :value", {"value": value}
    ).fetchone()
    return [RecordName(kind, *row)] if row else []


def by_number_or_prefix(db: Database, text: str, limit: int = 10) -> list[RecordName]:
    """Records whose number or name is `text` exactly, then those it begins.

    "INC-000123", "inc123" and "123" all find incident INC-000123 (bare digits try every
    numbered kind); "INC-0001" lists the incidents numbered from it; "db-prd" lists the
    CIs and services whose names start so.
    """
    text = text.strip()
    if not text:
        return []
    found: list[RecordName] = []
    match = _NUMBER.fullmatch(text)
    if match or text.isdigit():
        digits = match.group(2) if match else text
        kinds = [_PREFIXES[match.group(1).upper() + "-"]] if match else list(_DIGITS)
        for kind in kinds:
            prefix = next(p for p, k in _PREFIXES.items() if k == kind)
            if digits and len(digits) <= _DIGITS[kind]:
                found += _exact(db, kind, f"{prefix}{int(digits):0{_DIGITS[kind]}d}")
            if match:
                found += _range(db, kind, prefix + digits, limit)
    for kind in ("ci", "service"):
        for value in dict.fromkeys((text, text.lower())):
            found += _exact(db, kind, value)
        found += _range(db, kind, text, limit)
    unique = list({(r.kind, r.key): r for r in found}.values())
    return unique[:limit]


def record_names(db: Database) -> list[RecordName]:
    """Every record search can find by a fuzzy name: all but incidents, which are many and
    whose titles are prose, not names (see `incident_titles`)."""
    names: list[RecordName] = []
    for kind, (table, key, label) in KINDS.items():
        if kind == "incident":
            continue
        sql = f"SELECT {key}, {label or key} FROM {table}"
        names += [RecordName(kind, k, v) for k, v in db.execute(sql).fetchall()]
    return names


def incident_titles(
    db: Database, number: Iterable[str] | None = None, recent_closed: int = RECENT_CLOSED
) -> list[RecordName]:
    """Incidents with their title and state, for `TitleIndex`: those numbered, or every one
    not closed and the `recent_closed` last closed (older ones are found by number)."""
    if number is None:
        rows = db.execute(
            "SELECT number, title, state FROM incidents WHERE state != 'closed' UNION ALL "
            "SELECT * FROM (SELECT number, title, state FROM incidents WHERE state = 'closed' "
            "ORDER BY closed_at DESC LIMIT :recent)",
            {"recent": recent_closed},
        ).fetchall()
        return [RecordName("incident", *row) for row in rows]
    found: list[RecordName] = []
    keys = list(number)
    for start in range(0, len(keys), 500):
        params = {f"k{i}": key for i, key in enumerate(keys[start : start + 500])}
        marks = ", ".join(f":{name}" for name in params)
        rows = db.execute(
            f"SELECT number, title, state FROM incidents WHERE number IN ({marks})", params
        ).fetchall()
        found += [RecordName("incident", *row) for row in rows]
    return found


def incidents_written_since(db: Database, after: int) -> tuple[int, list[str]]:
    """The newest audit row's id, and the incidents written after audit row `after`."""
    newest = int(db.execute("SELECT coalesce(max(id), 0) FROM audit").fetchone()[0])
    rows = db.execute(
        "SELECT DISTINCT key FROM audit WHERE id > :after AND id <= :newest AND kind = 'incident'",
        {"after": after, "newest": newest},
    ).fetchall()
    return newest, [row[0] for row in rows]
