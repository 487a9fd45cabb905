"""ingest_paths: the one entry point the CLI and the app share to put files into an index.

For each file: hash it; if that content is already in, at most record the new file name; otherwise
read, understand, chunk and embed it, and write it in one transaction. A failure is recorded with its
one-sentence reason and the batch goes on.
"""
from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

import numpy as np

from errors import InspectQAError, UnreadableFileError, shown_path
from index.storage.embedder import Embedder
from index.storage.store import Store
from ingest.chunking import PASSAGE_MAX_TOKENS, chunk_document
from ingest.readers import SUPPORTED_SUFFIXES, kind_of
from ingest.worker import IsolatedReader, Reader, ReadResult, ReadTask
from models import Chunk, Document

VECTOR_FLUSH_SECONDS = 30  # write the FAISS file at least this often during a long ingest


class FileStatus(StrEnum):
    """What became of one file given to ingest."""

    ADDED = "added"
    REPLACED = "replaced"     # added, and an older version of the same file's content removed
    UNCHANGED = "unchanged"   # the same file, already indexed
    DUPLICATE = "duplicate"   # the same content as a document already indexed, under another name
    FAILED = "failed"


@dataclass(kw_only=True)
class FileOutcome:
    path: str
    status: FileStatus
    doc_id: str | None = None
    message: str = ""
    pages: int = 0
    chunks: int = 0


@dataclass
class IngestReport:
    outcomes: list[FileOutcome] = field(default_factory=list)
    seconds: float = 0.0
    skipped: list[str] = field(default_factory=list)  # files in the folders given that are of no supported type

    def count(self, *statuses: FileStatus) -> int:
        return sum(o.status in statuses for o in self.outcomes)

    @property
    def failures(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.status == FileStatus.FAILED]

    @property
    def pages(self) -> int:
        return sum(o.pages for o in self.outcomes)

    @property
    def chunks(self) -> int:
        return sum(o.chunks for o in self.outcomes)

    def summary(self) -> str:
        summary = (
            f"{self.count('added', 'replaced')} added ({self.count('replaced')} replacing older versions), "
            f"{self.count('unchanged', 'duplicate')} skipped as already indexed "
            f"({self.count('duplicate')} duplicates under a new name), {self.count('failed')} failed; "
            f"{self.pages} pages, {self.chunks} chunks in {self.seconds:.1f} s"
        )
        if self.skipped:
            names = ", ".join(shown_path(name) for name in self.skipped)
            summary += (f"\nskipped {len(self.skipped)} file{'s' if len(self.skipped) > 1 else ''} that "
                        f"{'are' if len(self.skipped) > 1 else 'is'} not PDF, Word, text or Markdown: {names}")
        return summary


def find_files(paths: Iterable[str | Path]) -> Iterator[tuple[str, Path | None]]:
    """(source name, path) for every file to ingest; folders are walked, keeping only supported files.

    A named path that is not a regular file comes back as (name, None) so it is reported, not silently
    dropped; pipes and devices are never opened (reading one would block forever). Inside a folder, a link
    to a file outside it, and a link to a folder, come back as (name, None) too: nothing outside what was
    given is read (a "notes.txt" linking to /etc/passwd), and a link loop is never walked.
    """
    for given in paths:
        path = Path(given)
        if path.is_dir():
            inside = path.resolve()
            for root, dirs, files in os.walk(path):   # os.walk does not descend into linked folders ...
                dirs.sort()
                for name in dirs:
                    if Path(root, name).is_symlink():   # ... and says so
                        yield os.path.abspath(Path(root, name)), None
                for name in sorted(files):
                    full = Path(root, name)
                    if full.is_symlink() and not full.resolve().is_relative_to(inside):
                        yield os.path.abspath(full), None
                    elif name.lower().endswith(SUPPORTED_SUFFIXES) and not name.startswith(".") and full.is_file():
                        yield os.path.abspath(full), full
        elif path.is_file():
            yield os.path.abspath(path), path
        else:
            yield str(given), None


def unsupported_files(paths: Iterable[str | Path]) -> list[str]:
    """Files in the given folders that find_files leaves out for their type ("report.pdf.exe"), so the
    summary can name them; hidden files (".DS_Store") are the system's, not the user's, and stay unnamed."""
    skipped = []
    for given in paths:
        if Path(given).is_dir():
            for root, dirs, files in os.walk(given):
                dirs.sort()
                skipped += [os.path.abspath(Path(root, name)) for name in sorted(files)
                            if not name.lower().endswith(SUPPORTED_SUFFIXES) and not name.startswith(".")]
    return skipped


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def ingest_paths(
    paths: Iterable[str | Path], store: Store, embedder: Embedder,
    on_file: Callable[[FileOutcome], None] | None = None,
    on_chunks: Callable[[int, int], None] | None = None,
    reader: Reader | None = None,
) -> IngestReport:
    """Ingest files and folders; on_file hears each file's outcome as it is settled, on_chunks (done, total)
    of the current file's passages as they are embedded. The report lists outcomes in path order.

    Files that need no reading (already indexed, missing, unnamable) are settled first; the rest are read
    in a child process (ingest.worker.IsolatedReader, or the `reader` given) while the previous file is
    embedded. A file whose content an earlier file of the same batch holds is read once.
    (ingest.distributed does the same with the reading and embedding on a Ray cluster.)
    """
    paths = list(paths)
    report = IngestReport(skipped=unsupported_files(paths))
    started = time.monotonic()
    record = recorder(report, store, on_file)

    def read_and_add(tasks: list[ReadTask]) -> None:
        for task, result in reading.read_all(tasks):
            record(commit(prepare(task, result, embedder, store, on_chunks), store)
                   if isinstance(result, ReadResult) else FileOutcome(path=task.source, status=FileStatus.FAILED, message=str(result)))

    with store.writer(), reader or IsolatedReader() as reading:
        batch = plan(paths, store, record)
        read_and_add(batch.to_read)
        read_and_add(settle_repeats(batch, store, record))
        store.flush_vectors()
    report.outcomes = in_path_order(report.outcomes, batch.positions)
    report.seconds = time.monotonic() - started
    return report


def recorder(report: IngestReport, store: Store,
             on_file: Callable[[FileOutcome], None] | None) -> Callable[[FileOutcome], None]:
    """Record each outcome in the report and tell on_file; during a long ingest, write the FAISS file every
    VECTOR_FLUSH_SECONDS, so searches meanwhile load it instead of rebuilding it from SQLite."""
    last_flush = time.monotonic()

    def record(outcome: FileOutcome) -> None:
        nonlocal last_flush
        report.outcomes.append(outcome)
        if on_file:
            on_file(outcome)
        if time.monotonic() - last_flush > VECTOR_FLUSH_SECONDS:
            store.flush_vectors()
            last_flush = time.monotonic()

    return record


@dataclass
class Batch:
    """The files of one ingest, sorted out before any is read."""

    positions: dict[str, int]   # each file's place in path order, for the report
    to_read: list[ReadTask]     # one file per content not yet indexed
    repeats: list[ReadTask]     # files whose content an earlier file of the batch holds


@dataclass
class Prepared:
    """A file read, chunked and embedded, ready to be written in one transaction."""

    task: ReadTask
    result: ReadResult
    chunks: list[Chunk]
    vectors: np.ndarray


def plan(paths: list[str | Path], store: Store, record: Callable[[FileOutcome], None]) -> Batch:
    """Settle what needs no reading (recorded at once) and list the rest, each content once."""
    batch = Batch({}, [], [])
    queued: set[str] = set()
    for position, (source, path) in enumerate(find_files(paths)):
        batch.positions.setdefault(source, position)
        settled = _settle_known(source, path, store)
        if isinstance(settled, FileOutcome):
            record(settled)
        elif settled.sha256 in queued:
            batch.repeats.append(settled)
        else:
            queued.add(settled.sha256)
            batch.to_read.append(settled)
    return batch


def settle_repeats(batch: Batch, store: Store, record: Callable[[FileOutcome], None]) -> list[ReadTask]:
    """A repeat of content that went in is a duplicate (recorded); of content that failed, it is returned
    to be read in its own right."""
    again = []
    for task in batch.repeats:
        known = _as_known(task.source, task.sha256, store)
        if known:
            record(known)
        else:
            again.append(task)
    return again


def prepare(task: ReadTask, result: ReadResult, embedder: Embedder, store: Store | None = None,
            on_chunks: Callable[[int, int], None] | None = None) -> Prepared:
    """Chunk and embed a read file. With the store at hand, passages whose text it already holds reuse
    their vectors; a Ray worker has none and embeds every distinct text."""
    doc_id = task.sha256[:16]
    chunks = chunk_document(doc_id, result.pages, embedder.count_tokens, min(PASSAGE_MAX_TOKENS, embedder.max_tokens))
    return Prepared(task, result, chunks, _embed_new_texts([c.text for c in chunks], store, embedder, on_chunks))


def commit(prepared: Prepared, store: Store) -> FileOutcome:
    """Write one prepared document in one transaction (the caller holds the writer lock)."""
    task, result = prepared.task, prepared.result
    known = _as_known(task.source, task.sha256, store)  # a copy of this content went in meanwhile
    if known:
        return known
    replaces = store.doc_id_for_source(task.source)
    store.add_document(Document(task.sha256[:16], task.sha256, task.kind, [task.source], result.metadata),
                       result.pages, prepared.chunks, prepared.vectors)
    return FileOutcome(path=task.source, status=FileStatus.REPLACED if replaces else FileStatus.ADDED,
                       doc_id=task.sha256[:16], pages=len(result.pages), chunks=len(prepared.chunks))


def in_path_order(outcomes: list[FileOutcome], positions: dict[str, int]) -> list[FileOutcome]:
    return sorted(outcomes, key=lambda outcome: positions.get(outcome.path, len(positions)))


def _settle_known(source: str, path: Path | None, store: Store) -> FileOutcome | ReadTask:
    """Outcome without reading, for missing, unsupported and already indexed files; else a ReadTask."""
    try:
        if path is None and os.path.islink(source):
            raise UnreadableFileError(source, "is a link to a folder, or to a file outside the folder given, and was "
                                      "not followed", "Copy the file itself into the folder if it should be added.")
        if path is None:
            raise UnreadableFileError(source, "does not exist or is not a regular file", "Check the path and try again.")
        if not _is_text(source):
            raise UnreadableFileError(source, "has a name that is not valid UTF-8 text (saved by an older system)",
                                      "Rename it and add it again.")
        kind = kind_of(path)
        try:
            sha256 = sha256_of(path)
        except OSError as exc:
            raise UnreadableFileError(source, f"cannot be opened ({exc.strerror or exc})") from None
    except InspectQAError as exc:
        return FileOutcome(path=source, status=FileStatus.FAILED, message=str(exc))
    return _as_known(source, sha256, store) or ReadTask(source, path, sha256, kind)


def _is_text(name: str) -> bool:
    """A name the index can store and show: a non-UTF-8 file name arrives as lone surrogates, which SQLite refuses."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _as_known(source: str, sha256: str, store: Store) -> FileOutcome | None:
    existing = store.doc_id_for_sha(sha256)
    if existing is None:
        return None
    if store.doc_id_for_source(source) == existing:
        return FileOutcome(path=source, status=FileStatus.UNCHANGED, doc_id=existing)
    store.add_source(existing, source)
    return FileOutcome(path=source, status=FileStatus.DUPLICATE, doc_id=existing,
                       message="same content as a document already indexed")


def _embed_new_texts(texts: list[str], store: Store | None, embedder: Embedder,
                     on_chunks: Callable[[int, int], None] | None) -> np.ndarray:
    """Vectors for texts, embedding each distinct text once: a passage repeated within the document, or
    already stored from another report (standard paragraphs), reuses the vector it has."""
    known = store.vectors_for_texts(texts) if store is not None else {}
    new = [text for text in dict.fromkeys(texts) if text not in known]
    done = 0

    def on_batch(count: int) -> None:
        nonlocal done
        done += count
        if on_chunks:
            on_chunks(done, len(new))

    known.update(zip(new, embedder.embed(new, on_batch=on_batch) if new else []))
    return np.array([known[text] for text in texts], dtype=np.float32).reshape(len(texts), embedder.dim)
