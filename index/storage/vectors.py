"""The dense index: which FAISS index for how many vectors, its file's life, and searching it.

The vectors live in SQLite (index.storage.store); the FAISS file is a cache of them named after the index's
generation (`vectors-<generation>.faiss`), loaded or rebuilt by `VectorIndex` whenever the generation
moves on, so it can never disagree with the passages.

Its kind follows its size (bench/RESULTS.md, "Scaling" and "An index for 10^7 passages"): exact flat search
up to FLAT_MAX_VECTORS (k=1000 took 1.7 ms at 11k vectors, 14.5 ms at 108k on one core), an inverted file
of the float vectors up to COMPRESSED_MIN_VECTORS, and beyond that an inverted file of 16-bit floats (half
the size). At 324k vectors (30x the dev corpus), probing 512 of its 2,278 lists, it found 0.989 / 0.996 of
the flat top 10 / 300 (0.975 / 0.982 at 256), and the dev scores were flat search's but for one fact
question; 8-bit codes found 0.951 / 0.977 at 256 and reordered near-equal passages (fact recall@1 0.185 ->
0.111), product quantisation lost a quarter of the top 10.
An inverted file is memory-mapped read-only, not read into memory: the kernel keeps the lists searches
touch, so a search process's own memory does not grow with the vectors. The centroids are trained once
and kept beside the index, so a new generation costs an add, not a training run; a file of the wrong kind
for its size (made under other limits) is rebuilt.
"""
from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import numpy as np

from index.storage.atomic import replaced_atomically

FLAT, IVF, IVF_FP16 = "flat", "ivf", "ivf-fp16"   # the kinds of index, by size
FLAT_MAX_VECTORS = 50_000
COMPRESSED_MIN_VECTORS = 200_000   # past this the float32 lists would pass 300 MB: 16-bit floats instead
IVF_PROBES = 128           # of ~4 lists per square root of the vectors (~1,300 at 108k, 1,789 at 200k); at 324k 128
                           # probes found 0.984 / 0.976 of the flat top 10 / 300 (32: 0.926 / 0.889)
COMPRESSED_PROBES = 512    # of 2,278 lists at 324k: 0.989 / 0.996 of the flat top 10 / 300 (256: 0.975 / 0.982)
LISTS_PER_ROOT = 4         # an inverted file has this many lists per square root of its vectors ...
TRAINING_PER_LIST = 64     # ... trained on this many sampled vectors per list
BUILD_BATCH = 50_000       # vectors read from SQLite at a time, so a rebuild's memory is the index's alone
CENTROIDS_NAME = "ivf-centroids.npy"
FILE_PATTERN = "vectors-{generation}.faiss"   # one file per index generation; older ones are removed
EXACT_SCOPE_MAX = 20_000   # with an inverted file, a search within at most this many chunks reads their vectors


class VectorIndex:
    """The FAISS index of one index folder at its current generation; safe to share between threads."""

    def __init__(self, db: sqlite3.Connection, lock: threading.RLock, folder: Path, dim: int):
        self._db, self._lock, self._folder, self._dim = db, lock, folder, dim
        self._loaded: tuple[int, object] | None = None   # (generation, faiss index)

    def current(self):
        """The FAISS index for the current generation: cached, loaded from its file, or rebuilt."""
        with self._lock:
            generation = self._generation()
            if self._loaded and self._loaded[0] == generation:
                return self._loaded[1]
            index = read(self._file(generation))
            if index is None or kind(index) != kind_for(index.ntotal):  # the SQLite vectors are the truth
                generation, index = self._build()
                if self._write(index, generation):
                    # Mapped back, so the built lists leave this process's memory (kept as built if another
                    # process's flush removed the file meanwhile).
                    index = read(self._file(generation)) or index
            self._loaded = (generation, index)
            return index

    def kind(self) -> str:
        return kind(self.current())

    def search(self, vector: np.ndarray, k: int,
               chunk_ranges: Sequence[tuple[int, int]] | None = None) -> dict[int, float]:
        """Cosine of the question to its k closest chunks, within runs of chunk ids if given.

        A flat index searches a scope (a named council's reports, a filter) exactly with an id selector
        (0.7 ms for 300 passages; reading their vectors from SQLite took 3 ms). An inverted file would only
        probe some lists, so there a scope of up to EXACT_SCOPE_MAX passages is scored from its stored vectors."""
        index = self.current()
        if (chunk_ranges is not None and kind(index) != FLAT
                and sum(last - first + 1 for first, last in chunk_ranges) <= EXACT_SCOPE_MAX):
            ids, matrix = self._stored(chunk_ranges)
            scores = matrix @ vector.reshape(-1) if len(ids) else np.zeros(0, dtype=np.float32)
            best = np.argsort(-scores)[:k]
            return {int(ids[i]): float(scores[i]) for i in best}
        wanted = None
        if chunk_ranges is not None:
            wanted = np.concatenate([np.arange(a, b + 1, dtype=np.int64) for a, b in chunk_ranges])
        return search(index, vector, k, wanted)

    def flush(self) -> None:
        """Write the FAISS file for the current generation and drop older ones."""
        with self._lock:
            self.current()
            current = self._file(self._generation()).name
        for old in self._folder.glob(FILE_PATTERN.format(generation="*")):
            if old.name != current:
                old.unlink(missing_ok=True)  # a process that has it mapped keeps reading it until it moves on

    def _generation(self) -> int:
        return int(self._db.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()[0])

    def _file(self, generation: int) -> Path:
        return self._folder / FILE_PATTERN.format(generation=generation)

    def _stored(self, chunk_ranges: Sequence[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
        """Chunk ids and their vectors as stored in SQLite, within runs of chunk ids."""
        with self._lock:
            rows = [row for first, last in chunk_ranges for row in self._db.execute(
                "SELECT chunk_id, vector FROM chunks WHERE chunk_id BETWEEN ? AND ?", (first, last))]
        return self._matrix(rows)

    def _matrix(self, rows: list[tuple[int, bytes]]) -> tuple[np.ndarray, np.ndarray]:
        matrix = np.frombuffer(b"".join(blob for _, blob in rows), dtype=np.float32).reshape(len(rows), self._dim)
        return np.array([chunk_id for chunk_id, _ in rows], dtype=np.int64), matrix

    def _build(self) -> tuple[int, object]:
        """The generation and the index of every stored vector, read in one transaction (one state of the
        index) and added BUILD_BATCH at a time: at 10^7 passages the float vectors alone would be 15 GB."""
        with self._lock:
            self._db.execute("BEGIN")
            try:
                generation = self._generation()
                ids = np.array([row[0] for row in self._db.execute("SELECT chunk_id FROM chunks ORDER BY chunk_id")],
                               dtype=np.int64)
                index = empty_index(kind_for(len(ids)), self._dim, len(ids),
                                    lambda count: self._sample(ids, count), self._folder)
                for batch_ids, matrix in self._batches():
                    index.add_with_ids(matrix, batch_ids)
            finally:
                self._db.execute("COMMIT")
        return generation, index

    def _sample(self, ids: np.ndarray, count: int) -> np.ndarray:
        """The stored vectors of `count` chunks drawn at random (the same ones each time for the same ids)."""
        chosen = np.sort(np.random.default_rng(0).choice(ids, min(len(ids), count), replace=False)).tolist()
        rows = []
        for begin in range(0, len(chosen), 500):  # under SQLite's bound-parameter limit
            part = chosen[begin:begin + 500]
            marks = ",".join("?" * len(part))
            rows += self._db.execute(f"SELECT chunk_id, vector FROM chunks WHERE chunk_id IN ({marks})", part).fetchall()
        return self._matrix(rows)[1]

    def _batches(self) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        last = -1
        while rows := self._db.execute("SELECT chunk_id, vector FROM chunks WHERE chunk_id > ? ORDER BY chunk_id "
                                       "LIMIT ?", (last, BUILD_BATCH)).fetchall():
            last = rows[-1][0]
            yield self._matrix(rows)

    def _write(self, index, generation: int) -> bool:
        """Whether the file could be written: a read-only index folder still works, rebuilt in memory on each load."""
        import faiss

        try:
            with replaced_atomically(self._file(generation)) as temporary:
                faiss.write_index(index, temporary)
        except (OSError, RuntimeError):
            return False
        return True


def kind_for(count: int) -> str:
    """The kind of index for this many vectors."""
    return FLAT if count <= FLAT_MAX_VECTORS else IVF if count <= COMPRESSED_MIN_VECTORS else IVF_FP16


def kind(index) -> str:
    import faiss

    if isinstance(index, faiss.IndexIVFScalarQuantizer):  # another code size is no kind of ours: rebuilt
        return IVF_FP16 if index.sq.qtype == faiss.ScalarQuantizer.QT_fp16 else "ivf-sq"
    return IVF if isinstance(index, faiss.IndexIVF) else FLAT


def empty_index(chosen: str, dim: int, count: int, sample: Callable[[int], np.ndarray], folder: Path):
    """An index of the chosen kind for `count` unit vectors (inner product = cosine), addressed by chunk id,
    ready for add_with_ids; sample(n) gives n stored vectors for an inverted file to be trained on."""
    import faiss

    if chosen == FLAT:
        return faiss.IndexIDMap2(faiss.IndexFlatIP(dim))
    lists = int(LISTS_PER_ROOT * np.sqrt(count))
    centroids = _centroids(lambda: sample(TRAINING_PER_LIST * lists), dim, lists, folder)
    quantiser = faiss.IndexFlatIP(dim)
    quantiser.add(centroids)
    if chosen == IVF:
        return faiss.IndexIVFFlat(quantiser, dim, quantiser.ntotal, faiss.METRIC_INNER_PRODUCT)
    index = faiss.IndexIVFScalarQuantizer(quantiser, dim, quantiser.ntotal, faiss.ScalarQuantizer.QT_fp16,
                                          faiss.METRIC_INNER_PRODUCT)
    index.train(centroids)  # marks it trained: 16-bit floats need no ranges, so any vectors will do
    return index


def read(file: Path):
    """The index in a FAISS file, an inverted file's lists memory-mapped read-only; None if missing or unreadable."""
    import faiss

    try:
        index = faiss.read_index(str(file), faiss.IO_FLAG_MMAP | faiss.IO_FLAG_READ_ONLY)
    except RuntimeError:
        return None
    if isinstance(index, faiss.IndexIVF):
        # Mapped lists start FAISS's default of 32 threads reading ahead before every search; the kernel's
        # page cache does that job (6.2 -> 1.5 ms a query at 20k vectors, 128 probes).
        faiss.downcast_InvertedLists(index.invlists).prefetch_nthread = 0
        # One question at a time: its probed lists are scanned on every core, not only its queries spread
        # over them (at 649k vectors, 512 of 3,222 lists: 6.3-7.4 ms against 11.0-12.1 on two cores).
        index.parallel_mode = 1
    return index


def search(index, vector: np.ndarray, k: int, wanted_ids: np.ndarray | None = None) -> dict[int, float]:
    """Chunk id -> cosine for the k nearest vectors, among wanted_ids if given."""
    import faiss

    if index.ntotal == 0:
        return {}
    selector = faiss.IDSelectorBatch(wanted_ids) if wanted_ids is not None else None
    chosen = kind(index)
    params = (faiss.SearchParameters(sel=selector) if chosen == FLAT else faiss.SearchParametersIVF(
        sel=selector, nprobe=IVF_PROBES if chosen == IVF else COMPRESSED_PROBES))
    scores, ids = index.search(vector.reshape(1, -1), min(k, index.ntotal), params=params)
    return {int(i): float(s) for i, s in zip(ids[0], scores[0]) if i >= 0}


def _centroids(training: Callable[[], np.ndarray], dim: int, wanted: int, folder: Path) -> np.ndarray:
    """The inverted file's cluster centres (spherical k-means), kept in a .npy file and trained again only
    when the index has grown fourfold since; the training vectors are read only then."""
    import faiss

    file = folder / CENTROIDS_NAME
    try:
        centroids = np.load(file, allow_pickle=False)
        if centroids.shape[1] == dim and wanted / 2 <= len(centroids) <= wanted:
            return centroids
    except (OSError, ValueError, IndexError):
        pass
    kmeans = faiss.Kmeans(dim, wanted, niter=20, spherical=True, seed=1)
    kmeans.train(np.ascontiguousarray(training()))
    try:
        with replaced_atomically(file, suffix=".npy") as temporary:
            np.save(temporary, kmeans.centroids, allow_pickle=False)
    except OSError:
        pass  # a read-only folder: trained again on the next load
    return kmeans.centroids
