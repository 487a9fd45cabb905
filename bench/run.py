"""Benchmark: ingest a folder, answer a question file, and report speed, memory and (optionally) quality.

    python -m bench.run --corpus ../shared/corpus --questions ../shared/eval/dev_questions.jsonl

Prints pages/s and chunks/s of the ingest, query latency p50/p95 (first pass and warm), the process's peak
memory, and, when the questions carry answer keys and ../shared/eval/score.py exists, the scorer's figures. The
results file has one line per question from the warm pass, with the fields `python -m index search --jsonl`
prints: `Response.to_dict()` plus `latency_ms` (here timed around `Searcher.ask`).
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, SCORER, peak_mb, percentile, read_questions, score
from index.opening import open_for_search, open_for_writing
from ingest.pipeline import ingest_paths


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True, help="folder to ingest")
    parser.add_argument("--questions", type=Path, required=True, help=".jsonl with 'question' fields, or .txt")
    parser.add_argument("--index", type=Path, help="index folder (default: a new temporary one)")
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out", help="where results are written")
    args = parser.parse_args()

    index_dir = args.index or Path(tempfile.mkdtemp(prefix="inspectqa-bench-")) / "index"
    args.out.mkdir(parents=True, exist_ok=True)
    store, embedder = open_for_writing(index_dir)
    report = ingest_paths([args.corpus], store, embedder)
    ingest_peak = peak_mb()
    print(f"ingest: {report.summary()}")
    for failure in report.failures:
        print(f"  failed: {failure.message}")
    if report.seconds and report.pages:
        print(f"ingest: {report.pages / report.seconds:.1f} pages/s, {report.chunks / report.seconds:.1f} chunks/s, "
              f"peak memory {ingest_peak:.0f} MB")

    searcher = open_for_search(index_dir)
    questions = read_questions(args.questions)
    searcher.ask(questions[0], k=args.k)  # model, FAISS file and caches loaded
    # First pass: each question's words are read from the index the first time they are asked. Warm:
    # the same questions again, as a searcher that has been answering for a while would.
    passes = []
    for _ in range(2):
        latencies, lines = [], []
        for question in questions:
            started = time.perf_counter()
            response = searcher.ask(question, k=args.k)
            latency = (time.perf_counter() - started) * 1000
            latencies.append(latency)
            lines.append(json.dumps({**response.to_dict(), "latency_ms": round(latency, 2)}, ensure_ascii=False))
        passes.append(latencies)
    for name, latencies in zip(("first pass", "warm"), passes):
        print(f"query, {name}: n={len(latencies)} p50 {statistics.median(latencies):.1f} ms, "
              f"p95 {percentile(latencies, 0.95):.1f} ms")
    print(f"peak memory {peak_mb():.0f} MB")
    results = args.out / "results.jsonl"
    results.write_text("\n".join(lines) + "\n")
    print(f"results: {results}")
    if args.questions.suffix == ".jsonl" and SCORER.exists():
        scored = score(args.questions, results, args.out / "per_question.jsonl")
        print(scored.stdout or scored.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
