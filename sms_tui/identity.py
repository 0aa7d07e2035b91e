"""Who is at the keyboard: the Unix account running the process, never $USER."""

from __future__ import annotations

import os
import pwd


def current_login() -> str:
    """The login name of the effective user, from the passwd database.

    $USER and $LOGNAME are set by the caller and prove nothing.
    """
    return pwd.getpwuid(os.geteuid()).pw_name
