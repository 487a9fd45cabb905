"""Hostile files (tests/hostile.py) in one batch, through the CLI and through ingest_paths (the app's
upload path): each bad file gets one line naming it and what to do, every good file goes in, nothing
hangs or blows up the ingesting process, and the index afterwards is sound and answers."""
import os
import resource
import time

import pytest

import ingest.__main__ as ingest_cli
from errors import UnreadableFileError, shown_path
from index.search.searcher import Searcher
from index.storage.store import Store
from ingest import ocr
from ingest.pipeline import ingest_paths
from ingest.readers import read_file
from ingest.worker import TIMEOUT_ENV
from tests import hostile
from tests.conftest import HashingEmbedder

READ_TIMEOUT_S = 20      # per file; a hang would cost this, so the batch bound below catches any
BATCH_LIMIT_S = 60       # the whole batch (it takes about 10 s)
PARENT_GROWTH_MB = 600   # the ingesting process must never inflate a bomb itself
UNDECODABLE_FAILS = "not valid UTF-8"


def expected_failure(case: hostile.Case) -> str | None:
    return None if case.ocr_dependent and ocr.available() else case.fails


FAILING = {os.path.basename(c.name): expected_failure(c) for c in hostile.CASES if expected_failure(c)}
GOING_IN = [os.path.basename(c.name) for c in hostile.CASES if not expected_failure(c)] + ["good.pdf", "good.docx"]


@pytest.fixture(scope="module")
def inbox(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile") / "inbox"
    hostile.build(folder)
    (folder / "good.pdf").write_bytes(hostile.good_pdf())
    (folder / "good.docx").write_bytes(hostile.good_docx("Good Word paper: placement stability improved."))
    (folder / hostile.UNDECODABLE_NAME).write_bytes(b"A note from an old file share.")
    return folder


@pytest.fixture(autouse=True)
def short_read_limit(monkeypatch):
    monkeypatch.setenv(TIMEOUT_ENV, str(READ_TIMEOUT_S))


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def assert_sound_and_answering(store: Store) -> None:
    assert store.check() == []
    by_name = {os.path.basename(source): d for d in store.documents() for source in d.sources}
    assert sorted(by_name) == sorted(GOING_IN)
    assert by_name["copy-a.txt"].doc_id == by_name["copy-b.txt"].doc_id  # stored once, both names kept
    text = lambda name: "\n".join(p.text for p in store.pages(by_name[name].doc_id))  # noqa: E731
    assert "Café report: the bébé unit" in text("latin-1.txt")
    assert "it’s read" in text("utf-16-no-bom.txt") and "\x00" not in text("nul-bytes.txt")
    assert "<script>alert('x')</script>" in text("script.md")  # kept as the characters it is; shown escaped
    assert by_name["one-3mb-line.pdf"].n_chunks > 1000
    hits = Searcher(store, HashingEmbedder()).search("supervision of social workers", k=5)
    assert hits and all(h.chunk.text in text(os.path.basename(h.document.source)) for h in hits)


@pytest.mark.slow
def test_the_cli_prints_one_line_per_bad_file_and_ingests_the_rest(inbox, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("index.opening.load_embedder", lambda name=None: HashingEmbedder())
    index = tmp_path / "index"
    dot_dot = inbox / "sub" / ".." / "dot-dot.txt"  # also found by the folder walk: stored once, resolved
    before, started = peak_rss_mb(), time.monotonic()
    named = [str(inbox / "script.html"), str(dot_dot)]  # a folder walk skips unsupported files; a named one is reported
    assert ingest_cli.main([str(inbox), *named, "--index", str(index), "--quiet"]) == 1
    assert time.monotonic() - started < BATCH_LIMIT_S
    assert peak_rss_mb() - before < PARENT_GROWTH_MB
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    lines = err.splitlines()
    assert len(lines) == len(FAILING) + 1, err
    for name, reason in {**FAILING, hostile.UNDECODABLE_NAME: UNDECODABLE_FAILS}.items():
        (line,) = [line for line in lines if f"/{shown_path(name)}: " in line]
        assert line.startswith("failed: ") and reason in line and line.endswith("."), line
    assert f"{len(GOING_IN) - 1} added" in out and "1 duplicates" in out
    store = Store.open(index)
    assert_sound_and_answering(store)
    assert store.doc_id_for_source(str(inbox / "dot-dot.txt"))


@pytest.mark.slow
def test_the_upload_path_reports_each_file_and_ingests_the_rest(inbox, store, embedder):
    before, started = peak_rss_mb(), time.monotonic()
    report = ingest_paths([inbox, inbox / "script.html"], store, embedder)
    assert time.monotonic() - started < BATCH_LIMIT_S
    assert peak_rss_mb() - before < PARENT_GROWTH_MB
    outcomes = {os.path.basename(o.path): o for o in report.outcomes}
    assert len(outcomes) == len(FAILING) + len(GOING_IN) + 1
    for name, reason in {**FAILING, hostile.UNDECODABLE_NAME: UNDECODABLE_FAILS}.items():
        outcome = outcomes[name]
        assert outcome.status == "failed" and reason in outcome.message, outcome
        assert outcome.message.startswith(shown_path(outcome.path) + ": ") and "\n" not in outcome.message
    assert {outcomes[name].status for name in GOING_IN} <= {"added", "duplicate"}
    assert outcomes["copy-b.txt"].status == "duplicate"
    assert_sound_and_answering(store)
    again = ingest_paths([inbox, inbox / "script.html"], store, embedder)  # nothing new: failures fail the same way, nothing is re-added
    assert again.count("unchanged") == len(GOING_IN) and again.count("failed") == len(FAILING) + 1


def test_a_compression_bomb_is_named_as_such_without_ocr_too(tmp_path, monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: False)
    path = tmp_path / "bomb.pdf"
    path.write_bytes(hostile.flate_bomb_pdf())
    with pytest.raises(UnreadableFileError, match="unpacks to far more data than any report"):
        read_file(path)


def test_without_tesseract_a_scan_says_so_and_how_to_get_it_in(tmp_path, monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: False)
    path = tmp_path / "scan.pdf"
    path.write_bytes(hostile.scanned_pdf())
    with pytest.raises(UnreadableFileError, match="has no text layer .* install Tesseract OCR"):
        read_file(path)


def test_links_out_of_the_folder_and_link_loops_are_not_followed(tmp_path, store, embedder):
    """A folder holding "notes.txt" linked to a server file, a link to a folder (a loop), and a link to a
    file inside it: only what the folder holds goes in, and each link left out is named."""
    secret = tmp_path / "outside" / "passwd"
    secret.parent.mkdir()
    secret.write_text("root:x:0:0:root:/root:/bin/bash\nSupervision of social workers is regular.\n")
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "real.txt").write_text("Care leavers have personal advisers who stay in touch.\n")
    (folder / "notes.txt").symlink_to(secret)
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "inside.txt").symlink_to(folder / "real.txt")
    report = ingest_paths([folder], store, embedder)
    by_name = {os.path.basename(o.path): o for o in report.outcomes}
    assert by_name["notes.txt"].status == "failed" and "not followed" in by_name["notes.txt"].message
    assert by_name["loop"].status == "failed" and "not followed" in by_name["loop"].message
    assert sorted([by_name["real.txt"].status, by_name["inside.txt"].status]) == ["added", "duplicate"]
    texts = [store.page_text(d.doc_id, None) or "" for d in store.documents()]
    assert not any("root:x" in text for text in texts)


def test_a_run_of_text_without_breaks_is_cut_into_bounded_passages(tmp_path, store, embedder):
    from ingest.chunking import PASSAGE_MAX_CHARS

    (tmp_path / "one-word.txt").write_text("Supervision is regular. " + "x" * (2 * 1024 * 1024) + " The end.\n")
    report = ingest_paths([tmp_path / "one-word.txt"], store, embedder)
    assert [o.status for o in report.outcomes] == ["added"]
    hits = Searcher(store, embedder).ask("supervision", k=10).hits
    assert hits and all(len(hit.chunk.text) <= PASSAGE_MAX_CHARS for hit in hits)
    assert max(len(c.text) for c in store.chunks(range(1, 5000)).values()) <= PASSAGE_MAX_CHARS
