"""Ask: the conversation. Each question is read in the context of the one before, searched with the
sidebar filters, and answered with cited passages. Changing a filter after asking re-runs the latest
question, so "filter after asking" needs no retyping."""
import time

import streamlit as st

from app_ui import resources, session
from app_ui.answer import render_answer
from app_ui.filters import sidebar_filters
from index.conversation import read_in_context
from index.search import Filters, Searcher

K = 10


def answer(turn: session.Turn, searcher: Searcher, filters: Filters) -> None:
    """Search (again) with these filters, timing it so the answer can say how long it took. The grade
    card is chosen among the reports the filters admit, so it never contradicts the passages beneath it."""
    started = time.perf_counter()
    turn.hits = searcher.search(turn.reading.searched, k=K, filters=filters)
    turn.grade = searcher.answer(turn.reading.searched, filters)
    turn.grade_list = searcher.grade_list(turn.reading.searched)
    turn.filters = filters
    turn.seconds = time.perf_counter() - started


def show(turn: session.Turn, turn_no: int, searcher: Searcher, latest: bool) -> None:
    """The latest answer in full; earlier ones folded behind a toggle, so a long conversation stays
    quick to redraw (every question reruns the page) and the new answer is not lost among the old."""
    with st.chat_message("user"):
        st.text(turn.reading.question)
    with st.chat_message("assistant"):
        reports = len({hit.document.doc_id for hit in turn.hits})
        if latest or st.toggle(f"Show this answer ({len(turn.hits)} passages from {reports} reports)",
                               key=f"show-{turn_no}"):
            render_answer(turn, turn_no, searcher)


searcher = resources.searcher()
if searcher is None:
    st.title("Ask the inspection reports")
    st.info("There is no index yet. Add reports on the Library page (upload PDF, Word, text or Markdown files), "
            "or build the demo index from the command line as the README describes.")
    st.page_link("app_ui/pages/library.py", label="Go to the Library to upload reports", icon=":material/library_books:")
    st.stop()

filters = sidebar_filters(searcher)
with st.sidebar:
    st.button("New conversation", on_click=session.clear_conversation,
              help="Forget earlier questions, so the next one is read on its own")

turns = session.turns()
question = st.chat_input("Ask about the reports, e.g. how did councils improve supervision?")
if not turns and not question:
    st.title("Ask the inspection reports")
    st.caption("Questions are answered with passages from Ofsted reports on councils' children's services, "
               "each with its citation. Follow-up questions are read in the context of the one before.")
for turn_no, turn in enumerate(turns):
    if turn_no == len(turns) - 1 and turn.filters != filters:
        answer(turn, searcher, filters)
    show(turn, turn_no, searcher, latest=turn_no == len(turns) - 1 and not question)

if question and question.strip():
    previous = turns[-1].reading.searched if turns else None
    council_keys = searcher.catalogue().council_keys.values()
    turn = session.Turn(read_in_context(question, previous, council_keys), filters, [], 0.0)
    answer(turn, searcher, filters)
    turns.append(turn)
    show(turn, len(turns) - 1, searcher, latest=True)
