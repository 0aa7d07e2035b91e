"""Prose normalisation: folding, stop-words, abbreviations and a light stemmer.

The same function turns an incident's text and a record's text into words, so that
"DB svr" in a ticket and "database server" in the CMDB meet on the same terms.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Ticket boilerplate and English glue: words that say nothing about which CI or
# known error a ticket is about. "not working" is the commonest phrase on any desk.
_STOP_TEXT = """
    a about above after again against all also am an and any anyone anything are as asap at
    be been before being below between both but by can cannot cant could did didnt do does
    doesnt doing dont during each either else etc ever every few for from further get
    gets getting got had has have having he her here hers him his how i id if im in into is
    isnt it its ive just kind kindly let lets like me mine more most my myself need needs
    needed no nor not now of off on once only or other our ours out over own please pls plz
    same she should so some someone something still such than thank thanks thx ty that the
    their theirs them then there these they this those through to too under until up urgent
    urgently us very was wasnt we were what when where which while who whom why will with
    wont would you your yours yourself hi hello hey dear team regards cheers best br
    issue issues problem problems working work works worked help helpdesk assist advise
    anybody everyone somebody today yesterday morning afternoon tonight since already
    ok okay sorry seems seem seemed tried try trying able unable again possible look
    looking check checked know please asap immediately quickly soon ticket raised raise
    hope hopefully appreciate much many lot lots really keep keeps kept one two three
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())

# Common shorthand on a service desk, expanded to the words the CMDB and known errors use.
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "db": ("database",),
    "dbs": ("database",),
    "svr": ("server",),
    "srv": ("server",),
    "srvr": ("server",),
    "pwd": ("password",),
    "pw": ("password",),
    "passwd": ("password",),
    "pswd": ("password",),
    "2fa": ("mfa",),
    "auth": ("authentication",),
    "authn": ("authentication",),
    "cert": ("certificate",),
    "certs": ("certificate",),
    "cfg": ("configuration",),
    "config": ("configuration",),
    "conf": ("configuration",),
    "app": ("application",),
    "apps": ("application",),
    "prd": ("production",),
    "prod": ("production",),
    "dev": ("development",),
    "tst": ("test",),
    "stg": ("staging",),
    "exch": ("exchange",),
    "acct": ("account",),
    "acc": ("account",),
    "usr": ("user",),
    "msg": ("message",),
    "msgs": ("message",),
    "mail": ("email",),
    "mails": ("email",),
    "e-mail": ("email",),
    "fw": ("firewall",),
    "lb": ("load", "balancer"),
    "k8s": ("kubernetes",),
    "err": ("error",),
    "mgr": ("manager",),
    "mgmt": ("management",),
    "perf": ("performance",),
    "wifi": ("wireless",),
    "wlan": ("wireless",),
    "vm": ("virtual", "machine"),
    "vms": ("virtual", "machine"),
    "pc": ("workstation",),
    "desktop": ("workstation",),
    "laptop": ("workstation",),
    "printr": ("printer",),
    "sso": ("single", "sign"),
    "ad": ("active", "directory"),
    "mfa": ("mfa",),
    "vpn": ("vpn",),
    "recieved": ("received",),
    "teh": ("the",),
}

_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def fold(text: str) -> str:
    """Lower case ASCII: accents dropped, so "Réseau" and "reseau" are one word."""
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


@lru_cache(maxsize=65_536)
def stem(word: str) -> str:
    """A light suffix strip: "drops", "dropped" and "dropping" all become "drop"."""
    for suffix, keep in (("ing", 4), ("ed", 4), ("es", 5), ("s", 4)):
        if word.endswith(suffix) and len(word) - len(suffix) >= keep - 1:
            base = word[: -len(suffix)]
            if suffix == "s" and base.endswith("s"):
                return word
            if suffix in ("ing", "ed") and len(base) > 2 and base[-1] == base[-2]:
                base = base[:-1]
            return base
    return word


@lru_cache(maxsize=65_536)
def _terms(raw: str) -> tuple[str, ...]:
    expanded = ABBREVIATIONS.get(raw)
    if expanded is None and "-" in raw:
        return tuple(t for part in raw.split("-") for t in _terms(part))
    out: list[str] = []
    for word in expanded or (raw,):
        if word in STOP_WORDS or word.isdigit() or len(word) < 2:
            continue
        # Words with digits (hostnames, versions, codes) are identifiers, not prose.
        if any(c.isdigit() for c in word):
            continue
        out.append(stem(word))
    return tuple(out)


def words(text: str) -> list[str]:
    """The meaning-bearing words of a text, normalised; repeats kept, in order."""
    folded = fold(text).replace("'", "")
    return [term for raw in _WORD.findall(folded) for term in _terms(raw)]
