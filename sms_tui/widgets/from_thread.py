"""Handing a worker thread's answer back to a widget that may have gone meanwhile."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVarTuple, Unpack

from textual.dom import DOMNode

Args = TypeVarTuple("Args")


def deliver(node: DOMNode, callback: Callable[[Unpack[Args]], object], *args: *Args) -> None:
    """Run `callback(*args)` on the UI thread, unless `node` has left the DOM by then.

    A search or a suggestion can finish after its screen was closed (enter pressed on the
    first result); its answer then has nowhere to go and must not fail the app.
    """

    def if_still_there() -> None:
        if node.is_attached:
            callback(*args)

    node.app.call_from_thread(if_still_there)
