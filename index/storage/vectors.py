"""The dense index: which FAISS index for how many vectors, and searching it.

Its kind follows its size (bench/RESULTS.md, "Scaling"): exact flat search up to FLAT_MAX_VECTORS
(k=1000 took 1.7 ms at 11k vectors, 4.4 ms at 32k, 14.5 ms at 108k on one core), an inverted file beyond
(~1 ms at 108k, 95% of the flat top 100 with IVF_PROBES lists probed). The inverted file's centroids are
trained once and kept beside the index, so a new generation costs an add, not a training run.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from index.storage.atomic import replaced_atomically

FLAT_MAX_VECTORS = 50_000
IVF_PROBES = 32
CENTROIDS_NAME = "ivf-centroids.npy"


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
