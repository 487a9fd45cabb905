"""Read a follow-up question in the context of the one before it.

A manager asks "How was Staffordshire judged for care leavers in 2019?" and then "what about
supervision?". Searched on its own the follow-up is a question across all councils; meant in context
it is about Staffordshire in 2019. A question carries two things, a *where* (the councils and years
it names) and a *what* (its topic words). A follow-up that lacks one of them borrows it from the
previous question; one that has both stands on its own. The search itself stays unaware of
conversations: it is given the combined text.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from index.search.query import (FIGURE_ASKED, FRAME_WORDS, OVER_TIME, RATING_WORDS, WHICH_COUNCIL, QueryAnalysis,
                                QuestionKind, analyse, keywords)
from index.search.scope import grade_list_question
from ofsted.councils import council_key, council_name
from ofsted.grades import GRADE_KEYWORDS
from ofsted.judgements import LABELS, judgement_asked, judgement_words, label

# Openings that say "same as before, but…": the question is a follow-up whatever its length.
_FOLLOW_UP_OPENING = re.compile(
    r"^\s*(?:and|also|plus|but|then|so|ok(?:ay)?|what\s+about|how\s+about|what\s+of|same\s+for|and\s+what\s+about)\b",
    re.IGNORECASE,
)
# "Compare with Reading", "and how does Wigan compare?": the councils named join the previous question's.
_COMPARE_WITH = re.compile(
    r"^\s*(?:and\s+)?(?:compare(?:d)?\s+(?:it\s+|this\s+|that\s+|them\s+)?(?:with|to|against)|versus|vs\.?|"
    r"how\s+(?:does|do|did)\b.{0,40}\bcompare\b)", re.IGNORECASE)
# Words that point back at the previous question's council or report.
_BACK_REFERENCES = frozenset("they them their theirs it its there that those this these council report".split())
# Words a follow-up to a list of councils with a grade may use besides the grade and the judgement's name.
_GRADE_WORDS = GRADE_KEYWORDS | frozenset("ones judged graded impact experiences progress children those".split())
# A question with this many topic words or fewer, and no council or year, is read as a follow-up.
SHORT_TOPIC = 2


@dataclass(frozen=True)
class Reading:
    """How a question is searched: `searched` is the text given to the search, `in_context` says
    whether it borrowed from the previous question (the app then shows what it searched for)."""

    question: str
    searched: str
    in_context: bool


def _where(analysis: QueryAnalysis) -> tuple[list[str], list[int]]:
    """The councils a question names (those the library lacks too, so "and Bury?" is about Bury) and its years."""
    return analysis.council_keys + [council_key(name) for name in analysis.missing_councils], analysis.years


def _topic(question: str, councils: list[str], years: list[int]) -> list[str]:
    """Topic words: keywords that are not a council's name, a year, a word pointing back or asking for a
    rating or a figure ("how many are there?" asks the previous topic)."""
    place_words = {word for key in councils for word in key.split()} | {str(y) for y in years}
    question = question.replace(ACROSS_WORDS.strip(), " ")   # a follow-up's own "across councils" is no topic
    return [w for w in keywords(OVER_TIME.sub(" ", FIGURE_ASKED.sub(" ", question))) if w not in place_words
            and w not in _BACK_REFERENCES and w not in RATING_WORDS]   # "how was Derby judged for care leavers?"


def read_in_context(question: str, previous: str | None, council_keys: Iterable[str]) -> Reading:
    """The question as it should be searched, given the previous question's searched text.

    `council_keys` are the councils the index holds (ofsted.councils.council_key of each), the same
    list the search reads questions with, so a council is recognised here exactly when it is there.
    """
    question = question.strip()
    if not previous:
        return Reading(question, question, False)
    council_keys = list(council_keys)
    now = analyse(question, council_keys)
    councils, years = _where(now)
    topic = _topic(question, councils, years)
    before = analyse(previous, council_keys)
    before_councils, before_years = _where(before)
    before_topic = _topic(previous, before_councils, before_years)

    was_rating = before.asks_grade
    if now.kind == QuestionKind.GRADE_LIST:   # "Which councils were judged good in 2023?" asks for itself
        return Reading(question, question, False)
    judgement_named = set(keywords(judgement_words(question))) | set(keywords(label(now.judgement) if now.judgement else ""))
    if before.kind == QuestionKind.GRADE_LIST and not councils and (now.grade or now.judgement or years) and not [
            w for w in topic if w not in _GRADE_WORDS and w not in FRAME_WORDS and w not in judgement_named]:
        # "Which councils were judged inadequate?", then "what about outstanding?" or "and for care leavers?"
        # (not "what did inspectors say about supervision in 2024?", which asks something new)
        return Reading(question, grade_list_question(now.grade or before.grade, now.judgement or before.graded_judgement,
                                                     years or before_years), True)
    if _COMPARE_WITH.match(question) and councils and before_councils:
        # "Compare with Reading" after a question about Sutton: both councils, the same topic and kind (after
        # what Sutton's report found, how both were rated overall).
        summary = before.kind == QuestionKind.SUMMARY
        searched = _compose([w for w in topic if w not in FRAME_WORDS] or before_topic,
                            before_councils + [c for c in councils if c not in before_councils],
                            years or before_years, rating=was_rating or summary,
                            judgement=before.graded_judgement if was_rating or summary else None,
                            figure=before.asks_figure)
        return Reading(question, searched, True)
    if WHICH_COUNCIL.search(question) or now.across_councils:
        # "Which council uses …?", "How do councils …?": about councils in general, never the one before
        # ("Where are the gaps?" may be about it); "What about other councils?" asks the previous topic of them.
        if [w for w in topic if w not in FRAME_WORDS] or not before_topic:
            return Reading(question, question, False)
        return Reading(question, " ".join(before_topic) + " in other councils", True)
    if not topic and now.asks_over_time and not councils and before_topic and (before_councils or not before.across_councils):
        # "and over time?", "how has that changed since 2017?": the previous topic and council, across its reports.
        return Reading(question, _compose(before_topic, before_councils, []) + _over_time(now), True)
    # A question across councils ("How do councils track children missing education?"): a follow-up naming no
    # council stays across them ("what about care leavers?", "and in 2022?"), as the digest of each council's words.
    across = not before_councils and (before.across_councils or before.kind == QuestionKind.THEME)
    if not topic and (councils or years) and before_topic:
        # "And Derby?" / "what about 2023?": the previous topic, asked of the new place or year; a
        # rating question stays one.
        keep_councils = councils or before_councils
        keep_years = years or ([] if councils else before_years)
        searched = _compose(before_topic, keep_councils, keep_years, rating=was_rating,
                            judgement=judgement_asked(previous), improvements=before.asks_improvements,
                            figure=before.asks_figure)
        if before.asks_over_time and not years:   # "and Wigan?" after Derby's story over time: Wigan's story
            searched += _over_time(before)
        elif across and not councils and not was_rating:
            searched += ACROSS_WORDS
    elif across and topic and not (councils or years) and _is_follow_up(question, topic):
        searched = " ".join(topic) + ACROSS_WORDS
    elif not (councils or years) and (before_councils or before_years) and _is_follow_up(question, topic):
        # "What about supervision?" after a question about one council: the new topic, same place; after
        # a rating question, a judgement named ("what about children in care?") is a rating question too,
        # unless the follow-up asks a figure of it ("how many children are in care there?").
        judgement = judgement_asked(question) if was_rating and topic and not now.asks_figure else None
        searched = _compose(topic or before_topic, before_councils, before_years, rating=judgement is not None,
                            judgement=judgement, figure=now.asks_figure or (before.asks_figure and not topic))
    elif not topic and not (councils or years) and before_topic:
        # "Tell me more" after a question across councils: ask it again.
        searched = previous
    else:
        return Reading(question, question, False)
    return Reading(question, searched, searched != question)


ACROSS_WORDS = " across councils"   # what keeps a follow-up across councils (query._ACROSS reads it so)


def _over_time(analysis: QueryAnalysis) -> str:
    """How a question asks over time, as a follow-up carries it on: " since 2017", or " over time"."""
    return f" since {analysis.since}" if analysis.since else " over time"


def _is_follow_up(question: str, topic: list[str]) -> bool:
    words = set(re.findall(r"[a-z]+", question.lower()))
    return bool(_FOLLOW_UP_OPENING.match(question)) or bool(words & _BACK_REFERENCES) or len(topic) <= SHORT_TOPIC


def _compose(topic: list[str], councils: list[str], years: list[int], rating: bool = False,
             judgement: str | None = None, improvements: bool = False, figure: bool = False) -> str:
    """Plain words the search reads like any question: topic, then council names, then years; a rating
    question as one, naming the judgement as Ofsted does ("how was Derby rated for children in care in 2025?"),
    a question of what must improve as one ("what does Derby need to improve?"), and one asking a figure
    as one ("how many care leavers Derby")."""
    place = " and ".join(council_name(key) for key in councils)
    when = " ".join(str(y) for y in years)
    if figure:
        topic = ["how", "many"] + [word for word in topic if word != "many"]
    if improvements:
        return f"what does {place or 'the council'} need to improve{f' in {when}' if when else ''}?"
    if rating:
        asked = LABELS[judgement].lower() if judgement in LABELS else " ".join(topic)
        return " ".join(part for part in (f"how was {place or 'the council'} rated for {asked}",
                                          f"in {when}" if when else "") if part) + "?"
    return " ".join(topic + [part for part in (place, when) if part])
