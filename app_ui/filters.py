"""The sidebar filters (council, year, document), with choices read from the documents in the index."""
from __future__ import annotations

import streamlit as st

from index.councils import council_key
from index.search import Filters, Searcher
from models import Document


def _document_label(document: Document) -> str:
    meta = document.metadata
    year = f" ({meta.year})" if meta.year else ""
    title = meta.title or document.source.rsplit("/", 1)[-1]
    return f"{meta.council or 'Unknown council'}{year}: {title}"


def sidebar_filters(searcher: Searcher) -> Filters:
    documents = list(searcher.catalogue().documents.values())
    # "Derby" and "Derby City" are one council: one choice, named as its latest report names it.
    by_key = {council_key(d.metadata.council): d.metadata.council
              for d in sorted(documents, key=lambda d: d.metadata.published or "") if d.metadata.council}
    councils = sorted(by_key.values())
    years = sorted({d.metadata.year for d in documents if d.metadata.year}, reverse=True)
    labels = {d.doc_id: _document_label(d) for d in sorted(documents, key=_document_label)}
    with st.sidebar:
        st.subheader("Filters")
        chosen_councils = st.multiselect("Council", councils, key="filter_councils", placeholder="All councils")
        chosen_years = st.multiselect("Year", years, key="filter_years", placeholder="All years")
        chosen_documents = st.multiselect("Document", list(labels), key="filter_documents",
                                          format_func=lambda doc_id: labels.get(doc_id, doc_id),
                                          placeholder="All documents")
    return Filters(councils=tuple(chosen_councils), years=tuple(chosen_years), doc_ids=tuple(chosen_documents))
