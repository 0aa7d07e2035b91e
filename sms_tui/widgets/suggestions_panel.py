"""The CIs and known errors that an incident's text points at, each with its score and why.

The screen sets `match_query` (what the incident says so far) and `linked` (what it already
links); the panel asks the app's matcher in a worker, a short pause after the last change,
and posts `Link` when the operator picks a suggestion. Names and reasons come from the
database and are shown as plain text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Literal

from textual import work
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from sms_tui.safe_text import one_line
from sms_tui.widgets.from_thread import deliver

if TYPE_CHECKING:
    from sms_tui.match_source import MatchSource
    from sms_tui.matching import Query, Suggestion, Suggestions

DEBOUNCE_SECONDS = 0.15
_INDENT = 6
Kind = Literal["ci", "known_error"]


class SuggestionsPanel(OptionList):
    """Ranked suggestions for one incident; `enter` links the highlighted one."""

    HELP_GROUP: ClassVar[str] = "Suggestions"

    DEFAULT_CSS = """
    SuggestionsPanel {
        border: round $primary-muted;
        border-title-color: $text-accent;
        border-title-style: bold;
        padding: 0;
        &:focus { border: round $primary; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "link",
            "Link",
            id="suggestions.link",
            tooltip="Link the highlighted CI or known error to the incident",
        ),
    ]

    @dataclass
    class Link(Message):
        """The operator chose to link a suggested CI or known error."""

        kind: Kind
        key: str

    match_query: reactive[Query | None] = reactive(None, init=False)
    linked: reactive[frozenset[str]] = reactive(frozenset(), init=False)

    def __init__(
        self, matches: MatchSource | None, *, limit: int = 5, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.matches = matches
        self.limit = limit
        self.found: Suggestions | None = None
        self._timer: Timer | None = None
        self.border_title = "Suggestions"

    def on_mount(self) -> None:
        if self.matches is not None:
            self.matches.want()
            self.matches.updated.subscribe(self, self._index_changed)
        self._fill()

    def _index_changed(self, _generation: int) -> None:
        self._schedule()

    def watch_match_query(self) -> None:
        self._schedule()

    def watch_linked(self) -> None:
        self._fill()

    def _schedule(self) -> None:
        # Typing fires a change per key; only the pause after the last one asks the matcher.
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE_SECONDS, self._ask)

    def _ask(self) -> None:
        query = self.match_query
        if self.matches is None or query is None or not self.matches.ready:
            self._fill()
        elif not query.text.strip() and not query.cis:
            self.found = None
            self._fill()
        else:
            self._suggest(self.matches, query)

    @work(thread=True, exclusive=True, group="suggestions")
    def _suggest(self, matches: MatchSource, query: Query) -> None:
        found = matches.suggest(query, self.limit)
        deliver(self, self._answer, query, found)

    def _answer(self, query: Query, found: Suggestions | None) -> None:
        if query == self.match_query:  # else a newer question is on its way
            self.found = found
            self._fill()

    def _status(self) -> str:
        if self.matches is None:
            return "No suggestions here."
        if self.matches.failure:
            return f"No suggestions: {self.matches.failure}"
        if not self.matches.ready:
            return "Reading the CMDB and known errors for suggestions\u2026"
        if self.found is None:
            return "Suggestions follow what the title and description say."
        return "Nothing in the CMDB or known errors looks like this."

    def _fill(self) -> None:
        # The operator's cursor stays on its suggestion; unfocused, the best one leads.
        keep = self.highlighted_key if self.has_focus else None
        found = self.found
        options: list[Option] = []
        if found is not None and (found.cis or found.known_errors):
            for title, items in (("CIs", found.cis), ("Known errors", found.known_errors)):
                if items:
                    options.append(
                        Option(Content.styled(title, "bold $text-accent"), disabled=True)
                    )
                    options += [self._option(item) for item in items]
        else:
            options.append(Option(Content(one_line(self._status())), disabled=True))
        self.set_options(options)
        ids = [o.id for o in options if o.id is not None]
        if ids:
            self.highlighted = self.get_option_index(keep if keep in ids else ids[0])

    def _option(self, item: Suggestion) -> Option:
        linked = item.key in self.linked
        label = self.matches.label(item.kind, item.key) if self.matches is not None else ""
        # Two columns spare for the scrollbar, which appears only once the list is long.
        width = max(self.scrollable_content_region.width - _INDENT - 2, 16)
        lines = [
            Content.assemble(
                ("\u2713 " if linked else "  ", "$text-success"),
                (f"{item.score:>3} ", "bold"),
                (one_line(item.key, limit=width), "bold"),
                (f" \u00b7 {one_line(label)}" if label and item.kind == "ci" else "", "dim"),
                ("  linked" if linked else "", "$text-success"),
            ).truncate(width + _INDENT, ellipsis=True)
        ]
        if label and item.kind == "known_error":
            lines += _indented(Content(one_line(label)), width)
        lines += _indented(Content.styled(one_line(item.reason), "dim"), width)
        return Option(Content("\n").join(lines), id=f"{item.kind}:{item.key}")

    def on_resize(self) -> None:
        self._fill()

    @property
    def highlighted_key(self) -> str | None:
        index = self.highlighted
        if index is None or index >= self.option_count:
            return None
        return self.get_option_at_index(index).id

    def action_select(self) -> None:
        # A click selects: here that links, and no OptionSelected reaches a form to save it.
        self.action_link()

    def action_link(self) -> None:
        key = self.highlighted_key
        if key is None:
            self.app.bell()
            return
        kind, _, name = key.partition(":")
        self.post_message(self.Link("ci" if kind == "ci" else "known_error", name))


def _indented(text: Content, width: int) -> list[Content]:
    """Wrapped to `width`, every line under the name rather than under the score."""
    pad = Content(" " * _INDENT)
    return [pad + line for line in text.wrap(width)]
