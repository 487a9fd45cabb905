"""Ingestion through the shared pipeline: incremental, replacing, de-duplicating, deleting, never stopping.

Files are read in this process (ingest.worker.InProcessReader): these files are harmless, and the child
process that isolates hostile ones is tested in test_worker.py, test_hostile.py and below."""
import shutil

from index.search.searcher import Filters
from index.storage.store import Store
from ingest.pipeline import ingest_paths as ingest_in_a_child
from ingest.worker import InProcessReader
from tests.conftest import DATA, write

SUPERVISION = "Supervision of social workers is regular and reflective in Bury. " * 5
CARE_LEAVERS = "Care leavers in Wigan have personal advisers who stay in touch. " * 5


def ingest_paths(paths, store, embedder, **options):
    return ingest_in_a_child(paths, store, embedder, reader=InProcessReader(), **options)


def statuses(report):
    return sorted((o.path.rsplit("/", 1)[-1], o.status) for o in report.outcomes)


def test_reingesting_unchanged_files_embeds_nothing(tmp_path, store, embedder):
    folder = tmp_path / "docs"
    write(folder / "a.txt", SUPERVISION)
    write(folder / "b.md", CARE_LEAVERS)
    first = ingest_paths([folder], store, embedder)
    assert first.count("added") == 2 and not first.failures

    calls = []
    embedder.embed = lambda texts, on_batch=None: calls.append(texts)  # would break if called
    second = ingest_paths([folder], store, embedder)
    assert statuses(second) == [("a.txt", "unchanged"), ("b.md", "unchanged")]
    assert calls == []
    assert store.stats()["documents"] == 2


def test_a_paragraph_already_indexed_is_not_embedded_again(tmp_path, store, embedder, searcher):
    shared = "The local authority is required to prepare and submit a written statement of action. " * 12
    write(tmp_path / "a.txt", f"{SUPERVISION * 3}\n\n{shared}")
    write(tmp_path / "b.txt", f"{CARE_LEAVERS * 3}\n\n{shared}\n\n{shared}")
    ingest_paths([tmp_path / "a.txt"], store, embedder)
    embedded = []
    real_embed = embedder.embed
    embedder.embed = lambda texts, on_batch=None: embedded.extend(texts) or real_embed(texts, on_batch)
    report = ingest_paths([tmp_path / "b.txt"], store, embedder)
    assert report.count("added") == 1
    in_b = searcher.search("written statement of action", k=5, filters=Filters(doc_ids=(report.outcomes[0].doc_id,)))
    assert in_b[0].chunk.text == shared.strip()
    assert embedded and shared.strip() not in embedded and len(embedded) == len(set(embedded))


def test_a_changed_file_replaces_its_old_version(tmp_path, store, embedder, searcher):
    path = write(tmp_path / "paper.txt", SUPERVISION)
    ingest_paths([path], store, embedder)
    write(path, CARE_LEAVERS)
    report = ingest_paths([path], store, embedder)
    assert statuses(report) == [("paper.txt", "replaced")]
    assert store.stats()["documents"] == 1
    texts = [h.chunk.text for h in searcher.search("supervision social workers")]
    assert texts and all("Supervision" not in t for t in texts)


def test_the_same_content_under_two_names_is_stored_once_with_both_names(tmp_path, store, embedder):
    write(tmp_path / "one.txt", SUPERVISION)
    write(tmp_path / "copy of one.txt", SUPERVISION)
    report = ingest_paths([tmp_path], store, embedder)
    assert sorted(o.status for o in report.outcomes) == ["added", "duplicate"]
    (document,) = store.documents()
    assert sorted(s.rsplit("/", 1)[-1] for s in document.sources) == ["copy of one.txt", "one.txt"]


def test_one_bad_file_is_reported_and_the_rest_still_go_in(tmp_path, store, embedder):
    write(tmp_path / "good.txt", SUPERVISION)
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.7 garbage")
    report = ingest_paths([tmp_path, tmp_path / "missing.pdf"], store, embedder)
    assert statuses(report) == [("bad.pdf", "failed"), ("good.txt", "added"), ("missing.pdf", "failed")]
    assert all(o.message.endswith(".") and o.path.rsplit("/", 1)[-1] in o.message for o in report.failures)
    assert store.stats()["documents"] == 1
    assert store.check() == []


def test_delete_removes_a_document_from_both_keyword_and_vector_search(tmp_path, store, embedder, searcher):
    write(tmp_path / "a.txt", SUPERVISION)
    write(tmp_path / "b.txt", CARE_LEAVERS)
    ingest_paths([tmp_path], store, embedder)
    doomed = store.find_document("a.txt")
    store.delete_document(doomed.doc_id)
    assert [d.source.rsplit("/", 1)[-1] for d in store.documents()] == ["b.txt"]
    assert all(h.document.doc_id != doomed.doc_id for h in searcher.search("supervision reflective Bury"))
    assert store.check() == []


def test_a_real_pdf_goes_in_with_pages_offsets_and_metadata(tmp_path, store, embedder):
    pdf = shutil.copy(DATA / "staffordshire-ilacs-2019.pdf", tmp_path / "report.pdf")
    report = ingest_paths([pdf], store, embedder)
    assert report.pages == 10 and report.chunks > 10
    (document,) = store.documents()
    assert document.metadata.council == "Staffordshire"
    pages = {p.number: p.text for p in store.pages(document.doc_id)}
    chunks = store.chunks(range(1, report.chunks + 1)).values()
    assert all(pages[c.page][c.start:c.end] == c.text for c in chunks)


def test_the_index_on_disk_reloads_identically(tmp_path, store, embedder):
    write(tmp_path / "a.txt", SUPERVISION)
    ingest_paths([tmp_path / "a.txt"], store, embedder)
    reopened = Store.open(store.path)
    assert [d.doc_id for d in reopened.documents()] == [d.doc_id for d in store.documents()]
    assert reopened.vector_index().ntotal == store.stats()["chunks"]


def test_the_child_process_reader_gives_the_same_outcomes_in_path_order(tmp_path, store, embedder):
    write(tmp_path / "c.txt", SUPERVISION)
    write(tmp_path / "a.txt", SUPERVISION)  # the same content: read once, the second a duplicate
    write(tmp_path / "b.md", CARE_LEAVERS)
    (tmp_path / "d.pdf").write_bytes(b"not a pdf")
    report = ingest_in_a_child([tmp_path], store, embedder)
    assert [(o.path.rsplit("/", 1)[-1], o.status) for o in report.outcomes] == [
        ("a.txt", "added"), ("b.md", "added"), ("c.txt", "duplicate"), ("d.pdf", "failed")]


def test_copies_of_content_whose_first_read_failed_are_read_once_more_and_stored_once(tmp_path, store, embedder):
    from errors import UnreadableFileError

    class FailsFirst(InProcessReader):
        """A reader whose first file times out, as one may under load."""

        def read_all(self, tasks):
            for number, (task, result) in enumerate(super().read_all(tasks)):
                yield task, (UnreadableFileError(task.source, "took too long to read") if task.source.endswith("a.txt")
                             and number == 0 else result)

    for name in ("a.txt", "b.txt", "c.txt"):
        write(tmp_path / name, SUPERVISION)
    report = ingest_in_a_child([tmp_path], store, embedder, reader=FailsFirst())
    assert [(o.path.rsplit("/", 1)[-1], o.status) for o in report.outcomes] == [
        ("a.txt", "failed"), ("b.txt", "added"), ("c.txt", "duplicate")]
    assert store.stats()["documents"] == 1
