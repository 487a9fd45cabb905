"""Ingest on a Ray cluster: reading, cleaning, chunking, metadata and embedding on the cluster's workers,
the index written by this process alone.

One machine reads and embeds about 20 pages a second; every Ofsted report there is (10^5-10^6 PDFs) wants
more. Ray (an optional dependency: requirements-ray.txt) runs a pool of worker actors, one per CPU it
gives them, each loading the embedding model once. A file's bytes travel to a worker through Ray's object
store, so workers need no shared disk; the worker reads the file in its own child process with the usual
time and memory limits (ingest.worker), chunks and embeds it, and sends back pages, metadata, passages and
vectors. This process keeps everything that decides what goes in: which files are already indexed
(content hash, before anything is sent), and the commit of each whole document in one transaction under
the index's writer lock, exactly as a plain ingest does (ingest.pipeline). A killed worker costs its file,
which fails with a message and is read again by the next run (the pool gets a new worker); a killed driver
leaves whole documents only.

Nothing here contacts another host unless an address is given: a local cluster listens on this machine,
with Ray's dashboard and usage statistics off.
"""
from __future__ import annotations

import functools
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from errors import RayUnavailableError, UnreadableFileError
from index.storage.embedder import Embedder
from index.storage.loading import load_embedder
from index.storage.store import Store
from ingest.pipeline import (FileOutcome, FileStatus, IngestReport, Prepared, commit, in_path_order, plan, prepare,
                             recorder, settle_repeats, unsupported_files)
from ingest.worker import IsolatedReader, ReadTask

ROOT = Path(__file__).resolve().parents[1]
FILES_IN_FLIGHT_PER_WORKER = 2   # bounds the driver's memory: at most this many files' bytes per worker
INSTALL_HINT = "pip install -r requirements-ray.txt"


class FileWorker:
    """A Ray actor: reads, chunks and embeds the files it is sent, with the model loaded once."""

    def __init__(self, embedder_factory: Callable[[], Embedder]):
        self._embedder = embedder_factory()
        self._reader = IsolatedReader()
        self._folder = Path(tempfile.mkdtemp(prefix="inspectqa-worker-"))

    def prepare(self, task: ReadTask, data: bytes) -> Prepared | FileOutcome:
        """The file made ready to commit, or its failure. It is written under its own name in a folder of
        its own, so metadata reads it as a plain ingest would."""
        folder = Path(tempfile.mkdtemp(dir=self._folder))
        local = ReadTask(task.source, folder / Path(task.source).name, task.sha256, task.kind)
        try:
            local.path.write_bytes(data)
            ((_, result),) = list(self._reader.read_all([local]))  # its child process lives as long as the actor
            if isinstance(result, UnreadableFileError):
                return FileOutcome(path=task.source, status=FileStatus.FAILED, message=str(result))
            return prepare(task, result, self._embedder)
        finally:
            shutil.rmtree(folder, ignore_errors=True)


def ingest_paths_on_ray(
    paths: Iterable[str | Path], store: Store, model_name: str, address: str | None = None,
    workers: int | None = None, on_file: Callable[[FileOutcome], None] | None = None,
    embedder_factory: Callable[[], Embedder] | None = None,
) -> IngestReport:
    """Like ingest.pipeline.ingest_paths, with the reading and embedding done by `workers` Ray actors (one per
    CPU of the cluster by default). `address`: None starts a local Ray on this machine; "auto" or
    "ray://host:10001" joins a running cluster."""
    ray = _ray()
    paths = list(paths)
    report = IngestReport(skipped=unsupported_files(paths))
    started = time.monotonic()
    joined_here = _join(ray, address, workers)
    try:
        free = max(1, int(ray.available_resources().get("CPU", 1)))
        count = min(workers or free, free)  # a worker that cannot be placed would wait for ever
        factory = embedder_factory or functools.partial(load_embedder, model_name)
        actors = [_worker(ray, factory) for _ in range(count)]

        record = recorder(report, store, on_file)
        with store.writer():
            batch = plan(paths, store, record)
            _prepare_and_commit(ray, actors, batch.to_read, store, record, factory)
            _prepare_and_commit(ray, actors, settle_repeats(batch, store, record), store, record, factory)
            store.flush_vectors()
    finally:
        if joined_here:
            ray.shutdown()
    report.outcomes = in_path_order(report.outcomes, batch.positions)
    report.seconds = time.monotonic() - started
    return report


def _prepare_and_commit(ray, actors: list, tasks: list[ReadTask], store: Store,
                        record: Callable[[FileOutcome], None], factory: Callable[[], Embedder]) -> None:
    """Keep every worker busy with a bounded number of files in flight; commit each as it comes back. A
    worker that dies costs the files it held (each fails with a message) and is replaced."""
    window = FILES_IN_FLIGHT_PER_WORKER * len(actors)
    pending = iter(tasks)
    in_flight: dict = {}   # ObjectRef -> (task, worker index)
    turn = 0
    while True:
        while len(in_flight) < window and (task := next(pending, None)) is not None:
            try:
                data = ray.put(Path(task.path).read_bytes())
            except OSError as exc:
                record(FileOutcome(path=task.source, status=FileStatus.FAILED, message=str(UnreadableFileError(
                    task.source, f"cannot be opened ({exc.strerror or exc})", "Check the path and try again."))))
                continue
            worker = turn % len(actors)
            turn += 1
            in_flight[actors[worker].prepare.remote(task, data)] = (task, worker)
        if not in_flight:
            return
        (done,), _ = ray.wait(list(in_flight), num_returns=1)
        task, worker = in_flight.pop(done)
        try:
            record(_finish(ray.get(done), store))
        except ray.exceptions.RayError:
            record(FileOutcome(path=task.source, status=FileStatus.FAILED, message=str(UnreadableFileError(
                task.source, "was being read by a Ray worker that stopped",
                "Run the same command again to read it on another worker."))))
            actors[worker] = _worker(ray, factory)


def _finish(result: Prepared | FileOutcome, store: Store) -> FileOutcome:
    return result if isinstance(result, FileOutcome) else commit(result, store)


def _worker(ray, factory: Callable[[], Embedder]):
    return ray.remote(FileWorker).options(num_cpus=1).remote(factory)


def _ray():
    try:
        import ray
    except ImportError:
        raise RayUnavailableError(f"--ray needs Ray, which is not installed here: {INSTALL_HINT}") from None
    return ray


def _join(ray, address: str | None, workers: int | None) -> bool:
    """Start a local Ray, or join the cluster at `address`; True when this call started or joined it."""
    if ray.is_initialized():
        return False
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # no usage statistics leave the machine
    local = address in (None, "", "local")
    # Workers import this project: on this machine from where it is; on a cluster, Ray ships the code.
    runtime_env = ({"env_vars": {"PYTHONPATH": str(ROOT)}} if local else
                   {"working_dir": str(ROOT), "excludes": [".git", ".venv", "data", "corpus", "tests/data", "node_modules"]})
    try:
        # "local" starts a new Ray here even where RAY_ADDRESS names a cluster: files leave only when asked.
        ray.init(address="local" if local else address, num_cpus=workers if local else None, include_dashboard=False,
                 log_to_driver=False, runtime_env=runtime_env, configure_logging=False)
    except (ConnectionError, ValueError, RuntimeError) as exc:
        raise RayUnavailableError(f"Could not join the Ray cluster at {address}: {exc}. Check the address "
                                  "(ray://host:10001 or auto) and that the cluster is running.") from None
    return True
