"""Shared fixtures: a tiny deterministic embedder so most tests run in milliseconds, and real files."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import numpy as np
import pytest

from index.search import Searcher
from index.store import Store

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
