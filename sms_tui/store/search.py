"""Finding records by number or name for global search: indexed SQL only, never a scan.

Numbers and name prefixes are primary-key range reads, so they cost the same over 100,000
incidents as over ten. Fuzzy name search is not done here: `record_names` hands every name
to the pure `record_search` index, which ranks them with rapidfuzz.
"""

from __future__ import annotations

import re

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
# Above every character a name can hold, so `key < prefix || _TOP` bounds a prefix range.
_TOP = "\U0010ffff"


def _range(db: Database, kind: str, prefix: str, limit: int) -> list[RecordName]:
    table, key, label = KINDS[kind]
    rows = db.execute(
        f"SELECT {key}, {label or key} FROM {table} "
        f"WHERE {key} >= :low AND {key} < :high ORDER BY {key} LIMIT :limit",
        {"low": prefix, "high": prefix + _TOP, "limit": limit},
    ).fetchall()
    return [RecordName(kind, row[0], row[1]) for row in rows]


def _exact(db: Database, kind: str, value: str) -> list[RecordName]:
    table, key, label = KINDS[kind]
    row = db.execute(
        f"SELECT {key}, {label or key} FROM {table} WHERE {key} = :value", {"value": value}
    ).fetchone()
    return [RecordName(kind, row[0], row[1])] if row else []


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
    found by number (their titles are prose, not names)."""
    names: list[RecordName] = []
    for kind, (table, key, label) in KINDS.items():
        if kind == "incident":
            continue
        sql = f"SELECT {key}, {label or key} FROM {table}"
        names += [RecordName(kind, k, v) for k, v in db.execute(sql).fetchall()]
    return names
