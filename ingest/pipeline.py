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
from pathlib import Path

from errors import InspectQAError, UnreadableFileError
from index.embedder import Embedder
from index.store import Store
from ingest.chunking import MAX_TOKENS, chunk_document
from ingest.metadata import extract_metadata
from ingest.readers import SUPPORTED_SUFFIXES, kind_of, read_file
from models import Document

VECTOR_FLUSH_SECONDS = 30  # write the FAISS file at least this often during a long ingest


@dataclass
class FileOutcome:
    path: str
    status: str               # added | replaced | unchanged | duplicate | failed
    doc_id: str | None = None
    message: str = ""
    pages: int = 0
    chunks: int = 0


@dataclass
class IngestReport:
    outcomes: list[FileOutcome] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, *statuses: str) -> int:
        return sum(o.status in statuses for o in self.outcomes)

    @property
    def failures(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    @property
    def pages(self) -> int:
        return sum(o.pages for o in self.outcomes)

    @property
    def chunks(self) -> int:
        return sum(o.chunks for o in self.outcomes)

    def summary(self) -> str:
        return (
            f"{self.count('added', 'replaced')} added ({self.count('replaced')} replacing older versions), "
            f"{self.count('unchanged', 'duplicate')} skipped as already indexed "
            f"({self.count('duplicate')} duplicates under a new name), {self.count('failed')} failed; "
            f"{self.pages} pages, {self.chunks} chunks in {self.seconds:.1f} s"
        )


def find_files(paths: Iterable[str | Path]) -> Iterator[tuple[str, Path | None]]:
    """(source name, path) for every file to ingest; folders are walked, keeping only supported files.

    A path that does not exist comes back as (name, None) so it is reported, not silently dropped.
    """
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs.sort()
                for name in sorted(files):
                    if name.lower().endswith(SUPPORTED_SUFFIXES) and not name.startswith("."):
                        yield os.path.abspath(os.path.join(root, name)), Path(root, name)
        elif path.exists():
            yield os.path.abspath(path), path
        else:
            yield str(given), None


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def ingest_paths(
    paths: Iterable[str | Path], store: Store, embedder: Embedder,
    on_file: Callable[[FileOutcome], None] | None = None,
    on_chunks: Callable[[int], None] | None = None,
) -> IngestReport:
    """Ingest files and folders; on_file hears each file's outcome, on_chunks each embedded batch."""
    report = IngestReport()
    started = last_flush = time.monotonic()
    for source, path in find_files(paths):
        outcome = _ingest_one(source, path, store, embedder, on_chunks)
        report.outcomes.append(outcome)
        if on_file:
            on_file(outcome)
        if time.monotonic() - last_flush > VECTOR_FLUSH_SECONDS:
            store.flush_vectors()
            last_flush = time.monotonic()
    store.flush_vectors()
    report.seconds = time.monotonic() - started
    return report


def _ingest_one(source: str, path: Path | None, store: Store, embedder: Embedder,
                on_chunks: Callable[[int], None] | None) -> FileOutcome:
    try:
        if path is None:
            raise UnreadableFileError(source, "does not exist", "Check the path and try again.")
        kind = kind_of(path)
        try:
            sha256 = sha256_of(path)
        except OSError as exc:
            raise UnreadableFileError(source, f"cannot be opened ({exc.strerror or exc})") from None
        existing = store.doc_id_for_sha(sha256)
        previous = store.doc_id_for_source(source)
        if existing is not None:
            if previous == existing:
                return FileOutcome(source, "unchanged", existing)
            store.add_source(existing, source)
            return FileOutcome(source, "duplicate", existing, "same content as a document already indexed")
        pages = read_file(path)
        doc_id = sha256[:16]
        metadata = extract_metadata(pages, path.name, kind)
        chunks = chunk_document(doc_id, pages, embedder.count_tokens, min(MAX_TOKENS, embedder.max_tokens))
        vectors = embedder.embed([c.text for c in chunks], on_batch=on_chunks)
        document = Document(doc_id, sha256, kind, [source], metadata)
        store.add_document(document, pages, chunks, vectors)
        status = "replaced" if previous is not None else "added"
        return FileOutcome(source, status, doc_id, pages=len(pages), chunks=len(chunks))
    except InspectQAError as exc:
        return FileOutcome(source, "failed", message=str(exc))
