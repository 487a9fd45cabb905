"""Reading a question: which councils it names, however a manager writes them, and what it asks about."""
import pytest

from index.search.query import analyse, area_asked

HELD = ["durham", "harrow", "wigan", "stoke on trent", "bath and north east somerset", "windsor and maidenhead", "cheshire west and chester",
        "west northamptonshire", "bracknell forest", "telford and wrekin", "derby", "derbyshire", "reading"]


@pytest.mark.parametrize("question, council, topic", [
    ("B&NES care leavers", "bath and north east somerset", ["care", "leavers"]),
    ("RBWM front door", "windsor and maidenhead", ["front", "door"]),
    ("How do Cheshire West's social workers use supervision?", "cheshire west and chester",
     ["social", "workers", "use", "supervision"]),
    ("Wigans care leavers", "wigan", ["care", "leavers"]),
    ("How good is Stoke at supporting care leavers?", "stoke on trent", ["supporting", "care", "leavers"]),
    ("Telford & Wrekin adoption", "telford and wrekin", ["adoption"]),
])
def test_everyday_names_and_a_dropped_apostrophe_name_the_council_and_are_no_topic(question, council, topic):
    read = analyse(question, HELD)
    assert read.council_keys == [council] and read.topic_terms == topic and not read.missing_councils


def test_an_abbreviation_that_is_another_council_is_not_read_as_this_one():
    assert analyse("Derbys care leavers", HELD).council_keys == []   # Derbyshire, not Derby


def test_short_questions_without_apostrophes_read_as_meant():
    assert analyse("Whats the rating for Bracknell?", HELD).kind == "rating"
    assert analyse("What did Ofsted say about West Northants in 2026?", HELD).kind == "summary"


def test_councils_are_kept_in_the_order_named_whether_written_in_full_or_as_everyday_names():
    assert analyse("How were Bracknell and Wigan rated?", HELD).council_keys == ["bracknell forest", "wigan"]
    assert analyse("How were Wigan and Bracknell rated?", HELD).council_keys == ["wigan", "bracknell forest"]


def test_only_the_words_a_question_writes_for_a_council_are_place_words():
    assert analyse("How does Durham tackle county lines?", HELD).topic_terms == ["county", "lines"]
    # the words a name carries are the name's, written as one: "Derby City's", "Reading Borough Council"
    assert analyse("What did inspectors say about care leavers in Derby City?", HELD).topic_terms == ["care", "leavers"]
    assert analyse("How does Reading Borough Council support care leavers?", HELD).topic_terms == [
        "support", "care", "leavers"]
    assert analyse("Derby City's care leavers", HELD).council_keys == ["derby"]
    assert analyse("Durham county lines", HELD).topic_terms == ["county", "lines"]
    assert analyse("How does County Durham support care leavers?", HELD).topic_terms == ["support", "care", "leavers"]
    assert analyse("Derby city council's care leavers", HELD).topic_terms == ["care", "leavers"]


def test_a_possessive_without_its_apostrophe_is_a_council_only_when_written_as_a_name():
    assert analyse("What about harrows?", HELD).council_keys == []
    assert analyse("What about Harrows care leavers?", HELD).council_keys == ["harrow"]


def test_the_service_a_report_is_about_is_no_topic_within_it():
    assert analyse("What happened with Derby's children's services in 2024?", HELD).kind == "summary"
    assert analyse("Bromley 2016: how did children's services respond to domestic abuse?", HELD + ["bromley"]
                   ).topic_terms == ["respond", "domestic", "abuse"]


@pytest.mark.parametrize("question, one_place", [
    ("Which council uses an opt-out model for care leavers?", True),
    ("Which council's social work teams can call on psychologists?", True),
    ("Where did children ask for a fireplace in a new children's home?", True),
    ("In which local authority do IROs visit children between reviews?", True),
    ("Which councils were judged inadequate?", False),
    ("Where are councils struggling to recruit social workers?", False),
    ("How have councils improved supervision?", False),
])
def test_a_question_after_the_one_place_something_is_done_is_read_as_a_lookup(question, one_place):
    assert analyse(question, HELD).seeks_one_place is one_place


@pytest.mark.parametrize("question, figure, topic", [
    ("How many children are in care in Wigan?", True, ["children", "care"]),
    ("What percentage of Derby's care leavers are in education?", True, ["care", "leavers", "education"]),
    ("By how much did Wigan's referrals rise?", True, ["referrals", "rise"]),
    ("How much support do Wigan's care leavers get?", False, ["support", "care", "leavers"]),
])
def test_a_question_asking_for_a_figure_is_read_so_and_its_asking_words_are_no_topic(question, figure, topic):
    query = analyse(question, HELD)
    assert query.asks_figure is figure and query.topic_terms == topic


@pytest.mark.parametrize("question, kinds, topic", [
    ("What did Community Care say about care leavers?", ("press_article",), ["care", "leavers"]),
    ("What did Dudley's select committee recommend about caseloads?", ("committee_paper",), ["recommend", "caseloads"]),
    ("How effective is management scrutiny of care plans?", (), ["effective", "management", "scrutiny", "care", "plans"]),
    ("Do children in care get a newsletter or magazine?", (), ["children", "care", "newsletter", "magazine"]),
    ("What did the Article say about caseloads?", ("press_article",), ["caseloads"]),
    ("Are Community Care Act assessments timely?", (), ["community", "care", "act", "assessments", "timely"]),
    ("Do children know their UNCRC articles?", (), ["children", "know", "uncrc", "articles"]),
    ("Did the council paper over its problems?", (), ["paper", "problems"]),
])
def test_a_kind_of_document_named_chooses_the_papers_and_its_name_is_no_topic(question, kinds, topic):
    query = analyse(question, HELD)
    assert query.report_types == kinds and query.topic_terms == topic


def test_a_question_pasted_with_markup_is_read_as_its_words():
    from index.search.query import without_markup

    assert without_markup("How is <b>supervision</b> in Derby &amp; Wigan?").split() == \
        "How is supervision in Derby & Wigan?".split()
    assert without_markup("<script>alert(1)</script>care leavers") .split() == ["alert(1)", "care", "leavers"]
    assert without_markup("caseloads < 20 in Bury") == "caseloads < 20 in Bury"   # a lone "<" is a word


@pytest.mark.parametrize("question, action, topic", [
    ("What have councils done to cut their use of agency social workers?", {"cut", "use"},
     ["cut", "use", "agency", "social", "workers"]),
    ("How do councils act as corporate parents?", {"act"}, ["act", "corporate", "parents"]),
    ("How have councils improved the quality of supervision for social workers?", {"improved", "quality"},
     ["improved", "supervision", "social", "workers"]),
    ("How has Derby improved supervision?", {"improved"}, ["improved", "supervision"]),
    ("How do local authorities keep placements stable?", {"keep"}, ["keep", "placements", "stable"]),
    ("How have Derby's care leavers services changed?", set(), ["care", "leavers"]),   # a possessive is no doer
    ("What did inspectors say about supervision in Derby?", set(), ["supervision"]),
    ("Who runs adoption for Derby?", {"runs"}, ["runs", "adoption"]),
    ("Which council pays care leavers to design services?", {"pays"}, ["pays", "care", "leavers", "design"]),
    # A relative clause or a council naming a thing is no doer: what follows is the topic.
    ("How does Derby support young people who are homeless?", {"support"}, ["support", "young", "people", "homeless"]),
    ("How do councils support care leavers who are parents?", {"support"}, ["support", "care", "leavers", "parents"]),
    ("What council tax exemptions do Derby's care leavers get?", set(), ["tax", "exemptions", "care", "leavers"]),
    # A phrasal verb, or two verbs of one action, is the action whole: "sure" in "make sure" is no topic.
    ("How have councils brought down social workers' caseloads?", {"brought", "down"},
     ["brought", "down", "social", "workers", "caseloads"]),
    ("How do councils make sure children in care get their health assessments on time?", {"make", "sure"},
     ["make", "sure", "children", "care", "health", "assessments", "time"]),
    ("How are councils recruiting and keeping social workers?", {"recruiting", "keeping"},
     ["recruiting", "keeping", "social", "workers"]),
    # Two words of no verb's one form: the second is the topic ("challenge"), not the action.
    ("How do councils support and challenge schools?", {"support"}, ["support", "challenge", "schools"]),
    # A preposition or particle before "and" makes the next word a verb: the Children Act is no answer.
    ("How do councils listen to and act on children's views?", {"listen", "act"}, ["listen", "act", "children", "views"]),
    # "Have" before no participle is the verb itself, and says nothing; before one, a helper.
    ("Which councils have strong and stable leadership?", set(), ["strong", "stable", "leadership"]),
    ("Which councils have reduced caseloads?", {"reduced"}, ["reduced", "caseloads"]),
])
def test_what_the_councils_do_to_the_topic_is_read_apart_from_it(question, action, topic):
    """The verb whose subject the councils are, and the light noun a topic hangs from, are read as the action
    (the ranked list still matches them; a digest's finding need not hold them)."""
    query = analyse(question, ["derby"])
    assert set(query.action_terms) == action and query.topic_terms == topic


@pytest.mark.parametrize("question, clause, purpose", [
    ("How do councils work with schools to keep children safe?", " to keep children safe?", {"keep", "children", "safe"}),
    ("How do councils use family hubs to deliver early help?", " to deliver early help?", {"deliver", "early", "help"}),
    ("How do councils work with partners in order to share information?", " in order to share information?",
     {"share", "information"}),
    # the object prints the clause's words already ("adopters" of "adoption agency"): a clause with nothing of its own
    ("How do councils work with their regional adoption agency to find adopters?", " to find adopters?", set()),
    # a "to" of the verb itself, of the verb's action, before a noun, or with nothing after its verb: no purpose
    ("How do councils respond to children at risk of criminal exploitation?", None, set()),
    ("What support do councils give to special guardians?", None, set()),
    ("What have councils done to cut their use of agency social workers?", None, set()),
    ("How do councils help care leavers find somewhere suitable to live?", None, set()),
    ("How do councils listen to and act on children's views?", None, set()),
    ("How do councils ensure children get access to dental care?", None, set()),
    ("How do councils provide a consistent approach to domestic abuse?", None, set()),
    ("How do councils transfer cases to adult services?", None, set()),
    ("How do councils support care leavers up to age 25?", None, set()),
    ("How do councils help children to keep?", None, set()),
])
def test_what_the_topic_is_for_is_read_apart_from_it(question, clause, purpose):
    """A clause saying what the topic is for (its purpose): a digest's finding must hold the topic, not it."""
    query = analyse(question, [])
    assert set(query.purpose_terms) == purpose
    assert (question[query.purpose_at:] if query.purpose_at is not None else None) == clause


@pytest.mark.parametrize("question, council, without", [
    ("How do Telford & Wrekin support care leavers?", "telford and wrekin", "How do support care leavers?"),
    ("Wigans care leavers: what did inspectors say?", "wigan", "care leavers: what did inspectors say?"),
    ("What does B&NES do about supervision?", "bath and north east somerset", "What does do about supervision?"),
    ("How does Hull help care leavers?", "kingston upon hull", "How does help care leavers?"),
    # a county's everyday abbreviation ("Notts", "N Yorks") was read as a name no report prints, and refused
    ("How are care leavers supported in Notts?", "nottinghamshire", "How are care leavers supported in ?"),
    ("How are care leavers supported in N Yorks?", "north yorkshire", "How are care leavers supported in ?"),
    ("Is supervision regular in Scilly?", "isles of scilly", "Is supervision regular in ?"),
])
def test_a_council_is_left_out_of_the_meaning_search_exactly_as_the_keywords_read_it(question, council, without):
    """One reading of a council's name ("&", a dropped apostrophe, an everyday name) for the keyword side and
    the meaning side: inside its reports the name says nothing on either."""
    from index.search.scope import without_names
    query = analyse(question, [council, "derby"])
    assert query.council_keys == [council] and without_names(query) == without
    assert not set(query.topic_terms) & set(council.split())


def test_a_council_the_library_lacks_is_said_beside_one_it_holds():
    from index.search.scope import choose_scope, describe
    from tests.conftest import make_report

    query = analyse("How were Derby and Wigan rated for care leavers?", ["derby"])
    assert query.council_keys == ["derby"] and query.missing_councils == ["Wigan"]
    scope = choose_scope(query, {"d": make_report("d", "Derby")}, {"d": "derby"}, None)
    assert scope.note is None   # Derby's grade is still given
    assert describe(query, scope) == "how was Derby rated for care leavers? (the library has no report on Wigan)"
    alone = analyse("How was Wigan rated for care leavers?", ["derby"])
    assert choose_scope(alone, {}, {}, None).note == "The library has no report on Wigan."


@pytest.mark.parametrize("question, held, councils, missing", [
    # "Northants" was refused ("no report on Northamptonshire") while West Northamptonshire's reports were held
    ("How are care leavers supported in Northants?", ["west northamptonshire", "derby"], ["west northamptonshire"], []),
    ("What did Ofsted say about Northamptonshire?", ["west northamptonshire", "north northamptonshire"],
     ["west northamptonshire", "north northamptonshire"], []),
    # the county's own reports, where held, are what it names
    ("What did Ofsted say about Northamptonshire?", ["northamptonshire", "west northamptonshire"], ["northamptonshire"], []),
    # a council no successor of which is held is still said to be missing
    ("How are care leavers supported in Cumbria?", ["derby"], [], ["Cumbria"]),
])
def test_an_abolished_council_is_read_as_the_councils_that_serve_its_area_now(question, held, councils, missing):
    query = analyse(question, held)
    assert query.council_keys == councils and query.missing_councils == missing
    assert "northamptonshire" not in query.topic_terms and "northants" not in query.topic_terms


def test_two_councils_read_from_one_name_leave_it_out_of_the_meaning_search_once():
    """Both successors are read from "Northamptonshire": cut twice, its span took "care leavers" with it."""
    from index.search.scope import without_names
    query = analyse("What did Ofsted say about Northamptonshire on care leavers?",
                    ["west northamptonshire", "north northamptonshire"])
    assert without_names(query) == "What did Ofsted say about on care leavers?"


@pytest.mark.parametrize("question, area", [
    ("How has Derby's service for care leavers changed over time?", "care_leavers"),
    ("How do councils support care leavers?", "care_leavers"),
    ("How have Norfolk's services for children in care changed across its inspections?", "in_care"),
    ("How has leadership in Wigan changed over time?", "impact_of_leaders"),
    ("How has the impact of leaders in Wigan changed?", "impact_of_leaders"),           # the ILACS name
    ("How has leadership and management in Derby changed?", "impact_of_leaders"),       # the SIF name
    ("How has the experience of care leavers in Derby changed?", "care_leavers"),
    ("How have looked after children in Norfolk fared over time?", "in_care"),          # how it is asked
    ("How do councils support care leavers who are parents?", None),        # a topic within the area
    ("How has Surrey's accommodation for care leavers changed over time?", None),
    ("How has the number of children in care in Norfolk changed?", None),
    ("How has child protection in Leeds changed?", None),                   # help and protection: no verdict
])
def test_a_question_of_a_whole_judgement_area_is_told_from_one_of_a_topic_within_it(question, area):
    assert area_asked(analyse(question, {"derby", "norfolk", "wigan", "surrey", "leeds"})) == area


def test_across_councils_is_how_a_question_is_asked_not_its_topic():
    query = analyse("How are councils doing for care leavers across councils?", set())
    assert "across" not in query.topic_terms and query.across_councils and area_asked(query) == "care_leavers"


@pytest.mark.parametrize("question, asked", [
    ("What did inspectors say about supervision in Derby?", True), ("What has Ofsted found on Wigan's front door?", True),
    ("Is life story work with Derby's children in care any good?", True), ("How well does Wigan support care leavers?", True),
    ("How can frontline practitioners in Lincolnshire raise issues directly with the chief executive?", False),
    ("How much did social worker turnover rise in Derby?", False),
])
def test_a_question_asking_what_inspectors_found(question, asked):
    assert analyse(question, []).asks_inspectors is asked


@pytest.mark.parametrize("question, employment", [
    ("How do councils support care leavers into work?", True),
    ("How do councils help care leavers find work?", True),
    ("What helps care leavers get paid work?", True),
    ("How do councils work with schools?", False),          # work as activity
    ("Did inspectors find work with disabled children effective?", False),
    ("How do councils get work with adolescents right?", False),
    ("How do councils help care leavers into work-based learning?", False),
])
def test_work_as_a_job_is_read_as_employment(question, employment):
    terms = analyse(question, []).terms
    assert ("employment" in terms) == employment and ("work" in terms) != employment
