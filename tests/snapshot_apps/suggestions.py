"""Waiting for the suggestion index and the panels that ask it, so screens are steady."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.pilot import Pilot

from sms_tui.session import Session


async def suggestions_settled(pilot: Pilot[Any]) -> None:
    """Until the app's matcher index is built and every panel has shown its answer."""
    app: App[Any] = pilot.app
    session = getattr(app, "session", None)
    assert isinstance(session, Session) and session.matches is not None
    for _ in range(200):
        await pilot.pause(0.05)
        await app.workers.wait_for_complete()
        if session.matches.ready or session.matches.failure:
            break
    assert session.matches.ready, session.matches.failure or "index not built in 10 s"
    # The panels ask a debounce pause after the index is ready, in a worker of their own.
    await pilot.pause(0.3)
    await app.workers.wait_for_complete()
    await pilot.pause()
