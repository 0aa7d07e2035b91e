"""Pure ranking of CIs and known errors for an incident's text, with reasons. No UI, no SQL.

index = MatchIndex.build(cis, relationships, known_errors, services)
found = suggest(index, Query.of(incident))
found.cis[0].key, found.cis[0].score, found.cis[0].reason
"""

from sms_tui.matching.identifiers import Identifier, codes
from sms_tui.matching.index import MatchIndex
from sms_tui.matching.rank import Query, Suggestion, Suggestions, suggest
from sms_tui.matching.tokens import words

__all__ = [
    "Identifier",
    "MatchIndex",
    "Query",
    "Suggestion",
    "Suggestions",
    "codes",
    "suggest",
    "words",
]
