"""The app shell: sections as modes, global keys, help, palette, keymap, header, snapshots."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlite_utils import Database
from textual.binding import Binding
from textual.command import CommandPalette

from sms_tui.app import SmsApp, make_app
from sms_tui.screens.catalogue import CatalogueScreen
from sms_tui.screens.help import HelpScreen
from sms_tui.screens.queue import QueueScreen
from sms_tui.screens.service_detail import ServiceDetailScreen
from sms_tui.sections import SECTIONS
from sms_tui.widgets.filter_bar import FilterBar
from sms_tui.widgets.key_scroll import KeyScroll
from sms_tui.widgets.key_table import KeyTable
from tests.catalogue_fixtures import on_catalogue
from tests.snapshot_apps.catalogue_desk import ui_config
from tests.snapshot_apps.screen_text import screen_text


def footer_text(app: SmsApp) -> str:
    return screen_text(app).splitlines()[-1]


def filtering(app: SmsApp) -> bool:
    return app.screen.query_one(FilterBar).active


async def test_the_app_opens_on_its_first_section(app: SmsApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.current_mode == "incidents"
        assert isinstance(app.screen, QueueScreen)


async def test_every_section_has_its_number_key_and_one_footer_entry(app: SmsApp) -> None:
    async with on_catalogue(app, (80, 24)) as pilot:
        assert [s.key for s in SECTIONS] == ["1", "2", "3", "4", "5"]
        footer = footer_text(app)
        assert " 1-5 Sections " in footer
        # However many keys a screen has, the ways to help and out stay in view.
        assert footer.rstrip().endswith("? Help  q Quit")
        for key, section in zip("1234", ("incidents", "problems", "changes", "cmdb"), strict=True):
            await pilot.press(key)
            await pilot.pause()
            assert app.current_mode == section
            assert footer_text(app).rstrip().endswith("? Help  q Quit"), section


async def test_the_section_key_goes_back_to_the_section_list(app: SmsApp) -> None:
    async with on_catalogue(app, (80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ServiceDetailScreen)
        await pilot.press("5")
        await pilot.pause()
        assert isinstance(app.screen, CatalogueScreen)
        assert app.current_mode == "catalogue"


async def test_help_lists_the_live_keys_of_this_screen_and_the_app(app: SmsApp) -> None:
    async with on_catalogue(app, (80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        listed = {(e.key_text, e.description) for e in help_screen.entries}
        assert {
            ("/", "Filter"),
            ("⏎", "Open"),
            ("↓ j", "Next row"),
            ("↑ k", "Previous row"),
            ("5", "Catalogue"),
            ("?", "Help"),
            ("^p", "Palette"),
            ("q", "Quit"),
        } <= listed
        # Escape does nothing on the list until a filter is open, so it is not listed.
        assert "Clear filter" not in {e.description for e in help_screen.entries}
        text = screen_text(app)
        assert "Show only services matching what you type" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CatalogueScreen)


async def test_help_on_the_detail_lists_back(app: SmsApp) -> None:
    async with on_catalogue(app, (80, 24)) as pilot:
        await pilot.press("enter", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        descriptions = [e.description for e in app.screen.entries]
        assert descriptions[0] == "Back"
        assert "Scroll down" in descriptions and "Quit" in descriptions
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, ServiceDetailScreen)


async def test_the_palette_runs_a_binding_of_the_current_screen(app: SmsApp) -> None:
    async with on_catalogue(app, (80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"filter")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CatalogueScreen)
        assert filtering(app)


async def test_the_palette_offers_the_sections_and_every_key(app: SmsApp) -> None:
    async with on_catalogue(app, (80, 24)) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for title in ("Filter", "Open", "Next row", "Catalogue", "Help", "Quit"):
            assert title in titles
        assert "Palette" not in titles
        assert titles.count("Quit") == 1


async def test_a_keymap_remaps_a_binding_by_id(desk: Database) -> None:
    app = make_app(desk, ui_config(keymap={"catalogue.filter": "f", "app.help": "h"}))
    async with on_catalogue(app, (80, 24)) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        assert not filtering(app)
        await pilot.press("f")
        await pilot.pause()
        assert filtering(app)
        await pilot.press("escape", "h")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = {e.description: e.key_text for e in app.screen.entries}
        assert keys["Filter"] == "f" and keys["Help"] == "h"


async def test_q_quits(app: SmsApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_typing_q_in_the_filter_does_not_quit(app: SmsApp) -> None:
    async with on_catalogue(app, (80, 24)) as pilot:
        await pilot.press("slash", "q", "5", "question_mark")
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, CatalogueScreen)
        assert app.screen.filter_text == "q5?"


async def test_animations_off_when_configured(desk: Database) -> None:
    assert make_app(desk, ui_config(animations=False)).animation_level == "none"
    assert make_app(desk, ui_config(animations=True)).animation_level != "none"


async def test_the_header_shows_operator_and_path_as_plain_text(desk: Database) -> None:
    path = "/srv/[red]x[/red]/[@click=app.quit]d[/]/desk.db"
    app = make_app(desk, ui_config(operator="bob.ops", db_path=path))
    async with app.run_test(size=(120, 24)) as pilot:
        await pilot.pause()
        first_line = screen_text(app).splitlines()[0]
        assert "bob.ops" in first_line
        assert path in first_line
        await pilot.click("HeaderBar", offset=(110, 0))
        assert app.is_running


async def test_a_long_path_keeps_its_end(desk: Database) -> None:
    path = "/very/long/" + "nested/" * 20 + "desk.db"
    app = make_app(desk, ui_config(db_path=path))
    async with on_catalogue(app, (80, 24)) as pilot:
        await pilot.pause()
        first_line = screen_text(app).splitlines()[0]
        assert "Catalogue" in first_line and first_line.rstrip().endswith("nested/desk.db")
        assert "…" in first_line


def all_bindings() -> list[Binding]:
    classes = [SmsApp, CatalogueScreen, ServiceDetailScreen, HelpScreen, KeyTable, KeyScroll]
    return [
        binding
        for cls in classes
        for binding in Binding.make_bindings(cls.__dict__.get("BINDINGS", []))
    ]


def test_every_binding_has_an_id_a_description_and_a_tooltip() -> None:
    bindings = all_bindings()
    assert bindings
    for binding in bindings:
        assert binding.id and binding.description and binding.tooltip, binding


def test_a_binding_id_names_one_action() -> None:
    # A binding with several keys ("down,j") is one id; two actions never share an id.
    actions: dict[str, set[str]] = {}
    for binding in all_bindings():
        assert binding.id is not None
        actions.setdefault(binding.id, set()).add(binding.action)
    assert all(len(names) == 1 for names in actions.values()), actions


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_snapshot_help(
    snap_compare: Callable[..., bool], desk: Database, size: tuple[int, int]
) -> None:
    app = make_app(desk, ui_config())
    assert snap_compare(app, press=["5", "question_mark"], terminal_size=size)
