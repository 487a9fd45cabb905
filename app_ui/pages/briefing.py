"""Briefing: the kept excerpts in order, to reorder, remove and export as Word or Markdown."""
from html import escape

import streamlit as st

from app_ui import session
from index.briefing import to_docx, to_markdown

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

st.title("Briefing")
basket = session.basket()
if not basket:
    st.info("The basket is empty. On the Ask page, press Keep under a passage to add it here.")
    st.stop()

st.caption(f"{len(basket)} excerpt{'s' if len(basket) > 1 else ''}, in the order they will be exported.")
export_word, export_markdown, empty, _ = st.columns([1, 1, 1, 2])
export_word.download_button("Export .docx", data=to_docx(basket), file_name="briefing.docx", mime=DOCX_MIME,
                            on_click="ignore", type="primary", width="stretch")
export_markdown.download_button("Export .md", data=to_markdown(basket), file_name="briefing.md",
                                mime="text/markdown", on_click="ignore", width="stretch")
empty.button("Empty basket", on_click=session.empty_basket, width="stretch")

for index, excerpt in enumerate(basket):
    with st.container(border=True):
        st.html(f'<div class="iqa-excerpt">“{escape(excerpt.text)}”</div>'
                f'<div class="iqa-meta">— {escape(excerpt.citation)}</div>')
        up, down, remove, _ = st.columns([1, 1, 1, 4])
        up.button("↑ Up", key=f"up-{index}", on_click=session.move, args=(index, -1), disabled=index == 0,
                  width="stretch")
        down.button("↓ Down", key=f"down-{index}", on_click=session.move, args=(index, 1),
                    disabled=index == len(basket) - 1, width="stretch")
        remove.button("Remove", key=f"remove-{index}", on_click=session.remove, args=(index,), width="stretch")
