"""What the CI form holds, and how its attribute lines become a dict. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sms_tui.models import CiClass, CiStatus, ConfigurationItem, Environment


def parse_attributes(text: str) -> dict[str, str] | str:
    """'key = value' lines as a dict, or one line naming the first bad line.

    Blank lines are skipped; the value may itself hold '='; a key given twice is refused,
    since one of the two values would be lost without a word.
    """
    found: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        key, sep, value = line.partition("=")
        key = key.strip()
        if not sep or not key:
            return f"attributes line {number}: write key = value"
        if key in found:
            return f"attributes line {number}: {key!r} is given twice"
        found[key] = value.strip()
    return found


def attributes_text(attributes: dict[str, str]) -> str:
    """The attributes as the form shows them, one 'key = value' per line, sorted."""
    return "\n".join(f"{key} = {value}" for key, value in sorted(attributes.items()))


@dataclass(frozen=True)
class CiDraft:
    """The form's fields as typed; `attributes` is the text of the attribute lines."""

    name: str = ""
    ci_class: CiClass = CiClass.SERVER
    status: CiStatus = CiStatus.LIVE
    environment: Environment = Environment.PRODUCTION
    owner: str = ""
    location: str = ""
    attributes: str = ""

    @classmethod
    def of(cls, ci: ConfigurationItem) -> CiDraft:
        return cls(
            ci.name,
            ci.ci_class,
            ci.status,
            ci.environment,
            ci.owner,
            ci.location,
            attributes_text(ci.attributes),
        )

    def fields(self) -> dict[str, Any] | str:
        """Every field but the name, ready for the model, or what is wrong with them."""
        attributes = parse_attributes(self.attributes)
        if isinstance(attributes, str):
            return attributes
        return {
            "ci_class": self.ci_class,
            "status": self.status,
            "environment": self.environment,
            "owner": self.owner.strip(),
            "location": self.location.strip(),
            "attributes": attributes,
        }

    def changes_from(self, ci: ConfigurationItem) -> dict[str, Any] | str:
        """Only the fields that differ from `ci`, for a versioned update."""
        fields = self.fields()
        if isinstance(fields, str):
            return fields
        return {name: value for name, value in fields.items() if getattr(ci, name) != value}
