"""A report's list of what must improve: the questions that ask for it, finding it, and quoting its items."""
from functools import partial

import pytest

from ofsted.improvement import asks_improvements, listed_items
from tests.conftest import add_report

add = partial(add_report, title="{council}: inspection")


@pytest.mark.parametrize("question", ["What are Stoke-on-Trent's areas for improvement?", "What does Wigan need to improve?",
                                      "What did Ofsted recommend for Derby in 2022?", "What should Somerset improve?"])
def test_questions_that_ask_what_must_improve(question):
    assert asks_improvements(question)


@pytest.mark.parametrize("question", ["How did Wigan improve supervision?", "Has Wigan improved since its last inspection?",
                                      "Does Wigan require improvement for care leavers?"])
def test_questions_about_improving_that_do_not_ask_for_the_list(question):
    assert not asks_improvements(question)


@pytest.mark.parametrize("passage, quoted", [
    ("Leaders know this.\n\nWhat needs to improve?1\n\n◼ Return home interviews.\n\n◼ Plans for care\nleavers.\n\n"
     "◼ Supervision.\n\n◼ A fourth.", "◼ Return home interviews.\n\n◼ Plans for care\nleavers.\n\n◼ Supervision."),
    ("Leaders know this. What needs to improve \uf06e Return home interviews \uf06e Plans", "\uf06e Return home interviews \uf06e Plans"),
    ("Areas for improvement Planning\n\n1. Ensure plans are clear.\n\nParticipation\n\n2. Ensure advocacy.",
     "1. Ensure plans are clear.\n\nParticipation\n\n2. Ensure advocacy."),
    ("◼ The list carried on from the passage before.", "◼ The list carried on from the passage before."),
])
def test_the_quoted_items_are_the_first_three_of_the_list_verbatim(passage, quoted):
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
