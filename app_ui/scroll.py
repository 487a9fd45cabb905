"""Open a new answer at its top: the grade card or the report's own words, not the last passage.

Streamlit's chat keeps the page at its bottom as content arrives, so a long answer opened with its best
part off-screen (worst at 1280×720). A small component inside the new answer holds its chat message's top
in view while the answer is laid out (two seconds, longer while it still grows, or until the reader scrolls);
a rerun (a click on Keep further down) does not move the page again.
"""
from __future__ import annotations

import streamlit as st

_JS = """
export default function ({ parentElement, data }) {
  if (window.__inspectqaShownAnswer === data.answer) return;
  window.__inspectqaShownAnswer = data.answer;
  const anchor = parentElement.getRootNode().host || parentElement;
  const message = anchor.closest('[data-testid="stChatMessage"]');
  if (!message) return;
  // The answer's cards are still being laid out, and the chat keeps scrolling to its bottom meanwhile:
  // hold the message's top in view for two seconds, and on a slow machine until the page has stopped growing for
  // one (ten at most), unless the reader scrolls or types first.
  let stopped = false;
  const stop = () => { stopped = true; };
  for (const event of ["wheel", "touchstart", "keydown", "mousedown"]) {
    window.addEventListener(event, stop, { once: true, passive: true });
  }
  const started = Date.now();
  let height = -1, grown = started;
  const hold = () => {
    const now = Date.now();
    const page = document.scrollingElement || document.documentElement;
    if (page.scrollHeight !== height) { height = page.scrollHeight; grown = now; }
    if (stopped || now - started > 10000 || (now - started > 2000 && now - grown > 1000)) return;
    message.scrollIntoView({ block: "start" });
    setTimeout(hold, 150);
  };
  setTimeout(hold, 50);
}
"""

_component = st.components.v2.component("inspectqa_show_answer_top", js=_JS)


def show_from_top(answer_id: int) -> None:
    """Scroll the chat message this is placed in to the top of the view, once for this answer (session.Turn's
    answer_id: a turn number would repeat after "New conversation", and the first new answer stay put)."""
    _component(data={"answer": answer_id}, key=f"top-{answer_id}")
