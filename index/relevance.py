"""Does a passage answer the question, and does anything in the library?

Fused search scores only order passages; they say nothing about whether the best one is on the topic
("what is the council's policy on parking permits?" still has a best passage). Two pieces of evidence
do: the question's meaning against the passage's (MiniLM cosine), and whether one sentence of the
passage holds the question's topic words together (index.highlight.sentence_focus over the topic
words only, each weighted by its rarity). Both are absolute, so they can be compared across
questions; the thresholds were calibrated on our own questions (bench/questions/calibration.jsonl,
bench/RESULTS.md) and checked on the development set.

Pages that are about the report rather than its findings (the cover with its inspection dates, the
contents, the judgement table, Ofsted's licence text) match a council's name and year better than
any finding does; they are recognised here so that they never outrank a finding unless a grade is asked.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# A passage's evidence score is its cosine to the question, plus FOCUS_WEIGHT times the share of the topic
# words' weight one of its sentences holds, less ABSENT_WEIGHT times the share of that weight the searched
# reports never use at all ("neglect" in a council's reports that never mention it). Chosen on our own
# questions so that none of their 60 answerable ones is judged unanswered (bench/RESULTS.md, "Answerability").
FOCUS_WEIGHT = 0.3
ABSENT_WEIGHT = 0.2
ANSWERS = 0.48            # a passage scoring this answers the question (at least a partial match)
STRONG = 0.75              # ... and this, a strong match

_FRONT_MATTER = re.compile(
    r"inspection\s+dates?\s*:|lead\s+(?:social\s+care\s+)?inspector\s*:|\bcontents\b.{0,200}\bpage\b|"
    r"judgement\s+grade\b|\bjudgement\s*\n",
    re.IGNORECASE | re.DOTALL,
)
_LICENCE = re.compile(
    r"this\s+publication\s+is\s+available|open\s+government\s+licen[cs]e|crown\s+copyright|"
    r"ofsted\)?\s+(?:regulates|inspects)\s+(?:and\s+inspects\s+)?to\s+achieve",
    re.IGNORECASE,
)
_GRADE_LINE = re.compile(r"^[ \t]*(?:outstanding|good|requires\s+improvement(?:\s+to\s+be\s+good)?|inadequate)"
                         r"\.?[ \t]*$", re.IGNORECASE | re.MULTILINE)


# Words the patterns above need: a passage holding none of them is not such a page (a cheap test first).
_FRONT_CLUES = ("inspection date", "lead ", "contents", "judgement")
_LICENCE_CLUES = ("licen", "copyright", "publication is", "regulates")


def is_licence(text: str, lowered: str | None = None) -> bool:
    """Ofsted's licence and copyright text, printed in every report: never an answer."""
    lowered = text.lower() if lowered is None else lowered
    return any(clue in lowered for clue in _LICENCE_CLUES) and _LICENCE.search(text) is not None


def is_front_matter(text: str) -> bool:
    """A cover page, contents list, judgement table or licence text: about the report, not a finding."""
    lowered = text.lower()
    if any(clue in lowered for clue in _FRONT_CLUES) and _FRONT_MATTER.search(text) or is_licence(text, lowered):
        return True
    # A judgement table: several lines that are a grade and nothing else.
    return len(_GRADE_LINE.findall(text)) >= 2


@dataclass(frozen=True)
class Evidence:
    """How well one passage answers the question, in absolute terms."""

    cosine: float   # the question's embedding against the passage's
    focus: float    # share (0..1) of the topic words' weight found together in one sentence
    absent: float   # share (0..1) of the topic words' weight that no searched report uses

    @property
    def score(self) -> float:
        return self.cosine + FOCUS_WEIGHT * self.focus - ABSENT_WEIGHT * self.absent

    @property
    def label(self) -> str:
        return "strong" if self.score >= STRONG else "partial" if self.score >= ANSWERS else "weak"


def answers(evidence: list[Evidence]) -> bool:
    """Whether the best passages answer the question: one of the first three is at least a partial match."""
    return any(e.score >= ANSWERS for e in evidence[:3])
