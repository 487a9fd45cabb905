"""Benchmark: ingest a folder, answer a question file, and report speed, memory and (optionally) quality.

    python bench/run.py --corpus ../shared/corpus --questions ../shared/eval/dev_questions.jsonl

Prints pages/s and chunks/s of the ingest, query latency p50/p95 (first pass and warm), the process's peak
memory, and, when the questions carry answer keys and ../shared/eval/score.py exists, the scorer's figures. The
results file it writes is exactly what `python -m index search --jsonl` prints.
"""
from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from index.opening import open_for_search, open_for_writing  # noqa: E402
from ingest.pipeline import ingest_paths  # noqa: E402

SCORER = ROOT.parent / "shared" / "eval" / "score.py"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def read_questions(path: Path) -> list[str]:
    if path.suffix == ".jsonl":
        return [json.loads(line)["question"] for line in path.read_text().splitlines() if line.strip()]
    return [line for line in path.read_text().splitlines() if line.strip()]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
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
        scored = subprocess.run([sys.executable, str(SCORER), str(args.questions), str(results),
                                 "--per-question", str(args.out / "per_question.jsonl")],
                                capture_output=True, text=True)
        print(scored.stdout or scored.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
