"""What an operator had typed into a form that was never saved, kept across a dropped line.

One small JSON file per operator beside the database (`desk.db-drafts/<login>.json`),
rewritten whole on every change, so a connection that drops mid-sentence loses nothing.
Drafts are scratch, not desk records: they live outside the database so that typing
never takes the desk's write lock. No Textual here.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sms_tui.models import utc


@dataclass(frozen=True)
class Draft:
    """The fields of one unsaved form, by the form's title ("Work note · INC-000012")."""

    form: str
    fields: dict[str, str]
    saved_at: datetime


class DraftBox:
    """One operator's drafts in one file; a missing or unreadable file holds none."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def beside(cls, db_path: str, operator: str) -> DraftBox:
        # The login is a validated Login, which cannot start with "." nor hold "/".
        return cls(Path(f"{db_path}-drafts") / f"{operator}.json")

    def all(self) -> list[Draft]:
        """Every draft, oldest first."""
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        if not isinstance(raw, dict):
            return []
        drafts = []
        for form, entry in raw.items():
            try:
                fields = {str(k): str(v) for k, v in entry["fields"].items()}
                drafts.append(Draft(str(form), fields, utc(entry["saved_at"])))
            except (KeyError, TypeError, AttributeError, ValueError):
                continue
        return sorted(drafts, key=lambda d: d.saved_at)

    def get(self, form: str) -> Draft | None:
        return next((d for d in self.all() if d.form == form), None)

    def put(self, form: str, fields: dict[str, str], now: datetime) -> None:
        """Keep `fields` as the draft of `form`, replacing any older one."""
        drafts = {d.form: d for d in self.all()}
        drafts[form] = Draft(form, dict(fields), now)
        self._write(drafts)

    def drop(self, form: str) -> None:
        drafts = {d.form: d for d in self.all()}
        if drafts.pop(form, None) is not None:
            self._write(drafts)

    def _write(self, drafts: dict[str, Draft]) -> None:
        self.path.parent.mkdir(mode=0o700, exist_ok=True)
        data = {
            d.form: {"fields": d.fields, "saved_at": d.saved_at.isoformat()}
            for d in drafts.values()
        }
        # Written aside and renamed: a kill mid-write leaves the old drafts, never half a file.
        spare = self.path.with_suffix(".tmp")
        spare.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(spare, self.path)
