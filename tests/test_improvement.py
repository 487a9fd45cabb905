"""A report's list of what must improve: the questions that ask for it, finding it, and quoting its items."""
from functools import partial

import pytest

from index.search.query import analyse
from ofsted.improvement import listed_items
from tests.conftest import add_report

add = partial(add_report, title="{council}: inspection")


COUNCILS = ["stoke on trent", "wigan", "derby", "somerset"]


@pytest.mark.parametrize("question", ["What are Stoke-on-Trent's areas for improvement?", "What does Wigan need to improve?",
                                      "What did Ofsted recommend for Derby in 2022?", "What should Somerset improve?",
                                      "What were the main weaknesses in Somerset's 2026 inspection?",
                                      "What shortcomings did Ofsted find in Stoke?"])
def test_questions_that_ask_what_must_improve(question):
    assert analyse(question, COUNCILS).asks_improvements


@pytest.mark.parametrize("question", ["How did Wigan improve supervision?", "Has Wigan improved since its last inspection?",
                                      "Does Wigan require improvement for care leavers?",
                                      "What should be done to improve supervision in Wigan?",
                                      "How has Derby responded to the 2019 recommendations on care leavers?",
                                      "Is there a recommended caseload size in Wigan?",
                                      "What weaknesses in supervision did inspectors find in Wigan?"])
def test_questions_about_improving_something_do_not_ask_for_the_list(question):
    assert not analyse(question, COUNCILS).asks_improvements


@pytest.mark.parametrize("passage, quoted", [
    ("Leaders know this.\n\nWhat needs to improve?1\n\n◼ Return home interviews.\n\n◼ Plans for care\nleavers.\n\n"
     "◼ Supervision.\n\n◼ A fourth.\n\nThe experiences of children: good",
     "◼ Return home interviews.\n\n◼ Plans for care\nleavers.\n\n◼ Supervision.\n\n◼ A fourth."),   # bullets: whole
    ("Leaders know this. What needs to improve \uf06e Return home interviews \uf06e Plans", "\uf06e Return home interviews \uf06e Plans"),
    ("Areas for improvement Planning\n\n1. Ensure plans are clear.\n\nParticipation\n\n2. Ensure advocacy.",
     "1. Ensure plans are clear.\n\nParticipation\n\n2. Ensure advocacy."),
    ("◼ The list carried on from the passage before.", "◼ The list carried on from the passage before."),
    # numbers one after another: the run whole (Bracknell Forest's five), and an item's own bullets after its colon
    ("Recommendations\n\n1. Ensure plans.\n\n2. Ensure visits.\n\n3. Audit.\n\n4. Review.\n\nSummary for children",
     "1. Ensure plans.\n\n2. Ensure visits.\n\n3. Audit.\n\n4. Review."),
    ("Recommendations\n\n1. Ensure plans.\n\n2. Implement the following:\n\n• advocacy\n\n• visits\n\nSummary",
     "1. Ensure plans.\n\n2. Implement the following:\n\n• advocacy\n\n• visits"),
])
def test_the_quoted_items_are_the_lists_run_whole_or_a_parted_numbered_lists_first_three_verbatim(passage, quoted):
    start, end = listed_items(passage)
    assert passage[start:end] == quoted


def test_numbered_findings_are_not_a_list_without_its_heading():
    assert listed_items("12. Children are seen regularly. Their plans improve.") is None


def test_the_list_comes_first_and_its_items_are_the_quote(store, embedder, searcher):
    add(store, embedder, "wigan", "Wigan", "2025-06-01", [
        "Leaders need to improve recommendations. Improvement areas need to improve: leaders improve and improve.",
        "What needs to improve?\n\n◼ The response to homeless 16-year-olds.\n\n◼ Management oversight of plans.",
    ])
    response = searcher.ask("What does Wigan need to improve?")
    assert response.hits[0].chunk.page == 2
    assert response.quote.text == "◼ The response to homeless 16-year-olds.\n\n◼ Management oversight of plans."
    assert response.quote.page == 2 and response.read_as == "what needs to improve, in Wigan's reports"


def test_the_list_comes_first_even_below_a_passage_that_matches_the_question_better(store, embedder, searcher):
    add(store, embedder, "wigan", "Wigan", "2025-06-01", [
        "What does Wigan need to improve? Wigan needs to improve. Wigan need improve, need improve, improve.",
        "Inspectors found much.\n\nWhat needs to improve?\n\n◼ Plans.\n\n◼ Oversight.",
        "◼ Supervision, carried on from the page before.\n\n◼ Advocacy.",
        "Children are seen often.",
    ])
    response = searcher.ask("What does Wigan need to improve?")
    assert [h.chunk.page for h in response.hits[:2]] == [2, 3]   # the list, and the passage carrying it on
    assert response.quote.text == "◼ Plans.\n\n◼ Oversight."


def test_what_must_improve_for_a_topic_is_the_lists_item_on_it(store, embedder, searcher):
    add(store, embedder, "harrow", "Harrow", "2025-03-04", [
        "What needs to improve?\n\n◼ Leadership stability.\n\n◼ The quality of support for care leavers.\n\n"
        "◼ Risks to care leavers' welfare.\n\n◼ Audit.",
        "Leaders have improved services. However, the needs of care leavers had not been fully understood.",
        "Adopters wait too long for a match, and support for adopters needs to improve.",
    ])
    response = searcher.ask("What did Harrow's latest inspection say needs to improve for care leavers?")
    assert response.hits[0].chunk.page == 1
    assert response.quote.text == "◼ The quality of support for care leavers.\n\n◼ Risks to care leavers' welfare."
    # a topic no item names: the report's own words on it, not the list
    response = searcher.ask("What did Harrow's inspection say needs to improve for adopters?")
    assert response.quote.text == "Adopters wait too long for a match, and support for adopters needs to improve."
    # framing words are no topic: "key areas for improvement for care leavers" is the same question
    response = searcher.ask("What are the key areas for improvement for care leavers in Harrow's latest inspection?")
    assert response.quote.text.startswith("◼ The quality of support for care leavers.")
    start, end = listed_items("What needs to improve?\n\n◼ Plans.\n\n◼ Care leavers.", lambda item: "Care" in item)
    assert "What needs to improve?\n\n◼ Plans.\n\n◼ Care leavers."[start:end] == "◼ Care leavers."
    # only the list's own run: a finding numbered after it, or a strength bulleted later, is none of its items
    sif = ("Recommendations\n\n1. Improve supervision.\n\n2. Improve plans.\n\nSummary of findings\n\n"
           "10. Care leavers are well supported by personal advisers.")
    assert listed_items(sif, lambda item: "Care leavers" in item) is None
    later = "What needs to improve?\n\n◼ Plans.\n\nAreas of strength include: ◼ Care leavers are supported well."
    assert listed_items(later, lambda item: "Care leavers" in item) is None


def test_a_list_cut_by_its_passages_end_is_quoted_whole(store, embedder, searcher):
    """Wigan 2025: the passage ends after two of the list's three items, and the next opens on the third."""
    from models import Chunk
    page = ("Managers oversee caseloads.\n\nWhat needs to improve?1\n\n◼ Oversight of screening decisions.\n\n"
            "◼ Timely responses to concerns.\n\n◼ The quality of safety plans.\n\n1. Children benefit from early help.")
    cut = page.index("◼ The quality")
    chunks = [Chunk("wigan", 1, 0, cut - 2, page[:cut - 2], ordinal=0),
              Chunk("wigan", 1, cut, len(page), page[cut:], ordinal=1)]
    add(store, embedder, "wigan", "Wigan", "2025-11-26", [page], chunks=chunks)
    whole = "◼ Oversight of screening decisions.\n\n◼ Timely responses to concerns.\n\n◼ The quality of safety plans."
    for question in ("What needs to improve in Wigan?", "What are the areas for improvement for Wigan?"):
        quote = searcher.ask(question).quote
        assert (quote.text, quote.page, page[quote.start:quote.end]) == (whole, 1, whole), question


def test_a_numbered_list_is_not_run_on_into_bullets_further_down_its_page(store, embedder, searcher):
    """Bracknell Forest 2017: the recommendations, then the summary for children, bulleted, on the same page."""
    from models import Chunk
    page = ("Recommendations\n\n1. Ensure plans are reviewed.\n\n2. Ensure visits happen.\n\n3. Ensure audits.\n\n"
            "Summary for children and young people\n\n• Children and families receive good services.\n\n• Workers listen.")
    cut = page.index("Summary")
    chunks = [Chunk("bf", 1, 0, cut - 2, page[:cut - 2], ordinal=0), Chunk("bf", 1, cut, len(page), page[cut:], ordinal=1)]
    add(store, embedder, "bf", "Bracknell Forest", "2017-06-01", [page], chunks=chunks, report_type="sif")
    quote = searcher.ask("What should Bracknell Forest improve?").quote
    assert quote.text == "1. Ensure plans are reviewed.\n\n2. Ensure visits happen.\n\n3. Ensure audits."


def test_the_templates_footnote_on_the_list_is_never_the_answer(store, embedder, searcher):
    """Every 2025 report prints it under its list; it holds "areas for improvement" and says nothing of the council."""
    add(store, embedder, "wigan", "Wigan", "2025-11-26", [
        "What needs to improve?\n\n◼ Screening decisions at the front door.\n\n1 The areas for improvement have been "
        "cross-referenced with the outcomes, enablers or principles in the Children’s Social Care: National Framework. "
        "This statutory guidance sets out the purpose, principles for practice and expected outcomes of children’s "
        "social care.",
        "Inspectors met care leavers. Pathway plans are not always updated, and care leavers' homes vary."])
    response = searcher.ask("What are Wigan's areas for improvement for care leavers?")
    assert "cross-referenced" not in response.quote.text and "statutory guidance" not in response.quote.text
    assert response.quote.text.startswith("Inspectors met care leavers.")
    from ofsted.front_matter import is_report_note
    assert not is_report_note("Training courses have been cross-referenced to serious case reviews.")   # a finding


def test_the_heading_of_a_list_reaching_a_passage():
    from ofsted.improvement import list_heading_before
    page = "Leaders act.\n\nWhat needs to improve?\n\n◼ Plans.\n\n◼ Visits.\n\nThe experiences of children: good\n\n1. Seen."
    assert list_heading_before(page, page.index("◼ Visits")) == page.index("What needs")
    assert list_heading_before(page, page.index("1. Seen")) is None   # past the list's run: a finding
    assert list_heading_before("◼ Plans.\n◼ Visits.", 9) is None


def test_a_passage_that_merely_starts_with_a_bullet_is_not_quoted_as_the_list(store, embedder, searcher):
    add(store, embedder, "wigan", "Wigan", "2025-06-01",
        ["◼ Staff need to improve plans.\n\n◼ Caseloads are low.\n\n◼ Visits are regular."])
    response = searcher.ask("What needs to improve?")   # names no council: no report's list is searched
    assert response.quote.text == "Staff need to improve plans."   # its best sentence, not three items


def test_a_contents_line_or_wrapped_prose_is_not_the_lists_heading():
    from ofsted.improvement import heads_improvements
    assert not heads_improvements("Contents\nRecommendations 7\nSummary for children 9")
    assert not heads_improvements("Leaders acted. Areas for improvement identified last time have been\naddressed.")
    assert heads_improvements("Areas for improvement Leadership and management\n\n1. Ensure plans are clear.")



def test_a_list_of_what_must_improve_runs_over_its_items_only():
    from ofsted.improvement import in_list
    ilacs = ("What needs to improve?\n\n◼ Return home interviews for children who go missing.\n◼ The quality of plans."
             "\n\n1. There is a timely response to concerns at the front door.")
    sif = ("Recommendations\n\n1. Ensure that supported accommodation is sufficient.\n\n2. Accelerate the strategy.\n\n"
           "Summary for children and young people\n\n◼ When young people leave care, they get good support.")
    assert in_list(ilacs, ilacs.index("Return home")) and in_list(ilacs, ilacs.index("The quality"))
    assert not in_list(ilacs, ilacs.index("There is a timely"))   # ILACS numbers its findings, not its list
    assert in_list(sif, sif.index("Ensure")) and in_list(sif, sif.index("Accelerate"))
    assert not in_list(sif, sif.index("When young people"))   # a SIF summary's bullets are findings


def test_a_list_of_what_must_improve_runs_on_over_a_page_break():
    from ofsted.improvement import in_list
    before = "Summary.\n\nWhat needs to improve?\n\n◼ The timeliness of plans.\n\n◼ Return home interviews."
    page = "◼ The completion of life-story work for children in care.\n\nThe experiences and progress of children: good" \
           "\n\n1. Children are safe."
    assert in_list(page, 2, before) and not in_list(page, page.index("Children are safe"), before)
    assert not in_list(page, 2, "Leaders are strong. Children are safe.")   # a page before ending in prose


def test_a_pages_list_is_found_once_as_the_runs_of_its_items():
    from ofsted.improvement import list_spans
    page = ("Leaders are strong.\n\nWhat needs to improve?\n\n◼ Return home interviews.\n◼ The quality of plans.\n\n"
            "1. Children are safe.")
    assert [page[start:end].strip() for start, end in list_spans(page)] == ["◼ Return home interviews.",
                                                                          "◼ The quality of plans."]
    assert list_spans("Leaders are strong. Children are safe.") == []
