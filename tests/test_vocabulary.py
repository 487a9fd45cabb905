"""ofsted.vocabulary: words that name roles, everyday words."""
from __future__ import annotations

import pytest

from ofsted.vocabulary import change_asked, says_how_soon


def test_a_role_named_in_a_sentence_is_read_as_what_it_is_unless_the_question_names_it():
    from ofsted.vocabulary import without_role_names
    text = "As a corporate parent, the council listens to children; supervising social workers visit carers."
    read = without_role_names(text, "How do councils support care leavers who are parents?")
    assert "parent" not in read and "supervising social workers" not in read
    assert "corporate parent" in without_role_names(text, "How do councils act as corporate parents?")
    # a supervision order is a court's, not the supervision of staff
    order = "Children subject to supervision orders are seen regularly."
    assert "supervision" not in without_role_names(order, "How have councils improved supervision?")
    # children's family time watched over is no supervision of staff either
    asked = "How have councils improved supervision?"
    for watched in ("Some family time is supervised, and workers have oversight of it.", "Supervised contact is arranged.",
                    "Contact supervisors are skilled.", "the supervision of family time"):
        assert "supervis" not in without_role_names(watched, asked).lower(), watched
    assert "supervis" in without_role_names("Supervision sessions are regular.", asked).lower()
    assert "Supervised contact" in without_role_names("Supervised contact is arranged.", "How is supervised contact run?")
    # the council's virtual school is a service for children in care's education, not a school
    virtual = "The virtual school is ambitious for children in care."
    assert "school" not in without_role_names(virtual, "How do councils work with schools to keep children safe?")
    assert without_role_names(virtual, "How does the virtual school help children in care?") == virtual


def test_an_agency_that_is_an_organisation_is_not_agency_staff():
    from ofsted.vocabulary import without_role_names
    asked = "What have councils done to cut their use of agency social workers?"
    for organisation in ("Social workers work well with partner agencies.", "the regional adoption agency (Adopt South)",
                         "The agency decision-maker is timely.", "partner agency information"):
        assert "agenc" not in without_role_names(organisation, asked).lower(), organisation
    for staff in ("Agency staff are used proactively.", "There is less reliance on agency.", "interim and agency staff",
                  "use of agency social workers is low", "agency worker rates have fallen", "agency and interim staff",
                  "the agency workforce", "multi-agency meetings"):   # a compound is read whole (index.search.highlight)
        assert without_role_names(staff, asked) == staff
    # A question about the partners keeps them.
    assert without_role_names("partner agencies", "How do councils work with partner agencies?") == "partner agencies"


def test_children_missing_education_are_not_runaways():
    from ofsted.vocabulary import without_role_names
    for asked in ("How do councils keep track of children who run away from care?",
                  "How do councils respond when children are reported missing?"):
        for education in ("Officers track children who go missing from education.", "children missing education",
                          "children who go missing from school"):
            assert "missing" not in without_role_names(education, asked), (asked, education)
        assert "go missing" in without_role_names("Children who go missing from care are seen.", asked)


def test_children_who_go_missing_from_home_are_not_children_missing_education():
    from ofsted.vocabulary import without_role_names
    asked = "How do councils track children missing from education or educated at home?"
    for runaway in ("Return home interviews follow when children go missing from home or care.",
                    "The missing coordinator tracks missing episodes.", "children missing from care"):
        assert "missing" not in without_role_names(runaway, asked), runaway
        # read whole: no "home" is left of a runaway's to answer for children educated at home (Reading 2024)
        assert "home" not in without_role_names(runaway, asked), runaway
    for education in ("Children missing education are found quickly.", "children missing from education"):
        assert without_role_names(education, asked) == education
    for asked in ("How do councils respond when children go missing from home or care?",
                  "How do councils respond when children are reported missing?"):   # runaways, however worded
        assert without_role_names("children missing from care", asked) == "children missing from care"


@pytest.mark.parametrize("text, soon", [
    ("Are health assessments done on time?", True), ("How quickly are plans made?", True),
    ("Initial health assessments are not timely.", True), ("There are delays in adoption.", True),
    ("Plans are made within timescales.", True), ("Health assessments are thorough.", False),
    ("Children spend time with their families.", False),
])
def test_how_soon_is_read_in_questions_and_sentences(text, soon):
    assert says_how_soon(text) is soon


@pytest.mark.parametrize("verbs, said, not_said", [
    ({"improved"}, "Supervision has improved.", "Supervision is regular."),
    ({"strengthen"}, "Leaders have introduced group supervision.", "Supervision is regular."),
    ({"cut", "use"}, "Reliance on agency staff has reduced.", "Agency staff are used."),
    ({"brought", "down"}, "Caseloads have fallen.", "Caseloads are manageable."),
])
def test_a_change_asked_is_read_in_the_councils_verbs_and_said_in_sentences(verbs, said, not_said):
    pattern = change_asked(verbs)
    assert pattern.search(said) and not pattern.search(not_said)


def test_a_change_asked_for_or_undone_is_no_change_said():
    from ofsted.findings import without_shortfall_phrases
    more, less = change_asked({"improved"}), change_asked({"reduce"})
    for sentence in ("Supervision requires improvement to be good.", "Supervision has not improved.",
                     "Leaders acted on the areas for improvement.", "Supervision needs to improve."):
        assert not more.search(without_shortfall_phrases(sentence)), sentence
    assert not less.search(without_shortfall_phrases("Leaders aim to reduce caseloads, which have not reduced."))
    assert more.search(without_shortfall_phrases("Supervision has improved, but not for all staff."))


@pytest.mark.parametrize("verbs", [{"use"}, {"track"}, {"support"}, {"brought"}, {"make", "sure"}])
def test_verbs_of_no_change_ask_none(verbs):
    assert change_asked(verbs) is None
