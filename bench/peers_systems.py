"""Build one retrieval system and answer the questions with it, alone in this process.

    python -m bench.peers_systems SYSTEM --corpus PATH [PATH ...] --questions FILE --out DIR [--our-index DIR]

SYSTEM is `ours`, `bm25`, `dense` or `hybrid`. bench.peers runs each in its own process so that
the peak memory printed is that system's alone. Writes DIR/results.jsonl (the format of `python -m index
search --jsonl`) and DIR/stats.json (ingest and query speed, peak memory).

The peers are built the way tutorials build them, so they read PDFs with plain pypdf `extract_text()`
per page (no cleaning) and text files as they are; their passages never cross a page, so each keeps
its page number for the results.
"""
from __future__ import annotations

import argparse
import itertools
import json
import resource
import statistics
import sys
import time
from pathlib import Path
from typing import NamedTuple

from bench.common import peak_mb, percentile, read_questions

PDF, TEXT = (".pdf",), (".txt", ".md")
RRF_K, RRF_DEPTH = 60, 50


class Passage(NamedTuple):
    text: str
    source: str       # the file's absolute path, as the scorer wants it
    page: int | None  # 1-based; None for text files


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def corpus_files(paths: list[Path]) -> list[Path]:
    files = []
    for path in paths:
        candidates = sorted(path.rglob("*")) if path.is_dir() else [path]
        files += [f.resolve() for f in candidates if f.is_file() and f.suffix.lower() in PDF + TEXT]
    return files


def read_pages(files: list[Path]) -> tuple[list[Passage], int]:
    """Every page's raw text, and how many files could not be read (the corpus holds HTML saved as .pdf:
    a tutorial script would crash there, so they are skipped and counted instead)."""
    import logging

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    pages, failed = [], 0
    for file in files:
        try:
            if file.suffix.lower() in TEXT:
                pages.append(Passage(file.read_text(encoding="utf-8", errors="replace"), str(file), None))
                continue
            for number, page in enumerate(PdfReader(file).pages, 1):
                pages.append(Passage(page.extract_text() or "", str(file), number))
        except Exception as exc:  # any unreadable file is one skipped file, as in the peers' scripts
            failed += 1
            log(f"  skipped {file.name}: {type(exc).__name__}")
    return pages, failed


def word_windows(pages: list[Passage], size: int) -> list[Passage]:
    """Each page cut into near-equal windows of about `size` words, so no window is a short leftover."""
    windows = []
    for page in pages:
        words = page.text.split()
        n = max(1, round(len(words) / size))
        bounds = [round(i * len(words) / n) for i in range(n + 1)]
        windows += [page._replace(text=" ".join(words[a:b])) for a, b in itertools.pairwise(bounds) if b > a]
    return windows


def char_chunks(pages: list[Passage], size: int = 1000, overlap: int = 200) -> list[Passage]:
    """Fixed-size character chunks with overlap, per page, as a tutorial's text splitter makes them."""
    chunks = []
    for page in pages:
        text = page.text
        for start in range(0, len(text), size - overlap):
            if text[start:start + size].strip():
                chunks.append(page._replace(text=text[start:start + size]))
            if start + size >= len(text):
                break
    return chunks


class BM25:
    """bm25s with its defaults: English stopwords, no stemmer."""

    def __init__(self, passages: list[Passage]):
        import bm25s

        self._bm25s = bm25s
        self.size = len(passages)
        self.model = bm25s.BM25()
        self.model.index(bm25s.tokenize([p.text for p in passages], stopwords="en", show_progress=False),
                         show_progress=False)

    def search(self, question: str, k: int) -> list[tuple[int, float]]:
        tokens = self._bm25s.tokenize([question], stopwords="en", return_ids=False, show_progress=False)
        ids, scores = self.model.retrieve(tokens, k=min(k, self.size), show_progress=False)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0])]


class Dense:
    """MiniLM vectors in a flat inner-product FAISS index (the vectors are unit length: cosine)."""

    def __init__(self, passages: list[Passage], embedder):
        import faiss

        self.embedder = embedder
        vectors = embedder.embed([p.text for p in passages], on_batch=self._progress(len(passages)))
        self.index = faiss.IndexFlatIP(vectors.shape[1])
        self.index.add(vectors)

    @staticmethod
    def _progress(total: int):
        done = [0]

        def on_batch(n: int) -> None:
            done[0] += n
            if done[0] % 1024 < n or done[0] == total:
                log(f"  embedded {done[0]}/{total}")
        return on_batch

    def search(self, question: str, k: int) -> list[tuple[int, float]]:
        scores, ids = self.index.search(self.embedder.embed_query(question)[None, :], k)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i >= 0]


class Hybrid:
    """BM25 and dense over the same windows, fused by reciprocal rank over the top 50 of each."""

    def __init__(self, passages: list[Passage], embedder):
        self.parts = (BM25(passages), Dense(passages, embedder))

    def search(self, question: str, k: int) -> list[tuple[int, float]]:
        fused: dict[int, float] = {}
        for part in self.parts:
            for rank, (i, _) in enumerate(part.search(question, RRF_DEPTH), 1):
                fused[i] = fused.get(i, 0.0) + 1.0 / (RRF_K + rank)
        return sorted(fused.items(), key=lambda item: -item[1])[:k]


def build_peer(system: str, files: list[Path]) -> tuple[object, list[Passage], dict]:
    """Read, cut and index; the model is loaded before the clock starts, as for our pipeline.

    The peers embed as tutorials do: sentence-transformers on torch, fp32, not our onnxruntime path.
    """
    embedder = None
    if system in ("dense", "hybrid"):
        from index.storage.embedder import DEFAULT_MODEL, SentenceTransformerEmbedder

        embedder = SentenceTransformerEmbedder(DEFAULT_MODEL)
    started = time.monotonic()
    pages, failed = read_pages(files)
    log(f"  read {len(pages)} pages in {time.monotonic() - started:.1f} s")
    if system == "bm25":
        passages = word_windows(pages, 200)
        engine = BM25(passages)
    elif system == "dense":
        passages = char_chunks(pages)
        engine = Dense(passages, embedder)
    else:
        passages = word_windows(pages, 150)
        engine = Hybrid(passages, embedder)
    stats = {"files": len(files), "failed": failed, "pages": len(pages), "chunks": len(passages),
             "ingest_s": time.monotonic() - started}
    return engine, passages, stats


def answer_peer(engine, passages: list[Passage], question: str, k: int) -> list[dict]:
    return [{"rank": rank, "score": round(score, 6), "text": passages[i].text, "source": passages[i].source,
             "page": passages[i].page} for rank, (i, score) in enumerate(engine.search(question, k), 1)]


def build_ours(paths: list[Path], our_index: Path | None, scratch: Path):
    """Our pipeline as `python -m ingest` builds it, or an index it built already (no ingest figures)."""
    from index.opening import open_for_search, open_for_writing
    from ingest.pipeline import ingest_paths

    stats: dict = {}
    if our_index is None:
        our_index = scratch / "index"
        store, embedder = open_for_writing(our_index)
        report = ingest_paths([p.resolve() for p in paths], store, embedder)
        stats.update(files=len(report.outcomes), failed=len(report.failures), pages=report.pages,
                     chunks=report.chunks, ingest_s=report.seconds)
    searcher = open_for_search(our_index)
    return lambda question, k: searcher.ask(question, k=k).to_dict(), stats


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.peers_systems", description=__doc__.splitlines()[0])
    parser.add_argument("system", choices=("ours", "bm25", "dense", "hybrid"))
    parser.add_argument("--corpus", type=Path, nargs="+", required=True)
    parser.add_argument("--questions", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--our-index", type=Path)
    parser.add_argument("--k", type=int, default=10)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.system == "ours":
        answer, stats = build_ours(args.corpus, args.our_index, args.out)
    else:
        engine, passages, stats = build_peer(args.system, corpus_files(args.corpus))
        answer = lambda question, k: {"results": answer_peer(engine, passages, question, k)}

    questions = read_questions(args.questions)
    answer(questions[0], args.k)  # warm: model, caches
    latencies, lines = [], []
    for question in questions:
        started = time.perf_counter()
        response = answer(question, args.k)
        latency = (time.perf_counter() - started) * 1000
        latencies.append(latency)
        lines.append(json.dumps({**response, "query": question, "latency_ms": round(latency, 2)}, ensure_ascii=False))
    (args.out / "results.jsonl").write_text("\n".join(lines) + "\n")
    stats.update(query_p50_ms=statistics.median(latencies), query_p95_ms=percentile(latencies, 0.95),
                 peak_mb=peak_mb(),
                 helpers_peak_mb=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
    (args.out / "stats.json").write_text(json.dumps(stats, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
