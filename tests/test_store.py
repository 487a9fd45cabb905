"""The on-disk format: versioned, refuses the wrong model, atomic, self-healing vector file."""
import sqlite3
from functools import partial

import numpy as np
import pytest

from errors import IndexFormatError, IndexNotFoundError, ModelMismatchError
from index.storage.store import DB_NAME, Store
from models import Chunk, Page
from tests.conftest import PLAIN_TEXT, add_report, make_report

TEXT = "Supervision is regular."
add = partial(add_report, pages=[TEXT], title="{doc_id}", **PLAIN_TEXT)  # add(store, None, doc_id): one passage


def test_opening_a_missing_index_says_how_to_build_one(tmp_path):
    with pytest.raises(IndexNotFoundError, match="python -m ingest"):
        Store.open(tmp_path / "nothing")


def test_an_index_built_with_another_model_is_refused(store):
    with pytest.raises(ModelMismatchError, match="test-hashing-64"):
        Store.open(store.path, model_name="all-MiniLM-L6-v2", dim=384)


def test_an_index_of_another_format_version_is_refused(store):
    with sqlite3.connect(store.path / DB_NAME) as db:
        db.execute("UPDATE meta SET value = '99' WHERE key = 'format_version'")
    with pytest.raises(IndexFormatError, match="version 99"):
        Store.open(store.path)


def test_a_failure_inside_a_write_leaves_the_previous_state(store):
    add(store, None, "d1")
    document, chunks = make_report("d2", title="{doc_id}", **PLAIN_TEXT), [Chunk("d2", 1, 0, len(TEXT), TEXT)]
    bad_pages = [Page(1, TEXT), object()]  # fails after the document row is written
    with pytest.raises(AttributeError):
        store.add_document(document, bad_pages, chunks, np.zeros((1, store.dim), dtype=np.float32))
    assert [d.doc_id for d in store.documents()] == ["d1"]
    assert store.check() == []


def test_a_missing_or_stale_vector_file_is_rebuilt_from_sqlite(store):
    add(store, None, "d1")
    store.flush_vectors()
    files = list(store.path.glob("vectors-*.faiss"))
    assert len(files) == 1
    files[0].unlink()
    add(store, None, "d2")  # a crash before the flush would leave exactly this: no file for the generation
    reopened = Store.open(store.path)
    assert reopened.vector_index().ntotal == 2
    assert reopened.check() == []


def test_check_finds_a_chunk_that_no_longer_matches_its_page(store):
    add(store, None, "d1")
    with sqlite3.connect(store.path / DB_NAME) as db:
        db.execute("UPDATE pages SET text = 'Something else entirely.'")
    assert any("do not match their page text" in p for p in Store.open(store.path).check())


def test_one_writer_at_a_time_across_processes(store):
    import subprocess
    import sys

    import errors

    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; sys.path.insert(0, '.');"
        "from index.storage.store import Store;"
        f"s = Store.open({str(store.path)!r});"
        "ctx = s.writer(); ctx.__enter__(); print('locked', flush=True); time.sleep(30)")],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(errors.IndexBusyError, match="Wait for it to finish"):
            with store.writer(wait_s=0.5):
                pass
    finally:
        holder.kill()
        holder.wait()
    with store.writer(wait_s=5):  # released when the holder dies
        add(store, None, "d1")
    assert [d.doc_id for d in store.documents()] == ["d1"]


def add_random_documents(store, count, per_document=40, seed=0):
    rng = np.random.default_rng(seed)
    for n in range(count):
        doc_id = f"r{n:03d}"
        text = " ".join(f"w{i}" for i in range(per_document))
        chunks = [Chunk(doc_id, 1, i, i + 1, text[i:i + 1], ordinal=i) for i in range(per_document)]
        vectors = rng.normal(size=(per_document, store.dim)).astype(np.float32)
        add_report(store, None, doc_id, pages=[text], chunks=chunks, title="{doc_id}", sha256="{doc_id:0>64}",
                   vectors=vectors / np.linalg.norm(vectors, axis=1, keepdims=True), **PLAIN_TEXT)


def test_a_large_index_switches_to_an_inverted_file_that_finds_what_flat_search_finds(store, monkeypatch):
    add_random_documents(store, 50)  # 2,000 vectors
    question = np.random.default_rng(9).normal(size=store.dim).astype(np.float32)
    question /= np.linalg.norm(question)
    assert store.vector_index_kind() == "flat"
    flat_top = list(store.dense_search(question, 10))
    ranges = [(100, 179)]  # chunk ids, as a named council's reports give them
    flat_scoped = store.dense_search(question, 10, ranges)

    monkeypatch.setattr("index.storage.vectors.FLAT_MAX_VECTORS", 1_000)
    monkeypatch.setattr("index.storage.vectors.IVF_PROBES", 1_000)  # every list: the same answers as flat search
    for file in store.path.glob("vectors-*.faiss"):
        file.unlink()  # the index is rebuilt on the next load, now past the flat limit
    reopened = Store.open(store.path)
    assert reopened.vector_index_kind() == "ivf"
    assert (store.path / "ivf-centroids.npy").exists()
    assert list(reopened.dense_search(question, 10)) == flat_top
    assert reopened.dense_search(question, 10, ranges) == pytest.approx(flat_scoped)
    assert all(100 <= i <= 179 for i in flat_scoped)
    assert reopened.check() == []


def test_a_name_is_looked_for_in_any_number_of_reports_as_written(store):
    from tests.conftest import add_report

    for number in range(1, 1201):  # more runs of chunk ids than SQLite's expression depth allows in one query
        add_report(store, None, f"d{number:04d}", pages=["Preventing harm matters." if number % 2 else
                                                        "The Prevent duty is met."])
    runs = [(n, n) for n in range(1, 2401, 2)]  # the odd-numbered reports only: "Preventing", never "Prevent"
    assert not store.mentions("Prevent", runs)
    assert store.mentions("Prevent", [(2, 2)]) and store.mentions("prevent duty", None)


def test_a_name_printed_as_a_plural_or_possessive_is_mentioned(store):
    """"No report mentions “Family Hubs”" while a report says "the family hub’s offer" refused an answer it held."""
    from tests.conftest import add_report

    add_report(store, None, "d1", pages=["The family hub’s offer is wide. Staying Close' work and Prevent's reach grew."])
    add_report(store, None, "d2", pages=["This prevents harm to the councils' children."])
    for name in ("Family Hubs", "family hub", "Staying Close", "Prevent"):
        assert store.mentions(name, None), name
    assert not store.mentions("Family Hubbub", None) and not store.mentions("Preventing", None)
    assert not store.mentions("Prevent", [(2, 2)])   # "prevents" is a verb
