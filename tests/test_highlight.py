import pytest

from index.search.highlight import (highlight, holds_figure, sentence_focus, sentence_stems, term_weights, weight_held,
                                    word_key)
from tests.conftest import add_report

TEXT = ("Councils across the region were busy. Supervision is now monthly and reflective for every social "
        "worker. The weather was poor.")


def test_a_rare_topic_word_outweighs_a_word_every_passage_uses():
    weights = term_weights({"supervision": 500, "councils": 9000}, total_passages=10000)
    assert weights["super"] > 3 * weights["counc"]
    (only,) = highlight(TEXT, weights)
    assert TEXT[only.start:only.end] == "Supervision is now monthly and reflective for every social worker."


def test_no_keyword_in_the_passage_means_no_highlight():
    assert highlight(TEXT, term_weights({"adoption": 10}, total_passages=100)) == []


def test_focus_is_the_share_of_keyword_weight_one_sentence_holds():
    weights = term_weights({"supervision": 100, "reflective": 100, "agency": 100}, total_passages=10000)
    together = "Supervision is reflective and no agency staff remain. The weather was poor."
    scattered = "Supervision happens. Some staff are reflective. Agency use fell."
    assert sentence_focus(together, weights) == 1.0
    assert abs(sentence_focus(scattered, weights) - 1 / 3) < 1e-9
    assert sentence_focus("Nothing relevant here.", weights) == 0.0


def test_an_adverb_made_from_a_topic_word_is_another_word():
    weights = term_weights({"sufficiency": 10, "families": 10}, total_passages=100)
    assert word_key("sufficiently") == "sufficiently" and word_key("family") == word_key("families")
    text = "The group is not sufficiently representative. Placement sufficiency is improving for families."
    held = [stems for _, _, stems in sentence_stems(text, weights)]
    assert held == [frozenset(), {"suffi", "famil"}]
    (only,) = highlight(text, weights)
    assert text[only.start:only.end].startswith("Placement sufficiency")


def test_a_theme_question_prefers_the_passage_that_states_the_theme_in_one_sentence(store, embedder, searcher):
    filler = " ".join(f"Point {n} about practice." for n in range(6))
    # Wigan's passage has the words more often (better BM25) but never together; Derby's says it in one sentence.
    add_report(store, embedder, "w", "Wigan", "2023-01-01",
               [f"Supervision is weekly. Supervision is logged. {filler} Managers are reflective. {filler} Agency staff left."])
    add_report(store, embedder, "d", "Derby", "2023-01-01",
               [f"{filler} Supervision is reflective, so agency staff left. {filler}"])
    for n, council in enumerate(["Leeds", "Bury", "Hull"]):
        add_report(store, embedder, f"o{n}", council, "2023-01-01",
                   [f"Care leavers in {council} have homes. Staff know children well. {filler}"])
    assert searcher.search("how is reflective supervision cutting agency staff?")[0].document.doc_id == "d"


@pytest.mark.parametrize("sentence, figure", [
    ("There are 19 care leavers attending university.", True),
    ("The number of children in care has risen to 475.", True),   # a figure ending the sentence
    ("Eighteen children were adopted.", True),
    ("Assessments completed on time rose to 88%.", True),
    ("Eight children live in two of the three homes.", True),
    ("At 31 March 2015, 1,785 children were in need.", True),
    ("The experiences and progress of children in care: outstanding  23.", False),   # the next paragraph's number
    ("◼ Children missing education. (National Framework, Outcome 1)", False),
    ("In 2015 the council restructured its teams.", False),
])
def test_a_figure_is_a_number_that_counts_something_not_a_year_footnote_or_paragraph_number(sentence, figure):
    assert holds_figure(sentence) is figure


def test_a_question_asking_for_a_figure_marks_the_sentence_that_gives_one():
    text = "Care leavers are well supported by personal advisers. There are 475 care leavers in the city."
    weights = {"care": 1.0, "leave": 1.0}
    assert [text[h.start:h.end] for h in highlight(text, weights, figure=True)] == ["There are 475 care leavers in the city."]


def test_a_heading_is_never_marked_nor_run_into_the_sentence_after_it():
    text = ("Improved supervision\n\nThe council introduced group supervision for every team. Other news.\n\n"
            "New model resulting in improved supervision\n\nWhat needs to improve in supervision?")
    weights = {"impro": 1.0, "super": 3.0}
    marked = [text[h.start:h.end] for h in highlight(text, weights)]
    assert marked == ["The council introduced group supervision for every team."]


def test_a_bullet_inside_a_line_starts_an_item_of_its_own():
    from text.sentences import sentence_spans

    text = "Leaders will ensure accurate initial referrals • Review supervision processes after audits."
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "Leaders will ensure accurate initial referrals", "• Review supervision processes after audits."]


def test_a_sif_reports_dash_glyph_starts_a_sub_item_of_its_own():
    from text.sentences import sentence_spans

    text = "Of this 109, 5% returned to be looked after \uf02d eight young people moved on to independent living"
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "Of this 109, 5% returned to be looked after", "\uf02d eight young people moved on to independent living"]


def test_the_sentence_qualifying_a_marked_one_is_marked_with_it():
    text = "Supervision practices have improved. However, there are still areas for further development. Plans are clear."
    marked = [text[h.start:h.end] for h in highlight(text, {"super": 3.0, "impro": 1.0})]
    assert marked == ["Supervision practices have improved.", "However, there are still areas for further development."]


def test_the_weight_a_sentence_holds_does_not_depend_on_the_order_its_words_are_counted_in():
    # A set of stems iterates in another order in each process; summed plainly, 0.1 + 0.2 + 0.3 and 0.3 + 0.2 + 0.1
    # differ in the last digit, and two sentences holding the same words stopped tying (the quote changed between runs).
    weights = {"pathw": 0.1, "plans": 0.2, "leave": 0.3}
    assert weight_held(["pathw", "plans", "leave"], weights) == weight_held(["leave", "plans", "pathw"], weights)
    assert sum(weights[s] for s in ["pathw", "plans", "leave"]) != sum(weights[s] for s in ["leave", "plans", "pathw"])
