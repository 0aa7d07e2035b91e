"""A weighted inverted index of words, with rapidfuzz lookup of misspelt words.

Scoring every record with a fuzzy scorer costs 18-80 ms over 50,000 names (PERF-NOTES),
so prose goes the other way round: each query word is looked up in the postings, and
rapidfuzz runs only over the vocabulary (a few thousand distinct words) for words the
index has never seen, which is where typos land.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from sms_tui.matching.tokens import words

# A word in more than 2 % of records is too common to shortlist by (at 20 % a query over
# 50,000 CIs took a 137 ms p95; at 2 %, 5 ms). It still scores records found through
# rarer words.
_COMMON = 0.02
_TYPO_CUTOFF = 84.0


@dataclass(frozen=True)
class Hit:
    """How well one record matches a query's prose, and the record words that matched."""

    similarity: float
    matched: tuple[str, ...]


class Corpus:
    """Records' words with field weights, inverted for shortlisting."""

    def __init__(self) -> None:
        self._terms: dict[str, dict[str, float]] = {}
        self._postings: dict[str, dict[str, float]] = {}
        self._norms: dict[str, float] = {}
        self._norm_size = 0
        self._vocab: list[str] | None = None
        self._typos: dict[str, tuple[tuple[str, float], ...]] = {}

    def __len__(self) -> int:
        return len(self._terms)

    def add(self, key: str, fields: Iterable[tuple[str, float]]) -> None:
        """Index a record's texts, each with its weight; replaces any earlier version."""
        self.remove(key)
        terms: dict[str, float] = {}
        for text, weight in fields:
            for term in words(text):
                terms[term] = max(terms.get(term, 0.0), weight)
        self._terms[key] = terms
        for term, weight in terms.items():
            posting = self._postings.get(term)
            if posting is None:
                posting = self._postings[term] = {}
                self._vocab = None
                self._typos.clear()
            posting[key] = weight

    def remove(self, key: str) -> None:
        """Forget a record; unknown keys are ignored."""
        terms = self._terms.pop(key, None)
        self._norms.pop(key, None)
        for term in terms or ():
            posting = self._postings[term]
            del posting[key]
            if not posting:
                del self._postings[term]
                self._vocab = None
                self._typos.clear()

    def idf(self, term: str) -> float:
        """Rarer words say more: log(1 + N / df), with unseen words as rare as can be."""
        df = len(self._postings.get(term, ())) or 1
        return math.log1p(max(len(self._terms), 1) / df)

    def resolve(self, query: Iterable[str]) -> dict[str, tuple[float, str]]:
        """Each query word's index term and closeness (1.0 exact, less for a typo fix)."""
        resolved: dict[str, tuple[float, str]] = {}
        for word in query:
            if word in self._postings:
                resolved[word] = (1.0, word)
                continue
            for term, closeness in self._typo_fixes(word):
                if closeness > resolved.get(term, (0.0, ""))[0]:
                    resolved[term] = (closeness, word)
        return resolved

    def _typo_fixes(self, word: str) -> tuple[tuple[str, float], ...]:
        if len(word) < 4:
            return ()
        fixes = self._typos.get(word)
        if fixes is None:
            if self._vocab is None:
                self._vocab = list(self._postings)
            found = process.extract(
                word, self._vocab, scorer=fuzz.ratio, score_cutoff=_TYPO_CUTOFF, limit=2
            )
            fixes = tuple((term, score / 100) for term, score, _ in found)
            self._typos[word] = fixes
        return fixes

    def score(self, query: Iterable[str], limit: int, extra: Iterable[str] = ()) -> dict[str, Hit]:
        """The `limit` records most similar to the query words, plus any `extra` keys."""
        resolved = self.resolve(dict.fromkeys(query))  # query order: stable reasons
        if not self._terms:
            return {}
        size = len(self._terms)
        query_mass = sum(self.idf(term) for term in resolved) or 1.0
        common = max(300, int(size * _COMMON))
        candidates: set[str] = {key for key in extra if key in self._terms}
        for term in resolved:
            posting = self._postings[term]
            if len(posting) <= common:
                candidates.update(posting)
        # Per query word once, not per candidate: hundreds of candidates share them.
        gains = {term: self.idf(term) * closeness for term, (closeness, _) in resolved.items()}
        order = {term: n for n, term in enumerate(resolved)}
        hits: dict[str, Hit] = {}
        for key in candidates:
            terms = self._terms[key]
            covered = explained = 0.0
            # The set intersection runs in C; only the shared words are looped over.
            matched = sorted(terms.keys() & gains.keys(), key=order.__getitem__)
            for term in matched:
                gain = gains[term]
                covered += terms[term] * gain
                explained += gain
            norm = self._norm(key)
            similarity = 0.6 * covered / norm + 0.4 * explained / query_mass if norm else 0.0
            hits[key] = Hit(min(similarity, 1.0), tuple(matched))
        best = heapq.nlargest(limit, hits, key=lambda k: hits[k].similarity)
        keep = set(best) | set(extra)
        return {key: hit for key, hit in hits.items() if key in keep}

    def _norm(self, key: str) -> float:
        # Norms use the idf of when they were computed; recompute them all once the
        # corpus has grown or shrunk enough for that to matter.
        if abs(len(self._terms) - self._norm_size) > 0.1 * self._norm_size:
            self._norms.clear()
            self._norm_size = len(self._terms)
        norm = self._norms.get(key)
        if norm is None:
            norm = sum(w * self.idf(t) for t, w in self._terms[key].items())
            self._norms[key] = norm
        return norm
