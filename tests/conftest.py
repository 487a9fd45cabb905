"""Shared fixtures: a tiny deterministic embedder so most tests run in milliseconds, and real files."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import numpy as np
import pytest

from index.opening import open_for_writing
from index.search.searcher import Searcher
from index.storage.store import Store
from ingest.pipeline import ingest_paths
from models import Chunk, Document, DocumentMetadata, Judgement, Page

DATA = Path(__file__).parent / "data"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"


class HashingEmbedder:
    """Bag of hashed words: texts sharing words get similar vectors. Stands in for MiniLM in fast tests."""

    name = "test-hashing-64"
    dim = 64
    max_tokens = 254

    def count_tokens(self, texts):
        return [len(re.findall(r"\w+|[^\w\s]", t)) for t in texts]

    def embed(self, texts, on_batch=None):
        vectors = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"[a-z]+", text.lower()):
                vectors[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dim] += 1
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        if on_batch:
            on_batch(len(texts))
        return vectors / np.where(norms == 0, 1, norms)

    def embed_query(self, text):
        return self.embed([text])[0]


@pytest.fixture
def embedder():
    return HashingEmbedder()


@pytest.fixture
def store(tmp_path, embedder):
    store = Store.open(tmp_path / "index", model_name=embedder.name, dim=embedder.dim, create=True)
    yield store
    store.close()


@pytest.fixture
def searcher(store, embedder):
    return Searcher(store, embedder)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# Documents built inline: one factory for every test that needs a report in the store or just its Document.
PLAIN_TEXT = {"kind": "txt", "source": "/docs/{doc_id}.txt", "publisher": None, "report_type": "other"}  # a .txt file


def make_report(doc_id: str, council: str | None = None, published: str | None = None, judgements=None, *,
                title: str = "Inspection of {council}", publisher: str | None = "Ofsted",
                report_type: str = "ilacs_standard", kind: str = "pdf", sha256: str = "{doc_id}" * 4,
                source: str = "/corpus/{doc_id}.{kind}", **metadata) -> Document:
    """A Document as ingest records one: by default an Ofsted ILACS report read from one PDF.

    title, sha256 and source may name {doc_id}, {council} and {kind}; a judgement given as a grade word alone
    was printed on page 1; any other DocumentMetadata field (inspection dates, acronyms...) by keyword."""
    names = {"doc_id": doc_id, "council": council, "kind": kind}
    judgements = {key: Judgement(j, 1) if isinstance(j, str) else j for key, j in (judgements or {}).items()}
    metadata = DocumentMetadata(title=title.format(**names), council=council, publisher=publisher,
                                report_type=report_type, published=published, judgements=judgements, **metadata)
    return Document(doc_id, sha256.format(**names), kind, [source.format(**names)], metadata)


def add_report(store, embedder, doc_id: str, council: str | None = None, published: str | None = None,
               pages=(), judgements=None, *, chunks=None, vectors=None, **document) -> Document:
    """make_report's Document added to the store with its pages (texts, numbered from 1). Each page is one
    passage unless chunks are given; the passages are embedded by embedder unless vectors are given, and
    with no embedder each is the same unit vector."""
    page_list = [Page(n, text) for n, text in enumerate(pages, start=1)]
    if chunks is None:
        chunks = [Chunk(doc_id, p.number, 0, len(p.text), p.text, ordinal=i) for i, p in enumerate(page_list)]
    if vectors is None:
        vectors = (embedder.embed([c.text for c in chunks]) if embedder is not None
                   else np.ones((len(chunks), store.dim), dtype=np.float32) / np.sqrt(store.dim))
    report = make_report(doc_id, council, published, judgements, **document)
    store.add_document(report, page_list, chunks, vectors)
    return report


# The app's test library (tests/test_app*.py): two small reports, the fast embedder, a tmp index.
BURY = """Bury: inspection of local authority children's services
Published 12 May 2023

Supervision is regular and reflective. Social workers say managers are available and supportive.

Care leavers have personal advisers (PAs) who stay in touch and help them find homes.
"""
WIGAN = """Wigan: inspection of local authority children's services
Published 3 June 2021

Care leavers in Wigan have personal advisers. <script>alert('x')</script> Pathway plans are up to date.

Supervision is not always regular. [click here](javascript:alert(1)) Managers oversee practice.
"""


@pytest.fixture
def fake_model(monkeypatch):
    monkeypatch.setattr("index.opening.load_embedder", lambda name=None: HashingEmbedder())


@pytest.fixture
def places(tmp_path, monkeypatch):
    monkeypatch.setenv("INSPECTQA_INDEX", str(tmp_path / "index"))
    monkeypatch.setenv("INSPECTQA_UPLOADS", str(tmp_path / "uploads"))
    monkeypatch.delenv("INSPECTQA_MODEL", raising=False)
    monkeypatch.setenv("INSPECTQA_OPEN", "1")  # no sign-in set up: these tests use the app as the local demo does
    monkeypatch.setenv("INSPECTQA_USERS", str(tmp_path / "users.json"))  # none there, whatever this machine has
    return tmp_path


@pytest.fixture
def library(places, fake_model):
    write(places / "docs" / "bury.txt", BURY)
    write(places / "docs" / "wigan.txt", WIGAN)
    store, embedder = open_for_writing(places / "index")
    assert not ingest_paths([places / "docs"], store, embedder).failures
    store.close()
    return places
