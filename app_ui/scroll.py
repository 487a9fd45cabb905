"""Open a new answer at its top: the grade card or the report's own words, not the last passage.

Streamlit's chat keeps the page at its bottom as content arrives, so a long answer opened with its best
part off-screen (worst at 1280×720). A small component inside the new answer scrolls its chat message to
the top of the view once; a rerun (a click on Keep further down) does not move the page again.
"""
from __future__ import annotations

import streamlit as st

_JS = """
export default function ({ parentElement, data }) {
  if (window.__inspectqaShownTurn === data.turn) return;
  window.__inspectqaShownTurn = data.turn;
  const anchor = parentElement.getRootNode().host || parentElement;
  const message = anchor.closest('[data-testid="stChatMessage"]');
  // After the answer's cards have been laid out, and the chat's own scrolling has run.
  if (message) setTimeout(() => message.scrollIntoView({ block: "start" }), 250);
}
"""

_component = st.components.v2.component("inspectqa_show_answer_top", js=_JS)


def show_from_top(turn: int) -> None:
    """Scroll the chat message this is placed in to the top of the view, once for this turn."""
    _component(data={"turn": turn}, key=f"top-{turn}")
