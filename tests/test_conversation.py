"""Follow-up questions borrow the council/year or the topic they lack from the question before."""
import pytest

from index.search.conversation import read_in_context

COUNCILS = ["staffordshire", "derby", "north lincolnshire", "lincolnshire", "cheshire west and chester"]


def read(question, previous):
    return read_in_context(question, previous, COUNCILS)


def test_a_first_question_is_searched_as_asked():
    reading = read("How was Staffordshire judged for care leavers?", None)
    assert reading.searched == "How was Staffordshire judged for care leavers?" and not reading.in_context


def test_a_new_topic_keeps_the_council_and_year_of_the_previous_question():
    reading = read("What about supervision?", "How was Staffordshire judged for care leavers in 2019?")
    assert reading.in_context
    assert reading.searched == "supervision Staffordshire 2019"


def test_a_full_question_of_its_own_stands_alone():
    previous = "How was Staffordshire judged for care leavers in 2019?"
    for question in ("How are care leavers supported across England?", "Derby supervision in 2023"):
        reading = read(question, previous)
        assert reading.searched == question and not reading.in_context


def test_a_short_follow_up_after_a_question_across_councils_stays_across_them():
    """Each council's words on the new topic (the digest), not one passage from anywhere (Rotherham 2014's figure)."""
    reading = read("what about care leavers?", "how did councils improve supervision?")
    assert reading.searched == "care leavers across councils" and reading.in_context
    reading = read("and in 2022?", reading.searched)
    assert reading.searched == "care leavers 2022 across councils"
    assert read("and Derby?", "care leavers across councils").searched == "care leavers Derby"   # a council named
    assert read("what about care leavers?", "What did Ofsted say about supervision in Derby?").searched == \
        "care leavers Derby"   # after one council, that council


def test_tell_me_more_repeats_the_previous_search():
    reading = read("tell me more", "how did councils improve supervision?")
    assert reading.searched == "how did councils improve supervision?" and reading.in_context


def test_follow_ups_chain_through_the_searched_text():
    first = read("supervision in Derby", None)
    second = read("what about care leavers?", first.searched)
    third = read("and their pathway plans?", second.searched)
    assert third.searched == "pathway plans Derby"


# (what it shows, the follow-up, the question before, how the follow-up is searched)
FOLLOW_UPS = [
    ("a_new_council_keeps_the_previous_topic_and_drops_its_year", "And Derby?", "How was Staffordshire judged for care leavers in 2019?", "how was Derby rated for care leavers?"),
    ("a_new_year_keeps_the_previous_topic_and_council", "what about 2023?", "supervision in Staffordshire in 2019", "supervision Staffordshire 2023"),
    ("the_longest_council_name_is_the_one_read", "and North Lincolnshire?", "Lincolnshire supervision", "supervision North Lincolnshire"),
    ("a_pronoun_points_back_at_the_previous_council", "How did they improve the quality of social work practice?", "Derby care leavers", "improve quality social work practice Derby"),
    ("a_rating_question_stays_a_rating_question_for_another_council", "And Derby?", "How was Staffordshire rated for care leavers?", "how was Derby rated for care leavers?"),
    ("a_judgement_asked_after_a_rating_question_is_a_rating_question", "what about children in care?", "How was Derby rated for care leavers in 2025?", "how was Derby rated for children in care in 2025?"),
    ("a_topic_after_a_rating_question_keeps_the_place_but_asks_no_grade", "What about supervision?", "How was Derby rated for care leavers in 2025?", "supervision Derby 2025"),
    ("a_follow_up_naming_a_council_the_library_lacks_is_about_that_council", "And Bury?", "supervision in Derby", "supervision Bury"),
    ("what_must_improve_stays_the_question_for_another_council", "and Cheshire West and Chester?", "What does Derby need to improve?", "what does Cheshire West and Chester need to improve?"),
]


@pytest.mark.parametrize("question, previous, searched", [case[1:] for case in FOLLOW_UPS],
                         ids=[case[0] for case in FOLLOW_UPS])
def test_a_follow_up_borrows_what_it_lacks(question, previous, searched):
    reading = read(question, previous)
    assert reading.searched == searched and reading.in_context


@pytest.mark.parametrize("question", ["Which council uses an opt-out model for care leavers?",
                                      "Which council has a Mockingbird hub?",
                                      "And which council runs Lifelong Links?",
                                      "How do councils support them?"])
def test_a_question_about_councils_in_general_never_borrows_the_previous_council(question):
    reading = read(question, "What does Derby's select committee say about caseloads?")
    assert reading.searched == question and not reading.in_context


def test_what_about_other_councils_asks_the_previous_topic_of_them():
    reading = read("What about other councils?", "What did Ofsted say about caseloads in Derby?")
    assert reading.in_context and "caseloads" in reading.searched and "Derby" not in reading.searched


@pytest.mark.parametrize("question", ["Where are the gaps?", "What area is weakest there?"])
def test_where_or_what_area_after_a_question_about_one_council_may_be_about_it(question):
    assert read(question, "What did Ofsted say about caseloads in Derby?").in_context


def test_a_follow_up_to_a_grade_list_is_a_grade_list():
    first = "Which councils were judged inadequate?"
    assert read("what about outstanding?", first).searched == "which councils were judged outstanding for overall effectiveness?"
    assert read("and for care leavers?", "which councils were judged outstanding for overall effectiveness?").searched == (
        "which councils were judged outstanding for care leavers?")


def test_compare_with_adds_the_council_to_the_previous_question():
    assert read("Compare with Derby", "What did Ofsted say about care leavers in Staffordshire?").searched == (
        "care leavers Staffordshire and Derby")
    assert read("how does Derby compare?", "How was Staffordshire rated for care leavers?").searched == (
        "how was Staffordshire and Derby rated for care leavers?")


@pytest.mark.parametrize("question, previous, searched", [
    ("and Derby?", "How many care leavers does Staffordshire have?", "how many care leavers Derby"),
    # after a rating question, "how many" asks a figure of the judgement's topic, not its grade
    ("how many children are in care there?", "How was Derby rated for care leavers?", "how many children care Derby"),
    ("how many are there?", "What did Ofsted say about care leavers in Derby?", "how many care leavers Derby"),
    ("How many in 2019?", "How many care leavers does Staffordshire have?", "how many care leavers Staffordshire 2019"),
])
def test_a_follow_up_asking_a_figure_keeps_asking_one_of_the_topic(question, previous, searched):
    assert read(question, previous).searched == searched


def test_a_new_question_after_a_grade_list_is_not_made_one():
    reading = read("What did inspectors say about supervision in 2024?", "Which councils were judged inadequate?")
    assert "supervision" in reading.searched and "judged" not in reading.searched


def test_compare_after_a_rating_question_naming_no_judgement_compares_overall_grades():
    assert read("how does Derby compare?", "How was Staffordshire rated?").searched == (
        "how was Staffordshire and Derby rated for overall effectiveness?")


@pytest.mark.parametrize("question, judgement", [
    ("what about the impact of leaders?", "impact of leaders on social work practice"),
    ("what about children who need help and protection?", "children who need help and protection"),
    ("what about looked after children?", "children in care"),
])
def test_a_judgement_named_after_a_grade_list_keeps_the_list(question, judgement):
    assert read(question, "Which councils were judged inadequate in 2024?").searched == (
        f"which councils were judged inadequate for {judgement} (2024 reports)?")


def test_a_whole_grade_list_question_after_another_asks_for_itself():
    assert read("Which councils were judged good in 2023?", "Which councils were judged inadequate?").searched == (
        "Which councils were judged good in 2023?")


@pytest.mark.parametrize("question", ["Which authority has a Mockingbird hub?", "Which LA has a Mockingbird hub?"])
def test_which_authority_never_borrows_the_previous_council(question):
    assert read(question, "What did Ofsted say about caseloads in Derby?").searched == question


@pytest.mark.parametrize("follow_up, searched", [
    ("and over time?", "care leavers Derby over time"),
    ("How has that changed since 2017?", "care leavers Derby since 2017"),
    ("What about over the years?", "care leavers Derby over time"),
])
def test_a_follow_up_over_time_asks_the_previous_topic_across_the_councils_reports(follow_up, searched):
    reading = read_in_context(follow_up, "What did inspectors say about care leavers in Derby?", ["derby", "wigan"])
    assert reading.searched == searched and reading.in_context


@pytest.mark.parametrize("previous, follow_up, searched", [
    ("How has Derby's support for care leavers changed over time?", "and Wigan?", "support care leavers Wigan over time"),
    ("How has supervision in Derby changed since 2017?", "what about Wigan?", "supervision Wigan since 2017"),
    ("How has Derby's support for care leavers changed over time?", "and Wigan in 2022?", "support care leavers Wigan 2022"),
])
def test_another_council_after_a_story_over_time_gets_its_own_story(previous, follow_up, searched):
    reading = read_in_context(follow_up, previous, ["derby", "wigan"])
    assert reading.searched == searched and reading.in_context
