"""Whole sentences: the quote never starts or ends mid-sentence, a passage cut by a page break is completed,
and pages about the report (cover, judgement table, licence) are told apart from findings."""
import pytest

from index.search.highlight import term_weights
from index.search.quotes import best_quote, opening_quote
from index.search.relevance import Evidence, answers, is_front_matter, is_licence
from index.search.widening import locate, passage_text, widen
from models import Chunk, Hit
from text.sentences import refers_back
from tests.conftest import make_report

DOCUMENT = make_report("d", "Bury", "2025-01-01", title="T", sha256="sha", source="/d.pdf")


def hit(text, page=3, start=100):
    return Hit(Chunk("d", page, start, start + len(text), text), DOCUMENT, 1.0)


def test_a_quote_leaves_out_a_sentence_cut_by_the_passage_edge():
    text = "plans for care leavers are strong. Pathway plans are reviewed often. Plans are shared with young"
    quote = best_quote(hit(text), {"plan": 1.0, "pathw": 1.0})
    assert quote.text == "Pathway plans are reviewed often."
    assert (quote.page, quote.start) == (3, 100 + text.index("Pathway"))


def test_no_quote_without_a_whole_sentence_holding_a_keyword():
    assert best_quote(hit("Adoption is timely. Fostering is strong."), {"plan": 1.0}) is None


def test_a_passage_starting_mid_sentence_takes_the_start_from_the_page_before():
    pages = {1: "Leaders invest. The council should prioritise its spending on the", 2: "development of homes. Next."}
    chunk = Chunk("d", 2, 0, 21, "development of homes.")
    widened, page_break = widen(chunk, lambda doc, number: pages.get(number))
    assert widened.text == "The council should prioritise its spending on the development of homes."
    assert (widened.page, widened.end_page, widened.start) == (1, 2, pages[1].index("The council"))
    assert locate(widened, page_break, widened.text.index("homes")) == (2, pages[2].index("homes"))
    assert passage_text(widened, lambda doc, number: pages.get(number)) == widened.text


def test_a_passage_ending_mid_sentence_takes_the_end_from_the_next_page():
    pages = {1: "Plans are clear. Managers check the quality of", 2: "plans each month. Adoption is timely."}
    chunk = Chunk("d", 1, 17, len(pages[1]), pages[1][17:])
    widened, _ = widen(chunk, lambda doc, number: pages.get(number))
    assert widened.text == "Managers check the quality of plans each month." and widened.end == len("plans each month.")


def test_whole_passages_stay_as_they_are():
    chunk = Chunk("d", 2, 0, 11, "Plans are clear.")
    assert widen(chunk, lambda doc, number: "previous page ends without a stop") == (chunk, None)


def test_pages_about_the_report_are_told_apart_from_findings():
    assert is_front_matter("Inspection of Bury\nInspection dates: 3 to 7 March 2025\nLead inspector: A Person")
    assert is_front_matter("Judgement\nGrade\nOverall effectiveness\nGood\nCare leavers\nOutstanding\n")
    assert is_licence("(Ofsted) regulates and inspects to achieve excellence in the care of children")
    assert is_front_matter("Contents Executive summary 2 The local authority 5 Information about this local "
                           "authority area 5 Recommendations 7 Summary for children and young people 9")
    assert not is_front_matter("Plans are good and care leavers say they are listened to.")
    assert not is_front_matter("The contents of 12 plans were reviewed: 9 were up to date and 3 were not.")
    # A SIF report's list of judgements, cut from its cover as a passage of its own: no heading, only rows.
    assert is_front_matter("1. Children who need help and protection Inadequate 2. Children looked after and "
                           "achieving permanence Requires improvement 2.1 Adoption performance Good 2.2 Experiences "
                           "and progress of care leavers Requires improvement")
    assert not is_front_matter("Children who need help and protection are now seen quickly; help is good.")


def test_a_question_is_answered_when_one_of_the_first_three_passages_is_a_partial_match():
    weak, partial = Evidence(0.2, 0.2, 0.0), Evidence(0.45, 0.5, 0.0)
    assert (weak.label, partial.label) == ("weak", "partial")
    assert answers([weak, weak, partial]) and not answers([weak, weak, weak, partial])
    assert Evidence(0.45, 0.5, 1.0).label == "weak"  # the topic's words appear nowhere searched


def test_a_question_the_report_asks_itself_is_a_heading_not_the_quote():
    text = "How are plans reviewed? Plans are reviewed monthly by managers."
    assert best_quote(hit(text), term_weights({"plans": 10, "reviewed": 10}, 100)).text == "Plans are reviewed monthly by managers."


def test_a_passage_stating_what_is_asked_is_at_least_a_partial_match():
    assert Evidence(0.1, 0.0, 0.0, stated=True).label == "partial" and Evidence(0.1, 0.0, 0.0).label == "weak"
    assert Evidence(0.9, 0.0, 0.0, stated=True).label == "strong"


def test_a_quote_takes_the_sentence_that_qualifies_it():
    from index.search.quotes import covering_quote

    text = ("Supervision practices have improved. However, there are still areas for further development. "
            "Plans are clear.\n\nSupervision is regular. Visits are timely.")
    weights = {"super": 3.0, "impro": 1.0}
    assert best_quote(hit(text), weights).text == (
        "Supervision practices have improved. However, there are still areas for further development.")
    assert covering_quote(hit(text), weights).text.endswith("further development.")
    # No qualification, nothing added; a qualification in the next paragraph is another point.
    assert best_quote(hit("Supervision is regular. Visits are timely."), weights).text == "Supervision is regular."
    assert best_quote(hit("Supervision has improved.\n\nHowever, plans are vague."), weights).text == (
        "Supervision has improved.")


def test_a_quote_takes_a_qualification_two_sentences_on_and_the_sentence_it_leans_on():
    from index.search.quotes import covering_quote

    weights = {"super": 3.0, "regul": 1.0}
    text = ("58. Most social workers receive regular supervision. When it takes place, supervision includes clear "
            "direction. However, this is not consistently the case across all services. Visits are timely.")
    expected = ("Most social workers receive regular supervision. When it takes place, supervision includes clear "
                "direction. However, this is not consistently the case across all services.")
    assert best_quote(hit(text), weights).text == expected
    assert covering_quote(hit(text), weights).text == expected
    # A "However" after a sentence on something else qualifies that sentence, not the quote.
    text = "Supervision is regular and reflective. Visits to children are timely. However, plans are not always updated."
    assert best_quote(hit(text), weights).text == "Supervision is regular and reflective."
    # The sentence a quote leans on comes before a qualification further on.
    text = "Leaders have set up forums. This has helped supervision. Visits are timely. However, plans are weak."
    assert best_quote(hit(text), weights).text == "Leaders have set up forums. This has helped supervision."
    # A list item leans on no item before it.
    text = "◼ Leaders have set up forums.\n◼ Their supervision is regular."
    assert best_quote(hit(text), weights).text == "Their supervision is regular."
    # A quote opening on "these" takes the sentence it points back to, within its paragraph only.
    text = ("Leaders have set up group sessions and reflective forums. The impact of these coordinated interventions "
            "is closely monitored through supervision.")
    assert best_quote(hit(text), weights).text == text
    text = "Leaders have set up forums.\n\nThe impact of these is closely monitored through supervision."
    assert best_quote(hit(text), weights).text == "The impact of these is closely monitored through supervision."


@pytest.mark.parametrize("sentence, leans", [
    ("This has shaped and improved practice.", True),
    ("The impact of these coordinated interventions is monitored.", True),
    ("In addition, managers audit supervision records.", True),
    ("They know their children well.", True),
    ("In addition to individual supervision, group supervision helps.", False),
    ("This inspection found that children are safe.", False),   # the report itself, not the sentence before
    ("Most social workers receive regular supervision.", False),
    ("Itinerant workers help.", False),
    ("However, plans are not always updated.", True),   # a qualification leans on what it qualifies
    ("Despite this, supervision is not regular.", True),
    ("Partners such as health visitors attend.", False),   # examples, not a pointer back
    ("Those who are parents get help.", False),   # whom it means, not the sentence before
    ("Importantly, this enables them to build networks.", True),
    ("For example, a domestic abuse protocol is in place.", True),   # an example of a claim made before
    ("As a consequence, leaders have acted.", True),
    ("As a result of an audit, records have improved.", False),   # names its own cause
    ("As a result of this, leaders have acted.", True),
    ("This area of practice is weak.", True),
    ("This local authority has improved its services.", False),   # the report's subject
])
def test_a_sentence_that_leans_on_the_one_before(sentence, leans):
    assert refers_back(sentence) is leans


def test_a_quote_starts_at_its_first_word_past_a_paragraph_number_or_a_bullet():
    weights = {"super": 3.0}
    assert best_quote(hit("45. Supervision is regular and reflective."), weights).text == (
        "Supervision is regular and reflective.")
    assert best_quote(hit("Other news. • Review supervision processes after audits."), weights).text == (
        "Review supervision processes after audits.")
    # a list's item may open in lower case ("◼ eight children are unaccompanied …"): the bullet is still no word
    assert best_quote(hit("Figures:\n\n\uf06e eight children are in supervision groups."), weights).text == (
        "eight children are in supervision groups.")


@pytest.mark.parametrize("text, expected", [
    ("37. Care leavers in Dorset receive a strong service from their advisers. They are seen often.",
     "Care leavers in Dorset receive a strong service from their advisers."),
    ("Summary Services for children looked after in Gateshead are good. Decisions are timely.",   # SIF
     "Services for children looked after in Gateshead are good."),
    ("\n\n44. Most care leavers are well supported. However, a few wait too long for a home.\n\n45. Advisers …",
     "Most care leavers are well supported. However, a few wait too long for a home."),
])
def test_a_sections_opening_is_its_first_whole_sentence_past_label_and_number(text, expected):
    quote = opening_quote(hit(text))
    assert quote.text == expected and text[quote.start - 100:quote.end - 100] == expected


def test_a_section_opening_mid_sentence_has_no_opening_quote():
    assert opening_quote(hit("of the care leavers we met, all had a home. Advisers visit often.")) is None


def test_a_bare_verdict_is_quoted_with_the_next_sentence_saying_how():
    from index.search.quotes import covering_quote

    weights = {"healt": 3.0, "needs": 1.0}
    text = ("Children's health needs are prioritised. A dedicated nurse completes health assessments on time. "
            "Visits are regular.")
    assert covering_quote(hit(text), weights).text == (
        "Children's health needs are prioritised. A dedicated nurse completes health assessments on time.")
    # Not a sentence off the topic, one in the next paragraph or a list's item, nor after a sentence saying more.
    for after in (" Visits to children are regular.", "\n\nA dedicated nurse completes health assessments on time.",
                  " • Health assessments on time."):
        assert covering_quote(hit("Children's health needs are prioritised." + after), weights).text == (
            "Children's health needs are prioritised.")
    long = ("Children's health needs are identified when they come into care and are reviewed at every looked after "
            "review by their social workers.")
    assert covering_quote(hit(long + " A dedicated nurse completes health assessments on time."), weights).text == long
