"""Text from the database or a user can never drive the terminal."""

from __future__ import annotations

import re

import pytest

from sms_tui.safe_text import neutralise, one_line
from tests.conftest import hostile_strings

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


@pytest.mark.parametrize("text", hostile_strings(), ids=lambda s: repr(s[:24]))
def test_no_control_character_survives(text: str) -> None:
    assert not CONTROL.search(neutralise(text))
    cell = one_line(text)
    assert not CONTROL.search(cell) and "\n" not in cell and "\t" not in cell


def test_controls_become_visible_stand_ins() -> None:
    assert neutralise("\x1b]52;c;SGVsbG8=\x07clip") == "\u241b]52;c;SGVsbG8=\u2407clip"
    assert neutralise("nul \x00 del \x7f c1 \x9b") == "nul \u2400 del \u2421 c1 \ufffd"
    assert neutralise("tab\tand\nnewline") == "tab\tand\nnewline"
    assert one_line("tab\tand\nnewline") == "tab and\u23cenewline"


def test_printable_text_is_left_alone() -> None:
    for text in [
        "[red]x[/red]",
        "CJK 数据库故障 wide",
        "combining e\u0301",
        "emoji \U0001f525 \u2764\ufe0f",
    ]:
        assert neutralise(text) == text == one_line(text)


def test_one_line_shortens_with_an_ellipsis() -> None:
    assert one_line("x" * 10, limit=5) == "xxxx\u2026"
    assert one_line("short", limit=5) == "short"
