"""Our pipeline beside the three usual peers, on the same corpus and questions, in one table.

    .venv/bin/python -m bench.peers --corpus ../shared/corpus --questions ../shared/eval/dev_questions.jsonl
        [--our-index /tmp/bench_index2] [--systems ours bm25 dense hybrid] [--out bench/out/peers]

Systems: `ours` (our ingest and search, as bench.run runs them), `bm25` (bm25s over ~200-word
windows), `dense` (1000/200-character chunks, all-MiniLM-L6-v2, FAISS flat), `hybrid` (~150-word windows,
BM25 and MiniLM, reciprocal-rank fusion k=60 of the top 50 of each); bench.peers_systems builds them.
Each runs in its own process, so its peak memory is its own, and its results are scored by
../shared/eval/score.py exactly as the judges score ours. Prints a Markdown table (also written to
OUT/table.md, with OUT/summary.json).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from bench.common import DEV_QUESTIONS, ROOT, score

SYSTEMS = {
    "ours": "ours",
    "bm25": "BM25 (200 words)",
    "dense": "naive dense (1000/200 chars)",
    "hybrid": "hybrid RRF (150 words)",
}
# (label, score.py group, figure); rows in the order the peers' table in ../shared/eval/README.md uses.
QUALITY = [(f"{group} {figure.replace('recall', 'R')}", group, figure)
           for group in ("grade", "fact") for figure in ("recall@1", "recall@5", "recall@10", "mrr@10")] + [
    ("fact R@5, names council", "fact_names_council", "recall@5"),
    ("fact R@5, no council", "fact_no_council", "recall@5"),
    ("theme distinct councils@10", "theme", "mean_distinct_councils@10"),
    ("theme precision@10", "theme", "precision@10"),
    ("council_topic R@1", "council_topic", "recall@1"),
    ("council_topic R@3", "council_topic", "recall@3"),
    ("council_topic precision@5", "council_topic", "precision@5"),
    ("none: abstained", "none", "abstained"),
]


def run_system(system: str, args: argparse.Namespace) -> dict:
    """Build and query one system in a child process, then score its results; both figures in one dict."""
    out = args.out / system
    command = [sys.executable, "-m", "bench.peers_systems", system, "--corpus",
               *map(str, args.corpus), "--questions", str(args.questions), "--out", str(out)]
    if system == "ours" and args.our_index:
        command += ["--our-index", str(args.our_index)]
    print(f"{system}: running", file=sys.stderr, flush=True)
    subprocess.run(command, check=True, cwd=ROOT)
    stats = json.loads((out / "stats.json").read_text())
    scored = score(args.questions, out / "results.jsonl", out / "per_question.jsonl")
    scored.check_returncode()
    stats["score"] = json.loads(scored.stdout)
    print(f"{system}: done", file=sys.stderr, flush=True)
    return stats


def speed_rows(stats: dict) -> dict[str, str]:
    """Ingest figures are blank for an index built earlier (--our-index): nothing was ingested here."""
    seconds = stats.get("ingest_s")
    helpers = stats.get("helpers_peak_mb", 0)
    return {
        "ingest pages/s": f"{stats['pages'] / seconds:.1f}" if seconds else "—",
        "ingest chunks/s": f"{stats['chunks'] / seconds:.1f}" if seconds else "—",
        "ingest (files, pages, chunks, s)":
            f"{stats['files']}, {stats['pages']}, {stats['chunks']}, {seconds:.0f}" if seconds else "reused index",
        "query p50 / p95 ms": f"{stats['query_p50_ms']:.1f} / {stats['query_p95_ms']:.1f}",
        # Our reader runs in a child process (time and memory limits); its own peak is shown beside.
        "peak memory MB": f"{stats['peak_mb']:.0f}" + (f" (+{helpers:.0f} reader)" if helpers >= 1 else ""),
    }


def table(results: dict[str, dict]) -> str:
    columns = list(results)
    lines = ["| figure | " + " | ".join(SYSTEMS[c] for c in columns) + " |",
             "|---|" + "---|" * len(columns)]
    for label, group, figure in QUALITY:
        cells = [results[c]["score"].get(group, {}).get(figure) for c in columns]
        lines.append(f"| {label} | " + " | ".join("—" if v is None else f"{v:.3f}" for v in cells) + " |")
    speeds = {c: speed_rows(results[c]) for c in columns}
    for label in speeds[columns[0]]:
        lines.append(f"| {label} | " + " | ".join(speeds[c][label] for c in columns) + " |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.peers", description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, nargs="+", default=[ROOT.parent / "shared" / "corpus"],
                        help="folders or files to ingest (default ../shared/corpus)")
    parser.add_argument("--questions", type=Path, default=DEV_QUESTIONS,
                        help="questions with answer keys, as score.py reads them")
    parser.add_argument("--systems", nargs="+", choices=list(SYSTEMS), default=list(SYSTEMS))
    parser.add_argument("--our-index", type=Path, help="search this index of our pipeline instead of ingesting")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "peers")
    args = parser.parse_args()
    args.corpus = [p.resolve() for p in args.corpus]
    args.questions, args.out = args.questions.resolve(), args.out.resolve()

    results = {system: run_system(system, args) for system in args.systems}
    text = table(results)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "table.md").write_text(text + "\n")
    (args.out / "summary.json").write_text(json.dumps(results, indent=2) + "\n")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
