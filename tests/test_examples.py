"""The start page's summary and example questions come from what the library holds."""
from functools import partial

from index.output.examples import example_questions, library_summary
from tests.conftest import make_report

report = partial(make_report, title="", publisher=None, report_type="other", sha256="{doc_id}", source="/{doc_id}.pdf")


def test_the_summary_counts_reports_councils_and_years():
    documents = [report("a", "Derby", "2019-01-01"), report("b", "Derby City", "2025-01-01"), report("c", "Wigan", "2022-05-01")]
    assert library_summary(documents) == "3 reports on 2 councils, 2019–2025."
    assert library_summary([report("a", "Derby", "2019-01-01")]) == "1 report on 1 council, 2019."


def test_example_questions_name_councils_and_grades_the_library_has():
    documents = [report("a", "Derby", "2025-07-08", {"care_leavers": "good"}),
                 report("b", "Wigan", "2022-01-01", {"care_leavers": "requires improvement"})]
    assert example_questions(documents) == [
        "How have councils improved the supervision of social workers?",
        "How was Derby rated for care leavers?",
        "What did inspectors say about personal advisers in Wigan?",
        "Which councils were judged good for care leavers?",
        "What did Ofsted find in Wigan's latest inspection?",
        "What does Derby need to improve?",
    ]
    assert len(example_questions([report("x", None, None)])) == 1
    city = example_questions([report("c", "Derby City", "2025-07-08", {"care_leavers": "good"})])
    assert "What does Derby need to improve?" in city   # as people name it: a question the app reads


def test_a_council_with_several_reports_gets_an_example_over_time():
    documents = [report("a", "Derby", "2022-05-10", report_type="ilacs_short"),
                 report("b", "Derby City", "2025-07-08", {"care_leavers": "good"}, report_type="ilacs_short"),
                 report("c", "Wigan", "2022-01-01", report_type="ilacs_short")]
    assert example_questions(documents)[-1] == "How has Derby's support for care leavers changed over time?"
    assert not any("over time" in q for q in example_questions(documents[1:]))
