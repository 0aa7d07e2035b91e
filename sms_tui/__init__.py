"""sms-tui: a keyboard-first terminal service desk over one shared SQLite file."""

__version__ = "0.1.0"
