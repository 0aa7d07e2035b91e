"""The subcommands of `sms-tui`, one module each, imported only when the command runs.

Each takes typed arguments (never an argparse namespace), returns an exit code, and
raises `output.Failure` with the line to show when it refuses.
"""
