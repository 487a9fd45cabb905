"""The digest and timeline as pure functions (index.search.digest, .ideas, .grouping) and through Searcher.ask on
reports built inline: which report each council is quoted from, how groups are labelled, strengths and shortfalls, the
timeline's order, and the JSON contract."""
from __future__ import annotations

import pytest

from index.search.digest import EARLIER_KEPT, Digest, DigestItem, Finding, council_findings, council_names, timeline_entries
from index.search.grouping import ACCOUNTS_LABEL, OLDER_LABEL, ONLY_LABEL, OTHER_LABEL, group_items, _phrases
from index.search.ideas import (as_whole_terms, forms_by_stem, holds_form, holds_kind, holds_phrase, holds_unit,
                                of_everyday_words, one_family, other_kinds, qualified_heads, shared_complements,
                                topic_units, with_printed_modifier, with_shared_head)
from index.search.query import analyse
from index.search import ranking
from index.search.relevance import ANSWERS
from models import Chunk, Quote
from index.search.searcher import Filters, Searcher
from index.storage.store import Store
from ofsted.findings import MIXED, NEUTRAL, SHORTFALL, STRENGTH, stance
from ofsted.judgements import area_judgement, judgement_area
from ofsted.vocabulary import INSPECTION_OF
from text.sentences import without_asides
from tests.conftest import add_report, make_report


def finding(document, text: str, score: float = 0.6) -> Finding:
    return Finding(Quote(text=text, citation=f"cited {document.doc_id}", document=document, page=1, start=0, end=len(text)), score)


@pytest.mark.parametrize("sentence, expected", [
    ("Supervision is regular, reflective and of good quality.", STRENGTH),
    ("Supervision is not always regular and records are inconsistent.", SHORTFALL),
    ("Supervision is regular, but it is not always reflective.", MIXED),
    ("Supervision takes place monthly.", NEUTRAL),
    ("Too many children wait for an assessment.", SHORTFALL),
    ("Plans are not consistently effective.", SHORTFALL),   # a negated strength is a shortfall, not both
    ("Supervision in some teams is not effective, reflective or frequent enough.", SHORTFALL),   # the whole clause
    ("Oversight is good, although reflective supervision is not consistently seen.", MIXED),
    ("Care leavers receive exceptional support from personal advisers.", STRENGTH),
    # a negation naming a state or an aim judges nothing
    ("When care leavers are not in education, employment or training, advisers find them opportunities.", NEUTRAL),
    ("Reducing the risk of care leavers not engaging in education is a key priority.", NEUTRAL),
    ("Leaders act to ensure that children do not wait.", NEUTRAL),
    ("Plans are good so that children do not drift.", STRENGTH),   # the aim's words are no shortfall either
    # ... but a negation in the sentence's own clause is one
    ("Plans are reviewed when needed but are not always of good quality.", SHORTFALL),
    ("When visits happen they are not recorded well.", SHORTFALL),
    # what remains to be done, and what could be better, is a shortfall
    ("More needs to be done to help care leavers into employment.", SHORTFALL),
    ("Leaders know further work is required to help more care leavers into work.", SHORTFALL),
    ("Oversight is good and, while supervision records could improve, plans progress.", MIXED),
    ("Care leavers are supported well. However, there is more to do for those aged 19 to 21.", MIXED),
    ("Leaders recognise that this remains an area for further development.", SHORTFALL),
    ("Leaders have addressed the areas for improvement identified at the last inspection.", NEUTRAL),   # the list's name
    ("Supervision is regular, although greater consistency in quality is required.", MIXED),
    ("Areas requiring continued focus, such as reflection in supervision, are targeted effectively.", MIXED),
    ("Where additional support is required, resources are available through social workers.", NEUTRAL),   # a condition
    ("Where more intensive support is required, clinicians expedite referrals.", NEUTRAL),
    ("Leaders consider what further action is needed to support progress.", NEUTRAL),   # a question, not a lack
    ("Care leavers' employment rates compare favourably against statistical neighbours.", STRENGTH),
    ("Despite these favourable conditions, sickness is high.", NEUTRAL),
    ("Their rates compare unfavourably with neighbours.", SHORTFALL),
    # a concern inspectors judge, not the concerns about a child a front door answers (no other judging word in these)
    ("They follow up any concerns raised quickly.", NEUTRAL),
    ("Where there are concerns about a child, strategy meetings are held promptly.", STRENGTH),
    ("Professionals contact the team when they are concerned that a child needs help.", NEUTRAL),
    ("Adults of concern are identified through partnership working.", NEUTRAL),
    ("When there are serious concerns about a child, a strategy meeting is held.", NEUTRAL),   # a condition
    ("This remains a concern for leaders.", SHORTFALL),
    ("Inspectors had serious concerns about the response to those children.", SHORTFALL),
    ("Concerns remain about the quality of plans.", SHORTFALL),
    ("There are areas of concern in the front door.", SHORTFALL),
    # a service that got worse, beside one that improved, says both
    ("Practice has improved, but there has been a serious deterioration in service areas.", MIXED),
    ("The quality of plans has worsened.", SHORTFALL),
    ("Children live in safe, stable, good-quality placements.", STRENGTH),
    # a condition's negation ends at its comma: what follows is read for itself, its own negation too; an aim's runs on
    ("When brothers and sisters are not placed together, the rationale is not clearly documented.", SHORTFALL),
    ("When children are not seen alone, managers do not always ensure that this is recorded clearly.", SHORTFALL),
    ("When care leavers are not in education, employment or training, their advisers help them well.", STRENGTH),
    ("Leaders have plans to ensure that children are not placed in unregistered, unsafe or unsuitable homes.", NEUTRAL),
    # a subject of five words or more is no condition's or aim's ("… at risk of …" is no aim)
    ("The response to children at risk of sexual exploitation or going missing is not thorough enough.", SHORTFALL),
    ("Children enjoy life without ongoing statutory involvement.", NEUTRAL),   # a doing meant well
    ("Plans progress without drift or delay.", STRENGTH),
    ("Children are seen without any delay.", STRENGTH),
    ("The board's challenge needs to be stronger.", SHORTFALL),
    ("There has been little success in securing children's views.", SHORTFALL),
    # "without" a doing is a lack; without delay or without fail is done well
    ("Contacts are closed without ensuring that parents are directed to appropriate support.", SHORTFALL),
    ("Children are seen without delay.", STRENGTH),
    ("Visits happen without fail.", STRENGTH),
    # what is still hard is a shortfall, but not the challenge managers give
    ("Although success has been achieved in reducing agency staff, challenges remain in securing a workforce.", MIXED),
    ("Sufficiency remains a significant challenge.", SHORTFALL),
    ("Managers provide challenge to social workers.", NEUTRAL),
    ("The response is swift and proportionate.", STRENGTH),
    ("Children are placed in unlawful, unregistered homes.", SHORTFALL),
    ("For social workers in some teams, workloads are too high.", SHORTFALL),
    # an aim said as "not to" do something judges nothing, to its comma; a standard missed or a tendency still does
    ("The initiative has succeeded in supporting care leavers not to feel isolated.", STRENGTH),
    ("Young people are encouraged not to leave care before they are ready.", NEUTRAL),
    ("When the plan is for children not to return home, life story work is not routinely undertaken.", SHORTFALL),
    ("Plans are thorough, with some reviews not to the required standard.", MIXED),
    ("Care leavers are helped not to fall into debt and are not always visited.", SHORTFALL),
    ("Care leavers tend not to be visited, which leaves them isolated.", SHORTFALL),
    ("Some plans were found not to be up to date.", SHORTFALL),
    ("It was a serious oversight not to have conducted this review.", SHORTFALL),
    ("Their experiences tend not to be so positive.", SHORTFALL),
    ("Supervision has improved. However, there are still areas for further development.", MIXED),
])
def test_stance_tells_strengths_from_shortfalls(sentence, expected):
    assert stance(sentence) == expected


@pytest.mark.parametrize("question, area", [
    ("How have councils improved the quality of supervision for social workers?", "impact_of_leaders"),
    ("How do councils help care leavers into education?", "care_leavers"),
    ("How have councils screened referrals at the front door?", "help_and_protection"),
    ("How do councils keep placements stable?", "in_care"),
    ("How do councils talk to the press?", "overall_effectiveness"),
])
def test_judgement_area_of_a_topic(question, area):
    assert judgement_area(question) == area


def test_care_leavers_before_2023_are_graded_with_children_in_care():
    old = make_report("d22", "Derby", "2022-05-10", {"in_care": "good"}).metadata
    new = make_report("d25", "Derby", "2025-07-07", {"in_care": "outstanding", "care_leavers": "good"}).metadata
    assert area_judgement(old, "care_leavers")[0] == "in_care"
    assert area_judgement(new, "care_leavers")[1].grade == "good"
    assert area_judgement(old, "help_and_protection") is None


def test_each_council_from_its_latest_report_that_speaks_to_it():
    reports = {
        "derby": [make_report("d17", "Derby", "2017-01-01"), make_report("d22", "Derby", "2022-05-10"),
                  make_report("d25", "Derby City", "2025-07-07"),
                  make_report("paper", "Derby", "2024-01-01", report_type="committee_paper", publisher=None)],
        "wigan": [make_report("w19", "Wigan", "2019-01-01")],
    }
    speaks = {"d17", "d22", "paper"}   # Derby's 2025 report says nothing on it; Wigan's never did
    asked = []

    def finding_of(doc_id):
        asked.append(doc_id)
        document = next(d for ds in reports.values() for d in ds if d.doc_id == doc_id)
        return finding(document, f"Words of {doc_id}.") if doc_id in speaks else None

    items = council_findings(reports, finding_of, {"derby": "Derby City"}, "impact_of_leaders")
    assert [(i.council, i.finding.document.doc_id, [e.document.doc_id for e in i.earlier]) for i in items] == [
        ("Derby City", "d22", ["d17"]), ("Derby City", "paper", [])]
    assert asked[:3] == ["d25", "d22", "d17"]   # newest first
    assert items[0].primary and not items[1].primary


def test_older_reports_are_read_only_a_few_deep():
    reports = {"kent": [make_report(f"k{year}", "Kent", f"{year}-01-01") for year in range(2000, 2020)]}
    asked = []

    def finding_of(doc_id):
        asked.append(doc_id)
        return finding(next(d for d in reports["kent"] if d.doc_id == doc_id), "Kent says it.")

    [item] = council_findings(reports, finding_of, {}, "overall_effectiveness")
    assert item.finding.document.doc_id == "k2019" and len(item.earlier) == EARLIER_KEPT
    assert len(asked) == EARLIER_KEPT + 1


def _items(texts: dict[str, str]) -> list[DigestItem]:
    return [DigestItem(council, finding(make_report(council.lower(), council, "2025-01-01"), text), "impact_of_leaders")
            for council, text in texts.items()]


def test_groups_are_labelled_with_words_their_sentences_print():
    items = _items({
        "Derby": "Reflective supervision is well established.",
        "Wigan": "Managers provide reflective supervision every month.",
        "Sutton": "Group supervision helps staff learn from each other.",
        "Leeds": "Group supervision sessions are valued.",
        "Bury": "Audits of supervision records show gaps.",
    })
    groups = group_items(items, ["supervision"])
    labels = {g.label: sorted(i.council for i in g.items) for g in groups}
    assert labels == {"Reflective supervision": ["Derby", "Wigan"], "Group supervision": ["Leeds", "Sutton"],
                      OTHER_LABEL: ["Bury"]}
    for group in groups[:-1]:   # every label's words are in each of its sentences
        assert all(group.label.lower() in i.finding.quote.text.lower() for i in group.items)


def test_todays_reports_are_grouped_first_older_frameworks_and_others_accounts_apart_after():
    def item(council, report_type, score, year="2024"):
        report = make_report(council.lower(), council, f"{year}-01-01", report_type=report_type)
        return DigestItem(council, finding(report, "Reflective supervision is regular.", score), "impact_of_leaders")

    items = [item("Norfolk", "sif", 0.9, "2015"), item("Derby", "ilacs_short", 0.6), item("Wigan", "ilacs_standard", 0.7),
             item("Leeds", "press_article", 0.95, "2025"), item("Hull", "sif", 0.5, "2016")]
    grouped = group_items(items, ["supervision"])
    groups = [(g.label, [i.council for i in g.items]) for g in grouped]
    # how services are, best answers first; then how they were; then papers' and articles' accounts
    assert groups == [("Reflective supervision", ["Wigan", "Derby"]), (OLDER_LABEL, ["Norfolk", "Hull"]), (ACCOUNTS_LABEL, ["Leeds"])]
    assert Digest(grouped, councils_searched=9, councils_answering=5, judgement="impact_of_leaders").councils_only_older == 2


def test_a_leftover_item_printing_a_labels_words_apart_joins_that_group_and_phrases_in_either_order_are_one():
    items = _items({
        "Derby": "Management oversight of supervision is strong.",
        "Wigan": "Supervision and management oversight are regular.",
        "Sutton": "Supervision is recorded, and management shows clear oversight of it.",
        "Hull": "Supervision is regular.",
    })
    groups = {g.label: sorted(i.council for i in g.items) for g in group_items(items, ["supervision"])}
    assert groups == {"Management oversight": ["Derby", "Sutton", "Wigan"], OTHER_LABEL: ["Hull"]}
    either = [_phrases(f"Leavers gain {one} {two} advice.", set())
              for one, two in (("education", "employment"), ("employment", "education"))]
    assert any(len(key.split()) == 3 for key in either[0].keys() & either[1].keys())   # either word order, one key
    across = _phrases("Derby's family hubs, community-based organisations and nine hubs, three of which opened.", set())
    assert not [p for p in across.values() if "hubs community" in p.written or "hubs three" in p.written]


def test_a_phrase_in_its_ing_form_is_one_group_with_it():
    items = _items({"Derby": "Care leavers access education well.", "Wigan": "Care leavers in accessing education thrive.",
                    "Leeds": "Advisers support care leavers in accessing education.", "Bury": "Care leavers have homes.",
                    "Hull": "Care leavers are visited.", "York": "Care leavers are safe."})
    groups = {g.label: sorted(i.council for i in g.items) for g in group_items(items, ["care", "leavers"])}
    assert groups == {"Access education": ["Derby", "Leeds", "Wigan"], OTHER_LABEL: ["Bury", "Hull", "York"]}


def test_a_phrase_the_library_prints_about_as_often_labels_no_group():
    # "Senior leaders" is in a quarter of the library's passages and two of these five items (0.4 < 2 x 0.25): it says
    # nothing the two share; "group supervision", in one passage in a hundred, does.
    items = _items({
        "Derby": "Group supervision is regular.",
        "Wigan": "Group supervision sessions are valued.",
        "Sutton": "Senior leaders review supervision records.",
        "Leeds": "Senior leaders see that supervision is recorded.",
        "Bury": "Supervision is regular.",
    })
    shares = {"senior leaders": 0.25, "group supervision": 0.01}
    groups = {g.label: sorted(i.council for i in g.items)
              for g in group_items(items, ["supervision"], lambda phrase: shares[phrase.lower()])}
    assert groups == {"Group supervision": ["Derby", "Wigan"], OTHER_LABEL: ["Bury", "Leeds", "Sutton"]}
    assert "Senior leaders" in {g.label for g in group_items(items, ["supervision"])}   # none said: as before


def test_a_phrase_every_item_prints_makes_no_group():
    items = _items({c: f"Supervision is regular in {c}." for c in ("Derby", "Wigan", "Sutton", "Leeds")})
    groups = group_items(items, ["supervision"])
    assert [g.label for g in groups] == [ONLY_LABEL]   # not "other" than any group


def test_timeline_runs_oldest_first_and_leaves_out_the_undated():
    documents = [make_report("b", "Derby", "2025-01-01"), make_report("u", "Derby", None),
                 make_report("a", "Derby", "2017-01-01"), make_report("quiet", "Derby", "2020-01-01")]
    entries = timeline_entries(documents, lambda d: None if d == "quiet" else finding(
        next(x for x in documents if x.doc_id == d), f"{d} says it."), "in_care")
    assert [e.finding.document.doc_id for e in entries] == ["a", "b"]


def test_one_name_per_council_from_its_latest_inspection():
    documents = [make_report("d22", "Derby", "2022-01-01"), make_report("d25", "Derby City", "2025-01-01"),
                 make_report("p", "Derby Council", "2026-01-01", report_type="committee_paper")]
    assert council_names(documents, lambda d: "derby") == {"derby": "Derby City"}


@pytest.mark.parametrize("question, over_time, since, topic", [
    ("How has Derby's service for care leavers changed over time?", True, None, ["care", "leavers"]),
    ("How have care leavers in Derby been supported since 2017?", True, 2017, ["care", "leavers", "supported"]),
    ("Looking across Harrow's inspection reports, how have inspectors' views of early help developed?", True, None,
     ["early", "help"]),
    ("What did inspectors say about early help in Harrow in 2017?", False, None, ["early", "help"]),
])
def test_questions_over_time(question, over_time, since, topic):
    query = analyse(question, ["derby", "harrow"])
    assert (query.asks_over_time, query.since, query.topic_terms) == (over_time, since, topic)
    assert query.years == ([2017] if "in 2017" in question else [])


SUPERVISION = {
    "Derby": ("Reflective supervision is now regular and helps social workers to think about risk.",
              "Supervision was infrequent and did not help social workers."),
    "Wigan": ("Reflective supervision takes place monthly and is recorded well.", None),
    "Sutton": ("Group supervision has been introduced and staff value it.", None),
    "Leeds": ("Group supervision sessions are well attended by practitioners.", None),
}


@pytest.fixture(scope="module")
def model():
    from index.opening import load_embedder
    return load_embedder()


@pytest.fixture(scope="module")
def library(tmp_path_factory, model):
    """Each council's latest report (2024) and, for Derby, a 2018 one; filler pages on other topics. The real
    model: what answers is judged by meaning as well as words."""
    store = Store.open(tmp_path_factory.mktemp("digest") / "index", model_name=model.name, dim=model.dim, create=True)
    embedder = model
    for council, (latest, older) in SUPERVISION.items():
        add_report(store, embedder, f"{council}-2024", council, "2024-06-01",
                   [f"Inspection of {council} children's services.", latest,
                    "Children in care live in stable homes close to their families."],
                   {"impact_of_leaders": "good"})
        if older:
            add_report(store, embedder, f"{council}-2018", council, "2018-06-01",
                       ["Care leavers have personal advisers.", older], {"leadership_management_and_governance": "inadequate"},
                       report_type="sif")
    add_report(store, embedder, "Bury-2023", "Bury", "2023-01-01", ["Care leavers have good accommodation."])
    yield store
    store.close()


@pytest.fixture
def searcher(library, model):
    return Searcher(library, model)


@pytest.mark.model
def test_a_theme_gets_every_council_in_its_latest_words(library, searcher):
    response = searcher.ask("What do councils' reports say about supervision?")
    digest = response.digest
    assert response.answerable and digest is not None and response.timeline is None
    assert (digest.councils_searched, digest.councils_answering) == (5, 4)
    quoted = {item.council: item for item in digest.items}
    assert set(quoted) == set(SUPERVISION)
    assert quoted["Derby"].finding.document.doc_id == "Derby-2024"
    assert [f.document.doc_id for f in quoted["Derby"].earlier] == ["Derby-2018"]
    assert quoted["Derby"].grade == "good" and digest.judgement == "impact_of_leaders"
    assert quoted["Derby"].earlier[0].quote.text == SUPERVISION["Derby"][1]
    for item in digest.items:   # verbatim: the page text at the item's offsets
        page = library.page_text(item.finding.document.doc_id, item.finding.quote.page)
        assert page[item.finding.quote.start:item.finding.quote.end] == item.finding.quote.text
    as_json = response.to_dict()["digest"]
    assert {"council", "source", "doc_id", "text", "page", "end_page", "start", "end", "citation", "published",
            "grade", "stance", "earlier"} <= set(as_json["groups"][0]["items"][0])


@pytest.mark.model
def test_filters_bound_the_digest(library, searcher):
    response = searcher.ask("What do councils' reports say about supervision?", Filters(councils=("Derby", "Wigan")))
    assert {item.council for item in response.digest.items} == {"Derby", "Wigan"}
    assert response.digest.councils_searched == 2


@pytest.mark.model
def test_one_council_over_time_gets_a_timeline(library, searcher):
    response = searcher.ask("How has supervision in Derby changed over time?")
    timeline = response.timeline
    assert response.digest is None and timeline is not None and timeline.council == "Derby"
    assert [e.finding.document.doc_id for e in timeline.entries] == ["Derby-2018", "Derby-2024"]
    assert [e.grade for e in timeline.entries] == ["inadequate", "good"]
    assert response.to_dict()["timeline"]["entries"][0]["items"][0]["text"] == SUPERVISION["Derby"][1]
    assert response.hits   # the passages stay beneath


@pytest.mark.model
def test_a_question_about_one_council_or_one_fact_gets_neither(library, searcher):
    for question in ("What did inspectors say about supervision in Derby?", "Which council has group supervision?"):
        response = searcher.ask(question)
        assert response.digest is None and response.timeline is None


def test_best_per_report_agrees_with_fuse():
    from index.search import ranking

    candidates = {1: "a", 2: "a", 3: "a", 4: "b", 5: "b", 6: "c"}
    keyword = {1: 3.0, 2: 1.0, 4: 2.0, 6: 0.5}
    dense = {1: 0.2, 2: 0.9, 3: 0.8, 5: 0.7, 6: 0.1}
    fused = ranking.fuse(candidates, keyword, dense, ranking.THEMATIC, set(), set())
    expected: dict[str, list[int]] = {}
    for c in fused:
        if len(expected.setdefault(c.doc_id, [])) < 2:
            expected[c.doc_id].append(c.chunk_id)
    assert ranking.best_per_report(candidates, keyword, dense, ranking.THEMATIC, 2) == expected
    assert ranking.best_per_report({}, {}, {}, ranking.THEMATIC, 2) == {}


@pytest.mark.model
def test_a_theme_asked_of_one_year_quotes_that_years_reports(library, searcher):
    response = searcher.ask("What do councils' reports say about supervision in 2018?")
    assert response.digest is not None
    assert {item.finding.document.doc_id for item in response.digest.items} == {"Derby-2018"}


@pytest.fixture(scope="module")
def services(tmp_path_factory, model):
    """Three councils' reports where a word of the question appears in another sense or of other children."""
    store = Store.open(tmp_path_factory.mktemp("services") / "index", model_name=model.name, dim=model.dim, create=True)
    pages = {
        "Derby": ["Care leavers have their health needs met well and understand their health histories.",
                  "Children in care see a dentist promptly and their health is reviewed every six months."],
        "Wigan": ["The council made deep budget cuts to its workforce and its use of consultants in 2023.",
                  "Foster carers are well supported and trained."],
        "Leeds": ["The council has reduced its reliance on agency social workers; most are now permanent staff.",
                  "Children in care have regular health assessments and see a dentist."],
    }
    for council, texts in pages.items():
        add_report(store, model, f"{council}-2024", council, "2024-06-01", texts)
    for council in ("Bury", "Hull", "Brent", "Sefton"):   # needs on every page, as in a real library: health the idea
        add_report(store, model, f"{council}-2024", council, "2024-06-01",
                   [f"Children's needs in {council} are understood.", f"Families' needs in {council} are assessed."])
    yield store
    store.close()


@pytest.mark.model
def test_a_finding_is_on_the_children_the_question_names(services, model):
    digest = Searcher(services, model).ask("How do councils meet the health needs of children in care?").digest
    quoted = {item.council: item.finding.quote.text for item in digest.items}
    assert quoted["Derby"].startswith("Children in care see a dentist")   # not its care leavers


@pytest.mark.model
def test_what_the_councils_do_is_not_the_topic_a_finding_must_hold(services, model):
    digest = Searcher(services, model).ask("What have councils done to cut their use of agency social workers?").digest
    quoted = {item.council: item.finding.quote.text for item in digest.items}
    assert "Leeds" in quoted and "Wigan" not in quoted   # "budget cuts" says nothing of agency staff


NEGLECT = ("Social workers understand the impact neglect has on children's lives. There is an improved focus on exploring "
           "parental capacity for sustainable change. Assessments of neglect use a recognised tool and chronologies are "
           "updated regularly. Children in need of help are visited often and their plans are reviewed. Managers track the "
           "progress of plans at regular panels. Parents are helped to understand what must change. Children benefit from "
           "an effective response from the out-of-hours team. Neglect strategy is overseen by the partnership board.")


@pytest.mark.model
def test_a_sentence_printing_the_topic_answers_in_a_passage_mostly_on_another(tmp_path, model):
    store = Store.open(tmp_path / "index", model_name=model.name, dim=model.dim, create=True)
    add_report(store, model, "Telford-2018", "Telford and Wrekin", "2018-06-01",
               ["The out-of-hours emergency duty team responds promptly to concerns at night and at weekends."])
    add_report(store, model, "Telford-2024", "Telford and Wrekin", "2024-06-01", [NEGLECT])
    timeline = Searcher(store, model).ask(
        "How have the out-of-hours service and emergency duty team in Telford and Wrekin changed over time?").timeline
    assert [entry.finding.document.doc_id for entry in timeline.entries] == ["Telford-2018", "Telford-2024"]
    assert timeline.entries[1].finding.quote.text.endswith("from the out-of-hours team.")
    assert timeline.entries[1].finding.score < ANSWERS   # its passage, on neglect, does not answer as a whole
    store.close()


def test_a_label_names_a_practice_not_a_judgement_a_clause_or_an_acronym():
    items = _items({
        "Derby": "Workers provide effective support through the multi-agency safeguarding hub (MASH).",
        "Wigan": "Workers provide effective support, and the multi-agency safeguarding hub responds promptly.",
        "Sutton": "Supervision is regular and effective.",
        "Leeds": "Supervision is regular and effective in most teams.",
        "Bury": "Personal advisers (PAs) know care leavers well.",
        "Hull": "Personal advisers (PAs) visit often.",
    })
    labels = [g.label for g in group_items(items, ["supervision"])]
    assert "Multi-agency safeguarding hub" in labels and "Personal advisers" in labels
    assert not {"Regular", "Effective", "Workers provide", "Effective support", "Advisers pas"} & set(labels)


def test_a_label_may_be_a_things_name_alone_or_two_things_named_together_but_no_shell_noun():
    # Most of a front door digest had fallen under "Other findings": what its sentences share is often one word
    # ("thresholds") or two things named together ("contacts and referrals").
    items = _items({
        "Doncaster": "Workers at the front door apply thresholds well.",
        "Hounslow": "Thresholds are applied effectively.",
        "Sandwell": "Partners understand thresholds.",
        "Leeds": "Managers give clear direction.",   # a word two councils share is chance, not a group
        "Hull": "Direction is given by managers.",
        "Harrow": "Contacts and referrals are dealt with in a timely way.",
        "Buckinghamshire": "Contacts and referrals to the front door are responded to promptly.",
        "Wigan": "Contacts and referrals are screened by social workers.",
        "Kent": "Referrals and contacts are prioritised by risk.",
        "Bromley": "Managers review contacts daily.",   # a part of a label joins its group, not one of its own
        "Trafford": "Contacts wait too long.",
        "Dorset": "Contacts are triaged daily.",
        "Sutton": "Children understand the reasons why they are in care.",
        "Lincoln": "Workers explain the reasons for decisions.",
        "Bury": "Workers are missing from some teams.",
        "York": "Missing records are found quickly.",
    })
    labels = [g.label for g in group_items(items, ["front", "door"])]
    groups = {g.label: {item.council for item in g.items} for g in group_items(items, ["front", "door"])}
    assert "Thresholds" in labels and {"Bromley", "Trafford", "Dorset"} < groups["Contacts and referrals"]
    assert not {"Reasons", "Missing", "Contacts", "Referrals", "Direction"} & set(labels)
    assert {"Other findings"} < set(labels)


def test_a_label_shows_a_name_as_printed_and_groups_only_those_printing_it():
    items = _items({
        "Derby": "Adopters are found through the regional adoption agency (Adopt South).",
        "Wigan": "Leaders work well with Adopt South to find adopters.",
        "Leeds": "Adopt Southwest finds adopters.", "York": "Adopters come through One Adoption South Yorkshire.",
        "Hull": "Strategy Meetings are timely.", "Bury": "Managers chair strategy meetings well.",
        "Kent": "Adoption is timely.", "Hull2": "Audits are regular.",
    })
    groups = {g.label: sorted(i.council for i in g.items) for g in group_items(items, ["adoption"])}
    # a name groups those printing it, not another of its stems ("Adopt Southwest", "Adoption South Yorkshire")
    assert groups == {"Adopt South": ["Derby", "Wigan"], "Strategy meetings": ["Bury", "Hull"],
                      OTHER_LABEL: ["Hull2", "Kent", "Leeds", "York"]}


@pytest.mark.parametrize("texts, not_labels", [
    # part of a longer name: "stable foster" of "stable foster homes", "single point" of "single point of contact"
    (["Children live in stable foster homes.", "Most live in stable foster placements.",
      "Children have stable foster carers."], {"Stable foster"}),
    (["There is a single point of contact for schools.", "A single point of access works well.",
      "Partners use the single point of contact."], {"Single point"}),
    # what measures or times a practice, not the practice
    (["A small number of children wait.", "For a small number of families, plans drift.",
      "Help comes at the right time.", "Children get help at the right time."], {"Small number", "Right time"}),
    # a clause (a plural, then its verb), a verb, a possessive end, a word joined to a number
    (["Children come into care in a planned way.", "Older children come into care later.",
      "Workers carry manageable caseloads.", "Social workers carry high caseloads."],
     {"Children come", "Workers carry", "Older children come"}),
    (["Leaders manage neglect well.", "Managers manage neglect early.", "Workers safeguard children well.",
      "Police safeguard children quickly."], {"Manage neglect", "Safeguard children"}),
    (["Plans reduce risks quickly.", "Workers help reduce risks to children.",
      "Separated children's needs are met.", "Separated children's voices are heard."],
     {"Reduce risks", "Help reduce", "Separated children's"}),
    (["Support for 16-year-old children is good.", "Help for 17-year-old children is timely."], {"Year-old children"}),
])
def test_a_label_is_a_whole_name_not_part_of_one_a_measure_or_a_clause(texts, not_labels):
    others = ["Adoption is timely.", "Leaders are visible.", "Audits are regular.", "Plans are reviewed."]
    items = _items({f"Council{i}": text for i, text in enumerate(texts + others)})
    labels = {g.label for g in group_items(items, ["care"])}
    assert not labels & not_labels


def test_one_practice_spelled_or_inflected_two_ways_is_one_group():
    items = _items({
        "Derby": "Care planning is thorough.", "Wigan": "Care plans are detailed.", "Hull": "Care plans are clear.",
        "Bury": "Emotional well-being is supported.", "Leeds": "Emotional wellbeing is a priority.",
        "Kent": "Health assessments are timely.", "Brent": "Dental checks are regular.",
    })
    groups = {g.label: sorted(i.council for i in g.items) for g in group_items(items, ["health"])}
    assert groups["Care plans"] == ["Derby", "Hull", "Wigan"]
    assert [members for label, members in groups.items() if label.startswith("Emotional")] == [["Bury", "Leeds"]]
    meetings = _items({"Derby": "Strategy meetings are timely.", "Wigan": "A strategy meeting is held.",
                       "Hull": "Plans are reviewed.", "Bury": "Visits are regular.", "Kent": "Audits are done."})
    assert [g.label for g in group_items(meetings, ["risk"])][0] in ("Strategy meetings", "Strategy meeting")
    assert len(group_items(meetings, ["risk"])[0].items) == 2
    reflective = _items({"Derby": "Reflective supervision is valued.", "Wigan": "Reflective supervision sessions help.",
                         "Hull": "Supervision is regular."})
    assert next(g.label for g in group_items(reflective, ["supervision"])) == "Reflective supervision"
    # ... but a compound of a whole word is not that word: child-in-need planning is no children's plans
    plans = _items({"Derby": "Child-in-need planning is timelier.", "Wigan": "Children's plans progress.",
                    "Hull": "Children's plans are clear.", "Bury": "Visits are regular."})
    assert {g.label: sorted(i.council for i in g.items) for g in group_items(plans, ["supervision"])}[
        "Children's plans"] == ["Hull", "Wigan"]
    # ... though a prefix is no word: "multi-disciplinary" and "multidisciplinary" teams are one group
    teams = _items({"Derby": "Families meet multi-disciplinary teams.", "Wigan": "Multidisciplinary teams are strong.",
                    "Hull": "Visits are regular.", "Bury": "Audits are done."})
    assert sorted(i.council for i in group_items(teams, ["supervision"])[0].items) == ["Derby", "Wigan"]


@pytest.mark.model
def test_a_report_that_names_only_the_lesser_words_of_the_topic_is_no_entry(tmp_path, model):
    store = Store.open(tmp_path / "index", model_name=model.name, dim=model.dim, create=True)
    for year, text in (("2016", "Personal advisers support care leavers well as they move into adulthood."),
                       ("2018", "Support for care leavers, judged good previously, has remained good since."),
                       ("2022", "Personal advisers keep in touch with care leavers and visit them often.")):
        add_report(store, model, f"Wakefield-{year}", "Wakefield", f"{year}-06-01", [text])
    for council in ("Derby", "Wigan", "Leeds"):   # care leavers are in many reports, personal advisers in few
        add_report(store, model, f"{council}-2024", council, "2024-06-01", [f"Care leavers in {council} live in suitable homes."])
    for council in ("Bury", "Sutton", "Hull"):   # ... and support in every report, as in a real library
        add_report(store, model, f"{council}-2024", council, "2024-06-01", [f"Support for adoption in {council} is timely."])
    timeline = Searcher(store, model).ask(
        "How have inspectors' findings on personal advisers' support for care leavers in Wakefield changed over "
        "time?").timeline
    assert [entry.finding.document.doc_id for entry in timeline.entries] == ["Wakefield-2016", "Wakefield-2022"]
    store.close()


@pytest.mark.model
def test_the_children_named_and_one_word_of_the_topic_are_no_finding(tmp_path, model):
    """"Stable" beside "children in care" held two-thirds of "keep placements stable for children in care": Harrow's
    stable senior leadership answered it. The topic beyond the children must be held as fully."""
    store = Store.open(tmp_path / "index", model_name=model.name, dim=model.dim, create=True)
    add_report(store, model, "Harrow-2025", "Harrow", "2025-06-01", [
        "Strong and stable senior leadership has led to improvements for children in care."])
    for council in ("Derby", "Leeds", "Bury", "Hull", "Brent"):   # children in care and placements in every report
        add_report(store, model, f"{council}-2024", council, "2024-06-01", [
            f"Most children in care in {council} live in stable placements that meet their needs.",
            f"Placements and homes in {council} are commissioned for children in care."])
    digest = Searcher(store, model).ask("How do councils keep placements stable for children in care?").digest
    assert sorted(item.council for item in digest.items) == ["Brent", "Bury", "Derby", "Hull", "Leeds"]
    store.close()


@pytest.mark.model
def test_a_timeline_gives_a_reports_other_side_on_the_topic_beside_its_finding(tmp_path, model):
    store = Store.open(tmp_path / "index", model_name=model.name, dim=model.dim, create=True)
    add_report(store, model, "Wakefield-2019", "Wakefield", "2019-06-01",
               ["Personal advisers keep in touch with care leavers and visit them often."])
    add_report(store, model, "Wakefield-2025", "Wakefield", "2025-06-01", [
        "Care leavers are supported well by personal advisers who know them well.",
        "Some care leavers are not supported by personal advisers to update their pathway plans.",
        "Adoption is delayed for too many children."])
    for council in ("Derby", "Wigan", "Leeds", "Bury", "Hull", "Kent", "Brent", "Sutton"):   # "support" in every report
        add_report(store, model, f"{council}-2024", council, "2024-06-01", [f"Support for adoption in {council} is timely."])
    timeline = Searcher(store, model).ask(
        "How has Wakefield's support for care leavers from personal advisers changed over time?").timeline
    entries = {entry.finding.document.doc_id: entry for entry in timeline.entries}
    assert entries["Wakefield-2025"].also.quote.text.startswith("Some care leavers are not supported")
    # (and not "Adoption is delayed …", a shortfall on another topic)
    assert entries["Wakefield-2019"].also is None   # nothing else said there
    assert len(entries["Wakefield-2025"].to_dict()["items"]) == 2
    store.close()


@pytest.mark.model
def test_a_timeline_of_the_children_alone_gives_the_other_side_of_a_finding_not_naming_them(tmp_path, model):
    """"How has Derby's service for care leavers changed?": its finding "Young people are well prepared for leaving
    care …" prints no "care leavers", yet "Not all care leavers have their pathway plans updated." is its other side."""
    store = Store.open(tmp_path / "index", model_name=model.name, dim=model.dim, create=True)
    heading = "The experiences and progress of care leavers: outstanding\n\n"
    texts = ["20. Young people are very well prepared for leaving care by workers who know them well.",
             "21. Not all care leavers have their pathway plans updated after significant events."]
    page = heading + "\n\n".join(texts)
    add_report(store, model, "Derby-2025", "Derby", "2025-06-01", [page], chunks=[
        Chunk("Derby-2025", 1, page.index(text), page.index(text) + len(text), text, ordinal=n)
        for n, text in enumerate(texts)])
    add_report(store, model, "Derby-2019", "Derby", "2019-06-01", ["Care leavers are supported well by their advisers."])
    for council in ("Wigan", "Leeds", "Bury", "Hull"):
        add_report(store, model, f"{council}-2024", council, "2024-06-01", [f"Care leavers in {council} have advisers."])
    timeline = Searcher(store, model).ask("How has Derby's service for care leavers changed over time?").timeline
    entries = {entry.finding.document.doc_id: entry for entry in timeline.entries}
    assert entries["Derby-2025"].finding.quote.text.startswith("Young people are very well prepared")
    assert entries["Derby-2025"].also.quote.text.startswith("Not all care leavers have their pathway plans")
    store.close()


@pytest.mark.model
def test_a_papers_sentence_is_about_the_children_asked_only_when_it_names_them(tmp_path, model):
    store = Store.open(tmp_path / "index", model_name=model.name, dim=model.dim, create=True)
    for council in ("Derby", "Wigan", "Leeds"):
        add_report(store, model, f"{council}-2024", council, "2024-06-01",
                   [f"Care leavers in {council} are helped into employment and training by their advisers."])
    add_report(store, model, "staff-paper", "Bury", "2024-03-01",
               ["Staff were helped into education, employment and training through the council's apprenticeship scheme."],
               report_type="committee_paper")
    add_report(store, model, "leavers-paper", "Hull", "2024-03-01",
               ["Care leavers in Hull are helped into education, employment and training through the council's "
                "apprenticeship scheme."],
               report_type="committee_paper")
    digest = Searcher(store, model).ask("How do councils help care leavers into education, employment or training?").digest
    quoted = {item.finding.document.doc_id for item in digest.items}
    assert "leavers-paper" in quoted and "staff-paper" not in quoted   # no report's sections to say whom: named or not
    store.close()


@pytest.mark.parametrize("question, weights, expected", [
    # An idea completed by another ("of homes") is asked as the rarer one alone.
    ("the sufficiency of homes for children in care", {"suffi": 2.3, "home": 2.1, "child": 0.8, "care": 1.1},
     [("suffi",)]),
    # Alternatives each count, the common word beside a rare one in another alternative too.
    ("criminal and sexual exploitation", {"crimi": 5.0, "sexua": 2.7, "explo": 2.5}, [("crimi",), ("sexua", "explo")]),
    ("staying put and staying close arrangements", {"stayi": 3.6, "put": 3.5, "close": 3.0, "arran": 1.9},
     [("stayi", "put"), ("stayi", "close")]),
    ("harm outside the home, such as exploitation", {"harm": 3.0, "outsi": 3.5, "home": 2.1, "explo": 2.5},
     [("harm", "outsi"), ("explo",)]),
    # A compound kept whole weighs as its rarest part, which the keyword index counts apart: not "harm" alone.
    ("children at risk of extra-familial harm", {"child": 0.8, "risk": 1.7, "extra": 5.0, "famil": 1.3, "harm": 3.0},
     [("extra-familial",)]),
    # A number or an age is no idea, however rare it looks: the ages say who, homelessness is what is asked.
    ("section 47 enquiries", {"secti": 1.5, "47": 3.0, "enqui": 2.5}, [("enqui",)]),
    ("the response to homeless 16- and 17-year-olds", {"respo": 1.2, "homel": 3.4, "16": 3.3, "17": 3.2, "year": 1.0, "old": 2.9},
     [("homel",)]),
    # An alternative of a common word beside a rare idea is none: "care" is the alternative to home, not to going missing.
    ("children who go missing from home or care", {"child": 0.8, "go": 2.8, "missi": 2.4, "home": 2.1, "care": 1.1},
     [("go", "missi")]),
    # ... but with the word the alternative before it completes, where that is no preposition: leaving care.
    ("young people leaving custody or care", {"young": 0.9, "peopl": 0.9, "leavi": 2.2, "custo": 4.5, "care": 1.1},
     [("custo",), ("leavi", "care")]),
])
def test_topic_units_are_the_rarest_idea_of_each_alternative(question, weights, expected):
    assert topic_units(question, weights, 0.7) == expected


def test_a_compound_weighing_two_thirds_of_its_rarest_word_stays_one_idea():
    """"health assessments": "assessments" (in 31% of dev passages) weighs 0.67 of "health" (13%); "health" alone is
    mental health too (ranking.ACROSS_DISTINCT_SHARE)."""
    weights = {"child": 0.79, "care": 0.74, "healt": 2.17, "asses": 1.45}
    assert topic_units("children in care get their health assessments", weights, ranking.ACROSS_DISTINCT_SHARE) == [
        ("healt", "asses")]


def test_an_everyday_word_printed_before_an_idea_names_its_kind_where_the_library_says_so():
    """"family hubs" are a kind of hub when the library prints "family hub" for a good share of its hubs; "staff
    supervision" is no kind when it almost never does; a possessive, a plural ("families hubs", "children missing
    education") or the councils' verb is no modifier; an idea modifying the topic word after it is a kind too."""
    kinds = {"family hubs", "family network", "criminal exploitation"}
    is_kind = lambda phrase, word, share: phrase in kinds
    always = lambda phrase, word, share: True
    assert with_printed_modifier("How do councils run family hubs?", [("hub",)], is_kind) == [("famil", "hub")]
    assert with_printed_modifier("How do councils use family network meetings?", [("netwo",)], is_kind) == [
        ("famil", "netwo")]
    assert with_printed_modifier("How have councils improved staff supervision?", [("super",)], is_kind) == [("super",)]
    assert with_printed_modifier("How have councils cut social workers' caseloads?", [("casel",)], always) == [("casel",)]
    assert with_printed_modifier("How do councils run families hubs?", [("hub",)], always) == [("hub",)]
    assert with_printed_modifier("How do councils track children missing education?", [("missi",)], always) == [
        ("missi",)]
    assert with_printed_modifier("How do councils support parents?", [("paren",)], always, ["support"]) == [("paren",)]
    assert with_printed_modifier("How do councils tackle criminal exploitation?", [("crimi",)], is_kind,
                                 topic=["crimi", "explo"]) == [("crimi", "explo")]
    assert with_printed_modifier("Who knows?", [("hub",)], always) == [("hub",)]   # an idea of the other wording
    # ... or where the modifier is unusual beside its word, however rarely the library prints the pair
    unusual = lambda modifier, word: (modifier, word) == ("staff", "wellbeing")
    assert with_printed_modifier("How do councils look after staff wellbeing?", [("wellb",)], is_kind,
                                 unusual=unusual) == [("staff", "wellb")]
    assert with_printed_modifier("How have councils improved staff supervision?", [("super",)], is_kind,
                                 unusual=unusual) == [("super",)]


def test_a_word_modifying_with_another_the_word_after_both_is_held_with_it():
    printed = {"health partners", "criminal exploitation"}.__contains__
    assert with_shared_head("How do councils work with health and police partners?", [("healt",), ("polic", "partn")],
                            printed) == [("healt", "partn"), ("polic", "partn")]
    assert with_shared_head("How do councils tackle criminal and sexual exploitation?", [("crimi",), ("sexua", "explo")],
                            printed) == [("crimi", "explo"), ("sexua", "explo")]
    # two things, not two modifiers of one (the library never prints "advocacy visitors"); nor the councils' verbs
    assert with_shared_head("How do councils use advocacy and independent visitors?", [("advoc",), ("indep", "visit")],
                            printed) == [("advoc",), ("indep", "visit")]
    assert with_shared_head("How are councils recruiting and keeping social workers?", [("recru",)], lambda p: True,
                            ["recruiting", "keeping"]) == [("recru",)]
    # an everyday word of a name after "and" ("young carers" are a group of their own), a verb, or a shared word no
    # other idea holds: no shared head
    assert with_shared_head("How do councils support parents and young carers?", [("paren",), ("young", "carer")],
                            lambda p: True) == [("paren",), ("young", "carer")]
    assert with_shared_head("How do councils support education and improve outcomes?", [("educa",), ("outco",)],
                            lambda p: True) == [("educa",), ("outco",)]
    assert with_shared_head("How do councils fund health and police partners?", [("healt",), ("polic",)],
                            lambda p: True) == [("healt",), ("polic",)]


@pytest.mark.parametrize("word, other, same", [
    ("supervision", "supervised", True), ("health", "healthy", True), ("stability", "stable", True),
    ("assessments", "assessed", True), ("placements", "placement", True),
    # five letters alike, two words: "return home interviews that explore push and pull factors" held exploitation
    ("exploitation", "explore", False), ("exploitation", "exploratory", False), ("intervention", "interview", False),
    ("commissioning", "committed", False),
])
def test_words_of_one_key_are_one_word_only_as_its_forms(word, other, same):
    assert one_family(word, other) is same and one_family(other, word) is same


def test_an_idea_of_one_word_is_held_by_its_forms_not_its_false_friends():
    asked = forms_by_stem(["How do councils protect young people from exploitation?"])["explo"]
    assert holds_form("Children at risk of being exploited are identified.", "explo", asked)
    assert not holds_form("Return home interviews explore push and pull factors.", "explo", asked)
    assert holds_unit("Return home interviews explore push and pull factors.", ("explo",))   # the key alone would
    # a compound is held in either spelling, as holds_unit holds it
    asked = forms_by_stem(["How is work co-ordinated?"])["co-ordinated"]
    assert holds_form("Coordinated work with partners is strong.", "co-ordinated", asked)


def test_a_compound_idea_is_held_in_either_spelling():
    assert holds_unit("Coordination between agencies is strong.", ("co-ordination",))
    assert holds_unit("Co-ordinated work with partners.", ("co-ordination",))
    assert holds_unit("Extrafamilial harm is tackled.", ("extra-familial",))
    assert not holds_unit("The agency works well.", ("multi-agency",))


def test_a_kind_is_held_as_printed_and_another_kind_is_named():
    assert holds_kind("Five family hubs offer early help.", ("famil", "hub"))
    assert holds_kind("Children live within their family and friends network.", ("famil", "netwo"))
    assert holds_kind("A wider network of family members helps.", ("famil", "netwo"))
    assert holds_kind("Children at risk of criminal and/or sexual exploitation are safer.", ("crimi", "explo"))
    # an everyday word between the modifier and the word leaves it the kind; any other word makes another
    assert holds_kind("Family help hubs and services work well together.", ("famil", "hub"))
    assert holds_kind("Children at risk of criminal child exploitation are safer.", ("crimi", "explo"))
    assert not holds_kind("The family safeguarding hub is busy.", ("famil", "hub"))
    assert not holds_kind("The safeguarding hub helps families.", ("famil", "hub"))
    assert not holds_kind("A criminal cyber-attack hit services; exploitation is tackled.", ("crimi", "explo"))
    assert not holds_kind("Networks are weak for family and friends.", ("famil", "netwo"))   # no wrapping round
    assert other_kinds("The multi-agency safeguarding hub helps families.", ("famil", "hub")) == ["safeguarding hub"]
    assert other_kinds("The family hub and the safeguarding hub work together.", ("famil", "hub")) == []
    assert other_kinds("Hubs are open.", ("famil", "hub")) == []
    assert other_kinds("Family hubs are open.", ("help", "hub")) == ["family hubs"]
    assert other_kinds("Family hubs are open.", ("help", "hub"), "How do councils use family help hubs?") == []


def test_an_idea_sharing_a_word_with_a_reworded_term_is_that_term_whole():
    """"stable" alone, which rarity makes the idea of "keep children stable homes", is as much a stable workforce."""
    assert as_whole_terms([("stabl",), ("adopt",)], ["stable homes"]) == [("stabl", "home"), ("adopt",)]
    assert as_whole_terms([("stabl",)], []) == [("stabl",)]


def test_an_idea_of_several_words_is_held_close_together_in_any_order():
    unit = ("place", "stabl")
    assert holds_unit("Most children live in stable foster placements.", unit)
    assert holds_unit("Their placements are stable.", unit)
    assert holds_unit("Placement stability is good.", unit)   # "stability" is "stable"'s idea (highlight.word_key)
    assert not holds_unit("A stable workforce means children are rarely moved from one placement to another.", unit)


def test_a_reworded_terms_other_wording_adds_its_own_idea_and_no_other(store, embedder):
    # "run away" is what the reports call going missing (ofsted.vocabulary.SAME_IDEA); the question reworded ("keep
    # track of children who go missing") is not a question about anything tracked.
    add_report(store, embedder, "derby", "Derby", "2024-06-01", ["Children who go missing from care are tracked daily."])
    add_report(store, embedder, "wigan", "Wigan", "2024-06-01", ["The council has a strong track record."])
    add_report(store, embedder, "kent", "Kent", "2024-06-01", ["Few children run away from their foster homes."])
    for council in ("Bury", "Hull", "York", "Leeds"):   # going missing printed more often than tracking
        add_report(store, embedder, council.lower(), council, "2024-06-01",
                   ["Few children go missing from care.", "Plans are reviewed.", "Visits are regular."])
    digest = Searcher(store, embedder).ask("How do councils keep track of children who run away from care?").digest
    assert "Wigan" not in {item.council for item in digest.items}
    assert {"Derby", "Kent", "Bury"} <= {item.council for item in digest.items}


def test_an_idea_of_everyday_words_is_held_only_as_the_phrase():
    unit = ("famil", "time")   # "family time": words every report uses
    assert of_everyday_words(unit) and not of_everyday_words(("place", "stabl"))
    assert holds_phrase("Family time with brothers and sisters is well supported.", unit)
    assert holds_phrase("Children spend time with their families.", unit)
    assert not holds_phrase("Families receive help at the right time.", unit)
    assert not holds_phrase("Family networks are used well during times of stress.", unit)


def test_a_topic_whose_idea_is_of_everyday_words_is_answered_only_by_the_idea(store, embedder):
    # "family time for children in care": a sentence holding most of the topic's words ("children and families …
    # at the right time") holds words every report uses, not family time.
    add_report(store, embedder, "derby", "Derby", "2024-06-01", ["Family time for children in care is well planned."])
    add_report(store, embedder, "wigan", "Wigan", "2024-06-01",
               ["Children in care and their families receive help at the right time."])
    for council in ("Bury", "Hull", "York", "Leeds"):
        add_report(store, embedder, council.lower(), council, "2024-06-01",
                   ["Children in care are visited.", "Families are supported.", "Time is taken to plan."])
    digest = Searcher(store, embedder).ask("How do councils use family time for children in care?").digest
    assert [item.council for item in digest.items] == ["Derby"]


def test_an_idea_held_as_named_is_in_the_questions_order_within_one_sentence():
    unit = ("pract", "leade")   # "practice leaders"
    assert holds_unit("Practice leaders coach newly qualified workers.", unit, as_named=True)
    assert holds_unit("Leaders of practice run weekly clinics.", unit, as_named=True)
    assert not holds_unit("Senior leaders have improved practice.", unit, as_named=True)
    assert not holds_unit("Workers use tools to support practice. Senior leaders are visible.", unit, as_named=True)
    assert holds_unit("Senior leaders have improved practice.", unit)   # as an idea, in any order


def test_of_sentences_holding_the_topic_as_fully_the_one_that_judges_it_is_the_finding(store, embedder):
    # Two passages of one report, each a sentence holding every word of the topic: the one saying how well it is
    # done (a strength) is what a timeline or digest quotes, not the one saying only what is done, though that one
    # repeats the question's words and is the closer passage.
    add_report(store, embedder, "wakefield", "Wakefield", "2024-06-01",
               ["Personal advisers support care leavers: personal advisers support care leavers at home over time.",
                "Personal advisers give care leavers strong, effective support."])
    add_report(store, embedder, "wakefield-old", "Wakefield", "2019-06-01",
               ["Personal advisers for care leavers see them when asked."])
    timeline = Searcher(store, embedder).ask(
        "How has Wakefield's support from personal advisers for care leavers changed over time?").timeline
    assert timeline.entries[-1].finding.quote.text == "Personal advisers give care leavers strong, effective support."


@pytest.mark.parametrize("reports, question, expected", [
    # A fostering service's "supervising social workers" support foster carers: that sentence says nothing of how
    # social workers are supervised, though it prints both words.
    ({"Barnet": ["Supervising social workers provide strong support for foster carers.",
                 "Social workers receive regular, reflective supervision from their managers."],
      "Bury": ["Supervising social workers visit foster carers often."]},
     "How have councils improved supervision of social workers?",
     {"Barnet": "Social workers receive regular, reflective supervision from their managers."}),
    # "Agency" is as often an organisation ("partner agencies", "the regional adoption agency") as the agency staff a
    # council hires: a sentence on working with partner agencies says nothing of cutting the use of agency staff.
    ({"Bromley": ["Social workers work closely with partner agencies to reduce risks.",
                  "Fewer agency social workers are used, as leaders have recruited permanent staff."],
      "Dorset": ["The regional adoption agency works with social workers to reduce delay for children."]},
     "What have councils done to cut their use of agency social workers?",
     {"Bromley": "Fewer agency social workers are used, as leaders have recruited permanent staff."}),
    # Children who go missing from home or care are runaways, not children missing education ("missing" the question's
    # rarest word, as in a real library).
    ({"Lewisham": ["A coordinator responds well when children go missing from home or care.",
                   "Staff track reported cases of children missing from education tenaciously."],
      "Reading": ["When children go missing from home, there are robust arrangements to monitor them."],
      **{council: ["The virtual school supports children's education well.", "Plans are reviewed on time."]
         for council in ("Bury", "Hull", "Leeds", "York")}},
     "How do councils track children missing from education?",
     {"Lewisham": "Staff track reported cases of children missing from education tenaciously."}),
    # The library prints "family hub" for a share of its hubs, so "family hubs" are a kind of hub: a multi-agency
    # safeguarding hub, the usual kind, though it serves families, is another.
    ({"Wigan": ["The council uses five family hubs to offer early help."],
      "Bury": ["The council uses its multi-agency safeguarding hub to help families."],
      "Leeds": ["The safeguarding hub is busy."] + [
          f"Families are visited {when}." for when in ("weekly", "often", "promptly", "at home", "in school", "again")]},
     "How do councils use family hubs?",
     {"Wigan": "The council uses five family hubs to offer early help."}),
], ids=["supervising social workers", "partner agencies", "runaways", "safeguarding hub"])
def test_a_word_of_the_topic_in_another_sense_or_kind_is_not_the_topic(store, embedder, reports, question, expected):
    for council, pages in reports.items():
        add_report(store, embedder, council.lower(), council, "2024-06-01", pages)
    digest = Searcher(store, embedder).ask(question).digest
    assert {item.council: item.finding.quote.text for item in digest.items} == expected


@pytest.mark.model
def test_an_idea_naming_the_councils_social_workers_is_held_by_the_reports_other_names_for_them(tmp_path, model):
    """"Agency social workers" are the reports' "agency staff" and "agency workers" (ofsted.vocabulary
    .WORKFORCE_NAMES): each answers."""
    reports = {"Bromley": "Fewer agency social workers are used, as leaders have recruited permanent staff.",
               "Kent": "The use of agency staff has fallen as fewer posts are vacant.",
               "Leeds": "Leeds now relies on fewer agency workers in its children's teams."}
    store = Store.open(tmp_path / "index", model_name=model.name, dim=model.dim, create=True)
    for council, text in reports.items():
        add_report(store, model, council.lower(), council, "2024-06-01", [text, "Plans are reviewed on time."])
    for council in ("Bury", "York", "Brent"):
        add_report(store, model, council.lower(), council, "2024-06-01", [f"Adoption in {council} is timely."])
    digest = Searcher(store, model).ask("What have councils done to cut their use of agency social workers?").digest
    assert sorted(item.council for item in digest.items) == ["Bromley", "Kent", "Leeds"]
    store.close()


def test_a_question_asking_how_soon_is_answered_by_a_sentence_saying_it(store, embedder):
    # Both pages are on health assessments; the question asks whether they are on time, and one page says.
    add_report(store, embedder, "derby", "Derby", "2024-06-01",
               ["Health assessments for children in care are thorough and detailed.",
                "Most children in care have their health assessments without delay."])
    for council in ("Bury", "Hull", "York", "Leeds"):
        add_report(store, embedder, council.lower(), council, "2024-06-01", ["Plans are reviewed.", "Visits are regular."])
    digest = Searcher(store, embedder).ask("How do councils make sure children in care get their health assessments "
                                           "on time?").digest
    assert [item.finding.quote.text for item in digest.items] == [
        "Most children in care have their health assessments without delay."]


@pytest.mark.parametrize("question, changed", [
    ("How have councils improved the quality of supervision for social workers?",
     "The quality of supervision of social work has improved since the last inspection."),
    ("How have councils brought down social workers' caseloads?", "Caseloads for social workers have reduced."),
])
def test_a_question_asking_how_councils_changed_something_is_answered_by_a_sentence_saying_it_changed(
        store, embedder, question, changed):
    # Both pages hold the topic; the question asks how it changed, and one page says it did. A sentence beside the
    # topic's saying something else changed ("improve children's plans") is no answer to it.
    topic = "supervision" if "supervision" in question else "caseloads"
    add_report(store, embedder, "derby", "Derby", "2024-06-01",
               [f"Social workers' {topic} is regular and valued by social workers. Leaders act to improve plans.", changed])
    for council in ("Bury", "Hull", "York", "Leeds"):   # social workers in every report, the topic in one
        add_report(store, embedder, council.lower(), council, "2024-06-01",
                   ["Social workers visit children often.", "Social workers know children well."])
    assert [item.finding.quote.text for item in Searcher(store, embedder).ask(question).digest.items] == [changed]


def _councils_answering(store, embedder, question: str, reports: dict[str, list[str]], filler: list[str]) -> set[str]:
    """The councils a digest quotes, of a library of these councils' reports and four more printing the filler (which
    sets how common the question's words are)."""
    for council, sentences in reports.items():
        add_report(store, embedder, council.lower(), council, "2024-06-01", sentences)
    for council in ("Bury", "Hull", "York", "Leeds"):
        add_report(store, embedder, council.lower(), council, "2024-06-01", filler)
    return {item.council for item in Searcher(store, embedder).ask(question).digest.items}


@pytest.mark.parametrize("question, right, wrong, filler", [
    # "keep" is the question's rarest word, but it says what working with schools is for: keeping in touch is no answer
    # (schools and children in many reports, keeping in few).
    ("How do councils work with schools to keep children safe?",
     "Social workers work closely with schools to keep children safe.",
     "Personal advisers keep in regular touch with care leavers.",
     ["Children attend school regularly.", "Plans are reviewed on time.", "Children are safe at school."]),
    # "calls and referrals at the front door": calls at the front door, not a practice "they call crash pads" (the front
    # door in many reports, calls in few).
    ("How have councils screened calls and referrals at the front door?",
     "Calls to the front door are screened promptly.",
     "Homeless children can use rooms which workers call crash pads.",
     ["Children are seen at the front door.", "Referrals are screened by a duty team.", "Visits are regular."]),
])
def test_a_finding_holds_the_idea_as_the_question_sets_it(store, embedder, question, right, wrong, filler):
    councils = _councils_answering(store, embedder, question, {"Derby": [right], "Wigan": [wrong]}, filler)
    assert "Wigan" not in councils and "Derby" in councils


def test_a_noun_its_qualifier_names_is_held_beside_it_and_nothing_else_answers(store, embedder):
    # "parents with learning disabilities": children's learning disabilities are not theirs, though a passage on them
    # prints every word of the question.
    add_report(store, embedder, "derby", "Derby", "2024-06-01",
               ["Advocates support parents with learning disabilities in child protection conferences."])
    add_report(store, embedder, "wigan", "Wigan", "2024-06-01",
               ["Parents of disabled children with learning disabilities receive short breaks."])
    add_report(store, embedder, "hull", "Hull", "2024-06-01",
               ["Children with learning disabilities receive short breaks.", "Parents value the support they receive."])
    for council in ("Bury", "York", "Leeds", "Kent"):   # parents in many reports, learning disabilities in few
        add_report(store, embedder, council.lower(), council, "2024-06-01",
                   ["Parents are involved in plans.", "Visits are regular.", "Plans are reviewed."])
    digest = Searcher(store, embedder).ask("How do councils support parents with learning disabilities?").digest
    assert {item.council for item in digest.items} <= {"Derby", "Wigan"} and "Derby" in {i.council for i in digest.items}


@pytest.mark.parametrize("question, expected", [
    ("How do councils support parents with learning disabilities?", {("learn", "disab"): ("paren",)}),
    ("How do councils support children with disabilities?", {}),            # whom every report is about
    ("How do councils help care leavers with mental health needs?", {}),    # a group of children: their section says it
    ("How do councils work with schools to keep children safe?", {}),       # a verb, not a noun
])
def test_qualified_heads(question, expected):
    weights = {"paren": 1.9, "learn": 2.4, "disab": 3.1, "child": 0.8, "menta": 3.0, "healt": 2.0, "leave": 2.0,
               "schoo": 2.0, "safe": 1.5}
    assert qualified_heads(question, weights, ranking.ACROSS_DISTINCT_SHARE) == expected


@pytest.mark.parametrize("question, expected", [
    ("How have councils screened calls and referrals at the front door?", {("call",): ("front", "door")}),
    ("How do councils reduce delays and drift in care proceedings?", {("delay",): ("proce",)}),
    ("How do councils support parents and carers of disabled children?", {("paren",): ("disab",)}),
    # the earlier alternative has a preposition of its own: "at home" is only the home-educated children's
    ("How do councils track children missing from education or educated at home?", {}),
    # a clause, not a complement of the later alternative's first words
    ("How do councils help children's emotional and mental health when they are in care?", {}),
    # whom it is for: a group of children, which a finding's section says as well as its words
    ("How do councils use advocacy and independent visitors for children in care?", {}),
    ("How do councils use family group conferences and family network meetings?", {}),
])
def test_shared_complements(question, expected):
    weights = {"call": 5.0, "refer": 2.9, "front": 3.8, "door": 4.2, "delay": 3.0, "drift": 4.5, "care": 1.1,
               "proce": 3.5, "paren": 1.9, "carer": 2.0, "disab": 3.1, "child": 0.8, "educ": 2.0, "miss": 2.5,
               "home": 1.5, "emoti": 3.0, "menta": 3.0, "healt": 2.0, "advoc": 4.0, "indep": 2.5, "visit": 2.0,
               "famil": 1.3, "group": 2.0, "confe": 3.0, "netwo": 3.0, "meeti": 1.5}
    assert shared_complements(question, weights, ranking.ACROSS_DISTINCT_SHARE) == expected


def test_a_finding_saying_the_topic_in_its_own_right_comes_before_one_naming_it_in_passing(store, embedder):
    # Trafford 2026 and Peterborough 2024: the front door as a closing example of something else, or as what a visit
    # looked at, is the closer passage (it comes first in the report), but the report's own finding on it is the answer.
    add_report(store, embedder, "trafford", "Trafford", "2026-06-01",
               ["Practice has improved, but there has been a serious deterioration in areas, such as the front door.",
                "There are delays in responding to contacts at the front door, leaving some children at risk."])
    add_report(store, embedder, "peterborough", "Peterborough", "2024-06-01",
               ["Leaders have tackled shortfalls identified by a focused visit to the front door in March 2023.",
                "Some early improvements have been made in the front door."])
    digest = Searcher(store, embedder).ask("How have councils screened referrals at the front door?").digest
    assert {item.council: item.finding.quote.text for item in digest.items} == {
        "Trafford": "There are delays in responding to contacts at the front door, leaving some children at risk.",
        "Peterborough": "Some early improvements have been made in the front door."}


def test_a_finding_that_stands_on_its_own_comes_before_one_leaning_on_a_sentence_it_does_not_carry(store, embedder):
    # The passage starts at "They offer …": quoted alone it says "they" of nobody a reader can see.
    add_report(store, embedder, "north-yorkshire", "North Yorkshire", "2024-06-01",
               ["They screen referrals at the front door effectively.",   # judges it: else it would come first
                "Referrals at the front door are screened by a duty team."])
    digest = Searcher(store, embedder).ask("How have councils screened referrals at the front door?").digest
    assert [item.finding.quote.text for item in digest.items] == ["Referrals at the front door are screened by a duty team."]


@pytest.mark.parametrize("text, expected", [
    ("Practice has improved, but there is a deterioration in areas, such as front door response.",
     "Practice has improved, but there is a deterioration in areas ."),
    ("Leaders respond quickly, for example in mitigating risk at the ‘front door’. Plans are clear, e.g. for care.",
     "Leaders respond quickly . Plans are clear ."),
    # an example the sentence goes on after is part of what it says; so is a parenthesis naming who
    ("When gaps occur, for example for asylum-seeking children, leaders recruit carers.",
     "When gaps occur, for example for asylum-seeking children, leaders recruit carers."),
    ("Partners, including the police, attend the MASH.", "Partners, including the police, attend the MASH."),
])
def test_without_asides_drops_a_closing_example(text, expected):
    assert without_asides(text) == expected


def test_an_inspection_visit_is_an_aside_of_what_it_looked_at():
    assert without_asides("Shortfalls were identified by a focused visit to the front door in 2023.", INSPECTION_OF) \
        == "Shortfalls were identified by a  ."


def test_criminal_exploitation_is_not_any_crime(store, embedder):
    # "criminal" is the rarer word and so the idea, but the library prints it as "criminal exploitation": a criminal
    # cyber-attack says nothing of it; criminal and sexual exploitation does.
    add_report(store, embedder, "hackney", "Hackney", "2024-06-01",
               ["A criminal cyber-attack affected how the council responds to children."])
    add_report(store, embedder, "leeds", "Leeds", "2024-06-01",
               ["Children at risk of criminal and sexual exploitation receive a strong response."])
    for council in ("Bury", "Hull", "York"):   # exploitation in many reports, criminality in few
        add_report(store, embedder, council.lower(), council, "2024-06-01",
                   ["Risks of exploitation are mapped.", "Exploitation is disrupted.", "Plans are reviewed."])
    add_report(store, embedder, "brent", "Brent", "2024-06-01", ["Criminal exploitation is tracked by the police."])
    digest = Searcher(store, embedder).ask("How do councils respond to criminal exploitation?").digest
    assert "Hackney" not in {item.council for item in digest.items}
    assert "Leeds" in {item.council for item in digest.items}


def test_a_modifier_unusual_beside_its_word_is_held_as_printed(store, embedder):
    # The library's wellbeing is children's ("staff", common, is rarer beside it than anywhere): a question about staff
    # wellbeing is not answered by children's wellbeing, however rarely the library prints "staff wellbeing"; one about
    # staff supervision is answered by supervision, which is of staff.
    kinds = ("children's", "emotional", "physical", "good", "overall")
    councils = ["Derby", "Wigan", "Leeds", "Hull", "Bury", "Kent", "Brent", "Ealing", "Barnet", "Harrow", "Sutton",
                "Dorset", "Reading", "Bolton", "Sefton", "Wirral", "Halton", "Slough", "Luton", "Medway"]
    for n, council in enumerate(councils):
        add_report(store, embedder, council.lower(), council, "2024-06-01",
                   [f"Carers in {council} support {kinds[n % 5]} wellbeing well.", f"Staff in {council} are trained.",
                    f"Staff in {council} are visible.", f"Staff caseloads in {council} are low.",
                    f"Supervision of staff in {council} is regular."])
    add_report(store, embedder, "york", "York", "2024-06-01", ["Leaders support staff wellbeing with care."])
    searcher = Searcher(store, embedder)
    assert {item.council for item in searcher.ask("How do councils support staff wellbeing?").digest.items} == {"York"}
    assert len(searcher.ask("How do councils support staff supervision?").digest.items) == 20


def test_a_less_usual_kind_may_still_answer_for_the_kind_asked(store, embedder):
    # Councils name their academies variously: a "Social Care Academy" is a social work academy in other words, so
    # only the word's usual kind (ranking.ACROSS_USUAL_KIND_SHARE), were it another, would be set aside.
    for council, name in (("Leeds", "social work academy"), ("Bury", "Social Care Academy"), ("Hull", "learning academy"),
                          ("York", "practice academy"), ("Brent", "NQSW academy"), ("Derby", "leadership academy")):
        add_report(store, embedder, council.lower(), council, "2024-06-01",
                   [f"The council trains new social workers through its {name}.", "Social work plans are reviewed."]
                   # "academic" is no academy (text.words.noun_forms): Bury is quoted on its academy, not on this
                   + (["Social workers help children with academic work and train new foster carers."]
                      if council == "Bury" else []))
    for council in ("Wigan", "Sutton", "Ealing", "Dorset", "Barnet", "Harrow", "Bromley", "Reading"):
        add_report(store, embedder, council.lower(), council, "2024-06-01",
                   ["New social workers are trained and supported well.", "Social work plans are reviewed."])
    digest = Searcher(store, embedder).ask("How do councils use a social work academy to train new social workers?").digest
    assert {"Leeds", "Bury"} <= {item.council for item in digest.items}
    # ... but after the councils naming the kind asked, and said to be other kinds: which are the same thing is the
    # reader's to judge
    *named, other = digest.groups
    assert other.label == "Other kinds of academies" and "Bury" in {item.council for item in other.items}
    assert {item.council: item.finding.quote.text for item in other.items}["Bury"] == \
        "The council trains new social workers through its Social Care Academy."
    assert "Leeds" in {item.council for group in named for item in group.items}


def test_the_head_of_the_workforce_alone_is_the_noun_not_its_stem():
    from text.words import noun_pattern
    workers = noun_pattern("workers")   # "agency workers" answer for agency social workers; agencies that worked do not
    assert workers.search("Fewer Agency Workers are used.") and workers.search("an agency worker")
    assert not workers.search("Partner agencies worked well together.")


def test_noun_forms_are_the_noun_singular_and_plural():
    from text.words import noun_forms
    assert noun_forms("visitors") == {"visitor", "visitors"} and noun_forms("academy") == {"academy", "academies"}
    assert noun_forms("hubs") == {"hub", "hubs"} and noun_forms("children") == {"children"}
    assert noun_forms("processes") == noun_forms("process") == {"process", "processes"}


def test_a_council_naming_the_kind_asked_is_quoted_on_it_not_on_another_kind(store, embedder):
    add_report(store, embedder, "kent", "Kent", "2024-06-01",
               ["Care leavers value the care leavers' hub, which they helped to design.", "Plans are reviewed on time.",
                "The council uses three family hubs to offer early help."])
    add_report(store, embedder, "bury", "Bury", "2024-06-01", ["Care leavers value the care leavers' hub."])
    for council in ("Wigan", "Leeds", "Sutton", "Ealing", "Dorset", "Barnet"):   # the care leavers' hub no usual kind
        add_report(store, embedder, council.lower(), council, "2024-06-01", [f"{council} uses family hubs to offer early help."])
    for council in ("Hull", "York", "Brent"):   # hubs in few passages, families in many
        add_report(store, embedder, council.lower(), council, "2024-06-01",
                   [f"Families are visited {when}." for when in ("weekly", "often", "promptly", "at home")])
    digest = Searcher(store, embedder).ask("How do councils use family hubs?").digest
    assert {item.council: item.finding.quote.text for item in digest.items}["Kent"] == \
        "The council uses three family hubs to offer early help."
    assert [(g.label, [i.council for i in g.items]) for g in digest.groups][-1] == ("Other kinds of hubs", ["Bury"])


@pytest.mark.model
def test_the_councils_verb_is_the_topic_when_the_rest_names_none(tmp_path, model):
    """"Social workers" are in most passages, so "how are councils recruiting and keeping social workers?" asks of
    recruiting and keeping them: a sentence on keeping in touch, or on recruiting foster carers, is no finding. The
    reports' other names for the council's social workers answer it too ("recruiting staff", "the workforce")."""
    store = Store.open(tmp_path / "index", model_name=model.name, dim=model.dim, create=True)
    pages = {
        "Derby": "A targeted recruitment campaign has brought in permanent social workers and fewer now leave.",
        "Kent": "Effective recruitment has created an almost fully permanent workforce.",
        "Wigan": "Personal advisers are keeping in touch with care leavers well into adulthood.",
        "Leeds": "The council is recruiting more foster carers this year.",
        "Bury": "Plans are reviewed on time.",
        "Hull": "The council is recruiting more mental health workers.",   # "social workers" on another page
        "Brent": "The council is recruiting to strengthen its practice.",   # practice, not practitioners
    }
    for council, text in pages.items():
        add_report(store, model, f"{council}-2024", council, "2024-06-01",
                   ["Social workers visit children often and know them well.", text])
    digest = Searcher(store, model).ask("How are councils recruiting and keeping social workers?").digest
    assert sorted(item.council for item in digest.items) == ["Derby", "Kent"]
    store.close()


@pytest.mark.model
@pytest.mark.parametrize("reports, question", [
    # Reports since 2023 write of children's "stable homes" where earlier ones wrote "stable placements"; a stable
    # workforce never answers.
    ({"Derby-2019": "Most children in care live in stable placements that meet their needs.",
      "Derby-2025": "Most children in care live in stable homes where they thrive and make good progress.",
      "Wigan-2025": "A stable workforce means children in care know their social workers well."},
     "How do councils keep placements stable for children in care?"),
    # Later reports name the front door by its multi-agency safeguarding hub.
    ({"Derby-2019": "Contacts at the front door are screened promptly by qualified social workers.",
      "Derby-2025": "The multi-agency safeguarding hub (MASH) screens every concern promptly and thoroughly."},
     "How do councils run the front door?"),
])
def test_a_council_is_quoted_from_its_latest_report_in_its_own_periods_words(tmp_path, model, reports, question):
    """A term Ofsted's reports reworded over the years (ofsted.vocabulary.SAME_IDEA): the latest report answers in its
    own period's words, not the earlier report in the question's."""
    store = Store.open(tmp_path / "index", model_name=model.name, dim=model.dim, create=True)
    for doc_id, text in reports.items():
        council, year = doc_id.split("-")
        add_report(store, model, doc_id, council, f"{year}-06-01", [text])
    for council in ("Leeds", "Bury", "Hull"):
        add_report(store, model, f"{council}-2024", council, "2024-06-01", [f"Adoption in {council} is timely."])
    digest = Searcher(store, model).ask(question).digest
    assert [item.finding.document.doc_id for item in digest.items] == ["Derby-2025"]
    store.close()


@pytest.mark.model
def test_a_question_the_reports_word_otherwise_is_answered_by_meaning(tmp_path, model):
    """No report says "somewhere suitable to live"; they say "suitable accommodation". With few councils answering in
    the question's words, a passage close in meaning answers, and one on something else still does not."""
    store = Store.open(tmp_path / "index", model_name=model.name, dim=model.dim, create=True)
    for council in ("Derby", "Wigan", "Leeds"):
        add_report(store, model, f"{council}-2024", council, "2024-06-01",
                   [f"Most care leavers in {council} have suitable accommodation and are helped to keep their tenancies."])
    add_report(store, model, "Bury-2024", "Bury", "2024-06-01",
               ["Care leavers in Bury know they always have somewhere to go and someone to talk to."])
    for council in ("Hull", "Bolton", "Sutton", "Ealing", "Brent", "Luton", "Poole", "Slough"):
        add_report(store, model, f"{council}-2024", council, "2024-06-01", [f"Adoption in {council} is timely and well planned."])
    digest = Searcher(store, model).ask("How do councils help care leavers find somewhere suitable to live?").digest
    assert sorted(item.council for item in digest.items) == ["Bury", "Derby", "Leeds", "Wigan"]
    store.close()


@pytest.mark.model
def test_a_term_the_glossary_knows_is_one_idea_whole(tmp_path, model):
    """"Multi-agency safeguarding hub" is one idea, never "hub" alone: a family hub says nothing of the MASH."""
    store = Store.open(tmp_path / "index", model_name=model.name, dim=model.dim, create=True)
    mash = {"acronyms": {"MASH": "multi agency safeguarding hub"}}
    add_report(store, model, "Derby-2024", "Derby", "2024-06-01",
               ["Managers in the multi-agency safeguarding hub make timely decisions on referrals."], **mash)
    add_report(store, model, "Wigan-2024", "Wigan", "2024-06-01",
               ["Family hubs in every town offer early help to children and their parents."], **mash)
    add_report(store, model, "Leeds-2024", "Leeds", "2024-06-01", ["The MASH shares information well with the police."],
               **mash)
    for council in ("Bury", "Hull", "Sutton", "Brent"):   # safeguarding is everywhere, hubs are not
        add_report(store, model, f"{council}-2024", council, "2024-06-01",
                   [f"Adoption in {council} is timely and safeguarding is strong."], **mash)
    digest = Searcher(store, model).ask("How do councils run their multi-agency safeguarding hub?").digest
    assert sorted(item.council for item in digest.items) == ["Derby", "Leeds"]
    store.close()


@pytest.mark.parametrize("text, held", [
    ("Young carers are identified early.", True),
    ("Children who are young carers benefit from support.", True),
    # near each other is not the term: across a sentence's end (Derby 2025), the other way round (Doncaster)
    ("Young people stay put with their former foster carers. Care-experienced young people thrive.", False),
    ("Young people stay put. Carers value young people as members of the household.", False),
])
def test_a_term_of_everyday_words_is_held_only_as_its_phrase(text, held):
    from index.search.ideas import holds_phrase, holds_unit
    assert holds_phrase(text, ("young", "carer")) == held
    assert holds_unit(text, ("young", "carer"))   # what FindingReader.holds_term asked before: near is enough


@pytest.mark.model
def test_a_phrase_of_everyday_words_few_passages_print_is_a_term_held_whole(tmp_path, model):
    """"Young carers" care for a parent: young people staying with foster carers hold both words but not the term."""
    store = Store.open(tmp_path / "index", model_name=model.name, dim=model.dim, create=True)
    add_report(store, model, "Derby-2024", "Derby", "2024-06-01",
               ["Young carers are identified early and helped by a dedicated service."])
    add_report(store, model, "Wigan-2024", "Wigan", "2024-06-01",
               ["Young people are supported to stay with their former foster carers."])
    for n in range(20):
        add_report(store, model, f"Town{n}-2024", f"Town{n}", "2024-06-01", [f"Adoption in Town{n} is timely."])
    digest = Searcher(store, model).ask("How do councils support young carers?").digest
    assert [item.council for item in digest.items] == ["Derby"]
    store.close()


HELP = "The experiences and progress of children who need help and protection: good\n\n"
LEAVERS = "The experiences and progress of care leavers: good\n\n"


@pytest.fixture(scope="module")
def sectioned(tmp_path_factory, model):
    """Reports whose sentences leave the children to their section's heading (ofsted.sections), each heading
    in a passage apart from the sentences under it."""
    store = Store.open(tmp_path_factory.mktemp("sectioned") / "index", model_name=model.name, dim=model.dim,
                       create=True)
    for council, parents, leavers in (
            ("Derby", "1. Parents' mental health is assessed well: adult workers support parents' mental health.",
             "20. Personal advisers help young people look after their mental health."),
            ("Wigan", "1. Adult mental health workers help parents with their mental health well.",
             "20. Personal advisers help young people find suitable homes.")):
        pages = [HELP + parents, LEAVERS + leavers]
        add_report(store, model, f"{council}-2025", council, "2025-06-01", pages, chunks=[
            Chunk(f"{council}-2025", 1, len(HELP), len(pages[0]), parents, ordinal=0),
            Chunk(f"{council}-2025", 2, len(LEAVERS), len(pages[1]), leavers, ordinal=1)])
    for council in ("Leeds", "Bury", "Hull", "Brent"):   # care leavers are in every report, mental health in few
        add_report(store, model, f"{council}-2024", council, "2024-06-01",
                   [f"Care leavers in {council} live in suitable homes and have personal advisers."])
    yield store
    store.close()


@pytest.mark.model
def test_a_sentence_under_another_groups_heading_does_not_answer_for_the_children_asked(sectioned, model):
    digest = Searcher(sectioned, model).ask("How do councils support care leavers with their mental health?").digest
    assert [(item.council, item.finding.quote.text) for item in digest.items] == [
        ("Derby", "Personal advisers help young people look after their mental health.")]   # no Wigan
    digest = Searcher(sectioned, model).ask("How do councils support parents with their mental health?").digest
    assert {item.council for item in digest.items} == {"Derby", "Wigan"}


@pytest.mark.model
def test_a_report_is_read_on_when_its_best_passages_are_another_groups(sectioned, model, monkeypatch):
    monkeypatch.setattr(ranking, "ACROSS_PER_REPORT", 1)   # the parents' passage alone is read first
    digest = Searcher(sectioned, model).ask("How do councils support care leavers with their mental health?").digest
    assert [item.council for item in digest.items] == ["Derby"]


@pytest.mark.model
def test_a_report_is_read_on_when_its_best_passages_hold_no_finding(tmp_path, model, monkeypatch):
    """Barnet's "convert agency staff into permanent posts" was never read: its report's best passages for agency
    social workers were on multi-agency work (one word to the keyword index). Past its best, a passage that answers
    is a finding (not one that does not, as East Riding's Christmas card competition's "recruitment of staff")."""
    monkeypatch.setattr(ranking, "ACROSS_PER_REPORT", 1)
    store = Store.open(tmp_path / "index", model_name=model.name, dim=model.dim, create=True)
    add_report(store, model, "Barnet-2017", "Barnet", "2017-06-01", [   # the first passage is read first
        "Multi-agency use of the hub cuts delays for social workers; multi-agency meetings and partners are strong.",
        "Many agency staff have been converted into permanent posts."])
    for council in ("Derby", "Leeds", "Bury"):
        add_report(store, model, f"{council}-2024", council, "2024-06-01", [f"Social workers in {council} visit often."])
    digest = Searcher(store, model).ask("What have councils done to cut their use of agency social workers?").digest
    assert [item.finding.quote.text for item in digest.items] == [
        "Many agency staff have been converted into permanent posts."]
    store.close()


@pytest.mark.model
def test_a_finding_comes_from_the_section_on_the_topics_judgement_area(tmp_path, model):
    """Supervision is leaders' work (ofsted.judgements.judgement_area): a report's sentence on it under its leaders'
    heading answers before one under its heading on children in care, which its passage alone would not."""
    store = Store.open(tmp_path / "index", model_name=model.name, dim=model.dim, create=True)
    in_care = "17. Supervision of carers is consistently reflective."   # the closer of the two to the question
    leaders = "40. Staff in every team receive supervision that is reflective and regular."
    pages = [f"The experiences and progress of children in care: good\n\n{in_care}",
             f"The impact of leaders on social work practice with children and families: good\n\n{leaders}"]
    add_report(store, model, "Derby-2025", "Derby", "2025-06-01", pages, chunks=[   # headings apart
        Chunk("Derby-2025", number, len(page) - len(text), len(page), text, ordinal=number)
        for number, (page, text) in enumerate(zip(pages, (in_care, leaders)), start=1)])
    for council in ("Leeds", "Bury", "Hull", "Brent"):
        add_report(store, model, f"{council}-2024", council, "2024-06-01", [f"Adoption in {council} is timely."])
    digest = Searcher(store, model).ask("How do councils make supervision reflective?").digest
    assert [item.finding.quote.text for item in digest.items] == [
        "Staff in every team receive supervision that is reflective and regular."]
    store.close()


@pytest.mark.model
def test_a_finding_that_leaves_whom_it_is_about_to_its_section_names_the_section(tmp_path, model):
    """"Children's health needs are well met." under a report's heading on children in care is about children in
    care: the finding names that section as the report heads it (a SIF report's "Children looked after and achieving
    permanence"), cited after its page and given in the JSON; one naming the children needs none."""
    store = Store.open(tmp_path / "index", model_name=model.name, dim=model.dim, create=True)
    for council, heading, text in (
            ("Derby", "The experiences and progress of children in care: good\n\n",
             "17. Children's health needs are well met, with timely dental checks."),
            ("Wigan", "The experiences and progress of children in care: good\n\n",
             "17. Children in care have their health needs well met by a specialist nurse."),
            ("Hull", "Children looked after and achieving permanence Good Summary ",
             "Children's health needs are met well, with regular dental checks."),
            ("Bolton", "The experiences and progress of children in care and care leavers: good\n\n",
             "17. Their health needs are met well, and dental checks are timely.")):
        page = heading + text
        add_report(store, model, f"{council}-2025", council, "2025-06-01", [page], chunks=[
            Chunk(f"{council}-2025", 1, len(page) - len(text), len(page), text, ordinal=1)])
    for council in ("Leeds", "Bury", "Brent"):   # children in care on every page, as in a real library
        add_report(store, model, f"{council}-2024", council, "2024-06-01",
                   [f"Adoption in {council} is timely.", f"Children in care in {council} are visited often."])
    digest = Searcher(store, model).ask("How do councils meet the health needs of children in care?").digest
    assert {item.council: item.finding.section for item in digest.items} == {
        "Derby": "Children in care", "Wigan": None, "Hull": "Children looked after and achieving permanence",
        "Bolton": "Children in care and care leavers"}
    cited = {item.council: item.to_dict()["citation"] for item in digest.items}
    assert cited["Derby"].endswith(", p. 1, section: Children in care") and "section" not in cited["Wigan"]
    store.close()


@pytest.mark.model
def test_naming_the_children_is_no_surer_than_their_own_section(tmp_path, model):
    """A sentence in the children's own section says whom it is about as surely as one naming them (so the one holding
    more of the topic answers: Wakefield's health needs, not its sufficiency strategy naming children in care); and one
    naming them is in their section wherever it stands: Wigan's summary naming care leavers and their accommodation,
    not its section's sentence on accommodation alone."""
    store = Store.open(tmp_path / "index", model_name=model.name, dim=model.dim, create=True)
    first = ("Summary\n\n", "There is a good range of accommodation for care leavers, who feel safe.")
    second = ("The experiences and progress of care leavers: good\n\n",
              "30. The re-commissioning of accommodation has broadened the options on offer.")
    pages = [heading + text for heading, text in (first, second)]
    add_report(store, model, "Wigan-2025", "Wigan", "2025-06-01", pages, chunks=[
        Chunk("Wigan-2025", number, len(page) - len(text), len(page), text, ordinal=number)
        for number, (page, (_, text)) in enumerate(zip(pages, (first, second)), start=1)])
    for council in ("Leeds", "Bury", "Brent", "Hull", "Bolton", "Sefton", "Wirral"):   # care leavers everywhere
        add_report(store, model, f"{council}-2024", council, "2024-06-01",
                   [f"Adoption in {council} is timely.", f"Children in care and care leavers in {council} are visited."])
    digest = Searcher(store, model).ask("How do councils find accommodation for care leavers?").digest
    assert [item.finding.quote.text for item in digest.items if item.council == "Wigan"] == [
        "There is a good range of accommodation for care leavers, who feel safe."]
    store.close()


@pytest.mark.model
def test_an_item_of_a_reports_list_of_what_must_improve_is_never_its_finding(tmp_path, model):
    """The list says what should be ("◼ The timeliness of health assessments for children in care."), not what
    inspectors found: the report is quoted on its finding, though the list item names the children asked about."""
    store = Store.open(tmp_path / "index", model_name=model.name, dim=model.dim, create=True)
    listed, found = ("◼ The timeliness of health assessments for children in care.",
                     "17. Children's health assessments are completed on time.")
    pages = [f"What needs to improve?\n\n{listed}",
             f"The experiences and progress of children in care: good\n\n{found}"]
    add_report(store, model, "Derby-2025", "Derby", "2025-06-01", pages, chunks=[
        Chunk("Derby-2025", number, len(page) - len(text), len(page), text, ordinal=number)
        for number, (page, text) in enumerate(zip(pages, (listed, found)), start=1)])
    for council in ("Leeds", "Bury", "Brent"):
        add_report(store, model, f"{council}-2024", council, "2024-06-01",
                   [f"Adoption in {council} is timely.", f"Children in care in {council} are visited often."])
    digest = Searcher(store, model).ask("How do councils make sure children in care get health assessments on time?").digest
    assert [item.finding.quote.text for item in digest.items] == [
        "Children's health assessments are completed on time."]
    store.close()


@pytest.mark.model
def test_a_question_of_a_whole_judgement_area_is_answered_by_each_reports_verdict_on_it(tmp_path, model):
    """"How has Derby's service for care leavers changed?" asks of the whole area: each report's entry is the first
    sentence of its section on care leavers (its verdict), not the sentence naming care leavers most often."""
    store = Store.open(tmp_path / "index", model_name=model.name, dim=model.dim, create=True)
    for year, verdict in (("2022", "The progress of care leavers requires improvement."),
                          ("2025", "Care leavers in Derby now make outstanding progress.")):
        add_report(store, model, f"Derby-{year}", "Derby", f"{year}-06-01", [
            "The experiences and progress of children who need help and protection: good\n\n1. Referrals are timely.",
            f"The experiences and progress of care leavers: good\n\n29. The local authority is responsible for 66 care "
            f"leavers.\n\n30. {verdict} Advisers visit often.",   # a count, then the verdict
            "31. Care leavers say the service from their advisers is good: care leavers' pathway plans are effective, "
            "and care leavers know them."])   # the passage that ranks first
    add_report(store, model, "Derby-2019", "Derby", "2019-06-01", [   # judged with children in care, until 2023
        "The experiences and progress of children in care and care leavers: good\n\n"
        "15. Children in care and care leavers have their health needs met well.\n\n"   # both: not theirs alone
        "16. Most care leavers get good help.",
        "17. Care leavers say the service from their advisers is good: care leavers' pathway plans are effective, and "
        "care leavers know them."])
    searcher = Searcher(store, model)
    timeline = searcher.ask("How has Derby's service for care leavers changed over time?").timeline
    assert [entry.finding.quote.text for entry in timeline.entries] == [
        "Most care leavers get good help.",   # the first paragraph of the joint section that opens on them
        "The progress of care leavers requires improvement.", "Care leavers in Derby now make outstanding progress."]
    # A topic within the area is read as before: its own sentences.
    timeline = searcher.ask("How have Derby's pathway plans for care leavers changed over time?").timeline
    assert timeline.entries[-1].finding.quote.text.startswith("Care leavers say the service from their advisers")
    store.close()


@pytest.mark.model
def test_children_in_care_under_help_and_protection_are_among_those_it_speaks_of(tmp_path, model):
    """A sentence under help and protection on children who go missing answers a question about children in care
    who go missing (it speaks of them among others), below one naming them; it never answers for care leavers."""
    store = Store.open(tmp_path / "index", model_name=model.name, dim=model.dim, create=True)
    help_page = HELP + "3. Children who go missing receive timely return home interviews."
    add_report(store, model, "Derby-2025", "Derby", "2025-06-01", [help_page], chunks=[
        Chunk("Derby-2025", 1, len(HELP), len(help_page), help_page[len(HELP):], ordinal=0)])
    add_report(store, model, "Wigan-2025", "Wigan", "2025-06-01",
               ["Children in care who go missing receive timely return home interviews."])
    for council in ("Leeds", "Bury", "Hull", "Brent"):
        add_report(store, model, f"{council}-2024", council, "2024-06-01", [f"Adoption in {council} is timely."])
    searcher = Searcher(store, model)
    digest = searcher.ask("How do councils respond to children in care who go missing?").digest
    assert sorted(item.council for item in digest.items) == ["Derby", "Wigan"]
    digest = searcher.ask("How do councils respond to care leavers who go missing?").digest
    assert "Derby" not in {item.council for item in digest.items}
    store.close()


@pytest.mark.model
def test_an_item_of_the_list_of_what_must_improve_is_no_finding(tmp_path, model):
    """What should improve is not what inspectors found: the list's item is passed over for the report's finding."""
    store = Store.open(tmp_path / "index", model_name=model.name, dim=model.dim, create=True)
    add_report(store, model, "Derby-2025", "Derby", "2025-06-01", [
        "What needs to improve?\n\n◼ Return home interviews for children who go missing from home.",
        HELP + "4. Return home interviews are offered to most children, though some are late."])
    for council in ("Leeds", "Bury", "Hull", "Brent"):
        add_report(store, model, f"{council}-2024", council, "2024-06-01", [f"Adoption in {council} is timely."])
    question = "How do councils use return home interviews for children who go missing?"
    digest = Searcher(store, model).ask(question).digest
    assert [item.finding.quote.text for item in digest.items] == [
        "Return home interviews are offered to most children, though some are late."]
    store.close()

