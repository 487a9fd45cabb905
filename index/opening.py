"""Open an index with the embedding model it was built with: the one place the CLIs and the app do this."""
from __future__ import annotations

import os
from pathlib import Path

from errors import IndexNotFoundError, ModelMismatchError
from index.search.rerank import load_reranker
from index.search.searcher import Searcher
from index.storage.embedder import MODEL_ENV, Embedder, configured_model_name
from index.storage.loading import load_embedder
from index.storage.store import Store

INDEX_ENV = "INSPECTQA_INDEX"
DEFAULT_INDEX = "data/index"


def index_path(explicit: str | None = None) -> Path:
    return Path(explicit or os.environ.get(INDEX_ENV) or DEFAULT_INDEX)


def open_for_search(path: str | Path, model: str | None = None) -> Searcher:
    """The index's own model unless one is named (flag or environment); a different one is refused.
    A cross-encoder re-orders the top passages where INSPECTQA_RERANKER names one (index.search.rerank)."""
    store = Store.open(path)
    embedder = load_embedder(model or os.environ.get(MODEL_ENV) or store.model_name)
    store.require_model(embedder.name, embedder.dim)
    return Searcher(store, embedder, load_reranker())


def open_for_writing(path: str | Path, model: str | None = None) -> tuple[Store, Embedder]:
    """An existing index keeps its model, loaded only when something needs embedding (a re-run over
    unchanged files then takes a second, not the model's load time); a new one is made for the
    configured model."""
    try:
        store = Store.open(path)
    except IndexNotFoundError:
        embedder = load_embedder(configured_model_name(model))
        return Store.open(path, model_name=embedder.name, dim=embedder.dim, create=True), embedder
    name = model or os.environ.get(MODEL_ENV) or store.model_name
    store.require_model(name)
    return store, LazyEmbedder(name, store.dim, str(path))


class LazyEmbedder:
    """The Embedder interface, loading the model on first use and checking its dimension then."""

    def __init__(self, name: str, dim: int, index_path: str):
        self.name, self.dim, self._index_path = name, dim, index_path
        self._loaded: Embedder | None = None

    def _model(self) -> Embedder:
        if self._loaded is None:
            loaded = load_embedder(self.name)
            if loaded.dim != self.dim:
                raise ModelMismatchError(self._index_path, self.name, self.dim, f"{loaded.name} ({loaded.dim} dimensions)")
            self._loaded = loaded
        return self._loaded

    @property
    def max_tokens(self) -> int:
        return self._model().max_tokens

    @property
    def passage_path(self):
        """How passages were embedded (index.storage.passage_path), once any were; None before."""
        return getattr(self._loaded, "passage_path", None)

    def embed(self, texts, on_batch=None):
        return self._model().embed(texts, on_batch=on_batch)

    def embed_query(self, text):
        return self._model().embed_query(text)

    def count_tokens(self, texts):
        return self._model().count_tokens(texts)
