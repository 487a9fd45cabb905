"""The one Searcher of the process: model and index loaded once, shared by every browser session.

Loading MiniLM takes seconds, so it is cached with `st.cache_resource` (keyed by the index folder).
When there is no index yet, nothing is cached: the first upload creates the index and the next call
opens it. Writers (upload, delete) use the cached Searcher's own store and embedder, so one model
sits in memory and the Searcher sees new documents at once (it follows the store's generation).
The briefings file is opened once too.
"""
from __future__ import annotations

import streamlit as st

from errors import IndexNotFoundError
from index.opening import index_path, open_for_search, open_for_writing
from index.output.briefing_store import BriefingStore, briefings_path
from index.search.searcher import Searcher


@st.cache_resource(show_spinner="Loading the search model and the index…")
def _open(path: str) -> Searcher:
    return open_for_search(path)


def searcher() -> Searcher | None:
    """The shared Searcher, or None while the index folder has no index yet."""
    try:
        return _open(str(index_path()))
    except IndexNotFoundError:
        return None


def searcher_for_writing() -> Searcher:
    """The shared Searcher, creating an empty index for the configured model if there is none."""
    found = searcher()
    if found is not None:
        return found
    store, _ = open_for_writing(index_path())
    store.close()
    return _open(str(index_path()))


@st.cache_resource(show_spinner=False)
def _briefings(path: str) -> BriefingStore:
    return BriefingStore(path)


def briefing_store() -> BriefingStore:
    """Every user's briefings and conversation, kept on the server beside the index (index.output.briefing_store)."""
    return _briefings(str(briefings_path(index_path())))
