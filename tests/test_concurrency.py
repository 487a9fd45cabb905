"""One writer at a time, any number of readers: two ingests into one index both finish with nothing
duplicated, and searches running during an ingest never fail and never see a torn state."""
import threading

import pytest

from index.search.searcher import Searcher
from index.search.widening import passage_text
from index.storage.store import Store
from ingest.pipeline import ingest_paths
from tests.conftest import HashingEmbedder, write
from tests.ingest_process import make_reports, start_ingest

pytestmark = pytest.mark.slow  # the whole app, or several processes, per test: not in the quick loop

QUESTIONS = ("placement stability for care leavers", "how reflective is supervision?", "council inspection plans",
             "Report 7 of Crashshire")


def test_two_ingests_at_once_both_finish_one_waiting_for_the_other(tmp_path):
    make_reports(tmp_path / "a", range(0, 20))
    make_reports(tmp_path / "b", range(10, 30))  # reports 10-19 are in both folders
    index = tmp_path / "index"
    first, second = start_ingest(tmp_path / "a", index), start_ingest(tmp_path / "b", index)
    for process in (first, second):
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err.decode()
    store = Store.open(index)
    assert store.check() == []
    documents = store.documents()
    assert len(documents) == 30  # the ten shared reports once each, under both names
    assert sum(len(d.sources) for d in documents) == 40
    assert sorted(len(d.sources) for d in documents).count(2) == 10


def assert_whole(store: Store, hit) -> None:
    """The hit's document exists and its passage is exactly its pages' text at its offsets."""
    store.document(hit.document.doc_id)
    assert passage_text(hit.chunk, store.page_text) == hit.chunk.text


def test_searches_during_an_ingest_never_fail_or_see_a_torn_state(tmp_path):
    index = tmp_path / "index"
    embedder = HashingEmbedder()
    store = Store.open(index, model_name=embedder.name, dim=embedder.dim, create=True)
    ingest_paths([write(tmp_path / "first.txt", "Report on supervision and care leavers in Firstshire.")],
                 store, embedder)
    make_reports(tmp_path / "reports")
    searcher = Searcher(store, embedder)
    failures, answered, done = [], [0], threading.Event()

    def search_until_done(offset: int) -> None:
        i = offset
        while not done.is_set():
            try:
                for hit in searcher.search(QUESTIONS[i % len(QUESTIONS)], k=5):
                    assert_whole(store, hit)
                answered[0] += 1
            except Exception as exc:  # noqa: BLE001 - any failure at all is what this test looks for
                failures.append(f"{type(exc).__name__}: {exc}")
            i += 1

    threads = [threading.Thread(target=search_until_done, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    ingest = start_ingest(tmp_path / "reports", index)
    out, err = ingest.communicate(timeout=120)
    done.set()
    for thread in threads:
        thread.join()
    assert ingest.returncode == 0, err.decode()
    assert failures == [] and answered[0] > 20
    assert len(searcher.catalogue().documents) == 41  # the new documents are seen without reopening
