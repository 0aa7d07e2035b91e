"""The queue screen's keys: one per view, sort and flip, and the filter's.

Each binding has an id (remappable from the keymap) and a tooltip; the footer, the help
screen, the palette and the view tabs all read them from here.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding, BindingType

from sms_tui.incident_keys import action_bindings, new_binding
from sms_tui.queue_views import VIEWS, View
from sms_tui.table_keys import row_bindings


def view_binding_id(view: View) -> str:
    """The id of the binding that shows `view`, as named in the keymap."""
    return f"queue.view.{view.value}"


def _view_bindings() -> list[BindingType]:
    # Not in the footer: the view tabs show each view's key with its count.
    return [
        Binding(
            spec.key,
            f"show_view('{spec.view.value}')",
            spec.label,
            show=False,
            id=view_binding_id(spec.view),
            tooltip=spec.about,
        )
        for spec in VIEWS
    ]


def queue_bindings() -> list[BindingType]:
    """Every key of the queue screen (the table's movement keys live on the table).

    As in the catalogue, "/", escape and the filter's enter are priority: a burst of keys
    over SSH ("/web", "esc j") lands where the operator meant.
    """
    return [
        *_view_bindings(),
        # The selection and action keys are in the help and the palette, not the footer: at
        # 80 columns they would push out Help and Quit.
        Binding(
            "space",
            "toggle_select",
            "Select",
            id="queue.select",
            tooltip="Mark or unmark this incident; the action keys then act on every marked one",
            show=False,
        ),
        *(replace(binding, show=False) for binding in (*action_bindings(), new_binding())),
        Binding(
            "X",
            "make_problem",
            "Problem",
            id="queue.make_problem",
            tooltip="Make a new problem from the marked incidents (or this one), linked",
            show=False,
        ),
        Binding(
            "s",
            "sort_next",
            "Sort",
            id="queue.sort",
            tooltip="Sort by the next column to the right (number, priority, state, title, "
            "service, assignee, SLA); S flips the order",
        ),
        Binding(
            "S",
            "reverse",
            "Flip",
            # Not in the footer, where 80 columns run out: in the help and the palette.
            show=False,
            id="queue.reverse",
            tooltip="Flip the sort between ascending and descending",
        ),
        Binding(
            "slash",
            "filter",
            "Filter",
            id="queue.filter",
            tooltip="Show only incidents matching what you type",
            priority=True,
        ),
        Binding(
            "enter",
            "accept_filter",
            "Done",
            id="queue.accept_filter",
            tooltip="Keep the filter and go back to the queue",
            priority=True,
        ),
        Binding(
            "escape",
            "clear_filter",
            "Clear filter",
            id="queue.clear_filter",
            tooltip="Clear the filter and show the whole view",
            priority=True,
        ),
    ]


def table_bindings() -> list[BindingType]:
    """The queue table's keys: the same ids and actions as the catalogue's table, so one
    keymap entry ("table.down") moves the cursor in both; and enter to open."""
    return [
        *row_bindings(),
        Binding(
            "enter",
            "choose",
            "Open",
            id="queue.open",
            tooltip="Open the highlighted incident",
        ),
    ]
