"""How fast the answer across the library comes: warm query time for questions with a digest, with a timeline, and
with neither, in one process (each question asked once to warm, then `--passes` times).

    python -m bench.across --index /tmp/dev_index [--questions ../shared/eval/dev_questions.jsonl] [--passes 3]
    python -m bench.across --index /tmp/scale/x30 --questions ../shared/eval/dev_questions.jsonl

Targets (issue 25): a digest within 1 s (p50) on the dev library and 3 s at 30x (bench/scale.py builds that
index), questions with neither at most 30 ms. Which CPU ran it is printed with the figures: it matters.
"""
from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from bench.common import DEV_QUESTIONS, percentile, read_questions


def cpu_name() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return "unknown CPU"


def main(argv: list[str] | None = None) -> int:
    from index.opening import open_for_search

    parser = argparse.ArgumentParser(prog="python -m bench.across", description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--questions", type=Path, default=DEV_QUESTIONS, help="JSONL with a 'question' field, or .txt")
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args(argv)
    searcher = open_for_search(args.index)
    questions = read_questions(args.questions)
    kinds = {question: ("digest" if response.digest else "timeline" if response.timeline else "neither")
             for question in questions for response in [searcher.ask(question)]}   # also the warm-up
    times: dict[str, list[float]] = {"digest": [], "timeline": [], "neither": []}
    for _ in range(args.passes):
        for question in questions:
            started = time.perf_counter()
            searcher.ask(question)
            times[kinds[question]].append((time.perf_counter() - started) * 1000)
    print(f"{cpu_name()}, {len(searcher.catalogue().chunk_doc):,} passages, {args.passes} warm passes")
    print("| answer | questions | p50 ms | p95 ms |")
    print("|---|---|---|---|")
    for kind, values in times.items():
        if values:
            print(f"| {kind} | {len(values) // args.passes} | {statistics.median(values):.0f} | "
                  f"{percentile(values, 0.95):.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
