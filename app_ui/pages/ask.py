"""Ask: the conversation. Each question is read in the context of the one before, searched with the
sidebar filters, and answered with cited passages. Changing a filter after asking re-runs the latest
question, so "filter after asking" needs no retyping."""
import streamlit as st

from app_ui import resources, session
from app_ui.answer import render_answer
from app_ui.filters import sidebar_filters
from text.words import plural
from app_ui.scroll import show_from_top
from index.output.briefing import escape_markdown
from index.output.examples import example_questions, library_summary
from index.search.response import Response
from index.search.query import MAX_QUESTION_CHARS
from index.search.searcher import Filters, Searcher

K = 10


def answer(question: str, previous: Response | None, searcher: Searcher, filters: Filters) -> session.Turn:
    """Ask (again) with these filters: the grade card, quote and passages all come from the reports the
    filters admit, so none contradicts another."""
    return session.Turn(question, filters, searcher.ask(question, filters, K, previous=previous), previous)


def show(turn: session.Turn, turn_no: int, searcher: Searcher, latest: bool) -> None:
    """The latest answer in full, opened at its top (also after a reload); earlier ones folded behind a
    toggle, so a long conversation stays quick to redraw (every question reruns the page) and the new
    answer is not lost among the old."""
    with st.chat_message("user"):
        st.text(turn.question)
    with st.chat_message("assistant"):
        hits = turn.response.hits
        reports = len({hit.document.doc_id for hit in hits})
        if latest or st.toggle(f"Show this answer ({plural(len(hits), 'passage')} from {plural(reports, 'report')})",
                               key=f"show-{turn_no}"):
            render_answer(turn, turn_no, searcher)
            if latest:
                show_from_top(turn.answer_id)


searcher = resources.searcher()
if searcher is None:
    st.title("Ask the inspection reports")
    st.info("There is no index yet. Add reports on the Library page (upload PDF, Word, text or Markdown files), "
            "or build the demo index from the command line as the README describes.")
    st.page_link("app_ui/pages/library.py", label="Go to the Library to upload reports", icon=":material/library_books:")
    st.stop()

turns = session.turns(searcher, K)  # first, so a restored conversation's filters are set before the widgets
filters = sidebar_filters(searcher)
with st.sidebar:
    st.button("New conversation", on_click=session.clear_conversation, key="new_conversation",
              help="Forget earlier questions, so the next one is read on its own")

question = (st.chat_input("Ask about the reports, e.g. how did councils improve supervision?", max_chars=MAX_QUESTION_CHARS)
            or st.session_state.pop("example_question", None))
if not turns and not question:
    documents = searcher.catalogue().documents.values()
    st.title("Ask the inspection reports")
    st.caption("Questions are answered in the documents' own words: passages from Ofsted's reports on councils' "
               "children's services, and from any committee papers or articles added, each with its citation. "
               "Follow-up questions are read in the context of the one before.")
    st.markdown(f"The library holds {escape_markdown(library_summary(documents))} Try one of these:")
    columns = st.columns(2)
    for number, example in enumerate(example_questions(documents)):
        columns[number % 2].button(example, key=f"example-{number}", width="stretch",
                                   on_click=st.session_state.__setitem__, args=("example_question", example))
held = searcher.catalogue().documents
for turn_no, turn in enumerate(turns):
    # The latest answer follows the filters and the library: asked again when either changed (a report it cites
    # was deleted), so nothing on screen, kept or opened comes from a report that is gone.
    if turn_no == len(turns) - 1 and (turn.filters != filters or not turn.response.cited_reports() <= held.keys()):
        turns[turn_no] = turn = answer(turn.question, turn.previous, searcher, filters)
        session.save_conversation()
    show(turn, turn_no, searcher, latest=turn_no == len(turns) - 1 and not question)

if question and question.strip():
    turn = answer(question, turns[-1].response if turns else None, searcher, filters)
    turns.append(turn)
    session.save_conversation()
    show(turn, len(turns) - 1, searcher, latest=True)
