"""Keeping and offering back what was typed into a dialog (sms_tui.drafts holds the file).

The app hands every typed change in an open EditDialog to `typed`, which writes the form's
fields at once; a dialog that closes by save or cancel drops its draft. If the line drops
instead, the draft stays: the next start says so, and opening the same form (same title)
fills it back in.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from datetime import datetime
from weakref import WeakSet

from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, TextArea
from textual.widgets.option_list import OptionDoesNotExist

from sms_tui.drafts import Draft, DraftBox
from sms_tui.safe_text import one_line
from sms_tui.screens.edit_dialog import EditDialog
from sms_tui.widgets.choice_list import ChoiceList
from sms_tui.widgets.fuzzy_picker import FuzzyPicker


def _field_id(widget: Widget) -> str | None:
    # A picker's text box has no id of its own: the picker's names it.
    if widget.id is None and isinstance(widget.parent, FuzzyPicker):
        return widget.parent.id
    return widget.id


def form_fields(screen: Screen[object]) -> tuple[dict[str, str], bool]:
    """The form's values by field id, and whether anything was typed into a text field."""
    fields: dict[str, str] = {}
    typed = False
    for widget in screen.query("Input, TextArea"):
        name = _field_id(widget)
        if name is None:
            continue
        if isinstance(widget, Input):
            text = widget.value
        elif isinstance(widget, TextArea):
            text = widget.text
        else:
            continue
        fields[name] = text
        typed = typed or bool(text.strip())
    # Fixed choices only: lists that change as you type (matches, suggestions) follow
    # from the text and come back with it.
    for choices in screen.query(ChoiceList):
        if choices.id and choices.value:
            fields[choices.id] = choices.value
    return fields, typed


def fill_form(screen: Screen[object], fields: dict[str, str]) -> None:
    """Put a draft's values back; fields the form no longer has are ignored."""
    for widget in screen.query("Input, TextArea"):
        name = _field_id(widget)
        if name not in fields:
            continue
        if isinstance(widget, Input):
            widget.value = fields[name]
        elif isinstance(widget, TextArea):
            widget.load_text(fields[name])
    for choices in screen.query(ChoiceList):
        if choices.id in fields:
            with suppress(OptionDoesNotExist):  # that choice no longer exists
                choices.highlighted = choices.get_option_index(fields[choices.id])


class DraftKeeper:
    """The app's link between open dialogs and the operator's DraftBox."""

    def __init__(self, box: DraftBox, clock: Callable[[], datetime]) -> None:
        self.box = box
        self.clock = clock
        # Dialogs past their restore: changes a dialog makes while it mounts (a list's
        # first highlight) must not replace the draft before it is offered back.
        self._live: WeakSet[EditDialog[object]] = WeakSet()

    def leftover(self) -> list[Draft]:
        return self.box.all()

    def leftover_notice(self) -> str | None:
        """What to say at start when an earlier session left drafts, or None."""
        drafts = self.box.all()
        if not drafts:
            return None
        names = "; ".join(one_line(d.form, limit=40) for d in drafts)
        return (
            f"Unsaved draft{'s' if len(drafts) > 1 else ''} from last time: {names}."
            " Open the same form to get it back."
        )

    def opened(self, dialog: EditDialog[object]) -> None:
        self._live.add(dialog)
        draft = self.box.get(dialog.dialog_title)
        if draft is None:
            return
        fill_form(dialog, draft.fields)
        dialog.notify(
            f"Draft from {draft.saved_at:%Y-%m-%d %H:%M}Z restored; esc discards it",
            title="Draft",
            markup=False,
        )

    def typed(self, screen: Screen[object]) -> None:
        if not isinstance(screen, EditDialog) or screen not in self._live:
            return
        fields, typed = form_fields(screen)
        if typed:
            self.box.put(screen.dialog_title, fields, self.clock())
        else:
            self.box.drop(screen.dialog_title)

    def closed(self, dialog: EditDialog[object]) -> None:
        self._live.discard(dialog)
        self.box.drop(dialog.dialog_title)
