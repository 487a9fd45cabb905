"""Keep the keyboard's place on the Briefing page: after ↑ Up or ↓ Down moves an excerpt, focus follows it.

Streamlit draws the page again after a click, and a button keeps its place on the page, not its excerpt: the
focused "↓ Down" of the first slot then belonged to the excerpt moved into it, so a second Enter moved (or a Tab
and Enter removed) the wrong one. A small component placed on the page focuses the moved excerpt's button, once.
"""
from __future__ import annotations

import streamlit as st

_DUE = "focus_due"   # the key of the button to focus on this run, set by the click that moved its excerpt

_JS = """
export default function ({ data }) {
  if (!data.key || window.__inspectqaFocused === data.nonce) return;
  window.__inspectqaFocused = data.nonce;
  // The page is still being drawn, and for a moment the old button may be there beside the new, or the new drawn
  // over the one focused: focus the last one drawn, and again whenever focus has drifted off it (to the page, the
  // button pressed, or a button since removed), for ten seconds (a slow machine draws late). Once the person has
  // moved on to something else, leave it.
  const pressed = document.activeElement;
  let tries = 0;
  const focus = () => {
    if (window.__inspectqaFocused !== data.nonce) return;   // a later move's focus has taken over
    const active = document.activeElement;
    const adrift = !active || active === document.body || active === pressed || !active.isConnected;
    const buttons = [...document.querySelectorAll(`.st-key-${CSS.escape(data.key)} button`)].filter(b => !b.disabled);
    const button = buttons[buttons.length - 1];
    if (!adrift && !buttons.includes(active)) return;
    if (button && active !== button) button.focus();
    if (++tries < 200) setTimeout(focus, 50);
  };
  focus();
}
"""
_component = st.components.v2.component("inspectqa_focus", js=_JS)
_HIDDEN = "<style>.st-key-focus-follow { display: none; }</style>"   # it draws nothing: no gap either


def follow(key: str) -> None:
    """Focus the button `key` on the next run (called by the click that moved its excerpt)."""
    st.session_state[_DUE] = (key, st.session_state.get(_DUE, ("", 0))[1] + 1)


def place() -> None:
    """Draw the component that focuses the button due, if one is (once per click)."""
    key, nonce = st.session_state.get(_DUE, ("", 0))
    if key:
        st.html(_HIDDEN)
        _component(data={"key": key, "nonce": nonce}, key="focus-follow")
