"""An answer on screen: one card per report, its best passage first, the rest of that report folded away.

Grouping by report keeps a question about councils in general from showing one long report ten times.
Each passage can be kept for the briefing, checked against its page of the source, or copied with
its citation.
"""
from __future__ import annotations

import mimetypes
from pathlib import Path

import streamlit as st

from app_ui import session
from app_ui.copy_button import copy_button
from app_ui.passages import document_heading, grouped_by_document, page_html, passage_html
from index.briefing import escape_markdown
from index.citation import quote
from index.search import Filters, Searcher
from models import Hit


def filters_caption(filters: Filters, searcher: Searcher) -> str:
    documents = searcher.catalogue().documents
    parts = [", ".join(filters.councils), ", ".join(str(y) for y in filters.years),
             ", ".join(documents[d].title if d in documents else d for d in filters.doc_ids)]
    return "; ".join(part for part in parts if part)


def render_answer(turn: session.Turn, turn_no: int, searcher: Searcher) -> None:
    if turn.reading.in_context:
        st.caption(f"Read with the previous question as: {escape_markdown(turn.reading.searched)}")
    if turn.filters != Filters():
        st.caption(f"Only: {escape_markdown(filters_caption(turn.filters, searcher))}")
    if not turn.hits:
        st.info("No passages found. Try other words, or clear the filters in the sidebar.")
        return
    best = turn.hits[0].score
    groups = grouped_by_document(turn.hits)
    st.caption(f"{len(turn.hits)} passages from {len(groups)} reports, best first ({turn.seconds:.2f} s).")
    for group in groups:
        with st.container(border=True):
            st.html(document_heading(group[0].document))
            _passage(group[0], best, f"{turn_no}-{group[0].rank}", searcher)
            if len(group) > 1:
                more = len(group) - 1
                with st.expander(f"{more} more passage{'s' if more > 1 else ''} from this report"):
                    for hit in group[1:]:
                        st.divider()
                        _passage(hit, best, f"{turn_no}-{hit.rank}", searcher)


def _passage(hit: Hit, best: float, key: str, searcher: Searcher) -> None:
    st.html(passage_html(hit, best))
    keep_column, source_column, copy_column, _ = st.columns([1.1, 1, 1.1, 2.2], vertical_alignment="center")
    if session.is_kept(hit):
        keep_column.button("Kept ✓", key=f"keep-{key}", disabled=True, width="stretch")
    else:
        keep_column.button("Keep", key=f"keep-{key}", on_click=session.keep, args=(hit,), width="stretch",
                           help="Add this excerpt to the briefing basket")
    if source_column.button("Source", key=f"source-{key}", width="stretch",
                            help="Read the passage on its page, or download the original file"):
        _show_source(hit, searcher)
    with copy_column:
        copy_button(quote(hit), key=f"copy-{key}")


@st.dialog("Source", width="large")
def _show_source(hit: Hit, searcher: Searcher) -> None:
    document = hit.document
    st.html(document_heading(document))
    page = next((p for p in searcher.store.pages(document.doc_id) if p.number == hit.chunk.page), None)
    st.caption(f"Page {hit.chunk.page}; the passage is marked." if hit.chunk.page else "The passage is marked.")
    if page is not None:
        st.html(page_html(page.text, hit))
    source = Path(document.source)
    if source.is_file():
        st.download_button(
            f"Download the original {document.kind.upper()}", data=source.read_bytes(),
            file_name=source.name, on_click="ignore",
            mime=mimetypes.guess_type(source.name)[0] or "application/octet-stream",
        )
    else:
        st.caption("The original file is no longer where it was added from; the page text above is what was indexed.")
