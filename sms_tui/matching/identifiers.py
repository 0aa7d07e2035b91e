"""Exact identifiers in free text: hostnames, IPs, error codes, KB and ticket numbers.

An identifier is worth more than any amount of similar prose, so each one is reduced to
a canonical key ("ORA-00060", "HTTP 502", "10.4.2.17") that the index looks up in a dict.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Identifier:
    """One identifier found in a text: what it is, its canonical key, and a label for reasons."""

    kind: str
    key: str

    @property
    def label(self) -> str:
        """How a reason names it: "error code ORA-00060", "IP 10.4.2.17"."""
        return f"{self.kind} {self.key}" if self.kind not in ("HTTP", "SMTP", "event") else self.key


_I = re.IGNORECASE
_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
_PATTERNS: tuple[tuple[str, re.Pattern[str], str, str], ...] = (
    ("IP", re.compile(rf"(?<![\d.]){_OCTET}(?:\.{_OCTET}){{3}}(?!\.?\d)"), "{0}", ""),
    (
        "ticket",
        re.compile(r"(?<![\w-])(INC|PRB|KE|CHG)-?(\d{5,})(?![\w-])", _I),
        "{1}-{2}",
        "upper",
    ),
    ("error code", re.compile(r"(?<![\w-])0x[0-9a-f]{4,16}(?![\w-])", _I), "{0}", "lower"),
    ("KB", re.compile(r"(?<![\w-])KB ?(\d{6,8})(?!\w)", _I), "KB{1}", ""),
    (
        "HTTP",
        re.compile(r"\bhttp(?:/[\d.]+)?\s*(?:error|status|code)?\s*:?\s*([1-5]\d\d)\b", _I),
        "HTTP {1}",
        "",
    ),
    (
        "HTTP",
        re.compile(r"\b(?:error|status|err)\s*(?:code)?\s*:?\s*([45]\d\d)(?![\d.])", _I),
        "HTTP {1}",
        "",
    ),
    (
        "HTTP",
        re.compile(
            r"\b([45]\d\d)\s+(?:bad gateway|gateway time-?out|service unavailable|"
            r"internal server error|not found|forbidden|unauthori[sz]ed|too many requests)",
            _I,
        ),
        "HTTP {1}",
        "",
    ),
    ("SMTP", re.compile(r"(?<![\w.])([45]\.[0-7]\.\d{1,3})(?![\w.])"), "SMTP {1}", ""),
    ("event", re.compile(r"\bevent\s*(?:id)?\s*:?\s*(\d{3,5})\b", _I), "event {1}", ""),
    (
        "error code",
        re.compile(r"\b(?:error|err|exit code)\s*:?\s*(-?\d{4,10})\b", _I),
        "error {1}",
        "",
    ),
    (
        "error code",
        re.compile(r"(?<![\w-])([a-z]{2,10})-(\d{3,6}[a-z]?)(?![\w-])", _I),
        "{1}-{2}",
        "upper",
    ),
    (
        "error code",
        re.compile(r"(?<![\w-])([a-z]{2,8})(\d{4,6}[a-z]?)(?![\w-])", _I),
        "{1}{2}",
        "upper",
    ),
    ("error code", re.compile(r"\b(?:[A-Z][a-z]+){2,}(?:Exception|Error)\b"), "{0}", ""),
)

# Record numbers that look like "ABC-12345" but are tickets or articles, not error codes.
_NOT_CODES = frozenset({"INC", "PRB", "KE", "CHG", "KB"})


def codes(text: str) -> list[Identifier]:
    """Every identifier other than a hostname in `text`, each once, in order of kind."""
    found: dict[str, Identifier] = {}
    for kind, pattern, template, case in _PATTERNS:
        for match in pattern.finditer(text):
            key = template.format(match.group(0), *match.groups())
            key = key.upper() if case == "upper" else key.lower() if case == "lower" else key
            if kind == "error code" and case == "upper" and key.startswith(tuple(_NOT_CODES)):
                continue
            found.setdefault(key, Identifier(kind, key))
    return list(found.values())


def compact(name: str) -> str:
    """A name's skeleton for exact lookup: "DB_PRD_003" and "db-prd-3" both give "dbprd3"."""
    alnum = "".join(c for c in name.lower() if c.isalnum())
    return re.sub(r"\d+", lambda m: str(int(m.group())), alnum)


_TOKEN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9])?")
_PLAIN = re.compile(r"[A-Za-z]+")
_IP_TOKEN = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")


def name_candidates(text: str) -> Iterator[tuple[range, str, str]]:
    """Pieces of text that may be a CI's name: token positions, as written, `compact` key.

    Single tokens count only when they look like names (a digit, dash, dot or underscore)
    and are not IPs; runs of two or three words count too, so that "payroll api" can find
    "payroll-api". Longer runs come first, so a caller can prefer them.
    """
    tokens = _TOKEN.findall(text)
    for size in (3, 2):
        for start in range(len(tokens) - size + 1):
            run = tokens[start : start + size]
            if all(_PLAIN.fullmatch(t) or t.isdigit() for t in run) and _PLAIN.fullmatch(run[0]):
                yield range(start, start + size), " ".join(run), compact("".join(run))
    for at, token in enumerate(tokens):
        if not any(c.isdigit() or c in "-_." for c in token) or _IP_TOKEN.fullmatch(token):
            continue
        yield range(at, at + 1), token, compact(token)
        if "." in token and not token.replace(".", "").isdigit():
            label = token.split(".")[0]
            yield range(at, at + 1), label, compact(label)


def looks_like_host(token: str) -> bool:
    """A token shaped like a hostname: letters, then a dash or digits ("db-prd-03", "srv0142")."""
    return bool(re.fullmatch(r"[a-z][a-z0-9]*(?:[-_][a-z0-9]+)+|[a-z]{2,}\d{2,}", token.lower()))
