"""Briefing: the user's named briefings, kept on the server; the chosen one's excerpts to reorder, trim to
the sentences wanted, remove (with Undo) and export as Word or Markdown."""
from html import escape

import streamlit as st

from app_ui import focus, resources, session, signin
from text.words import plural
from index.output.briefing import escape_markdown
from index.output.briefing_export import loose_citation, runs, table, to_docx, to_markdown, typeset

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _file_name(name: str, suffix: str) -> str:
    safe = "".join(c if c.isalnum() or c in " -_" else " " for c in name).split()
    return "-".join(safe).lower()[:60] + suffix if safe else f"briefing{suffix}"


@st.dialog("Delete this briefing?")
def _confirm_delete(briefing_id: int, name: str, count: int) -> None:
    st.write(f"“{escape_markdown(name)}” and its {plural(count, 'excerpt')} will be deleted. This cannot be undone.")
    delete, cancel = st.columns(2)
    if delete.button("Delete", type="primary", key="briefing_delete_confirm", width="stretch"):
        session.delete_briefing(briefing_id)
        st.rerun()
    if cancel.button("Cancel", key="briefing_delete_cancel", width="stretch"):
        st.rerun()


def _manage(current) -> None:
    """Choose, create, rename and delete briefings."""
    listing = session.briefings()
    names = {b.id: b.name for b in listing}
    choice, new, rename, delete = st.columns([3, 1, 1, 1], vertical_alignment="bottom")
    counts = {b.id: len(b.excerpts) for b in listing}
    st.session_state["briefing_choice"] = current.id  # the server's choice, which another tab may have changed
    choice.selectbox("Briefing", list(names), key="briefing_choice",
                     format_func=lambda i: f"{names[i]} ({plural(counts[i], 'excerpt')})",
                     on_change=lambda: session.choose_briefing(st.session_state["briefing_choice"]))
    with new.popover("New", width="stretch"):
        with st.form("briefing_new", clear_on_submit=True, border=False):
            name = st.text_input("Name", placeholder="Scrutiny committee, March", key="briefing_new_name")
            if st.form_submit_button("Create", type="primary") and session.create_briefing(name):
                st.rerun()
    with rename.popover("Rename", width="stretch"):
        with st.form("briefing_rename", border=False):
            name = st.text_input("New name", value=current.name, key="briefing_rename_name")
            if st.form_submit_button("Rename", type="primary") and session.rename_briefing(current.id, name):
                st.rerun()
    if delete.button("Delete", key="briefing_delete", width="stretch"):
        _confirm_delete(current.id, current.name, len(current.excerpts))


def _sentence_picker(briefing_id: int, index: int, excerpt) -> None:
    """Which of the passage's sentences the excerpt quotes: the marked ones (default), all, or a choice."""
    if len(excerpt.sentences) < 2:
        return
    every = list(range(len(excerpt.sentences)))
    with st.expander(f"Sentences: {len(excerpt.chosen)} of {len(excerpt.sentences)}"):
        marked, whole, _ = st.columns([1.2, 1.2, 2])
        marked.button("Marked sentences", key=f"marked-{briefing_id}-{index}", width="stretch",
                      on_click=session.choose_sentences, args=(briefing_id, index, excerpt, list(excerpt.marked)),
                      disabled=list(excerpt.chosen) == list(excerpt.marked) or not excerpt.marked)
        whole.button("Whole passage", key=f"whole-{briefing_id}-{index}", width="stretch",
                     on_click=session.choose_sentences, args=(briefing_id, index, excerpt, every),
                     disabled=list(excerpt.chosen) == every)
        with st.form(f"pick-{briefing_id}-{index}", border=False):
            picked = [number for number, sentence in enumerate(excerpt.sentences)
                      if st.checkbox(sentence.text, value=number in excerpt.chosen,
                                     key=f"sentence-{briefing_id}-{index}-{number}")]
            if st.form_submit_button("Use these sentences"):
                session.choose_sentences(briefing_id, index, excerpt, picked)
                st.rerun()


st.title("Briefing")
current = session.current()
_manage(current)
basket = current.excerpts
author = signin.visitor_name()

if current.can_undo and st.session_state.get(session.UNDO_KEY) == current.id:
    notice, undo = st.columns([4, 1], vertical_alignment="center")
    notice.caption("Removed from the briefing.")   # an excerpt, or a kept table's rows
    undo.button("Undo", key=session.UNDO_BUTTON, on_click=session.undo_remove, args=(current.id,), width="stretch")
focus.place()   # the keyboard's place after a move or a removal (app_ui.focus): drawn before the excerpts, it waits

if not basket:
    st.info("This briefing is empty. On the Ask page, press Keep under a passage to add it here.")
    st.stop()

st.caption(f"{plural(len(basket), 'excerpt')}, in the order they will be exported. Saved as you go.")
export_word, export_markdown, _ = st.columns([1, 1, 3])
export_word.download_button("Export .docx", data=to_docx(basket, current.name, author),
                            file_name=_file_name(current.name, ".docx"), mime=DOCX_MIME, on_click="ignore",
                            type="primary", width="stretch", key="export-docx")
export_markdown.download_button("Export .md", data=to_markdown(basket, current.name, author),
                                file_name=_file_name(current.name, ".md"), mime="text/markdown", on_click="ignore",
                                width="stretch", key="export-md")

library = resources.searcher()
held = set(library.catalogue().documents) if library is not None else None
# A digest or timeline kept whole is exported as one table: its excerpts are shown under its title, each with the
# council (a timeline's: the report) and grade its row will give, so the page shows what the Word file will hold.
starts, rows = {}, {}
position = 0
for title, run in runs(basket):
    starts[position] = (title, len(run))
    if title is not None:   # each row's first column and grade, as the export gives them
        rows.update({position + i: row for i, row in enumerate(table(run)[1])})
    position += len(run)
for index, excerpt in enumerate(basket):
    title, size = starts.get(index, (None, 0))
    if title is not None:
        heading, remove_table = st.columns([5, 1.2], vertical_alignment="center")
        heading.markdown(f"**{escape_markdown(title)}** · {plural(size, 'row')}, exported as one table")
        remove_table.button("Remove table", key=f"remove-table-{index}", on_click=session.remove,
                            args=(current.id, index, size), width="stretch",
                            help="Remove all of this table's rows from the briefing (Undo puts them back)")
    with st.container(border=True):
        shown = excerpt.shown
        row = " · ".join(part for part in (rows[index][0], excerpt.graded,
                                           f"since: {excerpt.since}" if excerpt.since else "") if part) \
            if index in rows else ""
        st.html((f'<div class="iqa-meta"><b>{escape(row)}</b></div>' if row else "")
                + f'<div class="iqa-excerpt">{escape(shown)}</div>'
                f'<div class="iqa-meta">— {escape(typeset(excerpt.citation) if row else loose_citation(excerpt))}</div>')
        if held is not None and excerpt.source.doc_id not in held:   # kept as it was, but said
            st.warning("Its report has since been deleted from the library: the quotation stands as it was kept, "
                       "but can no longer be checked against the report here. Remove it, or upload the report again.")
        _sentence_picker(current.id, index, excerpt)
        up, down, remove, _ = st.columns([1, 1, 1, 4])
        up.button("↑ Up", key=f"up-{index}", on_click=session.move, args=(current.id, index, -1), disabled=index == 0,
                  width="stretch")
        down.button("↓ Down", key=f"down-{index}", on_click=session.move, args=(current.id, index, 1),
                    disabled=index == len(basket) - 1, width="stretch")
        remove.button("Remove", key=f"remove-{index}", on_click=session.remove, args=(current.id, index),
                      width="stretch")

