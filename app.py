"""InspectQA in the browser: `streamlit run app.py`.

Four pages (Ask, Compare, Briefing, Library) in app_ui/pages; this file only sets up what every page shares:
the page layout and styles, sign-in (app_ui.signin: nothing after it runs for someone not let in), the
navigation, and the basket count in the sidebar. All retrieval, ingestion and export logic is in the library
(index/, ingest/); the app calls it.
"""
import streamlit as st

from app_ui import session, signin
from app_ui.grade_card import GRADE_STYLE
from app_ui.passages import STYLE


def main() -> None:
    # An emoji favicon is drawn in the browser; a ":material/…:" one would be fetched from fonts.gstatic.com.
    st.set_page_config(page_title="InspectQA", page_icon="🔎", layout="wide")
    st.html(STYLE + GRADE_STYLE)
    signin.gate()
    session.new_run()
    session.keep_filters_across_pages()

    navigation = st.navigation([
        st.Page("app_ui/pages/ask.py", title="Ask", icon=":material/forum:", default=True),
        st.Page("app_ui/pages/compare.py", title="Compare", icon=":material/table_chart:"),
        st.Page("app_ui/pages/briefing.py", title=f"Briefing ({len(session.basket())})", icon=":material/description:"),
        st.Page("app_ui/pages/library.py", title="Library", icon=":material/library_books:"),
    ])
    navigation.run()


# Streamlit runs this file as __main__; the reader processes that uploads start (multiprocessing's spawn)
# re-import it as __mp_main__, where it must do nothing: no sign-in gate, no pages, no model loading.
if __name__ == "__main__":
    main()
