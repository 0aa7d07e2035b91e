"""Turning pydantic's errors into the one line an operator reads."""

from __future__ import annotations

from pydantic import ValidationError


def describe(error: ValidationError, prefix: str = "") -> str:
    """'incidents[12].title: must not be blank; ...' with list positions in brackets."""
    parts = []
    for item in error.errors(include_url=False):
        location = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in item["loc"]).lstrip(
            "."
        )
        where = (
            f"{prefix}.{location}"
            if prefix and location and not location.startswith("[")
            else prefix + location
        )
        message = str(item["msg"]).removeprefix("Value error, ")
        parts.append(f"{where}: {message}" if where else message)
    return "; ".join(parts)
