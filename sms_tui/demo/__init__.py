"""A realistic, deterministic demo service desk placed around the current date.

`build_demo` makes the desk in memory; `write_demo` writes one into a new database file.
Imports nothing from Textual.
"""

from sms_tui.demo.build import build_demo, write_demo

__all__ = ["build_demo", "write_demo"]
