"""The demo desk with every free-text field of every record replaced by a hostile string.

"Free text" is read from the models themselves, so record kinds and fields added later are
covered without a change here: any `str` field without a pattern (names, titles,
descriptions, notes, display names, groups, ...). A value that also appears in a patterned
field (a login, an incident number) is a reference to it and is left alone; every other
value is mapped to the same hostile string wherever it appears, so names used as keys and
the references to them stay consistent.
"""

from __future__ import annotations

import re
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from sms_tui.demo.build import build_demo, store_demo
from sms_tui.models import NAME_MAX, Desk

_PATTERN = re.compile(r"pattern='")


def _is_free_text(info: FieldInfo) -> bool:
    described = f"{info.annotation!r} {info.metadata!r}"
    return "str" in described and not _PATTERN.search(described)


def _strings(value: Any, free: bool, out: dict[str, bool]) -> None:
    """Every string leaf under `value`, with whether all its places are free text."""
    if isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            _strings(getattr(value, name), _is_free_text(info), out)
    elif isinstance(value, list | tuple | set):
        for item in value:
            _strings(item, free, out)
    elif isinstance(value, dict):
        for key, item in value.items():
            _strings(key, False, out)
            _strings(item, free, out)
    elif isinstance(value, str) and not isinstance(value, Enum):
        out[value] = out.get(value, True) and free


def _replace(value: Any, mapping: dict[str, str]) -> Any:
    if isinstance(value, BaseModel):
        return type(value).model_construct(
            **{name: _replace(getattr(value, name), mapping) for name in type(value).model_fields}
        )
    if isinstance(value, list):
        return [_replace(item, mapping) for item in value]
    if isinstance(value, tuple):
        return tuple(_replace(item, mapping) for item in value)
    if isinstance(value, dict):
        return {key: _replace(item, mapping) for key, item in value.items()}
    if isinstance(value, str) and not isinstance(value, Enum):
        return mapping.get(value, value)
    return value


def poison(desk: Desk, hostile: list[str]) -> tuple[Desk, int]:
    """The desk with its free text replaced, and how many distinct values were replaced."""
    found: dict[str, bool] = {}
    _strings(desk, False, found)
    free = sorted(value for value, only_free in found.items() if only_free and value.strip())
    usable = [text for text in hostile if text.strip()]
    mapping = {}
    for i, value in enumerate(free):
        # The number keeps names unique; the hostile text follows it, whole when it fits.
        mapping[value] = f"{i} {usable[i % len(usable)]}"[:NAME_MAX]
    # Some free text is checked by a validator (a timezone name): give those values back.
    for _attempt in range(10):
        try:
            poisoned = Desk.model_validate(_replace(desk, mapping).model_dump())
        except ValidationError as error:
            refused = {str(e["input"]) for e in error.errors()}
            mapping = {k: v for k, v in mapping.items() if v not in refused}
            continue
        return poisoned, len(mapping)
    raise AssertionError("the desk could not be poisoned")


def write_hostile_desk(path: Path, hostile: list[str], now: datetime, operator: str) -> int:
    """A new database at `path` holding the poisoned small demo desk; returns the values replaced."""
    desk, replaced = poison(build_demo("small", 1, now, operator), hostile)
    store_demo(path, desk, operator, now)
    return replaced
