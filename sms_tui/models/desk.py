"""A whole service desk as one document: what export writes, import reads and the demo builds."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from sms_tui.models.catalogue import BusinessCalendar, Service
from sms_tui.models.change import Change, Window
from sms_tui.models.cmdb import ConfigurationItem, Relationship
from sms_tui.models.fields import Level, Priority, Record
from sms_tui.models.incident import Incident
from sms_tui.models.people import AuditEntry, Operator, PriorityRule
from sms_tui.models.problem import KnownError, Problem

DESK_FORMAT = "sms-tui-desk"
DESK_FORMAT_VERSION = 1


def default_priority_matrix() -> list[PriorityRule]:
    """The usual 3x3 matrix: high impact and high urgency is P1, low and low is P5."""
    grid = {
        (Level.HIGH, Level.HIGH): Priority.P1,
        (Level.HIGH, Level.MEDIUM): Priority.P2,
        (Level.HIGH, Level.LOW): Priority.P3,
        (Level.MEDIUM, Level.HIGH): Priority.P2,
        (Level.MEDIUM, Level.MEDIUM): Priority.P3,
        (Level.MEDIUM, Level.LOW): Priority.P4,
        (Level.LOW, Level.HIGH): Priority.P3,
        (Level.LOW, Level.MEDIUM): Priority.P4,
        (Level.LOW, Level.LOW): Priority.P5,
    }
    return [PriorityRule(impact=i, urgency=u, priority=p) for (i, u), p in grid.items()]


class Desk(Record):
    """Every record of a desk. The order of the fields is the order they are written in."""

    format: Literal["sms-tui-desk"] = "sms-tui-desk"
    format_version: Literal[1] = 1
    operators: list[Operator] = Field(default_factory=list)
    priority_matrix: list[PriorityRule] = Field(default_factory=default_priority_matrix)
    calendars: list[BusinessCalendar] = Field(default_factory=list)
    cis: list[ConfigurationItem] = Field(default_factory=list)
    relationships: list[Relationship] = Field(default_factory=list)
    services: list[Service] = Field(default_factory=list)
    known_errors: list[KnownError] = Field(default_factory=list)
    problems: list[Problem] = Field(default_factory=list)
    changes: list[Change] = Field(default_factory=list)
    windows: list[Window] = Field(default_factory=list)
    incidents: list[Incident] = Field(default_factory=list)
    audit: list[AuditEntry] = Field(default_factory=list)
