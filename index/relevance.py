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

# Evidence a passage is on the topic: cosine of question and passage, and the share of the topic's
# weight held in one sentence. Labels: strong = both clear; partial = one of them; weak = neither.
STRONG_COSINE, STRONG_FOCUS = 0.55, 0.75
PARTIAL_COSINE, PARTIAL_FOCUS = 0.45, 0.5
LABELS = ("strong", "partial", "weak")

_FRONT_MATTER = re.compile(
    r"inspection\s+dates?\s*:|lead\s+(?:social\s+care\s+)?inspector\s*:|\bcontents\b.{0,200}\bpage\b|"
    r"this\s+publication\s+is\s+available|open\s+government\s+licen[cs]e|crown\s+copyright|"
    r"ofsted\s+(?:regulates|inspects)\s+(?:and\s+inspects\s+)?to\s+achieve|"
    r"judgement\s+grade\b|\bjudgement\s*\n",
    re.IGNORECASE | re.DOTALL,
)
_GRADE_WORD = re.compile(r"\b(?:outstanding|good|requires\s+improvement(?:\s+to\s+be\s+good)?|inadequate)\b",
                         re.IGNORECASE)


def is_front_matter(text: str) -> bool:
    """A cover page, contents list, judgement table or licence text: about the report, not a finding."""
    if _FRONT_MATTER.search(text):
        return True
    lines = [line for line in text.splitlines() if line.strip()]
    # A judgement table: short lines, several of them a grade and little else.
    return len(lines) >= 4 and sum(1 for line in lines if _GRADE_WORD.fullmatch(line.strip().rstrip("."))) >= 2


@dataclass(frozen=True)
class Evidence:
    """How well one passage answers the question, in absolute terms."""

    cosine: float   # the question's embedding against the passage's
    focus: float    # share (0..1) of the topic words' weight found together in one sentence

    @property
    def label(self) -> str:
        if self.cosine >= STRONG_COSINE and self.focus >= STRONG_FOCUS:
            return "strong"
        if self.cosine >= PARTIAL_COSINE or self.focus >= PARTIAL_FOCUS:
            return "partial"
        return "weak"


def answers(evidence: list[Evidence]) -> bool:
    """Whether the best passages answer the question: one of the first three is at least a partial match."""
    return any(e.label != "weak" for e in evidence[:3])
