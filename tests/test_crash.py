"""Fault injection: `python -m ingest` killed with SIGKILL at many points of a run loses nothing.

After each kill the index opens, passes `python -m index check`, answers a question, holds every
document it holds whole (exactly the chunks an uninterrupted run gives it), and a re-run finishes the
job. Kill points are spread over the run by watching its progress from outside (as a reader would), so
they land in start-up, inside a document's transaction and between a commit and the FAISS file write.
The ingest runs in a subprocess with the fast test embedder (patched in by the runner, not the product).
"""
import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import index.__main__ as index_cli
from index.search.searcher import Searcher
from index.storage.store import DB_NAME, Store
from tests.conftest import HashingEmbedder
from tests.ingest_process import FILES, ROOT, make_reports, start_ingest

KILL_POINTS = 10


def documents_in(index: Path) -> int:
    """How many documents a reader sees now (0 before the index exists)."""
    try:
        with contextlib.closing(sqlite3.connect(f"file:{index / DB_NAME}?mode=ro", uri=True, timeout=30)) as db:
            return db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def kill_when(process: subprocess.Popen, index: Path, documents: int, then_s: float) -> bool:
    """SIGKILL the ingest `then_s` after a reader first sees `documents` documents (False if it finished
    first), then its orphaned reader child. Watching progress, not the clock, keeps the kill points spread
    over the writing however loaded the machine is."""
    while process.poll() is None and documents_in(index) < documents:
        time.sleep(0.005)
    time.sleep(then_s)
    killed = process.poll() is None
    if killed:
        process.kill()
    process.wait()
    try:
        os.killpg(process.pid, signal.SIGKILL)  # the reader child shares the ingest's new session
    except ProcessLookupError:
        pass
    process.communicate()
    return killed


def contents(store: Store) -> dict[str, list[str]]:
    """Each document's chunk texts, in order, read straight from SQLite."""
    return {d.doc_id: [c.text for c in sorted(store.chunks(cid for cid, doc, _ in store.chunk_locations()
                                                            if doc == d.doc_id).values(), key=lambda c: c.ordinal)]
            for d in store.documents()}


def run_to_completion(folder: Path, index: Path) -> None:
    process = start_ingest(folder, index)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err.decode()


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """An uninterrupted run: what every document holds when nothing goes wrong."""
    base = tmp_path_factory.mktemp("crash")
    make_reports(base / "reports")
    run_to_completion(base / "reports", base / "reference")
    store = Store.open(base / "reference")
    yield base / "reports", contents(store)
    store.close()


def kill_points() -> list[tuple[int, float]]:
    """(documents in, then seconds): one kill in start-up, the rest spread over the writing, each a few
    milliseconds after a commit so it lands inside the next transaction or before the FAISS write."""
    return [(0, 0.3)] + [(1 + i * (FILES - 2) // (KILL_POINTS - 2), 0.004 * i) for i in range(KILL_POINTS - 1)]


@pytest.mark.slow
def test_sigkill_at_any_point_leaves_a_sound_index_and_a_rerun_finishes(reference, tmp_path, capsys):
    folder, expected = reference
    assert len(expected) == FILES
    partial = 0
    for point, (documents, then_s) in enumerate(kill_points()):
        index = tmp_path / f"index-{point}"
        kill_when(start_ingest(folder, index), index, documents, then_s)
        if not (index / "inspectqa.sqlite").exists():
            continue  # killed before the index was created: nothing to damage (it is made by an atomic rename)
        assert index_cli.main(["check", "--index", str(index)]) == 0, capsys.readouterr().out
        store = Store.open(index)
        held = contents(store)
        assert all(held[doc_id] == expected[doc_id] for doc_id in held), "a half-ingested document"
        hits = Searcher(store, HashingEmbedder()).search("placement stability for care leavers", k=5)
        assert bool(hits) == bool(held)
        partial += 0 < len(held) < FILES
        store.close()
        run_to_completion(folder, index)
        store = Store.open(index)
        assert store.check() == [] and contents(store) == expected
        store.close()
    assert partial >= KILL_POINTS // 2, f"only {partial} kills landed mid-ingest: too few to test anything"


def test_the_check_command_runs_as_a_real_process(reference, tmp_path):
    folder, _ = reference
    index = tmp_path / "index"
    assert kill_when(start_ingest(folder, index), index, FILES // 2, 0.01)
    run = subprocess.run([sys.executable, "-m", "index", "check", "--index", str(index)], cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0 and "The index is sound." in run.stdout, run.stdout + run.stderr
