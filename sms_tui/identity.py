"""Who is at the keyboard: the Unix account running the process, never $USER.

One exception, for the OpenSSH set-up in the README: every operator logs in as the service
account that owns the database, and that account's forced command names them with
`--operator NAME`. The name is honoured only when the process runs as the owner of the
database file, because only then did it come from the service account's own
authorized_keys and not from someone naming whoever they like.
"""

from __future__ import annotations

import os
import pwd
from pathlib import Path


class NotServiceAccount(Exception):
    """`--operator` was given by an account that does not own the database."""


def current_login() -> str:
    """The login name of the effective user, from the passwd database.

    $USER and $LOGNAME are set by the caller and prove nothing.
    """
    return pwd.getpwuid(os.geteuid()).pw_name


def acting_operator(requested: str | None, db_path: Path, *, euid: int | None = None) -> str:
    """The operator this run works as: `requested` if the service account asks, else us.

    Without `requested` this is simply `current_login()`. `euid` is the effective uid to
    judge by; tests pass one, the app lets it default.
    """
    if requested is None:
        return current_login()
    uid = os.geteuid() if euid is None else euid
    try:
        owner = db_path.stat().st_uid
    except OSError as error:
        raise NotServiceAccount(
            f"--operator {requested} refused: {db_path} must already exist, owned by the"
            f" service account ({error.strerror or error})"
        ) from None
    if owner != uid:
        raise NotServiceAccount(
            f"--operator {requested} refused: only the service account that owns {db_path}"
            f" ({_login_of(owner)}) may act for another operator; you are {_login_of(uid)}"
        )
    return requested


def _login_of(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:  # a uid with no passwd entry, e.g. inside a container
        return f"uid {uid}"
