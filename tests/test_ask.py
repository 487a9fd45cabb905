"""Searcher.ask, the one front door: scope by the council named, the report's own sentences, knowing when
nothing answers, whole sentences across page breaks, follow-ups. Fast test embedder, documents built inline."""
from functools import partial

import numpy as np

from index.output.citation import citation
from index.search.searcher import Filters
from models import Judgement
from tests.conftest import add_report

COVER = ("Bury\nInspection of Bury local authority children's services\nInspection dates: 3 to 7 March 2025\n"
         "Lead inspector: A Person")
LICENCE = ("The Office for Standards in Education, Children's Services and Skills (Ofsted) regulates and inspects to "
           "achieve excellence in the care of children and young people. This publication is available under the "
           "Open Government Licence.")

add = partial(add_report, title="{council}: inspection")  # a report whose every page is one passage


def test_a_named_council_scopes_the_search_and_its_cover_page_does_not_come_first(store, embedder, searcher):
    add(store, embedder, "bury", "Bury", "2025-05-01",
        [COVER + " Bury Bury Bury 2025", "Care leavers in Bury have personal advisers who visit them often."])
    add(store, embedder, "wigan", "Wigan", "2025-06-01",
        ["Care leavers care leavers: personal advisers support care leavers in their homes, care leavers say."])
    response = searcher.ask("what did inspectors say about care leavers in Bury in 2025?")
    assert {h.document.doc_id for h in response.hits} == {"bury"}
    assert response.hits[0].chunk.page == 2 and response.answerable
    assert response.scope == "Bury's 2025 report"


def test_a_possessive_and_an_everyday_name_are_read_as_the_council(store, embedder, searcher):
    add(store, embedder, "wigan", "Wigan", "2025-06-01", ["Personal advisers in Wigan keep in touch with care leavers."])
    add(store, embedder, "hull", "Kingston upon Hull", "2024-01-01", ["Personal advisers keep in touch with care leavers."])
    assert {h.document.doc_id for h in searcher.ask("How good are Wigan's personal advisers?").hits} == {"wigan"}
    assert {h.document.doc_id for h in searcher.ask("personal advisers in Hull").hits} == {"hull"}


def test_the_verb_a_question_frames_its_topic_with_is_not_the_topic(store, embedder, searcher):
    add(store, embedder, "wigan", "Wigan", "2025-06-01",
        ["The front door responds to contacts and referrals quickly.", "Care leavers live in suitable homes."])
    response = searcher.ask("How well does Wigan's front door handle contacts and referrals?")
    assert response.query.topic_terms == ["front", "door", "contacts", "referrals"]
    assert response.answerable and response.hits[0].chunk.page == 1  # "handle" is in no report: no matter


def test_what_the_one_asked_about_does_is_said_in_the_reports_own_words(store, embedder, searcher):
    # A passage as near the question in meaning as MiniLM puts a plain answer (cosine 0.45), printing its topic but
    # not its verb: "runs" is in no report, and that must not make the question unanswered.
    question = embedder.embed_query("Who runs adoption?")
    other = np.random.default_rng(0).normal(size=question.shape)
    other -= (other @ question) * question
    near = 0.45 * question + np.sqrt(1 - 0.45 ** 2) * other / np.linalg.norm(other)
    add(store, embedder, "soton", "Southampton", "2020-01-09",
        ["Adopt South, a new regional adoption agency, provides Southampton's adoption arrangements."],
        vectors=near.reshape(1, -1).astype(np.float32))
    response = searcher.ask("Who runs adoption for Southampton?")
    assert response.query.action_terms == {"runs"}
    assert response.answerable and response.hits[0].chunk.page == 1  # "runs" is in no report: no matter


def test_the_short_words_of_a_hyphenated_compound_tell_it_from_its_opposite(store, embedder, searcher):
    add(store, embedder, "wigan", "Wigan", "2025-06-01",
        ["Care leavers over 21 can opt in to support.", "Care leavers over 21 can opt out of support."])
    response = searcher.ask("Which council has an opt-out for care leavers over 21?")
    assert response.query.terms[1:3] == ["opt", "out"]   # "out" is a stopword anywhere else
    assert response.hits[0].chunk.page == 2


def test_councils_compared_take_turns_and_the_comparing_word_is_no_topic(store, embedder, searcher):
    add(store, embedder, "wigan", "Wigan", "2025-06-01", ["Care leavers in Wigan have a hub.", "Care leavers get PAs.",
                                                          "Care leavers are safe."])
    add(store, embedder, "derby", "Derby", "2025-07-01", ["Placements are of comparable quality to care leavers' homes.",
                                                          "Derby care leavers live in suitable homes."])
    response = searcher.ask("Compare Derby and Wigan on care leavers")
    assert response.query.topic_terms == ["care", "leavers"]
    shown = [h.document.doc_id for h in response.hits]
    assert sorted(shown[:2]) == ["derby", "wigan"] and sorted(shown[2:4]) == ["derby", "wigan"]


def test_each_council_named_opens_on_its_latest_report_that_covers_the_topic(store, embedder, searcher):
    for council in ("Wigan", "Derby"):
        for year in ("2025", "2019"):  # the older added last: ties go to it
            add(store, embedder, f"{council}{year}", council, f"{year}-06-01",
                [f"Care leavers in {council} get support from personal advisers."])
    shown = [h.document.doc_id for h in searcher.ask("How do Derby and Wigan support care leavers?").hits[:2]]
    assert sorted(shown) == ["Derby2025", "Wigan2025"]


def test_what_a_councils_latest_inspection_found_is_its_grade_and_its_report_in_order(store, embedder, searcher):
    add(store, embedder, "old", "Wigan", "2019-06-01", ["Overall effectiveness Good", "Leaders are strong."],
        {"overall_effectiveness": Judgement("good", 1)})
    add(store, embedder, "new", "Wigan", "2025-06-01", [COVER, "Children are safe.", LICENCE, "Plans are clear."],
        {"overall_effectiveness": Judgement("inadequate", 1)})
    add(store, embedder, "paper", "Wigan", "2026-01-01", ["The committee noted the report."],
        report_type="committee_paper")
    for question in ("What did Ofsted find in Wigan's most recent inspection?", "Wigan"):
        response = searcher.ask(question)
        assert response.read_as == "what Wigan's 2025 report found" and response.grade.grade == "inadequate"
        assert [h.chunk.page for h in response.hits] == [1, 2, 4] and response.answerable  # licence text left out
    assert searcher.ask("Summarise Wigan's 2019 report").grade.grade == "good"
    assert searcher.ask("What did Ofsted say about leaders in Wigan?").read_as != "what Wigan's 2025 report found"


def test_only_one_councils_inspection_report_is_read_as_what_it_found(store, embedder, searcher):
    add(store, embedder, "paper", "Wigan", "2026-01-01", ["The committee noted the report.", "Next steps."],
        report_type="committee_paper")
    add(store, embedder, "derby", "Derby", "2023-06-01", ["Overall effectiveness Good", "Leaders are strong."],
        {"overall_effectiveness": Judgement("good", 1)})
    assert searcher.ask("What did Ofsted find in Wigan?").read_as != "what Wigan's 2026 report found"  # a paper
    assert searcher.ask("What did Ofsted find in Derby and Wigan?").query.kind != "summary"
    response = searcher.ask("Summarise Derby's 2025 report")   # none from 2025: the latest there is, said so
    assert response.read_as == "what Derby's 2023 report found" and response.grade.grade == "good"


def test_a_rating_question_naming_two_councils_gives_each_grade_in_the_order_named(store, embedder, searcher):
    add(store, embedder, "wokingham", "Wokingham", "2025-06-01", ["Overall effectiveness Good Wokingham good good"],
        {"overall_effectiveness": Judgement("good", 1)})
    add(store, embedder, "derby", "Derby", "2025-07-01", ["Overall effectiveness Good"],
        {"overall_effectiveness": Judgement("good", 1)})
    response = searcher.ask("Are Derby and Wokingham both good?")
    assert response.grade is None and response.answerable
    assert [(r.council, r.grade) for r in response.grade_list.reports] == [("Derby", "good"), ("Wokingham", "good")]
    assert {h.document.doc_id for h in response.hits} == {"derby", "wokingham"}   # each one's statement
    assert response.read_as == "how were Derby and Wokingham rated for overall effectiveness?"


def test_the_quote_comes_from_the_next_passage_when_the_first_is_a_table_of_figures(store, embedder, searcher):
    add(store, embedder, "derby", "Derby", "2017-06-01",
        ["In the past 12 months:\n\n 29 children became the subject of special guardianship orders\n\n 48 adoptions",
         "Special guardianship assessments are detailed and reflect children's needs well."])
    response = searcher.ask("What did the 2017 Derby inspection say about special guardianship orders?")
    assert response.hits[0].chunk.page == 1
    assert response.quote.text == "Special guardianship assessments are detailed and reflect children's needs well."


def test_a_one_or_two_word_topic_held_whole_by_a_sentence_answers(store, embedder, searcher):
    # Vectors far from the question's, as MiniLM puts "front door" (a door) far from a report's front door.
    far = -embedder.embed_query("Tell me about front door").reshape(1, -1)
    add(store, embedder, "wigan", "Wigan", "2025-06-01",
        ["When children are referred, staff at the front door decide what happens next."], vectors=far)
    response = searcher.ask("Tell me about Wigan's front door")
    assert response.answerable and response.hits[0].match == "partial"


def test_a_sentence_holding_every_word_of_a_longer_topic_answers_whatever_its_vector(store, embedder, searcher):
    question = "What did inspectors say about Derby's staying close scheme for care leavers?"
    far = -embedder.embed_query(question).reshape(1, -1)
    add(store, embedder, "derby", "Derby", "2025-06-01",
        ["The staying close scheme gives care leavers a home near the people who matter to them."], vectors=far)
    response = searcher.ask(question)
    assert response.answerable and response.hits[0].match == "partial"
    assert not searcher.ask("What did inspectors say about Derby's staying close scheme for adopters?").answerable


def test_a_single_word_sharing_a_topic_words_first_letters_is_no_answer(store, embedder, searcher):
    far = -embedder.embed_query("Tell me about transport").reshape(1, -1)
    add(store, embedder, "derby", "Derby", "2025-06-01", ["Young people transition well into adult services."],
        vectors=far)
    assert not searcher.ask("Tell me about Derby's transport").answerable   # 'transition' is not 'transport'


def test_the_quote_never_comes_from_another_report_than_the_first_passages(store, embedder, searcher):
    add(store, embedder, "new", "Derby", "2025-01-01", ["In the past year:\n\n 29 special guardianship orders"])
    add(store, embedder, "old", "Derby", "2019-01-01", ["Special guardianship orders are made promptly."])
    response = searcher.ask("What did inspectors say about special guardianship orders in Derby?")
    assert response.hits[0].document.doc_id == "new" and response.quote is None


def test_bullets_are_quoted_as_a_report_list_only_when_they_are_one(store, embedder, searcher):
    add(store, embedder, "wigan", "Wigan", "2025-06-01",
        ["◼ Improvement areas are discussed monthly.\n\n◼ Staff are trained.\n\n◼ Visits are regular."])
    response = searcher.ask("What are Wigan's improvement areas?")
    assert response.quote.text == "Improvement areas are discussed monthly."   # no list heading: one sentence


def test_passages_kept_in_memory_between_questions_never_outlive_a_change_to_the_index(store, embedder, searcher):
    add(store, embedder, "wigan", "Wigan", "2025-06-01", ["Supervision in Wigan is regular and reflective."])
    first = searcher.ask("how good is supervision?").hits[0].chunk
    assert searcher.ask("is supervision reflective?").hits[0].chunk is first  # the same passage, not read again
    store.delete_document("wigan")
    add(store, embedder, "bury", "Bury", "2025-05-01", ["Supervision in Bury is rare and rushed."])
    again = searcher.ask("how good is supervision?").hits[0].chunk
    assert again.chunk_id == first.chunk_id and again.text == "Supervision in Bury is rare and rushed."


def test_a_council_the_library_has_no_report_on_is_said_so(store, embedder, searcher):
    add(store, embedder, "wigan", "Wigan", "2025-06-01", ["Care leavers in Wigan live in suitable accommodation."])
    response = searcher.ask("What did Ofsted say about accommodation for care leavers in Leicester?")
    assert not response.answerable and response.note == "The library has no report on Leicester."
    assert [h.document.doc_id for h in response.hits] == ["wigan"]  # shown apart, as other councils' reports
    assert response.to_dict()["answerable"] is False and response.to_dict()["quote"] is None


def test_nothing_in_the_library_answers_a_question_on_another_subject(store, embedder, searcher):
    add(store, embedder, "wigan", "Wigan", "2025-06-01", [LICENCE, "Supervision of social workers is regular."])
    response = searcher.ask("what is the council's policy on parking permits?")
    assert not response.answerable and response.quote is None
    assert all(hit.match == "weak" for hit in response.hits)
    assert searcher.ask("is supervision of social workers regular?").answerable


def test_a_programme_the_council_s_reports_never_print_is_not_answered_from_neighbouring_topics(
        store, embedder, searcher):
    add(store, embedder, "wigan", "Wigan", "2025-06-01",
        ["Prevention work protects children at risk of exploitation and radical ideas in Wigan.",
         "The Care Quality Commission and partners review health visiting for children in care."])
    add(store, embedder, "bury", "Bury", "2025-05-01", ["Bury's Prevent team works with schools on radicalisation."])
    response = searcher.ask("How does Wigan protect children at risk of radicalisation under Prevent?")
    assert not response.answerable and response.note == "Wigan's reports never mention “Prevent”."
    assert response.quote is None and response.to_dict()["note"] == response.note
    assert searcher.ask("How does Bury protect children from radicalisation under Prevent?").answerable
    # Printed in another case or with other words between is still printed; a title-case question names nothing.
    assert searcher.ask("What did the care quality Commission review in Wigan?").note is None
    assert searcher.ask("What Did Inspectors Say About Prevention Work In Wigan?").note is None
    # Everyday words a manager capitalises name nothing the library does not print in lower case; a council's
    # service is named by what comes before "Service" (Wigan's reports speak of care leavers, not a "Care Leavers
    # Service"): neither is refused as a programme the reports never mention.
    add(store, embedder, "wigan-2", "Wigan", "2024-06-01", ["Care leavers receive strong support from advisers.",
                                                             "Supervision of social work is regular and reflective."])
    add(store, embedder, "bury-2", "Bury", "2024-06-01", ["In Bury, social work supervision is regular."])
    assert searcher.ask("What did Ofsted say about Wigan's Care Leavers Service?").note is None
    assert searcher.ask("What did Ofsted say about Social Work Supervision in Wigan?").note is None
    across = searcher.ask("Which councils run the Mockingbird programme?")
    assert not across.answerable and across.note == "No report in the library mentions “Mockingbird”."


def test_the_latest_report_that_covers_the_topic_comes_first(store, embedder, searcher):
    text = "Supervision of social workers is regular and reflective, and supervision records are clear."
    add(store, embedder, "old", "Bury", "2017-01-01", [text + " Supervision is strong."])
    add(store, embedder, "new", "Bury", "2025-01-01", [text])
    add(store, embedder, "newest", "Bury", "2026-01-01", ["Adoption panels are timely and well run."])
    assert searcher.ask("supervision of social workers in Bury").hits[0].document.doc_id == "new"


def test_the_quote_is_the_reports_own_whole_sentences_with_their_place(store, embedder, searcher):
    page = ("Children are seen regularly. Care plans for children are tailored to their needs. Plans are child "
            "focused and reflect children's wishes. Adoption is timely.")
    add(store, embedder, "sutton", "Sutton", "2025-07-29", [page])
    response = searcher.ask("what did inspectors say about the quality of plans in Sutton?")
    quote = response.quote
    assert quote.text == "Care plans for children are tailored to their needs. Plans are child focused and reflect children's wishes."
    assert page[quote.start:quote.end] == quote.text and quote.page == 1
    assert quote.citation == "Ofsted (2025) Sutton: inspection of local authority children’s services, p. 1"
    assert response.to_dict()["quote"]["doc_id"] == "sutton"


def test_a_sentence_across_a_page_break_is_completed_and_cited_on_both_pages(store, embedder, searcher):
    add(store, embedder, "derby", "Derby", "2025-07-08",
        ["Leaders have invested in the workforce. The council should prioritise its spending on the",
         "development of good-quality homes for children in care. Adoption is strong."])
    hit = next(h for h in searcher.ask("spending on homes for children in Derby").hits if h.chunk.page in (1, 2)
               and "development" in h.chunk.text)
    assert hit.chunk.text.startswith("The council should prioritise its spending on the development")  # one sentence
    assert (hit.chunk.page, hit.chunk.end_page) == (1, 2)
    assert citation(hit).endswith("pp. 1–2")


def test_a_follow_up_to_a_rating_question_is_a_rating_question(store, embedder, searcher):
    table = "Children in care Good Care leavers Outstanding"
    add(store, embedder, "derby", "Derby", "2025-07-08", ["Intro.", table],
        {"in_care": Judgement("good", 2), "care_leavers": Judgement("outstanding", 2)})
    first = searcher.ask("How was Derby rated for care leavers in 2025?")
    assert first.grade.grade == "outstanding"
    follow_up = searcher.ask("what about children in care?", previous=first)
    assert follow_up.grade.grade == "good" and follow_up.read_as == "how was Derby rated for children in care (2025 report)?"


def test_a_council_and_a_grade_with_nothing_else_asked_is_a_rating_question(store, embedder, searcher):
    add(store, embedder, "shropshire", "Shropshire", "2025-08-08", ["Overall effectiveness Good Care leavers Outstanding"],
        {"overall_effectiveness": Judgement("good", 1), "care_leavers": Judgement("outstanding", 1)})
    assert searcher.ask("Is Shropshire outstanding?").grade.grade == "good"
    answer = searcher.ask("Is Shropshire outstanding for care leavers?")
    assert answer.grade.grade == "outstanding" and answer.read_as == "how was Shropshire rated for care leavers?"
    assert searcher.ask("How good are Shropshire's personal advisers?").grade is None  # a topic, asked how good


def test_a_rating_questions_first_passage_is_from_the_report_its_grade_card_is_from(store, embedder, searcher):
    for doc_id, published in (("new", "2025-07-07"), ("old", "2022-05-10")):  # ties go to the later added
        add(store, embedder, doc_id, "Derby", published, [f"Judgement Grade Overall effectiveness Outstanding {doc_id}"],
            {"overall_effectiveness": Judgement("outstanding", 1)})
    for question in ("Is Derby outstanding?", "How was Derby rated?"):
        response = searcher.ask(question)
        assert response.grade.document.doc_id == "new" and response.hits[0].document.doc_id == "new"


def test_a_judgement_table_stating_the_grade_asked_is_a_strong_match(store, embedder, searcher):
    # A cover page or judgement table is at most a partial match (it names everything and says nothing in prose),
    # but one stating the judgement asked and its grade is the answer itself.
    add(store, embedder, "derby", "Derby", "2025-07-08",
        ["Inspection of Derby local authority children's services Judgement Grade "
         "The experiences and progress of care leavers Outstanding Overall effectiveness Good"],
        {"care_leavers": Judgement("outstanding", 1), "overall_effectiveness": Judgement("good", 1)})
    response = searcher.ask("How was Derby rated for care leavers in 2025?")
    assert response.grade.grade == "outstanding" and response.hits[0].match == "strong"
    assert searcher.ask("Tell me about Derby's inspection front page").hits[0].match != "strong"


def test_which_councils_were_judged_a_grade_means_overall_unless_a_judgement_is_named(store, embedder, searcher):
    for doc_id, council, published, grade in (("a", "Derby", "2024-03-01", "inadequate"),
                                              ("b", "Bury", "2019-03-01", "inadequate"),
                                              ("c", "Wigan", "2024-05-01", "good")):
        add(store, embedder, doc_id, council, published, [f"Overall effectiveness {grade}"],
            {"overall_effectiveness": Judgement(grade, 1)})
    response = searcher.ask("Which councils were judged inadequate in 2024?")
    assert [r.council for r in response.grade_list.reports] == ["Derby"]
    assert response.read_as == "which councils were judged inadequate for overall effectiveness (2024 reports)?"


def test_a_council_listed_for_an_old_grade_shows_what_it_was_judged_since(store, embedder, searcher):
    for doc_id, published, grade in (("b16", "2016-06-27", "inadequate"), ("b24", "2024-01-12", "outstanding"),
                                     ("d16", "2016-03-01", "inadequate")):
        add(store, embedder, doc_id, {"b": "Bromley", "d": "Derby"}[doc_id[0]], published, [f"Overall effectiveness {grade}"],
            {"overall_effectiveness": Judgement(grade, 1)})
    listing = searcher.ask("Which councils were judged inadequate?").grade_list
    assert [(r.council, r.document.doc_id) for r in listing.reports] == [("Bromley", "b16"), ("Derby", "d16")]
    assert listing.later(listing.reports[0]).grade == "outstanding" and listing.later(listing.reports[1]) is None
    assert listing.to_dict()["reports"][0]["latest"]["doc_id"] == "b24" and "latest" not in listing.to_dict()["reports"][1]
    # a newer report judging other areas but giving no overall grade (the 2026 framework) is said too
    add(store, embedder, "b26", "Bromley", "2026-06-01", ["Help and protection requires improvement"],
        {"help_and_protection": Judgement("requires improvement", 1)})
    listing = searcher.ask("Which councils were judged inadequate?").grade_list
    bromley, derby = listing.reports
    assert listing.newer_ungraded(bromley).doc_id == "b26" and listing.newer_ungraded(derby) is None
    assert listing.to_dict()["reports"][0]["newer_ungraded"]["published"] == "2026-06-01"
    from index.output.grades import since_words
    later = listing.later(bromley)
    assert since_words(later.grade, later.document, listing.newer_ungraded(bromley)) == \
        "Outstanding (2024); 2026 report: none given"
    assert since_words(None, None, listing.newer_ungraded(bromley)) == "2026 report: none given"
    # a report with no publication date is dated by its inspection, not taken for the earliest
    from index.search.answers import _later
    from tests.conftest import make_report
    undated = make_report("u", "Bury", None, inspection_end="2024-05-01")
    assert _later(undated, make_report("o", "Bury", "2019-01-01"))


def test_care_leavers_before_2023_are_rated_as_judged_with_children_in_care(store, embedder, searcher):
    add(store, embedder, "d22", "Derby", "2022-05-11", ["Children in care and care leavers Good"],
        {"in_care": Judgement("good", 1)})
    add(store, embedder, "d25", "Derby", "2025-07-08", ["Care leavers Outstanding"],
        {"care_leavers": Judgement("outstanding", 1)})
    first = searcher.ask("How was Derby rated for care leavers in 2025?")
    follow_up = searcher.ask("and in 2022?", previous=first)
    assert (follow_up.grade.grade, follow_up.grade.label) == ("good", "Children in care and care leavers")
    assert searcher.ask("How was Derby rated for care leavers?").grade.grade == "outstanding"   # its own, latest
    # ... but a list of councils judged a grade for care leavers holds the grades given to them alone (as the filter)
    assert searcher.ask("Which councils were judged good for care leavers?").grade_list is None


def test_filters_apply_to_the_grade_card_too(store, embedder, searcher):
    add(store, embedder, "derby", "Derby", "2025-07-08", ["Care leavers Outstanding"],
        {"care_leavers": Judgement("outstanding", 1)})
    add(store, embedder, "bury", "Bury", "2025-07-08", ["Care leavers Good"], {"care_leavers": Judgement("good", 1)})
    assert searcher.ask("How was Derby rated for care leavers?", Filters(councils=("Bury",))).grade is None


def test_a_named_kind_of_document_scopes_the_search(store, embedder, searcher):
    add(store, embedder, "ofsted", "Dudley", "2024-01-01", ["Social work caseloads in Dudley are high."])
    add(store, embedder, "paper", "Dudley", "2023-01-01", ["The committee recommends that caseloads are reduced."],
        report_type="committee_paper")
    response = searcher.ask("What did Dudley's select committee recommend about caseloads?")
    assert [h.document.doc_id for h in response.hits] == ["paper"] and response.scope == "Dudley's committee papers"


def test_a_council_name_that_is_an_ordinary_word_or_names_a_thing_does_not_scope(store, embedder, searcher):
    add(store, embedder, "reading", "Reading", "2024-01-01", ["Social workers in Reading visit children often."])
    add(store, embedder, "leeds", "Leeds", "2024-01-01", ["Family group conferences are offered to every family."])
    add(store, embedder, "wigan", "Wigan", "2024-01-01", ["Children's reading improves with tutoring in Wigan."])
    assert searcher.ask("how do schools improve children's reading?").scope is None
    assert searcher.ask("What did Ofsted say about the Leeds model of family group conferences?").scope is None
    assert searcher.ask("How does Leeds approach family group conferences?").scope == "Leeds's reports"  # a verb
    assert searcher.ask("What is Wigan's approach to tutoring?").scope == "Wigan's reports"  # its own
    assert searcher.ask("What did Ofsted say about Reading's social workers?").scope == "Reading's reports"
    both = searcher.ask("How do Wigan and Leeds compare on family group conferences?")
    assert both.scope == "Leeds and Wigan's reports"


def test_names_are_capitalised_runs_that_are_not_councils_months_or_a_sentence_s_first_word():
    from index.search.relevance import named_things

    assert named_things("Has Doncaster adopted the Safe and Together model?") == ["Safe and Together"]
    assert named_things("What rating did the Care Quality Commission give Leeds in June?") == ["Care Quality Commission"]
    assert named_things("Which council's 'You Know Your Mind' budgets help?") == ["You Know Your Mind"]
    assert named_things("East Riding 2017: how did Ofsted judge the virtual school?") == []
    assert named_things("Which Lewisham team works with CAMHS?") == []  # an acronym is the glossary's business
    assert named_things("What did Ofsted say about Derby's Care Leavers Service?") == ["Care Leavers"]
    assert named_things("How good is the Leaving Care Team?") == ["Leaving Care"]
    assert named_things("Is there a Youth Offending Service?") == ["Youth Offending"]


def test_a_council_printed_two_ways_is_named_once(store, embedder, searcher):
    add(store, embedder, "old", "Leeds City", "2015-03-01", ["Supervision of social workers in Leeds is regular."])
    add(store, embedder, "new", "Leeds", "2025-03-01", ["Supervision of social workers in Leeds is reflective."])
    assert searcher.ask("How good is supervision in Leeds?").scope == "Leeds's reports"


def test_a_kind_of_document_named_scopes_the_search_and_one_the_library_lacks_is_said_so(store, embedder, searcher):
    add(store, embedder, "paper", "Dudley", "2010-09-16",
        ["Select Committee to note the findings.", "The areas for development are the audit of case files."],
        report_type="committee_paper")
    add(store, embedder, "derby", "Derby", "2025-06-01", ["Caseloads are manageable for most social workers."])
    response = searcher.ask("What did Dudley's select committee say about the areas for development?")
    assert response.scope == "Dudley's committee papers" and response.answerable
    assert response.hits[0].chunk.page == 2   # "select committee" chose the papers; it is not their topic
    response = searcher.ask("What does Derby's select committee say about caseloads?")
    assert not response.answerable and response.note == "The library has no committee papers on Derby."
    assert searcher.ask("What did the CYP Now article say about caseloads?").note == "The library has no press articles."
    add(store, embedder, "derby-paper", "Derby", "2020-01-01", ["Caseloads were discussed."], report_type="committee_paper")
    filtered = searcher.ask("What does Derby's select committee say about caseloads?", Filters(years=(2025,)))
    assert filtered.note == "The reports the filters allow include no committee papers on Derby."


def test_a_pasted_run_of_100000_letters_is_refused_at_once(searcher):
    """Reading a question is linear in its length, and one past the limit is refused before it is read."""
    import time

    from index.search.query import MAX_QUESTION_CHARS, analyse

    started = time.perf_counter()
    response = searcher.ask("a" * 100_000)
    assert time.perf_counter() - started < 1.0
    assert not response.answerable and "100,000 characters" in response.note and not response.hits
    assert len(str(response.to_dict())) < 2000
    started = time.perf_counter()
    analyse("b" * MAX_QUESTION_CHARS, ["derby"])   # at the limit: read, and quickly
    assert time.perf_counter() - started < 0.5
