"""Acronyms are read from the documents' own definitions, and terms Ofsted reworded are known, and each widens a question to the other form."""
from index.search.glossary import Glossary
from index.search.searcher import Searcher
from ingest.acronyms import find_acronyms
from tests.conftest import PLAIN_TEXT, add_report, make_report

GLOSSED = {"title": "{doc_id}", "sha256": "{doc_id}" * 8, **PLAIN_TEXT}  # a .txt file titled with its id


def test_definitions_are_found_whatever_the_minor_words_hyphens_and_plurals():
    text = ("Children benefit from child and adolescent mental health services (CAMHS). Contacts go to the "
            "multi-agency safeguarding hub (MASH). Independent reviewing officers (IROs) visit children. "
            "The 2019 report (2019) and the Local Government Association's work (see LGA) are not definitions.")
    assert find_acronyms([text]) == {
        "CAMHS": "child and adolescent mental health services",
        "IRO": "independent reviewing officers",
        "MASH": "multi agency safeguarding hub",
    }


def test_the_most_frequent_spelling_wins_and_initials_must_match():
    texts = ["personal advisers (PAs) help", "their personal advisers (PA) call", "personal advisors (PA)",
             "the bright red sky (PA)"]
    assert find_acronyms(texts) == {"PA": "personal advisers"}


def test_an_acronym_the_document_also_uses_as_an_ordinary_word_is_left_out():
    text = "Special educational needs and disabilities (SEND). Leaders send letters to parents."
    assert find_acronyms([text]) == {}


def test_a_question_gets_the_other_form_of_each_term_it_names():
    glossary = Glossary([make_report("a", acronyms={"IRO": "independent reviewing officers",
                                                    "MASH": "multi agency safeguarding hub"}, **GLOSSED),
                         make_report("b", acronyms={"IRO": "independent reviewing officer"}, **GLOSSED)])
    assert glossary.expansions("How do independent reviewing officers challenge plans?") == ["iro"]
    assert glossary.expansions("Do IROs visit?") == ["independent", "reviewing", "officers"]
    assert glossary.expansions("How well does the MASH work?") == ["multi", "agency", "safeguarding", "hub"]
    assert glossary.expansions("Is the potato mash good?") == []  # lower case is an ordinary word
    assert list(glossary.terms_named("Do IROs and the multi-agency safeguarding hub talk?")) == [
        ("IRO", "independent reviewing officers", True), ("MASH", "multi agency safeguarding hub", False),
        ("front door", "multi-agency safeguarding hub", False)]   # and the hub's other name (ofsted.vocabulary.SAME_IDEA)


def test_a_term_made_only_of_ignored_words_is_not_a_glossary_entry():
    glossary = Glossary([make_report("a", acronyms={"OI": "ofsted inspectors"}, **GLOSSED)])
    assert glossary.expansions("What did the Ofsted inspection find?") == []


def test_a_passage_that_uses_only_the_acronym_is_found_by_the_spelled_out_question(store, embedder):
    passages = {
        "defines": "Independent reviewing officers (IROs) are appointed for every child in care.",
        "uses": "IROs escalate drift to senior managers.",
        **{f"other{i}": f"Report {i} describes placements, schools and the weather in spring." for i in range(6)},
    }
    for doc_id, text in passages.items():
        add_report(store, embedder, doc_id, pages=[text], acronyms=find_acronyms([text]), **GLOSSED)
    searcher = Searcher(store, embedder)
    question = "How do independent reviewing officers challenge plans?"
    hits = searcher.search(question, k=2)
    assert {hit.document.doc_id for hit in hits} == {"defines", "uses"}
    assert next(hit for hit in hits if hit.document.doc_id == "uses").highlights  # its sentence naming IROs
    searcher.catalogue().glossary = Glossary([])  # without the definitions it shares no word with the question
    assert "uses" not in {hit.document.doc_id for hit in searcher.search(question, k=2)}


def test_a_question_using_an_acronym_is_answered_by_a_report_that_spells_it_out(store, embedder):
    add_report(store, embedder, "glossed", "Bury", pages=["Unaccompanied asylum-seeking children (UASC) settle well."],
               acronyms={"UASC": "unaccompanied asylum seeking children"}, **GLOSSED)
    add_report(store, embedder, "hackney", "Hackney", "2024-01-01",
               pages=["Care leavers in custody are visited.", "Unaccompanied asylum-seeking children are well supported."],
               **GLOSSED)
    response = Searcher(store, embedder).ask("What about UASC in Hackney?")
    assert response.answerable and response.hits[0].chunk.page == 2   # UASC is printed nowhere in Hackney's report
    assert response.quote.text == "Unaccompanied asylum-seeking children are well supported."


def test_the_other_form_matches_words_by_stem_and_leaves_out_words_no_topic_holds():
    glossary = Glossary([make_report("a", acronyms={"PA": "personal advisers",
                                                    "LADO": "local authority designated officer",
                                                    "NEET": "not in education, employment or training"}, **GLOSSED)])
    assert glossary.other_form(["personal", "advisors"], "personal advisors in Wigan") == ["pa"]
    assert glossary.other_form(["designated", "officer"], "the local authority designated officer") == ["lado"]
    assert glossary.other_form(["neet", "care", "leavers"], "NEET care leavers") == [
        "education", "employment", "training", "care", "leavers"]


def test_a_reworded_term_gets_its_other_wording_either_way_round():
    glossary = Glossary([])
    assert glossary.other_form(["family", "friends", "carers"], "family and friends carers in Wigan") == ["kinship", "carers"]
    assert glossary.other_form(["kinship", "carers"], "What support do kinship carers get?") == [
        "family", "friends", "carers"]
    assert glossary.other_form(["social", "workers", "caseloads"], "social workers' caseloads") == [
        "social", "workers", "workloads"]
    assert "kinship" in glossary.expansions("How are friends and family carers assessed?")
    # Since 2023 Ofsted writes of children's homes, not placements; the question may put its words either way round.
    assert glossary.other_form(["keep", "placements", "stable"], "How do councils keep placements stable?") == [
        "keep", "stable", "homes"]
    assert glossary.reworded("How do councils keep placements stable?") == {"stable", "homes"}
    assert glossary.other_wordings("How do councils keep placements stable?") == ["stable homes"]
    assert glossary.printed("How do councils keep placements stable?") == ["placements stable"]
    # "Family and friends" alone is who a child keeps in touch with, not a kind of carer.
    assert glossary.expansions("How do children keep in touch with family and friends?") == []


def test_a_term_spelled_out_is_found_as_the_question_prints_it():
    glossary = Glossary([make_report("a", acronyms={"MASH": "multi agency safeguarding hub"}, **GLOSSED)])
    question = "What have councils done to improve their front door and multi-agency safeguarding hub?"
    # (the front door and the hub are each other's other wording, ofsted.vocabulary.SAME_IDEA)
    assert glossary.printed(question) == ["multi-agency safeguarding hub", "front door"]
    assert glossary.other_wordings(question) == ["MASH", "multi-agency safeguarding hub", "front door"]
    assert glossary.printed("How does the MASH work?") == []   # the acronym used: nothing spelled out
    assert glossary.in_other_words(question) == "What have councils done to improve their front door and mash?"
    assert glossary.in_other_words("How does the MASH work?") == "How does the multi agency safeguarding hub work?"
    # A term's own "and" coordinates nothing in its other wording; an acronym's words are found only in their order.
    assert Glossary([]).in_other_words("How are kinship carers supported?") == "How are family friends carers supported?"
    assert Glossary([make_report("b", acronyms={"CP": "child protection"}, **GLOSSED)]).terms_named(
        "How do councils protect children?") == ()


def test_a_reworded_word_common_in_other_senses_does_not_search_the_ranked_list(store, embedder):
    """"homes" of "stable homes" is in many passages (children's homes); "workloads" of "caseloads" in few."""
    for n in range(10):
        add_report(store, embedder, f"r{n}", "Derby", "2024-01-01", pages=[
            "Children's homes are well run." if n < 3 else "Workloads are manageable." if n == 3 else "Adoption is timely."],
            **GLOSSED)
    searcher = Searcher(store, embedder)
    assert searcher.list_expansions("How do councils keep placements stable?", searcher.catalogue()) == ["stable"]
    assert searcher.list_expansions("How have caseloads changed?", searcher.catalogue()) == ["workloads"]


def test_a_question_in_one_wording_is_answered_by_a_report_printing_the_other(store, embedder):
    add_report(store, embedder, "telford", "Telford", "2024-01-01",
               pages=["Care leavers in custody are visited by their personal advisers.",
                      "Kinship carers receive timely assessments and good support."], **GLOSSED)
    response = Searcher(store, embedder).ask("What did inspectors say about family and friends carers in Telford?")
    assert response.answerable and response.hits[0].chunk.page == 2
    assert response.quote.text == "Kinship carers receive timely assessments and good support."
