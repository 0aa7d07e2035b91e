"""The baseline: a bare Textual app with a header, a 50-row table and a footer."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable()
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Name", "Status", "Owner")
        table.add_rows([(f"row-{i:03d}", "live", "Service Desk") for i in range(50)])


if __name__ == "__main__":
    BareApp().run()
