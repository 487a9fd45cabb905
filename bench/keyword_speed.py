"""Keyword search alone, two ways over the same index and terms: FTS5's bm25() in SQL, and index.storage.keywords.

    python -m bench.keyword_speed --index /tmp/bench_index --questions ../shared/eval/dev_questions.jsonl

Prints the mean, p50 and worst time of each (three rounds over the questions' keywords, after a first
round that reads the postings), the cost of that first round, and for how many questions both give the
same top 50 passages.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from index.opening import open_for_search  # noqa: E402
from index.search.query import analyse  # noqa: E402

FTS5_SQL = ("SELECT rowid, -bm25(chunks_fts, 1.0, 0.5) AS score FROM chunks_fts WHERE chunks_fts MATCH ? "
            "ORDER BY score DESC LIMIT ?")
LIMIT = 300


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--questions", type=Path, required=True)
    args = parser.parse_args(argv)
    searcher = open_for_search(str(args.index))
    store, catalogue = searcher.store, searcher.catalogue()
    questions = [json.loads(line)["question"] for line in args.questions.read_text().splitlines() if line.strip()]
    terms = [searcher._keyword_terms(analyse(q, catalogue.council_keys.values()).terms, catalogue) for q in questions]

    def fts5(words):
        return store._db.execute(FTS5_SQL, (" OR ".join(f'"{w}"' for w in words), LIMIT)).fetchall()

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
