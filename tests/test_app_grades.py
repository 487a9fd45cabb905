"""The app's use of report judgements, driven by AppTest: the grade card on Ask, the grade and report type
filters, and the Compare page. The index holds the real Staffordshire ILACS report (its metadata is
real) and two small text files, embedded with the fast HashingEmbedder.
"""
import json

import pytest
from streamlit.testing.v1 import AppTest

from app_ui.grade_card import grade_card_html
from index.opening import open_for_writing
from index.search.answers import GradeAnswer
from ingest.pipeline import ingest_paths
from models import Judgement
from tests.app_driver import ask, html, quotes, start, texts
from tests.conftest import BURY, DATA, WIGAN, make_report, write

pytestmark = pytest.mark.slow  # the whole app, or several processes, per test: not in the quick loop

GRADE_QUESTION = "How was Staffordshire rated overall?"
CARD = "class=\"iqa-grade "  # the grade badge (the style sheet names the class too)


@pytest.fixture
def graded_library(places, fake_model):
    write(places / "docs" / "bury.txt", BURY)
    write(places / "docs" / "wigan.txt", WIGAN)
    store, embedder = open_for_writing(places / "index")
    assert not ingest_paths([places / "docs", DATA / "staffordshire-ilacs-2019.pdf"], store, embedder).failures
    store.close()
    return places


def reports_shown(app: AppTest) -> list[str]:
    """The council of each report card, in order."""
    return [part.split("</b>")[0] for part in html(app).split('<div class="iqa-head"><b>')[1:]]


def test_a_grade_question_gets_the_grade_card_above_the_passages(graded_library):
    app = ask(start(), GRADE_QUESTION)
    page = html(app)
    card = page.index('class="iqa-grade iqa-grade-good"')
    assert card < page.index('class="iqa-excerpt"')
    assert "<b>Staffordshire</b> · Overall effectiveness" in page and ">Good</span>" in page
    assert "Staffordshire: inspection of local authority children’s services, p. 1" in page
    # Copy gives the judgement as the report names it and its grade, with its page: a statement, not a quoted table row.
    assert quotes(app)[0].startswith("Overall effectiveness in Staffordshire: Good — ") and quotes(app)[0].endswith(", p. 1")


def test_the_grade_is_kept_as_a_statement_and_opens_on_its_page(graded_library):
    app = ask(start(), GRADE_QUESTION)
    app.button(key="keep-grade-0").click().run()
    assert app.button(key="keep-grade-0").label == "Kept ✓"
    app.button(key="source-grade-0").click().run()
    assert not app.exception
    assert "Page 1; the judgement is marked." in texts(app.caption)
    # The page's judgement table is shown as a table, the judgement's row marked.
    assert '<tr class="iqa-marked"><td>Overall effectiveness</td><td>Good</td></tr>' in html(app)
    app.switch_page("app_ui/pages/briefing.py").run()
    assert "Overall effectiveness in Staffordshire: Good" in html(app) and "“Overall effectiveness Good”" not in html(app)


def test_a_theme_question_gets_no_grade_card(graded_library):
    app = ask(start(), "how did councils improve supervision?")
    assert CARD not in html(app) and quotes(app)


def test_a_grade_the_filters_rule_out_is_not_shown(graded_library):
    app = start()
    app.multiselect(key="filter_councils").set_value(["Bury"]).run()
    assert CARD not in html(ask(app, GRADE_QUESTION))


def test_the_report_type_filter_restricts_results(graded_library):
    app = ask(start(), "supervision and care leavers")
    assert "Staffordshire" in reports_shown(app) and len(reports_shown(app)) == 3
    app.multiselect(key="filter_report_types").set_value(["ilacs_short"]).run()
    assert reports_shown(app) == ["Staffordshire"]
    assert "Only: ILACS short inspection" in texts(app.caption)


def test_the_grade_filter_restricts_results_for_the_chosen_judgement(graded_library):
    app = ask(start(), "supervision and care leavers")
    app.multiselect(key="filter_grades").set_value(["good"]).run()
    assert reports_shown(app) == ["Staffordshire"]  # the text files have no judgements
    app.selectbox(key="filter_judgement").set_value("help_and_protection").run()
    assert reports_shown(app) == [] and "No passages found" in texts(app.info)
    assert "Only: Good for children who need help and protection" in texts(app.caption)
    app.multiselect(key="filter_grades").set_value(["requires improvement"]).run()
    assert reports_shown(app) == ["Staffordshire"]


def test_the_compare_page_lists_councils_with_their_grades(graded_library):
    app = start().switch_page("app_ui/pages/compare.py").run()
    assert not app.exception
    table = app.dataframe[0].value
    assert list(table["Council"]) == ["Staffordshire"]  # the text files have no judgements
    row = table.iloc[0]
    # Ranks, shown as words: 4 outstanding, 3 good, 2 requires improvement, 1 inadequate.
    assert (row["Overall effectiveness"], row["Help and protection"], row["Children in care"]) == (3, 2, 3)
    # 2019: children in care and care leavers were judged together, so care leavers have that grade too.
    assert row["Care leavers"] == 3
    assert app.selectbox(key="compare_council").value == "Staffordshire"
    assert app.get("vega_lite_chart")  # the grades-over-time chart


def test_the_library_lists_each_reports_overall_grade(graded_library):
    app = start().switch_page("app_ui/pages/library.py").run()
    assert not app.exception
    table = app.dataframe[0].value
    overall = dict(zip(table["Council"], table["Overall"]))
    assert overall["Staffordshire"] == "Good" and overall["Bury"] == "—"   # a text file has no judgements
    from index.output.grades import overall_words
    framework_2026 = make_report("r", "Derby", "2026-06-01", {"care_leavers": "secure"})
    assert overall_words(framework_2026) == "none given"


def test_grade_card_markup_escapes_report_metadata():
    document = make_report("d1", "<script>alert(1)</script>", "2024-01-31", {"care_leavers": Judgement("good", 2)},
                           title="x", sha256="0" * 64, source="/tmp/x.pdf")
    metadata = document.metadata
    card = grade_card_html(GradeAnswer(metadata.council, "care_leavers", "Care [leavers](javascript:x)", "good", 2,
                                       document))
    assert "<script" not in card and "&lt;script&gt;" in card and "<a " not in card
    assert "ILACS standard inspection, published 31 January 2024" in card and "p. 2" in card
    assert 'aria-current="true">Good</span>' in card


def test_which_councils_were_judged_a_grade_shows_the_list(graded_library):
    app = ask(start(), "Which councils were judged good for the impact of leaders?")
    (table,) = app.dataframe
    assert list(table.value["Council"]) == ["Staffordshire"]
    assert table.value["Citation"][0].endswith(", p. 1")
    assert "Since" not in table.value.columns   # no newer report graded it otherwise (test_ask: one that did)
    (copied,) = [json.loads(element.proto.json)["text"] for element in app.get("bidi_component")
                 if element.key == "copy-keep-grades-0"]   # Copy all: the title, then each council with its citation
    assert copied.startswith("Councils judged Good for impact of leaders on social work practice\n\nThe impact of ")
    assert "in Staffordshire: Good — Ofsted (2019) " in copied and copied.endswith(", p. 1\n")
    app.button(key="keep-grades-0").click().run()   # kept as one table: each council's grade with its page
    assert app.button(key="keep-grades-0").label == "All kept ✓"
    app.switch_page("app_ui/pages/briefing.py").run()
    assert "Councils judged Good for impact of leaders" in texts(app.markdown)
    assert "The impact of leaders on social work practice with children and families in Staffordshire: Good" in html(app)


def test_what_a_councils_inspection_found_is_its_grade_card_and_its_report_in_print_order(graded_library):
    app = ask(start(), "What did Ofsted find in Staffordshire?")
    assert "Read as: what Staffordshire's 2019 report found" in texts(app.caption)
    assert "in the order it prints them" in texts(app.caption) and "best first" not in texts(app.caption)
    assert "Overall effectiveness" in html(app) and reports_shown(app) == ["Staffordshire"]


def test_a_rating_question_naming_two_councils_shows_each_ones_grade(graded_library):
    app = ask(start(), "How were Staffordshire and Wigan rated for the impact of leaders?")
    (table,) = app.dataframe
    assert list(table.value["Council"]) == ["Staffordshire"] and list(table.value["Grade"]) == ["Good"]  # Wigan has none
    assert "**Impact of leaders on social work practice**, each council's grade" in texts(app.markdown)
