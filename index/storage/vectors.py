"""The dense index: which FAISS index for how many vectors, its file's life, and searching it.

The vectors live in SQLite (index.storage.store); the FAISS file is a cache of them named after the index's
generation (`vectors-<generation>.faiss`), loaded or rebuilt by `VectorIndex` whenever the generation
moves on, so it can never disagree with the passages.

Its kind follows its size (bench/RESULTS.md, "Scaling"): exact flat search up to FLAT_MAX_VECTORS
(k=1000 took 1.7 ms at 11k vectors, 4.4 ms at 32k, 14.5 ms at 108k on one core), an inverted file beyond
(~1 ms at 108k, 95% of the flat top 100 with IVF_PROBES lists probed). The inverted file's centroids are
trained once and kept beside the index, so a new generation costs an add, not a training run.
"""
from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from index.storage.atomic import replaced_atomically

FLAT_MAX_VECTORS = 50_000
IVF_PROBES = 32
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
        import faiss

        with self._lock:
            generation = self._generation()
            if self._loaded and self._loaded[0] == generation:
                return self._loaded[1]
            try:
                index = faiss.read_index(str(self._file(generation)))
            except RuntimeError:  # missing or unreadable: the SQLite vectors are the truth
                index = self._build()
                self._write(index, generation)
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
        if (chunk_ranges is not None and kind(index) == "ivf"
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
                old.unlink(missing_ok=True)

    def _generation(self) -> int:
        return int(self._db.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()[0])

    def _file(self, generation: int) -> Path:
        return self._folder / FILE_PATTERN.format(generation=generation)

    def _stored(self, chunk_ranges: Sequence[tuple[int, int]] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Chunk ids and their vectors as stored in SQLite, within runs of chunk ids (all when None)."""
        ids, blobs = [], []
        with self._lock:
            if chunk_ranges is None:
                rows = self._db.execute("SELECT chunk_id, vector FROM chunks ORDER BY chunk_id")
            else:
                rows = (row for first, last in chunk_ranges for row in self._db.execute(
                    "SELECT chunk_id, vector FROM chunks WHERE chunk_id BETWEEN ? AND ?", (first, last)))
            for chunk_id, blob in rows:
                ids.append(chunk_id)
                blobs.append(blob)
        matrix = np.frombuffer(b"".join(blobs), dtype=np.float32).reshape(len(ids), self._dim)
        return np.array(ids, dtype=np.int64), matrix

    def _build(self):
        ids, matrix = self._stored()
        return build(matrix, ids, self._folder)

    def _write(self, index, generation: int) -> None:
        import faiss

        try:
            with replaced_atomically(self._file(generation)) as temporary:
                faiss.write_index(index, temporary)
        except (OSError, RuntimeError):
            pass  # a read-only index folder still works: the index is rebuilt in memory on each load


def build(matrix: np.ndarray, ids: np.ndarray, folder: Path):
    """A FAISS index of unit vectors (inner product = cosine), addressed by chunk id."""
    import faiss

    dim = matrix.shape[1]
    if len(ids) <= FLAT_MAX_VECTORS:
        index = faiss.IndexIDMap2(faiss.IndexFlatIP(dim))
    else:
        quantiser = faiss.IndexFlatIP(dim)
        quantiser.add(_centroids(matrix, folder))
        index = faiss.IndexIVFFlat(quantiser, dim, quantiser.ntotal, faiss.METRIC_INNER_PRODUCT)
        index.nprobe = IVF_PROBES
    if len(ids):
        index.add_with_ids(matrix, ids)
    return index


def kind(index) -> str:
    return "ivf" if hasattr(index, "nprobe") else "flat"


def search(index, vector: np.ndarray, k: int, wanted_ids: np.ndarray | None = None) -> dict[int, float]:
    """Chunk id -> cosine for the k nearest vectors, among wanted_ids if given."""
    import faiss

    if index.ntotal == 0:
        return {}
    selector = faiss.IDSelectorBatch(wanted_ids) if wanted_ids is not None else None
    params = (faiss.SearchParameters(sel=selector) if kind(index) == "flat"
              else faiss.SearchParametersIVF(sel=selector, nprobe=IVF_PROBES))
    scores, ids = index.search(vector.reshape(1, -1), min(k, index.ntotal), params=params)
    return {int(i): float(s) for i, s in zip(ids[0], scores[0]) if i >= 0}


def _centroids(matrix: np.ndarray, folder: Path) -> np.ndarray:
    """The inverted file's cluster centres (k-means, ~4 per square root of the vectors), kept in a .npy
    file and trained again only when the index has grown fourfold since."""
    import faiss

    file = folder / CENTROIDS_NAME
    wanted = int(4 * np.sqrt(len(matrix)))
    try:
        centroids = np.load(file, allow_pickle=False)
        if centroids.shape[1] == matrix.shape[1] and wanted / 2 <= len(centroids) <= wanted:
            return centroids
    except (OSError, ValueError, IndexError):
        pass
    rng = np.random.default_rng(0)
    sample = matrix[rng.choice(len(matrix), min(len(matrix), 64 * wanted), replace=False)]
    kmeans = faiss.Kmeans(matrix.shape[1], wanted, niter=20, spherical=True, seed=1)
    kmeans.train(np.ascontiguousarray(sample))
    try:
        with replaced_atomically(file, suffix=".npy") as temporary:
            np.save(temporary, kmeans.centroids, allow_pickle=False)
    except OSError:
        pass  # a read-only folder: trained again on the next load
    return kmeans.centroids
