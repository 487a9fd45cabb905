"""BM25 over the passages, with SQLite FTS5 as the keyword index and numpy doing the scoring.

FTS5's bm25() is called once per passage that holds any of the question's words. A theme question's
words ("young", "people", "care") are in thousands of passages, so that was 15-20 ms of a ~30 ms search
at 11k passages and 215 of 231 ms at 108k (bench/RESULTS.md, "Scaling"). Here each word's postings
(which passages hold it, how often, in which column) are read once per index generation from FTS5's own
vocabulary table and turned into that word's BM25 share per passage; a question then costs a few array
additions. The scores are FTS5's bm25(chunks_fts, 1.0, 0.5): FTS5's tokenizer stems the question's
words, and the formula and statistics are those of its fts5_aux.c (tests/test_keywords.py checks the two
agree).
"""
from __future__ import annotations

import math
import sqlite3
import threading
from collections.abc import Sequence

import numpy as np

TOKENIZER = "porter unicode61 remove_diacritics 2"   # the chunks_fts table's, see index.storage.store
COLUMN_WEIGHTS = {"text": 1.0, "context": 0.5}       # a council named only in a report's title counts half
K1, B = 1.2, 0.75                                    # FTS5's bm25 constants


class KeywordScorer:
    """Ranks passages by BM25 for a list of single-word keywords; safe to share between threads."""

    def __init__(self, db: sqlite3.Connection, lock: threading.RLock):
        self._db, self._lock = db, lock
        self._generation = -1
        self._lengths = np.zeros(0)                  # tokens per passage (all columns), by rowid
        self._average_length = 1.0
        self._rows = 0
        self._postings: dict[str, tuple[np.ndarray, np.ndarray]] = {}  # stem -> (rowids, BM25 shares)
        self._stems: dict[str, str | None] = {}
        self._stemmer: sqlite3.Connection | None = None

    def search(self, terms: Sequence[str], limit: int,
               chunk_ranges: Sequence[tuple[int, int]] | None = None) -> list[tuple[int, float]]:
        """(rowid, score), best first, for passages holding any of the terms (within the id ranges, if
        given). A word counts once per time the question names it, as in an FTS5 OR query."""
        with self._lock:
            postings, size = self._postings_for([stem for stem in map(self._porter_stem, terms) if stem])
        if not postings:
            return []
        scores = np.zeros(size)
        for rowids, shares in postings:
            scores[rowids] += shares
        if chunk_ranges is not None:
            inside = np.zeros(len(scores), dtype=bool)
            for first, last in chunk_ranges:
                inside[max(first, 0):last + 1] = True
            scores[~inside] = 0.0
        found = np.flatnonzero(scores)
        if len(found) > limit:
            found = found[np.argpartition(-scores[found], limit - 1)[:limit]]
        best = found[np.lexsort((found, -scores[found]))]
        return [(int(rowid), float(scores[rowid])) for rowid in best]

    def holds(self, term: str, chunk_ranges: Sequence[tuple[int, int]] | None = None) -> bool:
        """Whether any passage (within the id ranges, if given) holds the word: its postings are sorted,
        so this is a binary search per range, not a score over every passage as `search` would make."""
        stem = self._porter_stem(term)
        if stem is None:
            return False
        with self._lock:
            [(rowids, _)], _ = self._postings_for([stem])
        if chunk_ranges is None:
            return len(rowids) > 0
        if not chunk_ranges:
            return False
        firsts, lasts = np.array(chunk_ranges, dtype=np.int64).T
        return bool(np.any(np.searchsorted(rowids, lasts, "right") > np.searchsorted(rowids, firsts, "left")))

    def _postings_for(self, stems: list[str]) -> tuple[list[tuple[np.ndarray, np.ndarray]], int]:
        """Each stem's passages and its BM25 share in each, and the size of a score array they fit, all
        read at one generation of the index (a writer may commit between two searches, not within one)."""
        if not stems:
            return [], 0
        self._db.execute("BEGIN")  # the generation, lengths and postings from one consistent state
        try:
            generation = int(self._db.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()[0])
            if generation != self._generation:
                self._load_lengths()
                self._generation, self._postings = generation, {}
            for stem in stems:
                if stem not in self._postings:
                    self._postings[stem] = self._read_postings(stem)
            return [self._postings[stem] for stem in stems], len(self._lengths)
        finally:
            self._db.execute("COMMIT")

    def _load_lengths(self) -> None:
        """Every passage's length in tokens, from FTS5's docsize table (one varint per column)."""
        rows = self._db.execute("SELECT id, sz FROM chunks_fts_docsize").fetchall()
        lengths = np.zeros(max((rowid for rowid, _ in rows), default=0) + 1)
        for rowid, sizes in rows:
            lengths[rowid] = sum(_varints(sizes))
        self._lengths, self._rows = lengths, len(rows)
        self._average_length = float(lengths.sum()) / len(rows) if rows else 1.0
        self._db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.chunks_vocabulary "
                         "USING fts5vocab(main, chunks_fts, instance)")

    def _read_postings(self, stem: str) -> tuple[np.ndarray, np.ndarray]:
        # One row of two strings instead of a row per occurrence: 30-40% faster for common words.
        docs, in_context = self._db.execute(
            "SELECT group_concat(doc), group_concat(col = 'context', '') FROM temp.chunks_vocabulary WHERE term = ?",
            (stem,)).fetchone()
        if not docs:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        occurrences = np.array(docs.split(","), dtype=np.int64)
        context = np.frombuffer(in_context.encode("ascii"), dtype=np.uint8) == ord("1")
        weights = np.where(context, COLUMN_WEIGHTS["context"], COLUMN_WEIGHTS["text"])
        rowids, which = np.unique(occurrences, return_inverse=True)
        weighted = np.bincount(which, weights=weights)
        idf = math.log((self._rows - len(rowids) + 0.5) / (len(rowids) + 0.5))
        idf = idf if idf > 0 else 1e-6
        norm = K1 * (1 - B + B * self._lengths[rowids] / self._average_length)
        return rowids, idf * weighted * (K1 + 1) / (weighted + norm)

    def _porter_stem(self, term: str) -> str | None:
        """The word as FTS5's tokenizer stores it ('supervision' -> 'supervis'), None for no token."""
        if term not in self._stems:
            with self._lock:
                if self._stemmer is None:
                    self._stemmer = sqlite3.connect(":memory:", check_same_thread=False)
                    self._stemmer.execute(f"CREATE VIRTUAL TABLE words USING fts5(word, tokenize = '{TOKENIZER}')")
                    self._stemmer.execute("CREATE VIRTUAL TABLE stems USING fts5vocab(words, row)")
                self._stemmer.execute("INSERT INTO words(rowid, word) VALUES (1, ?)", (term,))
                tokens = [row[0] for row in self._stemmer.execute("SELECT term FROM stems")]
                self._stemmer.execute("DELETE FROM words")
            self._stems[term] = tokens[0] if len(tokens) == 1 else None
        return self._stems[term]


def _varints(blob: bytes) -> list[int]:
    """SQLite's variable-length integers, as FTS5 writes column sizes (7 bits a byte, high bit = more)."""
    values, value = [], 0
    for byte in blob:
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            values.append(value)
            value = 0
    return values
