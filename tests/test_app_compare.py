"""The library behind the Compare page and the grade card (index.output.compare, index.output.grades), without Streamlit."""
from functools import partial

from index.output.compare import grade_history, latest_judgements, most_reported
from index.output.grades import grade_excerpt, judgement_hit, statement_span
from ofsted import report_types
from tests.conftest import make_report

DERBY_PAGE = ("Judgement Grade The impact of leaders on social work practice with children and families Outstanding "
              "The experiences and progress of children in care and care leavers Good Overall effectiveness "
              "Outstanding An impressive senior leadership team…")
NORFOLK_PAGE = ("Children’s services in Norfolk are inadequate There are widespread failures.\n\n"
                "2.2 Experiences and progress of care leavers Inadequate")


report = partial(make_report, title="{council} report", sha256="{doc_id}" * 8, source="/reports/{doc_id}.pdf")
DOCUMENTS = [
    report("d2022", "Derby", "2022-05-11", dict(overall_effectiveness="outstanding", in_care="good")),
    report("d2025", "Derby City", "2025-07-08", dict(overall_effectiveness="outstanding", care_leavers="outstanding")),
    report("n2015", "Norfolk", "2015-10-19", report_type="sif", judgements=dict(overall_effectiveness="inadequate",
           experiences_and_progress_of_care_leavers="inadequate", adoption_performance="requires improvement")),
    report("fv", "Norfolk", "2023-01-01", report_type="focused_visit"),          # no judgements: not a comparison row
    report("paper", "Bury", "2024-01-01", report_type="committee_paper"),
    report("s2019", "Staffordshire", None, report_type="ilacs_short", inspection_end="2019-01-18",
           judgements=dict(overall_effectiveness="good")),
]


def test_one_row_per_council_from_its_latest_graded_report_named_as_that_report_names_it():
    rows = latest_judgements(DOCUMENTS)
    assert [(row.council, row.latest.document.doc_id) for row in rows] == [
        ("Derby City", "d2025"), ("Norfolk", "n2015"), ("Staffordshire", "s2019")]
    derby = rows[0].latest.cells
    assert {key: cell.grade for key, cell in derby.items()} == {"overall_effectiveness": "outstanding",
                                                              "care_leavers": "outstanding"}


def test_sif_judgements_fill_the_ilacs_columns_under_their_own_names():
    norfolk = latest_judgements(DOCUMENTS)[1].latest.cells
    assert norfolk["care_leavers"].judgement == "experiences_and_progress_of_care_leavers"
    assert norfolk["care_leavers"].grade == "inadequate" and "adoption_performance" not in norfolk


def test_history_is_every_judgement_oldest_first_with_an_ordinal_rank():
    history = grade_history(DOCUMENTS, "derby")
    assert [(p.date, p.judgement, p.rank) for p in history] == [
        # 2022: one grade for children in care and care leavers together, so both lines show it.
        ("2022-05-11", "overall_effectiveness", 4), ("2022-05-11", "in_care", 3), ("2022-05-11", "care_leavers", 3),
        ("2025-07-08", "overall_effectiveness", 4), ("2025-07-08", "care_leavers", 4)]
    assert [p.date for p in grade_history(DOCUMENTS, "Staffordshire")] == ["2019-01-18"]
    assert grade_history(DOCUMENTS, "Wigan") == []


def test_the_chart_opens_on_the_council_with_most_graded_reports():
    assert most_reported(latest_judgements(DOCUMENTS), DOCUMENTS) == "Derby City"
    assert most_reported([], DOCUMENTS) is None


def test_the_statement_of_a_grade_is_found_on_its_page():
    assert DERBY_PAGE[slice(*statement_span(DERBY_PAGE, "overall_effectiveness", "outstanding"))] == \
        "Overall effectiveness Outstanding"
    assert DERBY_PAGE[slice(*statement_span(DERBY_PAGE, "in_care", "good"))] == \
        "children in care and care leavers Good"
    assert NORFOLK_PAGE[slice(*statement_span(NORFOLK_PAGE, "experiences_and_progress_of_care_leavers",
                                              "inadequate"))] == "Experiences and progress of care leavers Inadequate"
    # SIF reports state overall effectiveness in a sentence: the grade's first mention is marked.
    assert NORFOLK_PAGE[slice(*statement_span(NORFOLK_PAGE, "overall_effectiveness", "inadequate"))] == "inadequate"
    assert statement_span(DERBY_PAGE, "care_leavers", "inadequate") is None


def test_a_kept_grade_is_a_statement_with_its_page_citation_not_a_quoted_table_row():
    derby = DOCUMENTS[1]
    excerpt = grade_excerpt(derby, "overall_effectiveness", "Overall effectiveness", DERBY_PAGE)
    # The judgement as the report names it and its grade, with the page; a table's row in quotation marks ("“Overall
    # effectiveness Outstanding”") read as a sentence the report never wrote.
    assert excerpt.quote == ("Overall effectiveness in Derby City: Outstanding — Ofsted (2025) Derby City: inspection of "
                             "local authority children’s services, p. 1")
    assert excerpt.key == ("d2025", 1, DERBY_PAGE.index("Overall effectiveness"))
    in_care = grade_excerpt(DOCUMENTS[0], "in_care", "Children in care", DERBY_PAGE)
    assert in_care.text == "The experiences and progress of children in care and care leavers in Derby: Good"
    # a SIF report states it in a sentence ("Children's services in Norfolk are inadequate"): the judgement's own name
    sif = grade_excerpt(DOCUMENTS[2], "overall_effectiveness", "Overall effectiveness", NORFOLK_PAGE)
    assert sif.text == "Overall effectiveness in Norfolk: Inadequate"
    assert not in_care.verbatim
    unprinted = judgement_hit(derby, "care_leavers", "a page that prints no grade")
    assert unprinted.chunk.text == "" and unprinted.chunk.page == 1


def test_report_types_read_as_words():
    assert report_types.label("sif") == "SIF inspection (2013–2018)"
    assert report_types.label("focused_visit") == "Focused visit"
    assert report_types.label("something_new") == "Something new"


def test_a_compare_cell_says_its_grade_short_or_that_none_was_given():
    from index.output.compare import UNGRADED_RANK, cell_words
    from ofsted.grades import RANK
    assert cell_words(RANK["requires improvement"]) == "RI" and cell_words(RANK["outstanding"]) == "Outstanding"
    assert cell_words(UNGRADED_RANK) == "none given" and UNGRADED_RANK < min(RANK.values())   # sorted last
