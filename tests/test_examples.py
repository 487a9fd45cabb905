"""The start page's summary and example questions come from what the library holds."""
from index.output.examples import example_questions, library_summary
from models import Document, DocumentMetadata, Judgement


def report(doc_id, council, published, care_leavers=None):
    judgements = {"care_leavers": Judgement(care_leavers, 1)} if care_leavers else {}
    return Document(doc_id, doc_id, "pdf", [f"/{doc_id}.pdf"],
                    DocumentMetadata(council=council, published=published, judgements=judgements))


def test_the_summary_counts_reports_councils_and_years():
    documents = [report("a", "Derby", "2019-01-01"), report("b", "Derby City", "2025-01-01"), report("c", "Wigan", "2022-05-01")]
    assert library_summary(documents) == "3 reports on 2 councils, 2019–2025."
    assert library_summary([report("a", "Derby", "2019-01-01")]) == "1 report on 1 council, 2019."


def test_example_questions_name_councils_and_grades_the_library_has():
    documents = [report("a", "Derby", "2025-07-08", "good"), report("b", "Wigan", "2022-01-01", "requires improvement")]
    assert example_questions(documents) == [
        "How have councils improved the supervision of social workers?",
        "How was Derby rated for care leavers?",
        "What did inspectors say about personal advisers in Wigan?",
        "Which councils were judged good for care leavers?",
    ]
    assert len(example_questions([report("x", None, None)])) == 1
