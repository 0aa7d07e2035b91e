"""The change calendar's keys, one definition for the footer, the help screen and the palette.

Arrows (and h/j/k/l) move the cursor; with shift they move the selected change, which
stays a draft, conflicts shown live, until `s` saves it or `escape` puts it back.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

# (keys, action, footer label, tooltip, shown in the footer)
_KEYS: list[tuple[str, str, str, str, str, bool]] = [
    ("enter", "open", "Open", "calendar.open", "Open the selected change", True),
    ("n", "new", "New", "calendar.new", "Create a change at the cursor's slot", True),
    (
        "s",
        "save",
        "Save slot",
        "calendar.save",
        "Save the moved change (asks for a reason if it conflicts)",
        True,
    ),
    (
        "escape",
        "abandon",
        "Abandon",
        "calendar.abandon",
        "Put the moved change back where it was",
        True,
    ),
    (
        "v",
        "toggle_view",
        "Week/agenda",
        "calendar.view",
        "Switch between the week grid and the agenda",
        True,
    ),
    ("t", "today", "Today", "calendar.today", "Go to today, this hour", True),
    (
        "left_square_bracket",
        "week(-1)",
        "Prev week",
        "calendar.prev_week",
        "Show the previous week",
        False,
    ),
    (
        "right_square_bracket",
        "week(1)",
        "Next week",
        "calendar.next_week",
        "Show the next week",
        False,
    ),
    (
        "left,h",
        "cursor(-1, 0)",
        "Prev day",
        "calendar.left",
        "Move the cursor to the previous day",
        False,
    ),
    (
        "right,l",
        "cursor(1, 0)",
        "Next day",
        "calendar.right",
        "Move the cursor to the next day",
        False,
    ),
    (
        "up,k",
        "cursor(0, -1)",
        "Earlier",
        "calendar.up",
        "Move the cursor an hour earlier (agenda: previous change)",
        False,
    ),
    (
        "down,j",
        "cursor(0, 1)",
        "Later",
        "calendar.down",
        "Move the cursor an hour later (agenda: next change)",
        False,
    ),
    ("tab", "jump(1)", "Next change", "calendar.next_change", "Jump to the next change", False),
    (
        "shift+tab",
        "jump(-1)",
        "Prev change",
        "calendar.prev_change",
        "Jump to the previous change",
        False,
    ),
    (
        "shift+left",
        "shift(-24)",
        "Move -1 day",
        "calendar.move_earlier_day",
        "Move the selected change a day earlier",
        False,
    ),
    (
        "shift+right",
        "shift(24)",
        "Move +1 day",
        "calendar.move_later_day",
        "Move the selected change a day later",
        False,
    ),
    (
        "shift+up",
        "shift(-1)",
        "Move -1 hour",
        "calendar.move_earlier",
        "Move the selected change an hour earlier",
        False,
    ),
    (
        "shift+down",
        "shift(1)",
        "Move +1 hour",
        "calendar.move_later",
        "Move the selected change an hour later",
        False,
    ),
    (
        "plus,equals_sign",
        "stretch(1)",
        "Longer",
        "calendar.longer",
        "Make the selected change an hour longer",
        False,
    ),
    (
        "minus",
        "stretch(-1)",
        "Shorter",
        "calendar.shorter",
        "Make the selected change an hour shorter",
        False,
    ),
    (
        "m",
        "toggle_filter('mine')",
        "Mine",
        "calendar.mine",
        "Show only changes I requested or implement, or all",
        False,
    ),
    (
        "a",
        "toggle_filter('awaiting')",
        "Awaiting",
        "calendar.awaiting",
        "Show only changes awaiting approval, or all",
        False,
    ),
    (
        "S",
        "pick_filter('service')",
        "Service",
        "calendar.service",
        "Show only the changes of one service",
        False,
    ),
    ("C", "pick_filter('ci')", "CI", "calendar.ci", "Show only the changes of one CI", False),
    ("x", "clear_filters", "All", "calendar.clear", "Clear every filter", False),
]


def calendar_bindings() -> list[BindingType]:
    return [
        Binding(keys, action, label, show=shown, id=ident, tooltip=about)
        for keys, action, label, ident, about, shown in _KEYS
    ]
