"""The incident action keys, one definition for the detail and the queue.

The same ids on both screens, so one line of an operator's keymap moves a key everywhere.
The queue's view keys (w, u, b, m, p, o, r) and sort (s) are taken, so the actions avoid
them: t take, a assign, i impact/urgency, l lifecycle, c comment (work note), M major,
P parent, n new.
"""

from __future__ import annotations

from textual.binding import Binding

ACTIONS: dict[str, tuple[str, str, str]] = {
    "take": ("t", "Take", "Assign the incident to me"),
    "assign": ("a", "Assign", "Assign to a person or a group, found by fuzzy search"),
    "levels": ("i", "Impact", "Set impact and urgency; the priority follows"),
    "state": ("l", "State", "Move through the lifecycle: pending, resolved, closed, reopen"),
    "note": ("c", "Note", "Add a work note"),
    "major": ("M", "Major", "Mark as a major incident, or unmark"),
    "parent": ("P", "Parent", "Link a parent incident, or stand alone"),
}
"""Action name -> (key, footer label, tooltip)."""


def action_bindings() -> list[Binding]:
    """One binding per triage action, running `triage('<name>')` on the screen."""
    return [
        Binding(key, f"triage('{name}')", label, id=f"incident.{name}", tooltip=about)
        for name, (key, label, about) in ACTIONS.items()
    ]


def new_binding() -> Binding:
    return Binding(
        "n",
        "new_incident",
        "New",
        id="incident.new",
        tooltip="Open a new incident in a form, then show it",
    )
