"""The keys of the problems section: the list's views and sort, and the problem actions.

One definition per key, with an id so an operator's keymap can move it. The list's keys avoid
the app's section digits; the detail's actions use letters a problem manager would guess:
e edit the fields, l lifecycle, r root cause, w workaround, K publish a known error, R resolve,
i the linked incidents.
"""

from __future__ import annotations

from textual.binding import Binding

LIST_KEYS: dict[str, tuple[str, str, str, str]] = {
    "problems.view.problems": ("p", "show_view('problems')", "Problems", "List the problems"),
    "problems.view.known_errors": (
        "e",
        "show_view('known_errors')",
        "Known errors",
        "List the known-error database",
    ),
    "problems.sort": ("s", "sort_next", "Sort", "Sort by the next column"),
}
"""Binding id -> (key, action, footer label, tooltip) for the problems list."""

DETAIL_KEYS: dict[str, tuple[str, str, str]] = {
    "edit": ("e", "Edit", "Edit the title, priority, assignee and CIs in one form"),
    "state": ("l", "State", "Move through the lifecycle: investigate, known error, close, reopen"),
    "root_cause": ("r", "Root cause", "Write or edit the root cause"),
    "workaround": ("w", "Workaround", "Write or edit the workaround"),
    "publish": ("K", "Publish KE", "Publish the problem as a known error, in one step"),
    "resolve": ("R", "Resolve", "Resolve the problem and, if you say so, its open incidents"),
}
"""Problem action name -> (key, footer label, tooltip); each runs `act('<name>')`."""


def list_bindings() -> list[Binding]:
    return [
        Binding(key, action, label, id=ident, tooltip=about)
        for ident, (key, action, label, about) in LIST_KEYS.items()
    ]


def detail_bindings() -> list[Binding]:
    return [
        Binding(key, f"act('{name}')", label, id=f"problem.{name}", tooltip=about)
        for name, (key, label, about) in DETAIL_KEYS.items()
    ]
