"""Ingestion on a local Ray cluster with two workers gives exactly what a plain ingest gives.

Skipped when Ray is not installed (requirements-ray.txt; CI installs it through requirements-dev.txt).
Marked slow: a local cluster takes several seconds to start.
"""
import shutil

import numpy as np
import pytest

from index.storage.store import Store
from errors import RayUnavailableError
from ingest.distributed import ingest_paths_on_ray
from ingest.pipeline import ingest_paths
from tests.conftest import DATA, SEEDS, HashingEmbedder, write
from tests.hostile import DyingEmbedder

pytestmark = pytest.mark.slow


def contents(store: Store) -> tuple[list, dict]:
    """Every document with its metadata, pages and passages (vectors apart, compared to the float)."""
    documents = sorted(store.documents(), key=lambda d: d.doc_id)
    rows = []
    for document in documents:
        rows.append((document.doc_id, document.sha256, document.kind, sorted(document.sources), document.metadata,
                     document.n_pages, document.n_chunks, store.pages(document.doc_id)))
    located = store.chunk_locations()
    chunks = store.chunks(chunk_id for chunk_id, _, _ in located)
    passages = {(c.doc_id, c.ordinal): (c.page, c.start, c.end, c.text) for c in chunks.values()}
    vectors = store.vectors_for_texts([c.text for c in chunks.values()])
    return rows, {key: (*value, vectors[value[3]]) for key, value in passages.items()}


def test_two_ray_workers_give_the_same_index_as_a_plain_ingest(tmp_path):
    pytest.importorskip("ray")
    folder = tmp_path / "reports"
    folder.mkdir()
    for path in sorted(SEEDS.iterdir())[:3] if SEEDS.is_dir() else []:
        shutil.copy(path, folder / path.name)
    shutil.copy(DATA / "staffordshire-ilacs-2019.pdf", folder / "50261588.pdf")  # named as Ofsted's downloads are
    shutil.copy(folder / "50261588.pdf", folder / "copy.pdf")                     # the same content twice
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7 not really")                   # fails alone, with its reason

    embedder = HashingEmbedder()
    plain = Store.open(tmp_path / "plain", model_name=embedder.name, dim=embedder.dim, create=True)
    expected = ingest_paths([folder], plain, embedder)
    distributed = Store.open(tmp_path / "ray", model_name=embedder.name, dim=embedder.dim, create=True)
    report = ingest_paths_on_ray([folder], distributed, embedder.name, workers=2, embedder_factory=HashingEmbedder)

    assert [(o.path, o.status, o.doc_id, o.pages, o.chunks) for o in report.outcomes] == \
           [(o.path, o.status, o.doc_id, o.pages, o.chunks) for o in expected.outcomes]
    assert report.failures[0].message == expected.failures[0].message and "broken.pdf" in report.failures[0].message
    ours, theirs = contents(distributed), contents(plain)
    assert ours[0] == theirs[0] and ours[1].keys() == theirs[1].keys()
    for key, (page, start, end, text, vector) in ours[1].items():
        assert (page, start, end, text) == theirs[1][key][:4] and np.allclose(vector, theirs[1][key][4], atol=1e-6)
    assert distributed.check() == []

    again = ingest_paths_on_ray([folder], distributed, embedder.name, workers=2, embedder_factory=HashingEmbedder)
    assert {o.status for o in again.outcomes} == {"unchanged", "failed"}  # nothing is sent twice


def test_a_worker_that_dies_costs_its_file_not_the_ingest(tmp_path):
    pytest.importorskip("ray")
    folder = tmp_path / "reports"
    for name in ("a.txt", "c.txt", "d.txt"):
        write(folder / name, f"Supervision in {name} is regular and reflective. " * 5)
    write(folder / "b.txt", "This report says KILL THE WORKER. " * 5)
    store = Store.open(tmp_path / "index", model_name=HashingEmbedder.name, dim=HashingEmbedder.dim, create=True)
    report = ingest_paths_on_ray([folder], store, HashingEmbedder.name, workers=2, embedder_factory=DyingEmbedder)
    outcomes = {o.path.rsplit("/", 1)[-1]: o for o in report.outcomes}
    assert outcomes["b.txt"].status == "failed" and "b.txt: was being read by a Ray worker that stopped" in \
        outcomes["b.txt"].message
    # The files the dead worker held with it fail the same way; the other worker's go in.
    assert all(o.status == "added" or "Ray worker that stopped" in o.message for o in outcomes.values())
    assert any(o.status == "added" for o in outcomes.values()) and store.check() == []


def test_without_ray_the_option_says_how_to_install_it(monkeypatch, tmp_path):
    import builtins

    real_import = builtins.__import__

    def no_ray(name, *args, **kwargs):
        if name == "ray" or name.startswith("ray."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_ray)
    store = Store.open(tmp_path / "index", model_name="m", dim=4, create=True)
    with pytest.raises(RayUnavailableError, match="pip install -r requirements-ray.txt"):
        ingest_paths_on_ray([tmp_path], store, "m")
