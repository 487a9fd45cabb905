"""The compressed (16-bit), memory-mapped inverted file used past COMPRESSED_MIN_VECTORS (limits made small here)."""
import faiss
import numpy as np
import pytest

from index.storage import vectors
from index.storage.store import Store
from models import Chunk
from tests.conftest import PLAIN_TEXT, add_report

PER_DOCUMENT = 40


def add_clustered_documents(store, count, first=0, seed=0) -> np.ndarray:
    """Documents whose passages lie around 30 topics (cosine ~0.9 to their topic), as real reports' do;
    their vectors, in the order of their chunk ids."""
    rng = np.random.default_rng(seed)
    added = []
    topics = np.random.default_rng(99).normal(size=(30, store.dim))
    topics /= np.linalg.norm(topics, axis=1, keepdims=True)
    for n in range(first, first + count):
        doc_id = f"c{n:03d}"
        text = " ".join(f"w{i}" for i in range(PER_DOCUMENT))
        chunks = [Chunk(doc_id, 1, i, i + 1, text[i:i + 1], ordinal=i) for i in range(PER_DOCUMENT)]
        matrix = topics[rng.integers(0, len(topics), PER_DOCUMENT)] + rng.normal(0, 0.06, (PER_DOCUMENT, store.dim))
        added.append((matrix / np.linalg.norm(matrix, axis=1, keepdims=True)).astype(np.float32))
        add_report(store, None, doc_id, pages=[text], chunks=chunks, title="{doc_id}", sha256="{doc_id:0>64}",
                   vectors=added[-1], **PLAIN_TEXT)
    return np.concatenate(added)


def questions(store, count=20):
    found = np.random.default_rng(7).normal(size=(count, store.dim)).astype(np.float32)
    return found / np.linalg.norm(found, axis=1, keepdims=True)


def small_limits(monkeypatch):
    """Flat up to 500 vectors, float32 inverted file up to 1,000, 16-bit floats beyond; every list probed."""
    monkeypatch.setattr(vectors, "FLAT_MAX_VECTORS", 500)
    monkeypatch.setattr(vectors, "COMPRESSED_MIN_VECTORS", 1_000)
    monkeypatch.setattr(vectors, "COMPRESSED_PROBES", 10_000)


def reopened(store):
    """The same index folder opened afresh, its FAISS file loaded (or rebuilt) under the current limits."""
    fresh = Store.open(store.path)
    fresh.flush_vectors()
    return fresh


def test_past_the_limit_the_vectors_are_16_bit_floats_memory_mapped_read_only(store, monkeypatch):
    add_clustered_documents(store, 50)  # 2,000 vectors
    flat = [store.dense_search(q, 10) for q in questions(store)]
    assert store.vector_index_kind() == "flat"
    small_limits(monkeypatch)

    compressed = reopened(store)  # the flat file is the wrong kind for 2,000 vectors now, so it is rebuilt
    index = compressed.vector_index()
    assert compressed.vector_index_kind() == "ivf-fp16"
    assert index.code_size == 2 * store.dim  # two bytes a dimension: half of float32
    lists = faiss.downcast_InvertedLists(index.invlists)
    assert isinstance(lists, faiss.OnDiskInvertedLists) and lists.read_only  # mapped from the file, not read
    assert lists.prefetch_nthread == 0  # no threads reading ahead before every search
    for question, exact in zip(questions(store), flat):
        found = compressed.dense_search(question, 10)
        assert len(set(found) & set(exact)) >= 9
        assert max(abs(found[i] - exact[i]) for i in set(found) & set(exact)) < 0.01
    assert compressed.check() == []


def test_a_search_within_reports_stays_exact_on_compressed_vectors(store, monkeypatch):
    add_clustered_documents(store, 50)
    ranges = [(81, 160), (401, 440)]  # chunk ids of three documents, as a named council's give them
    exact = [store.dense_search(q, 10, ranges) for q in questions(store)]
    small_limits(monkeypatch)
    compressed = reopened(store)
    assert compressed.vector_index_kind() == "ivf-fp16"
    for question, expected in zip(questions(store), exact):
        assert compressed.dense_search(question, 10, ranges) == pytest.approx(expected)


def test_a_new_generation_gets_its_own_compressed_file_and_the_old_one_goes(store, monkeypatch):
    small_limits(monkeypatch)
    add_clustered_documents(store, 50)
    first = reopened(store)
    old_files = sorted(p.name for p in store.path.glob("vectors-*.faiss"))
    added = add_clustered_documents(first, 2, first=50, seed=1)  # the next generation: chunk ids 2,001-2,080
    first.flush_vectors()
    new_files = sorted(p.name for p in store.path.glob("vectors-*.faiss"))
    assert len(new_files) == 1 and new_files != old_files
    assert first.vector_index_kind() == "ivf-fp16" and first.check() == []
    found = first.dense_search(added[-1], 1)  # the newest passage, found by its own vector
    assert list(found) == [2_080] and found[2_080] == pytest.approx(1.0, abs=0.01)


def test_a_rebuild_reads_the_vectors_in_batches_and_keeps_every_one(store, monkeypatch):
    small_limits(monkeypatch)
    add_clustered_documents(store, 50)
    monkeypatch.setattr(vectors, "BUILD_BATCH", 300)  # seven batches, the last one short
    reopened(store).close()  # trains and keeps the centroids
    fresh = Store.open(store.path)
    statements = []
    fresh._db.set_trace_callback(statements.append)
    for file in store.path.glob("vectors-*.faiss"):
        file.unlink()  # the file is gone: rebuilt from SQLite
    assert fresh.vector_index().ntotal == 2_000
    fresh._db.set_trace_callback(None)
    assert sum("LIMIT" in sql for sql in statements) == 8  # seven batches, and the empty read that ends them
    assert not any(" IN (" in sql for sql in statements)  # kept centroids: no training sample is read
    assert sorted(fresh.dense_search(questions(store, 1)[0], 5_000)) == list(range(1, 2_001))


def test_a_file_of_8_bit_codes_is_not_taken_for_16_bit_floats(store, monkeypatch):
    small_limits(monkeypatch)
    add_clustered_documents(store, 50)
    quantiser = faiss.IndexFlatIP(store.dim)
    eight_bit = faiss.IndexIVFScalarQuantizer(quantiser, store.dim, 4, faiss.ScalarQuantizer.QT_8bit,
                                              faiss.METRIC_INNER_PRODUCT)
    assert vectors.kind(eight_bit) != vectors.IVF_FP16  # so a file of it is rebuilt as the size calls for
