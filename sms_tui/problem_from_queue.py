"""Turning incidents from the queue into a new problem, linked, in one action.

A small dialog asks the title (prefilled from the first incident); the problem and every
incident's link are saved in one transaction at the versions the queue read. If the store
refuses (an incident changed meanwhile, the database was busy), the dialog opens again with
the title kept and the refusal above it, and saving again uses the incidents as they are now.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from textual.screen import Screen

from sms_tui.models import Incident
from sms_tui.openers import detail_screen
from sms_tui.problem_flow import KEPT, refusal_lines
from sms_tui.safe_text import one_line
from sms_tui.screens.title_dialog import Title, TitleDialog
from sms_tui.session import Session
from sms_tui.store.errors import DatabaseBusy, StaleRecord, StoreError
from sms_tui.store.incidents import get_incident
from sms_tui.store.problem_actions import problem_from_incidents
from sms_tui.triage import numbers_text


def make_problem(
    screen: Screen[Any],
    session: Session,
    numbers: Sequence[str],
    done: Callable[[], None],
    title: str | None = None,
    notice: Sequence[str] = (),
) -> None:
    """Ask the title, then save the problem linked to `numbers` and open it; `done` after a save."""
    try:
        incidents = [get_incident(session.db, number) for number in numbers]
    except StoreError as error:
        screen.notify(one_line(str(error)), severity="error", markup=False)
        return
    if not incidents:
        return
    about = f"A new problem linked to {numbers_text(list(numbers))}."
    dialog = TitleDialog(
        f"New problem \u00b7 {numbers_text(list(numbers))}",
        "Problem title",
        incidents[0].title if title is None else title,
        about,
        notice,
    )

    def chosen(value: Title | None) -> None:
        if value is not None:
            _save(screen, session, incidents, value.text, done)

    screen.app.push_screen(dialog, chosen)


def _save(
    screen: Screen[Any],
    session: Session,
    incidents: Sequence[Incident],
    title: str,
    done: Callable[[], None],
) -> None:
    config = session.config
    numbers = [i.number for i in incidents]
    try:
        problem = problem_from_incidents(
            session.db,
            {i.number: i.version for i in incidents},
            title=title,
            operator=config.operator,
            now=config.clock(),
        )
    except StoreError as error:
        lines = refusal_lines(error)
        if isinstance(error, StaleRecord | DatabaseBusy):
            lines.append(KEPT.replace("the problem", "the incidents"))
        make_problem(screen, session, numbers, done, title, lines)
        return
    done()
    screen.notify(
        one_line(f"Opened {problem.number} from {numbers_text(numbers)}", limit=120), markup=False
    )
    opened = detail_screen(session, "problem", problem.number)
    if opened is not None:
        screen.app.push_screen(opened)
