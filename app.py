"""InspectQA in the browser: `streamlit run app.py`.

Four pages (Ask, Compare, Briefing, Library) in app_ui/pages; this file only sets up what every page shares:
the page layout and styles, the navigation, and the basket count in the sidebar. All retrieval,
ingestion and export logic is in the library (index/, ingest/); the app calls it.
"""
import streamlit as st

from app_ui import session
from app_ui.grade_card import GRADE_STYLE
from app_ui.passages import STYLE

st.set_page_config(page_title="InspectQA", page_icon=":material/search:", layout="wide")
st.html(STYLE + GRADE_STYLE)
session.keep_filters_across_pages()

navigation = st.navigation([
    st.Page("app_ui/pages/ask.py", title="Ask", icon=":material/forum:", default=True),
    st.Page("app_ui/pages/compare.py", title="Compare", icon=":material/table_chart:"),
    st.Page("app_ui/pages/briefing.py", title=f"Briefing ({len(session.basket())})", icon=":material/description:"),
    st.Page("app_ui/pages/library.py", title="Library", icon=":material/library_books:"),
])
navigation.run()
