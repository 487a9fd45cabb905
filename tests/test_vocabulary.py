"""ofsted.vocabulary: words that name roles, everyday words."""
from __future__ import annotations


def test_a_role_named_in_a_sentence_is_read_as_what_it_is_unless_the_question_names_it():
    from ofsted.vocabulary import without_role_names
    text = "As a corporate parent, the council listens to children; supervising social workers visit carers."
    read = without_role_names(text, "How do councils support care leavers who are parents?")
    assert "parent" not in read and "supervising social workers" not in read
    assert "corporate parent" in without_role_names(text, "How do councils act as corporate parents?")
