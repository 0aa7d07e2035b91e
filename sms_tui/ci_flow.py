"""Running a CMDB action from a screen: the form, the save, and the form again when refused.

As in triage_flow, a refused save (no role, a duplicate, someone else's newer version, a busy
database) reopens the form with everything typed kept and the refusal shown above it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from textual.screen import Screen

from sms_tui.ci_draft import CiDraft
from sms_tui.cmdb_views import EdgeGroup
from sms_tui.models import ConfigurationItem, RelationshipKind
from sms_tui.openers import detail_screen
from sms_tui.safe_text import one_line
from sms_tui.session import Session
from sms_tui.store.errors import DatabaseBusy, NotFound, StaleRecord, StoreError

KEPT = "Your input is kept: fix it and save again."
BUSY = "The database is busy: another operator is saving. Save again."
NEW_CHANGE_MODULE = "sms_tui.screens.new_change"


def _why(error: StoreError) -> str:
    return BUSY if isinstance(error, DatabaseBusy) else one_line(str(error))


class CiFormFlow:
    """Create or edit a CI through CiFormDialog, saving with the operator's role checked."""

    def __init__(self, screen: Screen[Any], session: Session) -> None:
        self.screen = screen
        self.session = session

    def create(
        self,
        done: Callable[[str], None],
        draft: CiDraft | None = None,
        notice: Sequence[str] = (),
    ) -> None:
        from sms_tui.screens.ci_form import CiFormDialog
        from sms_tui.store.cmdb_edits import create_ci

        def chosen(value: CiDraft | None) -> None:
            if value is None:
                return
            fields = value.fields()
            config = self.session.config
            try:
                if isinstance(fields, str):  # the form checks this; never save half a CI
                    raise StoreError(fields)
                ci = ConfigurationItem.model_validate({"name": value.name, **fields})
                create_ci(self.session.db, ci, operator=config.operator, now=config.clock())
            except StoreError as error:
                self.create(done, value, [_why(error), KEPT])
                return
            except ValueError as error:
                self.create(done, value, [one_line(str(error)), KEPT])
                return
            self.screen.notify(one_line(f"Added {ci.name} to the CMDB"), markup=False)
            done(ci.name)

        dialog = CiFormDialog("New CI", draft or CiDraft(), new=True, notice=notice)
        self.screen.app.push_screen(dialog, chosen)

    def edit(
        self,
        ci: ConfigurationItem,
        done: Callable[[str], None],
        draft: CiDraft | None = None,
        notice: Sequence[str] = (),
    ) -> None:
        from sms_tui.screens.ci_form import CiFormDialog
        from sms_tui.store.cmdb import get_ci
        from sms_tui.store.cmdb_edits import update_ci

        def chosen(value: CiDraft | None) -> None:
            if value is None:
                return
            changes = value.changes_from(ci)
            if isinstance(changes, str):
                self.edit(ci, done, value, [changes, KEPT])
                return
            config = self.session.config
            db = self.session.db
            try:
                update_ci(
                    db, ci.name, ci.version, changes, operator=config.operator, now=config.clock()
                )
            except StaleRecord as error:
                # Saving again applies what was typed to the version that is there now.
                self.edit(get_ci(db, ci.name), done, value, [one_line(str(error)), KEPT])
                return
            except StoreError as error:
                self.edit(ci, done, value, [_why(error), KEPT])
                return
            self.screen.notify(one_line(f"Saved {ci.name}"), markup=False)
            done(ci.name)

        title = f"Edit {ci.name}"
        dialog = CiFormDialog(title, draft or CiDraft.of(ci), new=False, notice=notice)
        self.screen.app.push_screen(dialog, chosen)


def link_from(
    screen: Screen[Any],
    session: Session,
    ci: str,
    done: Callable[[], None],
    draft: Any = None,
    notice: Sequence[str] = (),
) -> None:
    """The link form for `ci`; a refused link reopens it."""
    from sms_tui.screens.ci_link import LinkDialog, LinkDraft
    from sms_tui.store.cmdb_edits import link

    def chosen(value: LinkDraft | None) -> None:
        if value is None:
            return
        config = session.config
        try:
            link(
                session.db,
                value.source,
                value.kind,
                value.target,
                operator=config.operator,
                now=config.clock(),
            )
        except StoreError as error:
            link_from(screen, session, ci, done, value, [_why(error), KEPT])
            return
        screen.notify(
            one_line(f"Linked {value.source} {value.kind.value} {value.target}"), markup=False
        )
        done()

    screen.app.push_screen(LinkDialog(ci, draft, notice), chosen)


def unlink_edge(
    screen: Screen[Any],
    session: Session,
    ci: str,
    group: EdgeGroup,
    other: str,
    done: Callable[[], None],
) -> None:
    """Ask, then remove the relationship between `ci` and `other` that `group` shows."""
    from sms_tui.screens.confirm_dialog import ConfirmDialog
    from sms_tui.store.cmdb_edits import unlink

    source, target = (ci, other) if group.outgoing else (other, ci)
    ends = [(source, target)]
    if group.kind is RelationshipKind.CONNECTED_TO:
        ends.append((target, source))  # shown without a direction: either may be stored

    def answered(yes: bool | None) -> None:
        if not yes:
            return
        config = session.config
        for start, end in ends:
            try:
                unlink(
                    session.db,
                    start,
                    group.kind,
                    end,
                    operator=config.operator,
                    now=config.clock(),
                )
            except NotFound:
                continue
            except StoreError as error:
                screen.notify(_why(error), severity="error", markup=False)
                return
            screen.notify(one_line(f"Unlinked {start} {group.kind.value} {end}"), markup=False)
            break
        done()

    what = f"{source} {group.kind.value.replace('_', ' ')} {target}"
    screen.app.push_screen(ConfirmDialog("Remove relationship", [what], "remove it"), answered)


def new_incident_on(
    screen: Screen[Any], session: Session, ci: str, services: Sequence[str]
) -> None:
    """The queue's new-incident form, the CI filled in (and its service, if it has one)."""
    from sms_tui.triage import NewIncident
    from sms_tui.triage_flow import TriageFlow

    draft = NewIncident("", service=services[0] if len(services) == 1 else None, cis=(ci,))

    def opened(number: str) -> None:
        detail = detail_screen(session, "incident", number)
        if detail is not None:
            screen.app.push_screen(detail)

    TriageFlow(screen, session, lambda: None).new_incident(opened, draft)


@cache
def new_change_factory() -> Callable[..., Screen[Any]] | None:
    """The changes section's new-change screen, when this build has one."""
    if find_spec(NEW_CHANGE_MODULE) is None:
        return None
    factory: Callable[..., Screen[Any]] | None = getattr(
        import_module(NEW_CHANGE_MODULE), "NewChangeScreen", None
    )
    return factory


def new_change_on(screen: Screen[Any], session: Session, ci: str) -> None:
    """A new change with this CI already on it."""
    factory = new_change_factory()
    if factory is None:
        return

    def created(change: Any) -> None:
        # The form dismisses with the change it created, or None when cancelled.
        number = getattr(change, "number", None)
        detail = None if number is None else detail_screen(session, "change", number)
        if detail is not None:
            screen.app.push_screen(detail)

    screen.app.push_screen(factory(session, cis=[ci]), created)
