"""Load test: many searchers on one index while an ingest writes to it, for a bounded time, on this machine.

    python -m bench.load [--corpus corpus/ofsted] [--searchers 16] [--seconds 60] [--out bench/out/load.json]

As in the app, the searchers are threads sharing one Searcher (one model, one index, loaded once per
process). The index is built fresh in a temporary folder from the corpus's first file; then, for the
whole window, another process (`python -m ingest`, the real CLI and model) adds the rest of the corpus,
and when it finishes they are deleted and added again, so the searchers always run beside a writer (an
ingest still running at the end is stopped; the index keeps what it committed).
Every hit is checked whole (its document exists, its passage is its page's text at its offsets) outside
the timed part. Reports throughput, latency percentiles and errors; the target is zero errors.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.common import ROOT, percentile

QUESTIONS = (
    "how did councils improve supervision of social workers?",
    "how was Derby rated for care leavers in 2025?",
    "what did inspectors say about placement stability?",
    "Wigan help and protection",
    "are care leavers in suitable accommodation?",
    "what about the quality of assessments in Lewisham?",
    "workforce stability and caseloads",
    "Sutton overall effectiveness",
)


def check_whole(store, hit) -> None:
    """Raise if a hit shows a torn state: its document gone, or its passage not its pages' text."""
    from index.search.widening import passage_text

    store.document(hit.document.doc_id)
    if passage_text(hit.chunk, store.page_text) != hit.chunk.text:
        raise AssertionError(f"passage {hit.chunk.chunk_id} does not match its page")


def writer_loop(index: Path, files: list[Path], store, stop: threading.Event, log: list[dict]) -> None:
    """Ingest the files with the real CLI in its own process; when done, delete them; again until stopped.
    An ingest still running when the window closes is stopped (SIGTERM), so the run stays bounded."""
    while not stop.is_set():
        started = time.monotonic()
        process = subprocess.Popen([sys.executable, "-m", "ingest", *map(str, files), "--index", str(index),
                                    "--quiet"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        while process.poll() is None and not stop.wait(0.2):
            pass
        if process.poll() is None:
            process.terminate()
        out, err = process.communicate()
        log.append({"ingest_s": round(time.monotonic() - started, 1), "exit": process.returncode,
                    "summary": out.strip() or ("stopped at the end of the window" if stop.is_set() else err[-300:])})
        if process.returncode != 0 or stop.is_set():
            return
        with store.writer():
            for path in files:
                doc_id = store.doc_id_for_source(str(path.resolve()))
                if doc_id:
                    store.delete_document(doc_id)
            store.flush_vectors()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus" / "ofsted", help="folder of reports")
    parser.add_argument("--searchers", type=int, default=16, help="concurrent searcher threads (default 16)")
    parser.add_argument("--seconds", type=float, default=60.0, help="length of the window (default 60)")
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "load.json")
    args = parser.parse_args(argv)

    from index.opening import open_for_search, open_for_writing
    from ingest.pipeline import find_files, ingest_paths

    files = [path for _, path in find_files([args.corpus]) if path is not None]
    if len(files) < 2:
        parser.error(f"{args.corpus} needs at least two reports: one to start the index, the rest to ingest")
    with tempfile.TemporaryDirectory(prefix="inspectqa-load-") as folder:
        index = Path(folder) / "index"
        store, embedder = open_for_writing(index)
        ingest_paths(files[:1], store, embedder)
        searcher = open_for_search(index)
        searcher.search(QUESTIONS[0])  # warm: model, FAISS file, catalogue

        latencies: list[float] = []
        errors: list[str] = []
        checked = [0]
        stop = threading.Event()
        writes: list[dict] = []

        def search_until_stopped(offset: int) -> None:
            i = offset
            while not stop.is_set():
                question = QUESTIONS[i % len(QUESTIONS)]
                started = time.perf_counter()
                try:
                    hits = searcher.ask(question, k=args.k).hits
                    latencies.append(time.perf_counter() - started)
                    for hit in hits:
                        check_whole(searcher.store, hit)
                    checked[0] += len(hits)
                except Exception as exc:  # noqa: BLE001 - every failure is counted and reported
                    errors.append(f"{type(exc).__name__}: {exc}")
                i += 1

        writer = threading.Thread(target=writer_loop, args=(index, files[1:], store, stop, writes))
        threads = [threading.Thread(target=search_until_stopped, args=(n,)) for n in range(args.searchers)]
        started = time.monotonic()
        writer.start()
        for thread in threads:
            thread.start()
        time.sleep(args.seconds)
        stop.set()
        for thread in threads:
            thread.join()
        window = time.monotonic() - started
        writer.join()
        documents_at_end = len(searcher.catalogue().documents)

    result = {
        "searchers": args.searchers, "seconds": round(window, 1), "searches": len(latencies),
        "throughput_qps": round(len(latencies) / window, 2),
        "latency_ms": {"p50": round(1000 * statistics.median(latencies), 1) if latencies else 0.0,
                       "p95": round(1000 * percentile(latencies, 0.95), 1),
                       "max": round(1000 * max(latencies, default=0.0), 1),
                       "mean": round(1000 * statistics.fmean(latencies), 1) if latencies else 0.0},
        "errors": len(errors), "first_errors": sorted(set(errors))[:5], "hits_checked_whole": checked[0],
        "ingests": writes, "documents_at_end": documents_at_end,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
