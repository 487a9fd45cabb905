"""Keyword search alone, two ways over the same index and terms: FTS5's bm25() in SQL, and index.storage.keywords.

    python -m bench.keyword_speed --index /tmp/bench_index --questions ../shared/eval/dev_questions.jsonl

Prints the mean, p50 and worst time of each (three rounds over the questions' keywords, after a first
round that reads the postings), the cost of that first round, and for how many questions both give the
same top 50 passages. FTS5 is queried through a read-only connection of this script's own to the index's
SQLite file, so the library's objects are used only through their public methods.
"""
from __future__ import annotations

import argparse
import sqlite3
import statistics
import time
from pathlib import Path

from bench.common import read_questions
from index.opening import open_for_search
from index.search.query import analyse
from index.storage.store import DB_NAME

FTS5_SQL = ("SELECT rowid, -bm25(chunks_fts, 1.0, 0.5) AS score FROM chunks_fts WHERE chunks_fts MATCH ? "
            "ORDER BY score DESC LIMIT ?")
LIMIT = 300


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.keyword_speed", description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--questions", type=Path, required=True)
    args = parser.parse_args(argv)
    searcher = open_for_search(str(args.index))
    store, catalogue = searcher.store, searcher.catalogue()
    # The question's keywords as the searcher matches them (a word in most passages is left out).
    terms = [searcher.keyword_terms(analyse(question, catalogue.council_keys.values()).terms, catalogue)
             for question in read_questions(args.questions)]
    database = sqlite3.connect(f"{(store.path / DB_NAME).resolve().as_uri()}?mode=ro", uri=True)

    def fts5(words):
        return database.execute(FTS5_SQL, (" OR ".join(f'"{w}"' for w in words), LIMIT)).fetchall()

    def in_memory(words):
        return store.keyword_search(words, LIMIT)

    began = time.perf_counter()
    for words in terms:
        in_memory(words)
    first_round = (time.perf_counter() - began) / len(terms)
    for name, search in (("FTS5 bm25() in SQL", fts5), ("in memory (index.storage.keywords)", in_memory)):
        times = []
        for _ in range(3):
            for words in terms:
                began = time.perf_counter()
                search(words)
                times.append(time.perf_counter() - began)
        print(f"{name}: mean {statistics.mean(times) * 1000:.2f} ms, p50 {statistics.median(times) * 1000:.2f} ms, "
              f"max {max(times) * 1000:.1f} ms")
    print(f"in memory, first round (postings read): {first_round * 1000:.1f} ms per question")
    same = sum([r for r, _ in fts5(w)][:50] == [r for r, _ in in_memory(w)][:50] for w in terms)
    print(f"same top 50 as FTS5 for {same} of {len(terms)} questions")


if __name__ == "__main__":
    main()
