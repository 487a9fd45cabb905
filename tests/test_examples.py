"""The start page's summary and example questions come from what the library holds."""
from functools import partial

from index.output.examples import example_questions, library_summary
from tests.conftest import make_report

report = partial(make_report, title="", publisher=None, report_type="other", sha256="{doc_id}", source="/{doc_id}.pdf")


def test_the_summary_counts_reports_councils_and_years():
    ofsted = partial(report, report_type="ilacs_standard")
    documents = [ofsted("a", "Derby", "2019-01-01"), ofsted("b", "Derby City", "2025-01-01"), ofsted("c", "Wigan", "2022-05-01")]
    assert library_summary(documents) == "3 reports on 2 councils, 2019–2025."
    assert library_summary([ofsted("a", "Derby", "2019-01-01")]) == "1 report on 1 council, 2019."
    # Papers and articles are not Ofsted's reports, and the summary does not call them so.
    mixed = documents + [report("p", "Dudley", "2010-09-16", report_type="committee_paper")]
    assert library_summary(mixed) == "3 Ofsted reports and 1 other document on 3 councils, 2010–2025."
    assert library_summary([report("p", "Dudley", "2010-09-16")]) == "1 document on 1 council, 2010."


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
