"""The keys of the CMDB screens: the list's filters, and one key per thing to do from a CI.

Each binding has an id (remappable from the keymap) and a tooltip; the footer, the help
screen and the palette all read them from here.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType


def list_bindings() -> list[BindingType]:
    """The CMDB list's keys. As in the catalogue, "/", escape and the filter's enter are
    priority, so a burst of keys over SSH ("/db-prd⏎") lands where the operator meant."""
    return [
        Binding(
            "slash",
            "filter",
            "Filter",
            id="cmdb.filter",
            tooltip="Show only CIs whose name matches what you type (fuzzy)",
            priority=True,
        ),
        Binding(
            "enter",
            "accept_filter",
            "Done",
            id="cmdb.accept_filter",
            tooltip="Keep the filter and go back to the list",
            priority=True,
        ),
        Binding(
            "escape",
            "clear_filter",
            "Clear filters",
            id="cmdb.clear_filter",
            tooltip="Clear the name, class and environment filters",
            priority=True,
        ),
        Binding(
            "c",
            "next_class",
            "Class",
            id="cmdb.class",
            tooltip="Show only the next class of CI (cycles back to every class)",
        ),
        Binding(
            "e",
            "next_environment",
            "Env",
            id="cmdb.environment",
            tooltip="Show only the next environment (cycles back to every environment)",
        ),
        Binding("n", "new_ci", "New CI", id="cmdb.new", tooltip="Add a CI to the CMDB"),
    ]


def detail_bindings() -> list[BindingType]:
    """The keys of a CI's detail: back along the path, and one key per thing to do."""
    return [
        Binding(
            "escape,backspace",
            "back",
            "Back",
            id="ci.back",
            tooltip="Back to the CI before this one, or to the list",
        ),
        Binding(
            "x",
            "xray",
            "X-ray",
            id="ci.xray",
            tooltip="The tree of what needs this CI and what it needs",
        ),
        Binding("a", "impact", "Impact", id="ci.impact", tooltip="What goes down if this CI fails"),
        Binding(
            "i", "incidents", "Incidents", id="ci.incidents", tooltip="The incidents naming this CI"
        ),
        Binding("h", "changes", "Changes", id="ci.changes", tooltip="The changes to this CI"),
        Binding(
            "n",
            "new_incident",
            "New incident",
            id="ci.new_incident",
            tooltip="Open a new incident on this CI",
            show=False,
        ),
        Binding(
            "N",
            "new_change",
            "New change",
            id="ci.new_change",
            tooltip="Raise a new change on this CI",
            show=False,
        ),
        Binding(
            "e",
            "edit",
            "Edit",
            id="ci.edit",
            tooltip="Edit this CI's fields and attributes",
            show=False,
        ),
        Binding(
            "l",
            "link",
            "Link",
            id="ci.link",
            tooltip="Add a relationship from this CI to another",
            show=False,
        ),
        Binding(
            "d",
            "unlink",
            "Unlink",
            id="ci.unlink",
            tooltip="Remove the highlighted relationship",
            show=False,
        ),
    ]
