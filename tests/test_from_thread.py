"""A worker's answer to a widget that was removed meanwhile is dropped, not a crash."""

from __future__ import annotations

import asyncio

from textual.app import App, ComposeResult
from textual.widgets import Static

from sms_tui.widgets.from_thread import deliver


class _Host(App[None]):
    def compose(self) -> ComposeResult:
        yield Static(id="target")


async def test_an_answer_reaches_a_widget_still_there_and_not_one_removed() -> None:
    app = _Host()
    got: list[str] = []
    async with app.run_test() as pilot:
        target = app.query_one("#target", Static)
        # From a thread, as a worker does; the loop must keep running to take the answer.
        await asyncio.to_thread(deliver, target, got.append, "first")
        await pilot.pause()
        assert got == ["first"]
        await target.remove()
        await asyncio.to_thread(deliver, target, got.append, "late")
        await pilot.pause()
        assert got == ["first"]
