"""Does a passage answer the question, and does anything in the library?

Fused search scores only order passages; they say nothing about whether the best one is on the topic
("what is the council's policy on parking permits?" still has a best passage). Two pieces of evidence
do: the question's meaning against the passage's (MiniLM cosine), and whether one sentence of the
passage holds the question's topic words together (index.search.highlight.sentence_focus over the topic
words only, each weighted by its rarity). Both are absolute, so they can be compared across
questions; the thresholds were calibrated on our own questions (bench/questions/calibration.jsonl,
bench/RESULTS.md) and checked on the development set.

A question can also hinge on a named thing: a programme, body or scheme ("Prevent", "the Care Quality
Commission", "Staying Close"). Meaning alone finds passages on neighbouring topics for it (exploitation
for Prevent), so `named_things` picks such names out of the question and the searcher asks whether the
reports searched print them at all; if one is never printed, nothing there answers the question.

Pages that are about the report rather than its findings (the cover with its inspection dates, the
contents, the judgement table, Ofsted's licence text) match a council's name and year better than
any finding does; they are recognised here so that they never outrank a finding unless a grade is asked.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from models import Match
from ofsted.councils import council_spans
from ofsted.front_matter import FRONT_MATTER, FRONT_MATTER_CLUES, LICENCE, LICENCE_CLUES, holds_judgement_rows
from ofsted.grades import GRADE_WORDS
from ofsted.reading import MONTH_NAMES

# A passage's evidence score is its cosine to the question, plus FOCUS_WEIGHT times the share of the topic
# words' weight one of its sentences holds, less ABSENT_WEIGHT times the share of that weight the searched
# reports never use at all ("neglect" in a council's reports that never mention it). Chosen on our own
# questions so that none of their 60 answerable ones is judged unanswered (bench/RESULTS.md, "Answerability").
FOCUS_WEIGHT = 0.3
ABSENT_WEIGHT = 0.2
ANSWERS = 0.48            # a passage scoring this answers the question (at least a partial match)
STRONG = 0.75              # ... and this, a strong match
HOLDS_ALL_TOPIC = 0.999    # a passage with one sentence holding all of a topic of several words answers, whatever its cosine

_GRADE_LINE = re.compile(rf"^[ \t]*(?:{GRADE_WORDS})\.?[ \t]*$", re.IGNORECASE | re.MULTILINE)


KIND_CACHE = 8192   # passages whose kind (licence, front matter) is kept: the same come back question after question


@functools.lru_cache(maxsize=KIND_CACHE)
def is_licence(text: str) -> bool:
    """Ofsted's licence and copyright text, printed in every report: never an answer."""
    return _is_licence(text, text.lower())


def _is_licence(text: str, lowered: str) -> bool:
    return any(clue in lowered for clue in LICENCE_CLUES) and LICENCE.search(text) is not None


@functools.lru_cache(maxsize=KIND_CACHE)
def is_front_matter(text: str) -> bool:
    """A cover page, contents list, judgement table or licence text: about the report, not a finding."""
    lowered = text.lower()
    if any(clue in lowered for clue in FRONT_MATTER_CLUES) and FRONT_MATTER.search(text) or _is_licence(text, lowered):
        return True
    # A judgement table: several lines that are a grade and nothing else, or several rows of a label and its grade.
    return len(_GRADE_LINE.findall(text)) >= 2 or holds_judgement_rows(text)


@dataclass(frozen=True)
class Evidence:
    """How well one passage answers the question, in absolute terms."""

    cosine: float   # the question's embedding against the passage's
    focus: float    # share (0..1) of the topic words' weight found together in one sentence
    absent: float   # share (0..1) of the topic words' weight that no searched report uses
    stated: bool = False  # states what is asked: the judgement, the list of what must improve

    @property
    def score(self) -> float:
        """The evidence in one number; a passage that states what is asked is at least a partial match."""
        score = self.cosine + FOCUS_WEIGHT * self.focus - ABSENT_WEIGHT * self.absent
        return max(score, ANSWERS) if self.stated else score

    @property
    def label(self) -> Match:
        return Match.STRONG if self.score >= STRONG else Match.PARTIAL if self.score >= ANSWERS else Match.WEAK


def answers(evidence: list[Evidence]) -> bool:
    """Whether the best passages answer the question: one of the first three is at least a partial match."""
    return any(e.score >= ANSWERS for e in evidence[:3])


# Capitalised words that are not the name of a programme, body or scheme a report would print.
_NOT_NAMES = frozenset("""ofsted england english britain british uk
monday tuesday wednesday thursday friday saturday sunday""".split()) | MONTH_NAMES
_JOINERS = frozenset({"and", "of", "the", "for", "on", "in"})   # inside a name: "Safe and Together"
# The part of a council a name ends on: "Derby's Care Leavers Service" is its service for care leavers, which its
# reports may call "the leaving care service" or "the care leavers' team"; what names it is the rest ("Care Leavers").
_PART_OF_A_COUNCIL = frozenset({"service", "services", "team", "teams", "unit", "units", "department"})
# A capitalised run is everyday words a manager capitalised ("Social Work Supervision"), not a name, when the library
# never prints it so but does in lower case, and prints each of its words in at least this share of passages: every
# word of "Social Work Supervision" is in 5% of dev passages or more, "pedagogy" of "Social Pedagogy" in 0.02%,
# "motivational" 0.6%, "contextual" 0.2% (names, however some reports print them in lower case).
EVERYDAY_NAME_SHARE = 0.01
_TITLE_CASE_SHARE = 0.7   # a question with more capitals than this is in title case: its capitals name nothing


def named_things(question: str) -> list[str]:
    """The names a question uses for a programme, body or scheme: runs of capitalised words that are not
    a council, a month or the first word of a sentence ("Prevent", "Care Quality Commission")."""
    text = question.replace("’", "'")
    for start, end, _ in council_spans(text):
        text = text[:start] + "," + " " * (end - start - 1) + text[end:]
    names: list[str] = []
    capitals = words = 0
    for sentence in re.split(r"(?<=[.?!:;,])\s+|\s+-\s+", text):
        run: list[str] = []
        tokens = re.findall(r"[A-Za-z][A-Za-z'-]*|[^\sA-Za-z]+", sentence)
        for position, token in enumerate(tokens):
            word = token.strip("'-")
            named = position > 0 and re.fullmatch(r"[A-Z][a-z][A-Za-z'-]*", word) and word.lower() not in _NOT_NAMES
            words += position > 0 and token[0].isalpha()
            capitals += bool(named)
            if named:
                run.append(word)
            elif run and token in _JOINERS and position + 1 < len(tokens) and tokens[position + 1][:1].isupper():
                run.append(token)
            else:
                if run:
                    names.append(_name(run))
                run = []
        if run:
            names.append(_name(run))
    if words and capitals / words > _TITLE_CASE_SHARE:
        return []
    return list(dict.fromkeys(names))


def _name(run: list[str]) -> str:
    """The run of words as a name: without a possessive at its end ("Prevent's" is "Prevent"), nor the part of a
    council it ends on where words name it before that ("Care Leavers Service" is "Care Leavers")."""
    while len(run) > 1 and run[-1].lower() in _PART_OF_A_COUNCIL:
        run = run[:-1]
    while run and run[-1] in _JOINERS:
        run = run[:-1]
    return re.sub(r"'s$", "", " ".join(run))
