"""How query latency and memory grow with the corpus: the index at 1x, 3x, 10x and 30x its size.

    python -m bench.scale --index /tmp/bench_index --questions ../shared/eval/dev_questions.jsonl
    python -m bench.scale --index /tmp/bench_index --questions ../shared/eval/dev_questions.jsonl \
        --scales 30 --work /tmp/scale --against-flat

Embedding ten copies of the corpus would take hours, so the larger indexes are made from the given one:
each copy of a report gets a new identity and file name, its page text lightly changed (two letters
swapped in every seventh word, so keyword statistics change and no passage is a verbatim duplicate) and
its vectors nudged (Gaussian noise, cosine ~0.98 to the original) and re-normalised. Each scale is then
searched in a fresh process: warm p50/p95 over the questions (each asked twice, the first round
discarded), time to open, peak resident memory and, after the searches, the process's own (anonymous)
memory apart from the pages of files it has mapped (the FAISS file), and the size on disk. The index is
read and written through Store's public methods only.

With --against-flat each scale is also searched with exact flat search forced (the vector limits in
index.storage.vectors raised, so its file is rebuilt flat, then rebuilt as it should be): how many of the
flat dense top 10 and top 300 (the candidates a search fuses) the index as built finds, and the scorer's
figures for both on the same questions (`python -m index search --jsonl`, as the scorer is run).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import numpy as np

from bench.common import ROOT, read_questions, score
from index.storage.store import Store
from models import Chunk, Document, Page

_WORD = re.compile(r"[A-Za-z]{4,}")


def perturb_text(text: str, copy: int) -> str:
    """Same length, so every chunk's offsets still hold: swap two inner letters of every seventh word."""
    chars = list(text)
    for n, word in enumerate(_WORD.finditer(text)):
        if (n + copy) % 7 == 0:
            i = word.start() + 1 + (copy % (len(word.group()) - 2))
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
    return "".join(chars)


def original_chunks(store: Store) -> dict[str, tuple[list[Chunk], np.ndarray]]:
    """Each document's chunks in order, with their vectors. Store keeps one vector per passage text (a text
    already in the index reuses its vector), so a chunk's vector is the one `vectors_for_texts` gives its text."""
    ids_of = defaultdict(list)
    for chunk_id, doc_id, _ in store.chunk_locations():
        ids_of[doc_id].append(chunk_id)
    found = {}
    for document in store.documents():
        chunks = sorted(store.chunks(ids_of[document.doc_id]).values(), key=lambda chunk: chunk.ordinal)
        vector_of = store.vectors_for_texts([chunk.text for chunk in chunks])
        vectors = np.array([vector_of[chunk.text] for chunk in chunks], dtype=np.float32)
        found[document.doc_id] = chunks, vectors.reshape(len(chunks), store.dim)
    return found


def grow(source: Path, target: Path, copies: int) -> None:
    """target = source plus `copies` lightly changed copies of every document."""
    shutil.copytree(source, target)
    store = Store.open(target)
    rng = np.random.default_rng(copies)
    originals = store.documents()
    with store.writer():
        chunks_of = original_chunks(store)
        for copy in range(1, copies + 1):
            for document in originals:
                pages = [Page(p.number, perturb_text(p.text, copy), p.ocr) for p in store.pages(document.doc_id)]
                text_of = {p.number: p.text for p in pages}
                original, vectors = chunks_of[document.doc_id]
                doc_id = f"{document.doc_id[:12]}c{copy:03d}"
                chunks = [Chunk(doc_id, c.page, c.start, c.end, text_of[c.page][c.start:c.end], ordinal=c.ordinal)
                          for c in original]
                vectors = vectors + rng.normal(0, 0.008, vectors.shape).astype(np.float32)
                vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
                sources = [f"copy{copy}/{document.doc_id}/{Path(s).name}" for s in document.sources[:1]]
                store.add_document(Document(doc_id, f"{document.sha256[:56]}{copy:08d}", document.kind, sources,
                                            document.metadata), pages, chunks, vectors)
        store.flush_vectors()
    store.close()


DENSE_DEPTHS = (10, 300)   # the top 10 shown and the 300 dense candidates a search fuses (ranking.CANDIDATES)

# Imported before anything else in a measuring process: "exact" raises the vector index's limits so that
# the flat index is built and searched whatever the size.
KIND = """
import sys
if sys.argv.pop(1) == "exact":
    import index.storage.vectors as vectors
    vectors.FLAT_MAX_VECTORS = vectors.COMPRESSED_MIN_VECTORS = sys.maxsize
"""

PROBE = KIND + """
import json, statistics, time
from bench.common import peak_mb, percentile
started = time.perf_counter()
from index.opening import open_for_search
searcher = open_for_search(sys.argv[1])
searcher.search("warm up")
opened = time.perf_counter() - started
questions = json.loads(sys.stdin.read())
times = []
for round in range(2):
    for q in questions:
        t = time.perf_counter()
        searcher.search(q, k=10)
        if round:
            times.append((time.perf_counter() - t) * 1000)
status = dict(line.split(":", 1) for line in open("/proc/self/status") if line.startswith(("RssAnon", "RssFile")))
dense = [list(searcher.store.dense_search(searcher.embedder.embed_query(q).reshape(1, -1), max(DEPTHS)))
         for q in questions]
print(json.dumps({"open_s": opened, "p50_ms": statistics.median(times), "p95_ms": percentile(times, 0.95),
                  "rss_mb": peak_mb(), **{k: int(v.split()[0]) / 1024 for k, v in status.items()},
                  "vector_index": searcher.store.vector_index_kind(), "dense": dense}))
""".replace("DEPTHS", repr(DENSE_DEPTHS))

CLI = KIND + """
import runpy
runpy.run_module("index", run_name="__main__", alter_sys=True)
"""


def probe(index: Path, questions: list[str], kind: str) -> dict:
    """Measure one index in a fresh process; kind "exact" forces flat search, "built" takes it as built."""
    done = subprocess.run([sys.executable, "-c", PROBE, kind, str(index)], input=json.dumps(questions), text=True,
                          capture_output=True, cwd=ROOT, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def dev_scores(index: Path, questions: Path, kind: str, out: Path) -> dict:
    """The scorer's figures for `python -m index search --k 10 --jsonl` on this index, flat forced or as built."""
    texts = "\n".join(read_questions(questions)) + "\n"
    done = subprocess.run([sys.executable, "-c", CLI, kind, "search", "--index", str(index), "--k", "10", "--jsonl"],
                          input=texts, text=True, capture_output=True, cwd=ROOT, check=True,
                          env={**os.environ, "HF_HUB_OFFLINE": "1"})
    results = out / f"{index.name}-{kind}.jsonl"
    results.write_text(done.stdout)
    scored = score(questions, results, out / f"{index.name}-{kind}-per-question.jsonl")
    return json.loads(scored.stdout)


def overlap(found: list[list[int]], exact: list[list[int]], depth: int) -> float:
    """Mean share of the exact top `depth` that the other search also has in its top `depth`."""
    return float(np.mean([len(set(f[:depth]) & set(e[:depth])) / max(1, len(e[:depth])) for f, e in zip(found, exact)]))


def measure(index: Path, questions: Path, against_flat: bool) -> dict:
    texts = read_questions(questions)
    result = {}
    if against_flat:
        exact = probe(index, texts, "exact")
        result["exact_scores"] = dev_scores(index, questions, "exact", index.parent)
        rebuilt = Store.open(index)
        rebuilt.flush_vectors()  # back to the kind its size calls for, before it is timed
        rebuilt.close()
    result.update(probe(index, texts, "built"))
    if against_flat:
        result.update({f"recall@{depth}": overlap(result["dense"], exact["dense"], depth) for depth in DENSE_DEPTHS})
        result["built_scores"] = dev_scores(index, questions, "built", index.parent)
    del result["dense"]
    store = Store.open(index)
    result.update(chunks=store.stats()["chunks"], disk_mb=sum(f.stat().st_size for f in index.iterdir()) / 2**20,
                  faiss_mb=sum(f.stat().st_size for f in index.glob("vectors-*.faiss")) / 2**20)
    store.close()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.scale", description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, required=True, help="an index of the corpus (the 1x scale)")
    parser.add_argument("--questions", type=Path, required=True)
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 3, 10, 30])
    parser.add_argument("--work", type=Path, help="where the larger indexes are built (default: a temporary folder)")
    parser.add_argument("--against-flat", action="store_true",
                        help="also search each scale with flat search forced: dense recall and scores against it "
                             "(rebuilds the scale's FAISS file twice; not for the 1x index, which is flat already)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="inspectqa-scale-"))
    rows = []
    for scale in args.scales:
        index = args.index if scale == 1 else work / f"x{scale}"
        if scale != 1 and not index.exists():
            print(f"building {scale}x ...", file=sys.stderr, flush=True)
            grow(args.index, index, scale - 1)
        rows.append({"scale": scale, **measure(index, args.questions, args.against_flat and scale != 1)})
        print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    print("| scale | passages | vector index | open s | query p50 / p95 ms | peak RSS MB | own / mapped MB "
          "| on disk MB (FAISS) | dense recall@10 / @300 vs flat |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        recall = f"{r['recall@10']:.3f} / {r['recall@300']:.3f}" if "recall@10" in r else "—"
        print(f"| {r['scale']}x | {r['chunks']:,} | {r['vector_index']} | {r['open_s']:.1f} | "
              f"{r['p50_ms']:.1f} / {r['p95_ms']:.1f} | {r['rss_mb']:.0f} | {r['RssAnon']:.0f} / {r['RssFile']:.0f} | "
              f"{r['disk_mb']:.0f} ({r['faiss_mb']:.0f}) | {recall} |")
    for r in rows:
        if "exact_scores" in r:
            print(f"{r['scale']}x dev scores, flat forced: {json.dumps(r['exact_scores'])}")
            print(f"{r['scale']}x dev scores, as built:    {json.dumps(r['built_scores'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
