"""Ofsted's four grades: kept in lower case, shown capitalised, ranked for charts, matched in text."""
from __future__ import annotations

# Ofsted's own order (grade 1 is outstanding).
GRADES = ("outstanding", "good", "requires improvement", "inadequate")
# Counting up from inadequate, so "higher is better" on a chart.
RANK = {grade: 4 - position for position, grade in enumerate(GRADES)}
# The grades as a report or a question writes them, "requires improvement to be good" included.
GRADE_WORDS = r"outstanding|good|requires?\s+improvement(?:\s+to\s+be\s+good)?|inadequate"
GRADE = rf"(?P<grade>{GRADE_WORDS})\b"
# Each word of the grades, as keywords ("requires", "improvement", …).
GRADE_KEYWORDS = frozenset(" ".join(GRADES).split())


def grade_of(text: str) -> str:
    """'Requires Improvement to be good' -> 'requires improvement' (so is 'require improvement', as a few SIF
    reports' standard wording prints it)."""
    grade = " ".join(text.lower().split())
    return "requires improvement" if grade.startswith("require") else grade


def grade_label(grade: str) -> str:
    """'requires improvement' -> 'Requires improvement'."""
    return grade[:1].upper() + grade[1:]


GRADE_OF_RANK = {rank: grade for grade, rank in RANK.items()}   # a chart's or a sorted table's number as its grade

# Where a table has little room: the one grade of four words as inspectors and councils abbreviate it.
SHORT_GRADES = {"outstanding": "Outstanding", "good": "Good", "requires improvement": "RI", "inadequate": "Inadequate"}
