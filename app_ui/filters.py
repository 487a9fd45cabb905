"""The sidebar filters (council, year, report type, grade, document), with choices read from the index.

Only report types the index holds are offered. A grade filter applies to one judgement at a time
(overall effectiveness unless another is chosen); a SIF report's equivalent judgement counts.
"""
from __future__ import annotations

import streamlit as st

from app_ui import session
from index.search.searcher import Filters, Searcher
from models import Document
from ofsted import report_types
from ofsted.councils import council_key
from ofsted.grades import GRADES, grade_label
from ofsted.judgements import ILACS_JUDGEMENTS, LABELS


def _document_label(document: Document) -> str:
    meta = document.metadata
    year = f" ({meta.year})" if meta.year else ""
    title = document.display_title
    return f"{meta.council or 'Unknown council'}{year}: {title}"


def sidebar_filters(searcher: Searcher) -> Filters:
    documents = list(searcher.catalogue().documents.values())
    # "Derby" and "Derby City" are one council: one choice, named as its latest report names it.
    by_key = {council_key(d.metadata.council): d.metadata.council
              for d in sorted(documents, key=lambda d: d.metadata.published or "") if d.metadata.council}
    councils = sorted(by_key.values())
    years = sorted({year for d in documents for year in d.metadata.years}, reverse=True)  # inspected or published
    held = {d.metadata.report_type for d in documents}
    kinds = [t for t in report_types.LABELS if t in held] + sorted(held - set(report_types.LABELS))
    labels = {d.doc_id: _document_label(d) for d in sorted(documents, key=_document_label)}
    with st.sidebar:
        st.subheader("Filters")
        chosen_councils = st.multiselect("Council", councils, key="filter_councils", placeholder="All councils")
        chosen_years = st.multiselect("Year", years, key="filter_years", placeholder="All years")
        chosen_types = st.multiselect("Report type", kinds, key="filter_report_types",
                                      format_func=report_types.label, placeholder="All report types")
        chosen_grades = st.multiselect("Grade", GRADES, key="filter_grades", format_func=grade_label,
                                       placeholder="Any grade", help="Only reports judged so")
        judgement = st.selectbox("Graded for", ILACS_JUDGEMENTS, key="filter_judgement",
                                 format_func=LABELS.get, disabled=not chosen_grades,
                                 help="The judgement the grade filter applies to; older reports' equivalents count")
        chosen_documents = st.multiselect("Document", list(labels), key="filter_documents",
                                          format_func=lambda doc_id: labels.get(doc_id, doc_id),
                                          placeholder="All documents")
        if chosen_councils or chosen_years or chosen_types or chosen_grades or chosen_documents:
            st.button("Clear all filters", on_click=session.clear_filters)
    return Filters(councils=tuple(chosen_councils), years=tuple(chosen_years), report_types=tuple(chosen_types),
                   doc_ids=tuple(chosen_documents), grades=tuple(chosen_grades),
                   judgement=judgement if chosen_grades else Filters().judgement)
