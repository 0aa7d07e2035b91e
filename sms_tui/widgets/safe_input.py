"""Input and TextArea that never hold terminal controls, whatever is pasted or preset.

Textual's Input and TextArea draw their text as it is: a pasted ESC sequence or bidi override
would reach the operator's terminal. These replace controls with visible stand-ins as text
arrives, so what the operator sees (and what is saved) is harmless.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input, TextArea

from sms_tui.safe_text import neutralise, one_line


class SafeInput(Input):
    """A one-line input whose value is always `one_line` text."""

    def validate_value(self, value: str) -> str:
        return one_line(value)


class SafeTextArea(TextArea):
    """A text box whose text keeps tabs and line breaks but no other control."""

    def __init__(self, text: str = "", **kwargs: object) -> None:
        super().__init__(neutralise(text), **kwargs)  # type: ignore[arg-type]

    async def _on_paste(self, event: events.Paste) -> None:
        # prevent_default: TextArea's own handler would insert the raw text after this one.
        event.prevent_default()
        if self.read_only:
            return
        result = self.replace(neutralise(event.text), *self.selection)
        self.move_cursor(result.end_location)
