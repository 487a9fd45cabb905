"""Open an index with the embedding model it was built with: the one place the CLIs and the app do this."""
from __future__ import annotations

import os
from pathlib import Path

from errors import IndexNotFoundError
from index.embedder import Embedder, MODEL_ENV, configured_model_name, load_embedder
from index.search import Searcher
from index.store import Store

INDEX_ENV = "INSPECTQA_INDEX"
DEFAULT_INDEX = "data/index"


def index_path(explicit: str | None = None) -> Path:
    return Path(explicit or os.environ.get(INDEX_ENV) or DEFAULT_INDEX)


def open_for_search(path: str | Path, model: str | None = None) -> Searcher:
    """The index's own model unless one is named (flag or environment); a different one is refused."""
    store = Store.open(path)
    embedder = load_embedder(model or os.environ.get(MODEL_ENV) or store.model_name)
    store.require_model(embedder.name, embedder.dim)
    return Searcher(store, embedder)


def open_for_writing(path: str | Path, model: str | None = None) -> tuple[Store, Embedder]:
    """An existing index keeps its model; a new one is made for the configured model."""
    try:
        store = Store.open(path)
    except IndexNotFoundError:
        embedder = load_embedder(configured_model_name(model))
        return Store.open(path, model_name=embedder.name, dim=embedder.dim, create=True), embedder
    embedder = load_embedder(model or os.environ.get(MODEL_ENV) or store.model_name)
    store.require_model(embedder.name, embedder.dim)
    return store, embedder
