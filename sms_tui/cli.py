"""The command line: `sms-tui` opens the TUI; subcommands move, copy and make desks.

Parsing comes first and imports nothing heavy; each command loads the store, Textual or
the demo generator only when it runs, so `--help` and `--version` answer at once.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from sms_tui import __version__
from sms_tui.commands.change_args import add_change_parser, check_change
from sms_tui.commands.ci_args import add_ci_parser, check_ci_update
from sms_tui.commands.database import ENV_VAR, resolve_db_path
from sms_tui.commands.incident_args import add_incident_parser, check_update
from sms_tui.commands.output import PROG, complain, explain
from sms_tui.commands.problem_args import (
    add_problem_parser,
    check_problem_create,
    check_problem_update,
)
from sms_tui.commands.report_args import add_report_parser, add_service_parser
from sms_tui.commands.suggest_args import add_suggest_parser

INTERRUPTED = 130


def build_parser() -> argparse.ArgumentParser:
    """The whole grammar; `--db` is accepted before or after the subcommand."""
    where = argparse.ArgumentParser(add_help=False)
    where.add_argument(
        "--db",
        metavar="PATH",
        type=_path,
        default=argparse.SUPPRESS,
        help=f"the database file (default: ${ENV_VAR}, else one in your data directory)",
    )
    parser = argparse.ArgumentParser(
        prog=PROG,
        parents=[where],
        description="A keyboard-first service desk over one shared SQLite file.",
        epilog="With no command, opens the desk in the terminal.",
    )
    parser.add_argument("--demo", action="store_true", help="open the demo desk, made on first use")
    parser.add_argument(
        "--operator",
        metavar="NAME",
        help="work as NAME; honoured only for the account that owns the database (SSH set-up)",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser("demo", help="write a demo desk to a new database file")
    demo.add_argument("path", metavar="PATH", type=_path)
    demo.add_argument("--size", choices=("small", "large"), default="small")
    demo.add_argument("--seed", type=int, default=1, help="the same seed gives the same desk")

    load = commands.add_parser(
        "import", parents=[where], help="load a desk from JSON into an empty database"
    )
    load.add_argument("file", metavar="FILE", type=_path, help='a JSON desk, or "-" for stdin')
    load.add_argument(
        "--dry-run", action="store_true", help="check and rehearse the import, write nothing"
    )

    dump = commands.add_parser("export", parents=[where], help="write the whole desk as JSON")
    dump.add_argument("file", metavar="FILE", type=_path, help='where to write, or "-" for stdout')

    copy = commands.add_parser(
        "backup", parents=[where], help="copy the live database safely to a new file"
    )
    copy.add_argument("file", metavar="FILE", type=_path)

    add_incident_parser(commands, where)
    add_change_parser(commands, where)
    add_problem_parser(commands, where)
    add_ci_parser(commands, where)
    add_report_parser(commands, where)
    add_service_parser(commands, where)
    add_suggest_parser(commands, where)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command line and return its exit code: 0, 1 on a refusal, 2 on bad usage."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.demo and ("db" in args or args.command is not None):
            parser.error("--demo opens the demo desk; it takes neither --db nor a command")
        if args.operator is not None and args.command is not None:
            parser.error("--operator opens the desk as NAME; it takes no command")
        if args.command == "demo" and "db" in args:
            parser.error("demo writes to the PATH it is given; it takes no --db")
        if args.command == "incident" and args.incident_command == "update":
            check_update(args)
        if args.command == "change":
            check_change(args)
        if args.command == "problem" and args.problem_command == "update":
            check_problem_update(args)
        if args.command == "problem" and args.problem_command == "create":
            check_problem_create(args)
        if args.command == "ci" and args.ci_command == "update":
            check_ci_update(args)
    except SystemExit as exit_:  # --help, --version and usage errors
        code = exit_.code
        return code if isinstance(code, int) else (0 if code is None else 2)
    try:
        return _run(args, os.environ)
    except KeyboardInterrupt:
        complain("interrupted")
        return INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return 1
    except Exception as error:
        message = explain(error)
        if message is None:
            raise
        complain(message)
        return 1


def _run(args: argparse.Namespace, environ: Mapping[str, str]) -> int:
    from sms_tui.config import default_db_path, demo_db_path

    command: str | None = args.command
    if command == "demo":
        from sms_tui.commands.demo import write_demo_desk

        return write_demo_desk(Path(args.path), size=args.size, seed=args.seed)
    home = demo_db_path() if args.demo else default_db_path()
    path = home if args.demo else resolve_db_path(getattr(args, "db", None), environ, home)
    if command == "import":
        from sms_tui.commands.import_desk import import_desk

        return import_desk(args.file, path, home=home, dry_run=args.dry_run)
    if command == "export":
        from sms_tui.commands.export_desk import export_desk

        return export_desk(args.file, path)
    if command == "change":
        from sms_tui.commands.change import run_change

        return run_change(args, path)
    if command == "incident":
        from sms_tui.commands.incident import run_incident

        return run_incident(args, path)
    if command == "problem":
        from sms_tui.commands.problem import run_problem

        return run_problem(args, path)
    if command == "ci":
        from sms_tui.commands.ci import run_ci

        return run_ci(args, path)
    if command == "report":
        from sms_tui.commands.report import run_report

        return run_report(args, path)
    if command == "service":
        from sms_tui.commands.service import run_service

        return run_service(args, path)
    if command == "suggest":
        from sms_tui.commands.suggest import run_suggest

        return run_suggest(args, path)
    if command == "backup":
        from sms_tui.commands.backup import backup

        return backup(path, Path(args.file))
    from sms_tui.commands.launch import launch

    return launch(path, home=home, demo=args.demo, environ=environ, operator=args.operator)


def _path(text: str) -> str:
    if not text:
        raise argparse.ArgumentTypeError("a path must not be empty")
    return text


def _silence_stdout() -> None:
    # The reader went away (`sms-tui export - | head`): say nothing more to it, and stop
    # Python from complaining about the flush at exit.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
