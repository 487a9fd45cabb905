"""What one browser session remembers: its conversation and its briefing basket.

Both live in `st.session_state`, so they survive reruns and page switches but belong to one browser
tab; the model and index are shared (app_ui.resources).
"""
from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from index import briefing
from index.briefing import Basket, Excerpt
from index.response import Response
from index.search import Filters

# Filter widgets' keys: copied forward on every run so a filter set on Ask survives a visit to Library.
FILTER_KEYS = ("filter_councils", "filter_years", "filter_documents", "filter_report_types", "filter_grades",
               "filter_judgement")


@dataclass
class Turn:
    """One question and its answer; `filters` are those the answer was found with, `previous` the answer
    it was read after (so a change of filters asks it again in the same context)."""

    question: str
    filters: Filters
    response: Response
    previous: Response | None = None


def turns() -> list[Turn]:
    return st.session_state.setdefault("turns", [])


def clear_conversation() -> None:
    st.session_state["turns"] = []


def basket() -> Basket:
    return st.session_state.get("basket", ())


def _set_basket(updated: Basket) -> None:
    st.session_state["basket"] = updated


def keep(excerpt: Excerpt) -> None:
    _set_basket(briefing.keep(basket(), excerpt))
    st.toast("Kept for the briefing.")


def is_kept(excerpt: Excerpt) -> bool:
    return excerpt.key in {kept.key for kept in basket()}


def remove(index: int) -> None:
    _set_basket(briefing.remove(basket(), index))


def move(index: int, offset: int) -> None:
    _set_basket(briefing.move(basket(), index, offset))


def empty_basket() -> None:
    _set_basket(())


def clear_filters() -> None:
    """Back to every report: the filter widgets' values are forgotten before they are drawn again."""
    for key in FILTER_KEYS:
        st.session_state.pop(key, None)


def keep_filters_across_pages() -> None:
    """Streamlit forgets a widget's value when a page without it runs; re-storing it prevents that."""
    for key in FILTER_KEYS:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]
