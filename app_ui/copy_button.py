"""A one-click "Copy quote" button: the excerpt with its citation, as plain text, onto the clipboard ("Copy all": a
digest's, timeline's or grade list's rows, each with its citation).

`st.code` has a copy icon but would print every passage a second time; this is one small button.
The text travels as component *data* and is written with `textContent`/the clipboard API, never
parsed as HTML. The Clipboard API needs a secure origin (https or localhost); elsewhere the old
select-and-copy route is used.
"""
from __future__ import annotations

import streamlit as st

_HTML = '<button class="copy" type="button" title="Copy the excerpt with its citation">Copy quote</button>'
_CSS = """
.copy { font: inherit; font-size: 0.875rem; line-height: 1.6; padding: 0.25rem 0.75rem; border-radius: 0.5rem;
        cursor: pointer; width: 100%; min-height: 2.5rem; border: 1px solid rgba(49, 51, 63, 0.2);
        background: white; color: rgb(49, 51, 63); }
.copy:hover { border-color: #ff4b4b; color: #ff4b4b; }
"""
_JS = """
export default function ({ parentElement, data }) {
  const button = parentElement.querySelector("button.copy");
  const label = data.label || "Copy quote";
  button.textContent = label;
  const fallback = (text) => {
    const area = document.createElement("textarea");
    area.value = text;
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  };
  button.onclick = async () => {
    try {
      await navigator.clipboard.writeText(data.text);
    } catch (error) {
      fallback(data.text);
    }
    button.textContent = "Copied ✓";
    setTimeout(() => { button.textContent = label; }, 1500);
  };
}
"""

_component = st.components.v2.component("inspectqa_copy_quote", html=_HTML, css=_CSS, js=_JS)


def copy_button(text: str, key: str, label: str = "Copy quote") -> None:
    _component(data={"text": text, "label": label}, key=key)
