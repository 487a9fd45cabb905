"""Ranking behaviour, with the fast test embedder over documents built inline."""
import numpy as np

from index.output.citation import citation
from index.search.searcher import Filters
from models import Judgement
from tests.conftest import add_report, make_report

BOILERPLATE = "Ofsted regulates and inspects to achieve excellence in the care of children and young people."


def test_a_question_naming_a_council_and_year_puts_that_report_first(store, embedder, searcher):
    text = "Supervision of social workers is regular and reflective, and managers oversee plans."
    add_report(store, embedder, "bury2019", "Bury", "2019-03-01", [text])
    add_report(store, embedder, "bury2023", "Bury", "2023-05-01", [text])
    add_report(store, embedder, "wigan2023", "Wigan", "2023-06-01", [text + " Supervision supervision."])
    hits = searcher.search("How is supervision in Bury in 2023?")
    assert hits[0].document.doc_id == "bury2023"


def test_a_theme_question_spreads_across_councils(store, embedder, searcher):
    many = [f"Supervision of social workers improved with reflective supervision, point {i}." for i in range(12)]
    add_report(store, embedder, "big", "Bury", "2023-01-01", many)
    for n, council in enumerate(["Wigan", "Derby", "Leeds", "Barnet"]):
        add_report(store, embedder, f"d{n}", council, "2023-01-01",
                   [f"In {council} supervision of social workers improved this year."])
    councils = {h.document.metadata.council for h in searcher.search("how did councils improve supervision?")}
    assert len(councils) == 5


def test_a_question_across_councils_shows_todays_inspections_first(store, embedder, searcher):
    add_report(store, embedder, "old", "Derby", "2015-03-01",
               ["Supervision of social workers improved: supervision is regular and reflective supervision."],
               report_type="sif")
    add_report(store, embedder, "new", "Wigan", "2025-06-01", ["In Wigan supervision of social workers improved."])
    response = searcher.ask("how did councils improve supervision?")
    assert response.current_first and [h.document.doc_id for h in response.hits] == ["new", "old"]
    assert response.hits[0].score < response.hits[1].score   # the older report's passage scores better
    response = searcher.ask("how did Derby improve supervision?")   # one council: best first
    assert not response.current_first


def test_the_quote_across_councils_is_the_best_passages_not_the_first_shown(store, embedder, searcher):
    add_report(store, embedder, "old", "Derby", "2015-03-01",
               ["Supervision of social workers is regular and reflective supervision is valued."], report_type="sif")
    add_report(store, embedder, "new", "Wigan", "2025-06-01", ["Leaders met partners."])
    response = searcher.ask("How is supervision in Derby and Wigan?")
    assert response.current_first and response.hits[0].document.doc_id == "new"
    assert response.quote is not None and response.quote.document.doc_id == "old"


def test_the_same_boilerplate_in_many_reports_is_shown_once(store, embedder, searcher):
    for n in range(4):
        add_report(store, embedder, f"r{n}", f"Council{n}", "2024-01-01", [BOILERPLATE, f"Report {n} body."])
    texts = [h.chunk.text for h in searcher.search("Ofsted regulates and inspects excellence care children")]
    assert texts.count(BOILERPLATE) == 1


def test_filters_by_council_year_and_grade(store, embedder, searcher):
    text = "Care leavers have personal advisers who stay in touch."
    add_report(store, embedder, "a", "Bury", "2019-01-01", [text], {"care_leavers": Judgement("good", 1)})
    add_report(store, embedder, "b", "Wigan", "2024-01-01", [text], {"care_leavers": Judgement("outstanding", 1)})
    ids = lambda filters: {h.document.doc_id for h in searcher.search("care leavers", filters=filters)}  # noqa: E731
    assert ids(Filters(councils=("bury council",))) == {"a"}
    assert ids(Filters(years=(2024,))) == {"b"}
    assert ids(Filters(grades=("outstanding",), judgement="care_leavers")) == {"b"}
    assert ids(Filters(grades=("inadequate",))) == set()


def test_a_rating_question_gets_the_grade_from_metadata_with_its_page(store, embedder, searcher):
    table = "The experiences and progress of care leavers Outstanding Overall effectiveness Good"
    add_report(store, embedder, "derby", "Derby City", "2025-07-08", ["Intro.", table],
               {"care_leavers": Judgement("outstanding", 2), "overall_effectiveness": Judgement("good", 2)})
    answer = searcher.ask("How was Derby rated for care leavers in 2025?").grade
    assert (answer.grade, answer.page, answer.label) == ("outstanding", 2, "Care leavers")
    assert answer.citation == "Ofsted (2025) Derby City: inspection of local authority children’s services, p. 2"
    assert searcher.search("How was Derby rated for care leavers in 2025?")[0].chunk.page == 2
    assert searcher.ask("How was Derby rated for care leavers in 2019?").grade is None  # no such report: no guess
    assert searcher.ask("What do care leavers in Derby say?").grade is None  # not a rating question


def test_highlights_mark_the_sentences_that_answer(store, embedder, searcher):
    text = "The council has a new office. Care leavers get help with housing from personal advisers. Rain fell."
    add_report(store, embedder, "x", "Bury", "2024-01-01", [text])
    hit = searcher.search("housing help for care leavers")[0]
    assert [hit.chunk.text[h.start:h.end] for h in hit.highlights] == [
        "Care leavers get help with housing from personal advisers."]


def test_a_filter_finds_its_report_even_when_others_match_far_better(store, embedder, searcher):
    for n in range(400):  # more strong matches than either retriever's candidate list holds
        add_report(store, embedder, f"w{n}", "Wigan", "2024-01-01", [f"Supervision supervision supervision {n}."])
    add_report(store, embedder, "bury", "Bury", "2019-01-01", ["A short note that mentions supervision once."])
    hits = searcher.search("supervision", filters=Filters(councils=("Bury",)))
    assert [h.document.doc_id for h in hits] == ["bury"]


def test_which_councils_were_judged_a_grade_lists_each_council_once_from_metadata(store, embedder, searcher):
    judged = lambda grade: {"care_leavers": Judgement(grade, 1)}  # noqa: E731
    add_report(store, embedder, "w1", "Wigan", "2019-01-01", ["Care leavers Outstanding"], judged("outstanding"))
    add_report(store, embedder, "w2", "Wigan", "2025-01-01", ["Care leavers Outstanding"], judged("outstanding"))
    add_report(store, embedder, "b1", "Bury", "2024-01-01", ["Care leavers Good"], judged("good"))
    listing = searcher.ask("Which councils were judged outstanding for care leavers?").grade_list
    assert [(r.council, r.document.doc_id) for r in listing.reports] == [("Wigan", "w2")]
    assert searcher.ask("Which councils were judged outstanding for care leavers in 2019?").grade_list.reports[0].document.doc_id == "w1"
    assert searcher.ask("Was Bury good or outstanding for care leavers?").grade_list is None  # two grades named
    assert searcher.ask("How do councils support care leavers?").grade_list is None  # not a rating question


def test_a_year_filter_admits_a_report_inspected_or_published_that_year():
    """A December inspection is often published in the new year: either year finds it."""
    report = make_report("d", published="2025-01-31", title="", publisher=None, report_type="other", sha256="sha",
                         source="/r.pdf", inspection_start="2024-12-02", inspection_end="2024-12-13")
    assert Filters(years=(2024,)).admits(report) and Filters(years=(2025,)).admits(report)
    assert not Filters(years=(2023,)).admits(report)


def test_which_council_does_something_ranks_the_passage_that_says_it_over_one_only_close_in_meaning(store, embedder, searcher):
    question = "Which council uses an opt-out model so that care leavers keep their support after 21?"
    near = embedder.embed_query(question).reshape(1, -1)
    other = np.roll(near, 1) - near * float(np.dot(np.roll(near, 1)[0], near[0]))
    add_report(store, embedder, "wigan", "Wigan", "2024-01-01",
               ["Care leavers are supported well by their personal advisers."], vectors=near)
    add_report(store, embedder, "bury", "Bury", "2024-01-01",
               ["Young people keep support after 21 under the opt-out model. Leaders have improved the front door and "
                "strategy discussions, and quality assurance is stronger than at the last inspection."],
               vectors=(other / np.linalg.norm(other)).astype(np.float32))
    assert searcher.search(question)[0].document.doc_id == "bury"
    # Asked of councils in general, meaning keeps its say: the passage closest to the question leads.
    assert searcher.search("How do councils support care leavers?")[0].document.doc_id == "wigan"


def test_how_many_is_answered_by_the_report_that_gives_the_figure_not_the_latest(store, embedder, searcher):
    add_report(store, embedder, "bury2015", "Bury", "2015-03-01",
               ["Currently the council has 475 care leavers, most of them in suitable accommodation."])
    add_report(store, embedder, "bury2025", "Bury", "2025-03-01",
               ["Care leavers are well supported by their personal advisers and live in suitable homes."])
    response = searcher.ask("How many care leavers does Bury have?")
    assert response.hits[0].document.doc_id == "bury2015"
    assert "475" in response.quote.text
    # Asked of the topic, the latest report that covers it still comes first.
    assert searcher.search("How are Bury's care leavers supported?")[0].document.doc_id == "bury2025"


def test_asked_what_inspectors_said_of_one_council_its_latest_inspection_leads_not_an_undated_account(store, embedder,
                                                                                                     searcher):
    # An undated press cutting retelling the inspection holds the question's words most fully; it had made which
    # report is latest untold, and led.
    add_report(store, embedder, "bury2019", "Bury", "2019-03-01", ["Supervision of social workers is not regular."])
    add_report(store, embedder, "bury2025", "Bury", "2025-03-01", ["Social workers say supervision is regular."])
    add_report(store, embedder, "cutting", "Bury", None,
               ["Inspectors said supervision of Bury's social workers had improved: supervision is regular, they said."],
               report_type="press_article", publisher="Community Care")
    for question in ("What did inspectors say about supervision in Bury?", "Is supervision in Bury any good?"):
        assert searcher.search(question)[0].document.doc_id == "bury2025", question
    # Asked otherwise, the account keeps its place by its words, and of the inspections the latest still leads.
    order = [h.document.doc_id for h in searcher.search("supervision of Bury's social workers")]
    assert order.index("bury2025") < order.index("bury2019")


def test_a_council_has_one_name_the_one_its_latest_report_prints_and_a_reference_the_reports_own(store, embedder, searcher):
    add_report(store, embedder, "d22", "Derby", "2022-05-10", ["Care leavers have personal advisers."])
    add_report(store, embedder, "d25", "Derby City", "2025-07-07", ["Care leavers are supported after 21."])
    add_report(store, embedder, "paper", "Derby City Council", "2026-01-01", ["Committee paper on care leavers."],
               report_type="committee_paper", publisher=None)
    documents = searcher.catalogue().documents
    assert {d.metadata.council for d in documents.values()} == {"Derby City"}
    hits = searcher.ask("care leavers in Derby").hits
    cited = {h.document.doc_id: citation(h) for h in hits}
    assert cited["d25"].startswith("Ofsted (2025) Derby City: inspection") and ", p. " in cited["d25"]
    assert cited["d22"].startswith("Ofsted (2022) Derby: inspection")   # as the 2022 report names itself
    assert cited["paper"].startswith("Derby City Council (2026)")
