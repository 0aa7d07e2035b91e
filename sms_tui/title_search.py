"""Finding incidents by their title for global search. Pure: no UI, no SQL.

Over 100,000 titles (the large demo) the name index's scan (a substring test per name,
then rapidfuzz `ratio` over whole names) took 24 ms median and 73 ms p95 a query, and
`ratio` against a whole sentence misses a typo in one of its words. Titles are prose, so
they are indexed by word instead: each typed word picks the title words that contain it
or are spelt like it (a scan of the few thousand distinct words), and only the titles
holding one of those for every typed word are scored. See bench/suggest.py.
"""

from __future__ import annotations

import heapq
import threading
from collections.abc import Iterable

from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from sms_tui.record_search import Found, RecordName

_SPELT_CUTOFF = 80.0
_SPELT_MIN_LENGTH = 4
_SHORT_WORD = 3
# Resolved and closed incidents rank after open ones with the same score.
_SETTLED = ("closed", "resolved")


class TitleIndex:
    """Every incident's title split into words, kept current by `put`; safe across threads."""

    def __init__(self, incidents: Iterable[RecordName] = ()) -> None:
        self._lock = threading.Lock()
        self._records: dict[str, RecordName] = {}
        self._titles: dict[str, str] = {}
        self._words: dict[str, frozenset[str]] = {}
        self._postings: dict[str, set[str]] = {}
        self._vocabulary: list[str] | None = None
        self._put(incidents)

    def __len__(self) -> int:
        return len(self._records)

    def put(self, incidents: Iterable[RecordName]) -> None:
        """Add incidents, or replace those already held (a new title or state)."""
        with self._lock:
            self._put(incidents)

    def _put(self, incidents: Iterable[RecordName]) -> None:
        for record in incidents:
            for word in self._words.get(record.key, ()):
                self._postings[word].discard(record.key)
            title = default_process(record.label)
            words = frozenset(title.split())
            self._records[record.key] = record
            self._titles[record.key] = title
            self._words[record.key] = words
            for word in words:
                if word not in self._postings:
                    self._postings[word] = set()
                    self._vocabulary = None
                self._postings[word].add(record.key)

    def _like(self, part: str, vocabulary: list[str]) -> tuple[set[str], set[str]]:
        """The title words that contain `part` (whole words only when it is short), and
        those only spelt like it."""
        if len(part) < _SHORT_WORD:
            return ({part} if self._postings.get(part) else set()), set()
        containing = {word for word in vocabulary if part in word and self._postings[word]}
        spelt: set[str] = set()
        if len(part) >= _SPELT_MIN_LENGTH:
            for word, _score, _n in process.extract(
                part,
                vocabulary,
                scorer=fuzz.ratio,
                processor=None,
                score_cutoff=_SPELT_CUTOFF,
                limit=None,
            ):
                if word not in containing and self._postings[word]:
                    spelt.add(word)
        return containing, spelt

    def find(self, text: str, limit: int = 20) -> list[Found]:
        """The incidents whose title holds every typed word (or one spelt like it), best
        first; among equals open incidents, then the newest."""
        query = default_process(text)
        parts = list(dict.fromkeys(query.split()))
        if len(query) < _SHORT_WORD:
            return []
        with self._lock:
            if self._vocabulary is None:
                self._vocabulary = list(self._postings)
            vocabulary = self._vocabulary
            likes = [self._like(part, vocabulary) for part in parts]

            def postings(words: set[str]) -> int:
                return sum(len(self._postings[w]) for w in words)

            # The rarest word first, so that the others only filter a short list.
            order = sorted(range(len(parts)), key=lambda i: postings(likes[i][0] | likes[i][1]))
            candidates: set[str] | None = None
            for i in order:
                words = likes[i][0] | likes[i][1]
                if candidates is None:
                    candidates = set().union(*(self._postings[w] for w in words))
                else:
                    candidates = {key for key in candidates if self._words[key] & words}
                if not candidates:
                    return []
            ranked = (self._score(key, query, likes) for key in candidates or ())
            best = heapq.nsmallest(limit, ranked)
        return [
            Found(self._records[key], -negative, reason) for negative, _, _, key, reason in best
        ]

    def _score(
        self,
        key: str,
        query: str,
        likes: list[tuple[set[str], set[str]]],
    ) -> tuple[int, bool, int, str, str]:
        title = self._titles[key]
        if title == query:
            score, reason = 100, "title is the text"
        elif title.startswith(query):
            score, reason = 95, "title starts with the text"
        elif query in title:
            score, reason = 90, "title contains the text"
        elif all(self._words[key] & containing for containing, _ in likes):
            score, reason = 85, "title has every word"
        else:
            score, reason = 80, "title has words spelt like the text"
        record = self._records[key]
        # Sorted ascending: better score, open before closed, then the newest number.
        return (-score, record.state in _SETTLED, -_number(key), key, reason)


def _number(key: str) -> int:
    digits = key.rpartition("-")[2]
    return int(digits) if digits.isdigit() else 0
