"""What one browser session remembers: its conversation and its briefing basket.

Both live in `st.session_state`, so they survive reruns and page switches but belong to one browser
tab; the model and index are shared (app_ui.resources).
"""
from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from index import briefing
from index.briefing import Basket, Excerpt
from index.answers import GradeAnswer, GradeList
from index.conversation import Reading
from index.search import Filters
from models import Hit

# Filter widgets' keys: copied forward on every run so a filter set on Ask survives a visit to Library.
FILTER_KEYS = ("filter_councils", "filter_years", "filter_documents", "filter_report_types", "filter_grades",
               "filter_judgement")


@dataclass
class Turn:
    """One question and its answer; `filters` are those the hits (and the grade) were found with."""

    reading: Reading
    filters: Filters
    hits: list[Hit]
    seconds: float
    grade: GradeAnswer | None = None
    grade_list: GradeList | None = None


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


def keep_filters_across_pages() -> None:
    """Streamlit forgets a widget's value when a page without it runs; re-storing it prevents that."""
    for key in FILTER_KEYS:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]
