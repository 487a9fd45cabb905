"""Read files in a child process, a few files ahead of the embedding.

Two reasons. Isolation: pypdf has no timeout of its own and a hostile PDF can hang it or make it eat
memory; in a child with a memory cap and a per-file deadline, that kills only the child, which is
restarted for the next file. Speed: PDF text extraction (one core) overlaps the embedding of the
previous file (the other core) instead of waiting for it.
"""
from __future__ import annotations

import importlib
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from errors import InspectQAError, UnreadableFileError
from models import DocumentMetadata, Page

TIMEOUT_ENV = "INSPECTQA_READ_TIMEOUT_S"
MEMORY_ENV = "INSPECTQA_READ_MEMORY_MB"
DEFAULT_TIMEOUT_S = 180
# The reader's address-space cap. Measured (bench/RESULTS.md, "Ingest memory"): a 58-page report reads in
# 61 MB of address space, three scanned A4 pages at 300 dpi through Tesseract in 113-147 MB resident (they
# fail under 192 MB), and pypdf reaches its own 75 MB limit on a compression bomb, so names it as one, only
# from 544 MB when read alone (under 512 it runs out first) -- but in CI's whole test run, after the batch's
# other hostile files, 576 was not enough. 736 leaves that headroom. The ingest's own process peaked at
# 274 MB on 48 reports and 479 MB on the hostile folder (fp32 passages, one per run), the whole tree at
# 331 and 687 MB: the reader's resident memory stays far below its address-space cap.
DEFAULT_MEMORY_MB = 736
# Far more text than any report holds (the largest of the corpus's 172 has 0.15 million characters): refused in the
# reader, so the ingest's own memory for one document stays bounded whatever a file holds.
MAX_TEXT_CHARS = 8_000_000
WINDOW = 2  # files handed to the child before the first comes back
STARTUP_TIMEOUT_S = 120


@dataclass
class ReadTask:
    source: str
    path: Path
    sha256: str
    kind: str


@dataclass
class ReadResult:
    pages: list[Page]
    metadata: DocumentMetadata


class Reader(Protocol):
    """What ingest_paths reads files with: IsolatedReader, or InProcessReader for harmless files."""

    def __enter__(self) -> "Reader": ...

    def __exit__(self, *exc_info) -> None: ...

    def read_all(self, tasks: Iterable[ReadTask]) -> Iterator[tuple[ReadTask, ReadResult | UnreadableFileError]]: ...


def read_file(path: str, kind: str) -> ReadResult | tuple[str, str]:
    """Read and understand one file: its pages and metadata, or (reason, fix) when it cannot be read."""
    from ingest.metadata import extract_metadata
    from ingest.readers import read_document

    try:
        read = read_document(path)
        characters = sum(len(page.text) for page in read.pages)
        if characters > MAX_TEXT_CHARS:
            raise UnreadableFileError(
                path, f"holds {characters:,} characters of text, more than any report "
                      f"(the limit is {MAX_TEXT_CHARS:,})", "Split it into smaller files and add those.")
        return ReadResult(read.pages, extract_metadata(read.pages, Path(path).name, kind, read.created))
    except UnreadableFileError as exc:
        return exc.reason, exc.fix
    except MemoryError:
        return "needs more memory to read than allowed", "Check it opens normally; split or re-save it."
    except Exception as exc:  # any other library failure on a hostile file: that file fails, not the batch
        return f"could not be read ({type(exc).__name__})", "Open it, save a fresh copy and add that."


def _serve(connection, memory_bytes: int) -> None:
    """The child: read each path it is sent; answer with a ReadResult or an error message."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    for module in ("ingest.metadata", "ingest.readers"):  # loaded before "ready": a file's deadline is its reading
        importlib.import_module(module)

    connection.send("ready")
    while True:
        try:
            path, kind = connection.recv()
        except EOFError:
            return
        connection.send(read_file(path, kind))


class InProcessReader:
    """Reads files in this process, one after another: no time or memory limit, so only for files known to
    be harmless (tests, and callers that already isolate themselves). Same interface as IsolatedReader."""

    def __enter__(self) -> "InProcessReader":
        return self

    def __exit__(self, *exc_info) -> None:
        pass

    def read_all(self, tasks: Iterable[ReadTask]) -> Iterator[tuple[ReadTask, ReadResult | UnreadableFileError]]:
        for task in tasks:
            answer = read_file(str(task.path), task.kind)
            yield task, answer if isinstance(answer, ReadResult) else UnreadableFileError(task.source, *answer)


class IsolatedReader:
    """A restartable child process that reads files for the pipeline."""

    def __init__(self, timeout_s: float | None = None, memory_mb: int | None = None):
        self.timeout_s = timeout_s or float(os.environ.get(TIMEOUT_ENV, DEFAULT_TIMEOUT_S))
        self.memory_bytes = (memory_mb or int(os.environ.get(MEMORY_ENV, DEFAULT_MEMORY_MB))) * 1024 * 1024
        self._context = multiprocessing.get_context("spawn")  # no fork of a process holding torch threads
        self._process = None
        self._connection = None

    def __enter__(self) -> "IsolatedReader":
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop()

    def _start(self) -> None:
        parent, child = self._context.Pipe()
        self._process = self._context.Process(target=_serve, args=(child, self.memory_bytes), daemon=True)
        self._process.start()
        child.close()
        # Wait out the child's start-up here, so a file's deadline measures its reading alone.
        try:
            started = parent.poll(STARTUP_TIMEOUT_S) and parent.recv() == "ready"
        except (EOFError, OSError):  # it died starting: most often a memory cap too small to import pypdf
            started = False
        if not started:
            parent.close()
            self._process.kill()
            self._process.join()
            self._process = None
            raise InspectQAError(
                f"The file reader process did not start (in {STARTUP_TIMEOUT_S} s). The machine may be out of "
                f"memory; free some, or raise {MEMORY_ENV} (now {self.memory_bytes // 2**20} MB), and try again.")
        self._connection = parent

    def _stop(self) -> None:
        if self._process is not None:
            self._connection.close()
            self._process.kill()
            self._process.join()
            self._process = self._connection = None

    def _send(self, task: ReadTask) -> None:
        if self._process is None:
            self._start()
        self._connection.send((str(task.path), task.kind))

    def read_all(self, tasks: Iterable[ReadTask]) -> Iterator[tuple[ReadTask, ReadResult | UnreadableFileError]]:
        """Results in task order; a file that hangs or kills the child fails alone, the rest carry on."""
        pending = iter(tasks)
        in_flight: deque[ReadTask] = deque()
        while True:
            while len(in_flight) < WINDOW and (task := next(pending, None)) is not None:
                self._send(task)
                in_flight.append(task)
            if not in_flight:
                return
            task = in_flight.popleft()
            yield task, self._receive(task, in_flight)

    def _receive(self, task: ReadTask, still_in_flight: deque[ReadTask]) -> ReadResult | UnreadableFileError:
        failure = None
        try:
            if self._connection.poll(self.timeout_s):
                answer = self._connection.recv()
                if isinstance(answer, ReadResult):
                    return answer
                reason, fix = answer
                return UnreadableFileError(task.source, reason, fix)
            failure = UnreadableFileError(
                task.source, f"took longer than {self.timeout_s:.0f} s to read",
                "It may be damaged or built to be hostile; open it and save a fresh copy.")
        except (EOFError, OSError):
            failure = UnreadableFileError(
                task.source, "made the reader stop (it may be damaged or far too large)",
                "Open it, save a fresh copy and add that.")
        self._stop()  # a hung or dead child: start a new one and hand it the files the old one held
        for other in still_in_flight:
            self._send(other)
        return failure
