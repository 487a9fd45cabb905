"""The judgements Ofsted publishes, their names across frameworks, and how questions refer to them.

ILACS (2018-) judges five areas; the single inspection framework (SIF, 2013-2018) judged similar ones
under other names. Metadata keeps each report's own names; this module says which SIF judgement stands
for which ILACS one, so "how was Norfolk rated for care leavers in 2015?" finds the SIF grade.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from models import DocumentMetadata, Judgement

LABELS = {
    "overall_effectiveness": "Overall effectiveness",
    "impact_of_leaders": "Impact of leaders on social work practice",
    "help_and_protection": "Children who need help and protection",
    "in_care": "Children in care",
    "care_leavers": "Care leavers",
    "children_who_need_help_and_protection": "Children who need help and protection",
    "children_looked_after_and_achieving_permanence": "Children looked after and achieving permanence",
    "adoption_performance": "Adoption performance",
    "experiences_and_progress_of_care_leavers": "Experiences and progress of care leavers",
    "leadership_management_and_governance": "Leadership, management and governance",
    "lscb": "Local Safeguarding Children Board",
}

# The five ILACS judgements a comparison shows; a SIF report's equivalents stand in (SIF_TO_ILACS).
ILACS_JUDGEMENTS = ("overall_effectiveness", "impact_of_leaders", "help_and_protection", "in_care", "care_leavers")
# Where a table has little room.
SHORT_LABELS = {"overall_effectiveness": "Overall effectiveness", "impact_of_leaders": "Impact of leaders",
                "help_and_protection": "Help and protection", "in_care": "Children in care",
                "care_leavers": "Care leavers"}

SIF_TO_ILACS = {
    "children_who_need_help_and_protection": "help_and_protection",
    "children_looked_after_and_achieving_permanence": "in_care",
    "experiences_and_progress_of_care_leavers": "care_leavers",
    "leadership_management_and_governance": "impact_of_leaders",
}

# How questions name each area, most specific first ("care leavers" before "in care").
_ASKED = (
    ("care_leavers", r"care\s+leavers?|leaving\s+care|left\s+care|young\s+people\s+leaving"),
    ("adoption_performance", r"adoption|adopt(ed|ers)"),
    ("lscb", r"\blscb\b|safeguarding\s+children\s+board"),
    ("in_care", r"children\s+in\s+care|in\s+care\b|looked[\s-]+after|achieving\s+permanence|permanence"),
    ("help_and_protection", r"help\s+and\s+protection|need\s+of\s+help|need\s+help|protection"),
    ("impact_of_leaders", r"leaders|leadership|management\s+and\s+governance"),
    ("overall_effectiveness", r"overall"),
)
_ASKED_PATTERNS = tuple((key, re.compile(pattern, re.IGNORECASE)) for key, pattern in _ASKED)


# How reports label each judgement where they state it ("… care leavers Outstanding", "… care leavers: good").
_STATED_LABELS = {
    "overall_effectiveness": r"overall\s+effectiveness",
    "impact_of_leaders": r"impact\s+of\s+leaders(\s+on\s+social\s+work\s+practice\s+with\s+children\s+and\s+families)?",
    "help_and_protection": r"help\s+and\s+protection",
    "in_care": r"children\s+in\s+care(\s+and\s+care\s+leavers)?|looked\s+after\s+and\s+achieving\s+permanence",
    "care_leavers": r"care\s+leavers",
    "adoption_performance": r"adoption\s+performance",
    "lscb": r"safeguarding\s+children\s+board(\s+\(lscb\))?",
    "children_who_need_help_and_protection": r"help\s+and\s+protection",
    "children_looked_after_and_achieving_permanence": r"looked\s+after\s+and\s+achieving\s+permanence",
    "experiences_and_progress_of_care_leavers": r"care\s+leavers",
    "leadership_management_and_governance": r"leadership,?\s+management\s+and\s+governance",
}


def states_judgement(text: str, key: str, grade: str) -> bool:
    """Whether a passage states this judgement with this grade: its label, then the grade within a few words."""
    label = _STATED_LABELS.get(key)
    if label is None:
        return False
    grade_words = r"\s+".join(grade.split())
    pattern = rf"(?:{label})\W{{0,3}}(?:\w+\W+){{0,2}}{grade_words}"
    return re.search(pattern, text, re.IGNORECASE) is not None


# The areas that are about a group of children of their own: a sentence on care leavers does not answer a question
# about children in care, nor the other way round (index.search.searcher's findings).
_GROUPS_OF_CHILDREN = ("care_leavers", "in_care")


def children_named(text: str) -> set[str]:
    """The groups of children (_GROUPS_OF_CHILDREN, as judgement keys) a question or sentence names."""
    return {key for key, pattern in _ASKED_PATTERNS if key in _GROUPS_OF_CHILDREN and pattern.search(text)}


def judgement_asked(question: str) -> str | None:
    """The judgement area a question names, as an ILACS key (or adoption/lscb), else None."""
    named = _judgement_named(question)
    return named[0] if named else None


def judgement_words(question: str) -> str:
    """The words a question names its judgement area with ("children in care"), or ""."""
    named = _judgement_named(question)
    return named[1] if named else ""


def _judgement_named(question: str) -> tuple[str, str] | None:
    for key, pattern in _ASKED_PATTERNS:
        match = pattern.search(question)
        if match:
            return key, match.group(0)
    return None


# The judgement area a topic belongs to, when the question names none ("supervision" is leaders' work, "the
# front door" is help and protection): the grade a digest or timeline shows beside what a report says of it.
# Ofsted's ILACS framework (evaluation criteria for each judgement) places these; first match wins.
_TOPIC_AREAS = (
    ("care_leavers", r"pathway\s+plans?|personal\s+advis[eo]rs?|staying\s+(?:put|close)|local\s+offer|"
                     r"care[\s-]+experienced"),
    ("in_care", r"foster|placements?|permanence|adopt|reviewing\s+officers?|\biros?\b|life[\s-]+story|"
                r"virtual\s+school|corporate\s+parent|sufficiency|health\s+(?:assessments?|needs)|residential|"
                r"special\s+guardian|children['’]s\s+homes?|unaccompanied|asylum"),
    ("help_and_protection", r"referrals?|front\s+door|\bmash\b|early\s+help|domestic\s+(?:abuse|violence)|"
                            r"exploitation|missing|strategy\s+(?:meetings?|discussions?)|section\s+47|\blado\b|"
                            r"allegations?|thresholds?|neglect|assessments?|private(?:ly)?\s+foster|homeless|"
                            r"disabled|disabilit|out[\s-]+of[\s-]+hours|emergency\s+duty|home[\s-]+educat|"
                            r"conferences?|family\s+group|family\s+network|safeguarding|harm"),
    ("impact_of_leaders", r"supervis|caseloads?|workloads?|workforce|agency|recruit|retention|retain|"
                          r"quality\s+assurance|audits?|management\s+oversight|performance|training|"
                          r"practice\s+model|social\s+work\s+practice|leaders|leadership|managers?|staff"),
)
_TOPIC_AREA_PATTERNS = tuple((key, re.compile(pattern, re.IGNORECASE)) for key, pattern in _TOPIC_AREAS)


def judgement_area(question: str) -> str:
    """The ILACS judgement a question's topic belongs to: the one it names, else the one its topic falls under,
    else overall effectiveness."""
    named = judgement_asked(question)
    if named in ILACS_JUDGEMENTS:
        return named
    return next((key for key, pattern in _TOPIC_AREA_PATTERNS if pattern.search(question)), "overall_effectiveness")


# ILACS judged "the experiences and progress of children in care and care leavers" as one until January 2023: a
# report of then has no care leavers judgement of its own, and its children in care grade is the one that covers them.
JUDGED_WITH = {"care_leavers": "in_care"}
JUDGED_WITH_LABELS = {"care_leavers": "Children in care and care leavers"}   # what that grade was for, in short


def area_judgement(metadata: DocumentMetadata, key: str) -> FoundJudgement | None:
    """The report's judgement that covers an area: its own (find_judgement), else the one it was judged with."""
    return find_judgement(metadata, key) or (find_judgement(metadata, JUDGED_WITH[key]) if key in JUDGED_WITH else None)


def area_grade(metadata: DocumentMetadata, key: str) -> tuple[str, str] | None:
    """(what the grade is for, the grade) of the report's judgement covering an area: "Care leavers", or
    "Children in care and care leavers" from a report of before 2023, or a SIF report's own name for it."""
    found = area_judgement(metadata, key)
    if found is None:
        return None
    judged, judgement = found
    label = (JUDGED_WITH_LABELS[key] if key in JUDGED_WITH and judged == JUDGED_WITH[key]
             else SHORT_LABELS.get(judged) or LABELS.get(judged, judged))
    return label, judgement.grade


class FoundJudgement(NamedTuple):
    key: str               # the judgement's key under the report's own framework (a SIF key in a SIF report)
    judgement: Judgement


def find_judgement(metadata: DocumentMetadata, key: str) -> FoundJudgement | None:
    """The report's judgement for an area, under its own framework's name."""
    if key in metadata.judgements:
        return FoundJudgement(key=key, judgement=metadata.judgements[key])
    for sif_key, ilacs_key in SIF_TO_ILACS.items():
        if ilacs_key == key and sif_key in metadata.judgements:
            return FoundJudgement(key=sif_key, judgement=metadata.judgements[sif_key])
    return None
