"""What a user's work is: their conversation and their briefings, kept on the server (index.output.briefing_store).

The briefings are read from the server on every run, so a reload, a second tab, signing out and in or a
restart of the server shows the same basket. The conversation's answers live in `st.session_state` for
quick redraws; its questions and filters are saved on the server and asked again after a reload.
"""
from __future__ import annotations

import itertools
from dataclasses import asdict, dataclass, field

import streamlit as st

from app_ui import focus, resources, signin
from errors import BriefingStoreError
from index.output import briefing as briefing_module
from index.output.briefing import Basket, Excerpt, escape_markdown
from index.output.briefing_store import Briefing
from index.search.response import Response
from index.search.searcher import Filters, Searcher
from text.words import plural

# Filter widgets' keys: copied forward on every run so a filter set on Ask survives a visit to Library.
FILTER_KEYS = ("filter_councils", "filter_years", "filter_documents", "filter_report_types", "filter_grades",
               "filter_judgement")
_FILTER_FIELDS = {"filter_councils": "councils", "filter_years": "years", "filter_documents": "doc_ids",
                  "filter_report_types": "report_types", "filter_grades": "grades", "filter_judgement": "judgement"}
UNDO_KEY = "briefing_undo"  # the briefing whose last removal can be undone, for the Undo button
UNDO_BUTTON = "undo-remove"  # that button's key
_KEPT = "briefing_kept_keys"  # this run's kept_keys()


@dataclass
class Turn:
    """One question and its answer; `filters` are those the answer was found with, `previous` the answer
    it was read after (so a change of filters asks it again in the same context)."""

    question: str
    filters: Filters
    response: Response
    previous: Response | None = None
    # Unique to this answer in this server process (a new answer, one asked again after a reload or a new
    # conversation's first), so the page opens at its top once and not again on its reruns.
    answer_id: int = field(default_factory=itertools.count().__next__)


def _user() -> str:
    return signin.visitor().name


# The conversation

def turns(searcher: Searcher, k: int) -> list[Turn]:
    """This tab's conversation; on a tab's first run, the user's saved questions asked again, with the
    filters of the last one set in the sidebar as they were."""
    if "turns" not in st.session_state:
        restored: list[Turn] = []
        for saved in resources.briefing_store().turns(_user()):
            filters = _filters(saved.filters)
            previous = restored[-1].response if restored else None
            restored.append(Turn(saved.question, filters, searcher.ask(saved.question, filters, k, previous), previous))
        st.session_state["turns"] = restored
        if restored:
            _set_filter_widgets(restored[-1].filters, searcher)
    return st.session_state["turns"]


def save_conversation() -> None:
    resources.briefing_store().save_turns(_user(), [(t.question, asdict(t.filters)) for t in st.session_state["turns"]])


def clear_conversation() -> None:
    st.session_state["turns"] = []
    save_conversation()


def _filters(saved: dict) -> Filters:
    fields = {name: tuple(value) if isinstance(value, list) else value for name, value in saved.items()
              if name in Filters.__dataclass_fields__}
    return Filters(**fields)


def _set_filter_widgets(filters: Filters, searcher: Searcher) -> None:
    """The sidebar shows the filters the restored answer was found with (those still on offer)."""
    documents = searcher.catalogue().documents
    offered = {"councils": {d.metadata.council for d in documents.values()},
               "years": {y for d in documents.values() for y in d.metadata.years}, "doc_ids": set(documents)}
    for key, field in _FILTER_FIELDS.items():
        value = getattr(filters, field)
        if isinstance(value, tuple):
            value = [v for v in value if field not in offered or v in offered[field]]
            if value:
                st.session_state[key] = value
        elif filters.grades:
            st.session_state[key] = value


# Briefings

def current() -> Briefing:
    return resources.briefing_store().current(_user())


def briefings() -> list[Briefing]:
    return resources.briefing_store().briefings(_user())


def basket() -> Basket:
    return current().excerpts


def kept_keys() -> set[tuple]:
    """The passages in the current briefing, read once per run for a page of Keep buttons (each run
    starts afresh: app.py calls new_run, after any Keep or Remove of the click that started it)."""
    if _KEPT not in st.session_state:
        st.session_state[_KEPT] = {excerpt.key for excerpt in basket()}
    return st.session_state[_KEPT]


def new_run() -> None:
    st.session_state.pop(_KEPT, None)


def _act(action, *args) -> None:
    """Run a briefing change for this user; a briefing deleted meanwhile (another tab) is said so, not raised."""
    try:
        action(_user(), *args)
    except BriefingStoreError as exc:
        st.toast(escape_markdown(str(exc)), icon=":material/error:")


def keep(excerpt: Excerpt) -> None:
    briefing = current()
    repeated = briefing_module.repeats(briefing.excerpts, excerpt)
    _act(resources.briefing_store().keep, briefing.id, excerpt)
    st.toast(f"Kept in “{escape_markdown(briefing.name)}”."
             + (" It repeats a sentence the briefing already quotes: remove one of them on the Briefing page."
                if repeated else ""), icon=":material/warning:" if repeated else None)


def keep_all(excerpts: list[Excerpt], what: str) -> None:
    """Keep a whole digest or timeline; excerpts already kept stay where they are."""
    briefing = current()
    for excerpt in excerpts:
        _act(resources.briefing_store().keep, briefing.id, excerpt)
    st.toast(f"Kept {what} in “{escape_markdown(briefing.name)}”.")


def remove(briefing_id: int, index: int, count: int = 1) -> None:
    _act(resources.briefing_store().remove, briefing_id, index, count)
    st.session_state[UNDO_KEY] = briefing_id
    st.toast(f"Removed {plural(count, 'excerpt')} from the briefing; Undo at the top puts "
             f"{'it' if count == 1 else 'them'} back.")
    focus.follow(UNDO_BUTTON)   # the keyboard's place: Undo, not the page's start


def undo_remove(briefing_id: int) -> None:
    _act(resources.briefing_store().undo_remove, briefing_id)
    st.session_state.pop(UNDO_KEY, None)


def move(briefing_id: int, index: int, offset: int) -> None:
    _act(resources.briefing_store().move, briefing_id, index, offset)
    # focus follows the excerpt moved: its button of the same way, or the other where it has reached the end
    moved, last = index + offset, len(current().excerpts) - 1
    way = "up" if offset < 0 and moved > 0 or offset > 0 and moved == last else "down"
    focus.follow(f"{way}-{moved}")


def choose_sentences(briefing_id: int, index: int, excerpt: Excerpt, chosen: list[int]) -> None:
    _act(resources.briefing_store().replace, briefing_id, index, excerpt.choose(chosen))


def choose_briefing(briefing_id: int) -> None:
    _act(resources.briefing_store().choose, briefing_id)


def create_briefing(name: str) -> bool:
    try:
        resources.briefing_store().create(_user(), name)
    except BriefingStoreError as exc:
        st.error(escape_markdown(str(exc)))   # a name is the user's text: never Markdown (an image from another host)
        return False
    return True


def rename_briefing(briefing_id: int, name: str) -> bool:
    try:
        resources.briefing_store().rename(_user(), briefing_id, name)
    except BriefingStoreError as exc:
        st.error(escape_markdown(str(exc)))   # a name is the user's text: never Markdown (an image from another host)
        return False
    return True


def delete_briefing(briefing_id: int) -> None:
    _act(resources.briefing_store().delete, briefing_id)


# Filters

def clear_filters() -> None:
    """Back to every report: each filter widget set to its default before it is drawn again. Set, not deleted: a
    deleted key leaves the browser showing the old value and sending it back on the next run (streamlit#16388), so the
    filters came back on the next question."""
    defaults = Filters()
    for key, field in _FILTER_FIELDS.items():
        st.session_state[key] = list(getattr(defaults, field)) if key != "filter_judgement" else defaults.judgement


def keep_filters_across_pages() -> None:
    """Streamlit forgets a widget's value when a page without it runs; re-storing it prevents that."""
    for key in FILTER_KEYS:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]
