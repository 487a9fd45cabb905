"""The judgements Ofsted publishes, their names across frameworks, and how questions refer to them.

ILACS (2018-) judges five areas; the single inspection framework (SIF, 2013-2018) judged similar ones
under other names. Metadata keeps each report's own names; this module says which SIF judgement stands
for which ILACS one, so "how was Norfolk rated for care leavers in 2015?" finds the SIF grade.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from models import DocumentMetadata, Judgement

@dataclass(frozen=True)
class Area:
    """One judgement area as one framework names it: the one place its names and patterns are written."""

    key: str
    label: str                     # its name as the product shows it
    printed: tuple[str, ...] = ()  # its row in the report's judgement table, before the grade (ofsted.reading)
    stated: str = ""               # how a passage names it where it states its grade (states_judgement)
    short: str = ""                # where a table has little room
    ilacs: str = ""                # a SIF area: the ILACS area it stands for


# ILACS tables run "The experiences and progress of children in care …"; a few 2025-26 reports print "children
# care leavers" (sic). Rows are matched in this order, longest first where one is a prefix of another.
EXPERIENCES_OF = r"(?:The\s+)?experiences\s+and\s+progress\s+of\s+"
AREAS = (
    # ILACS (2018-), a "Judgement Grade" table on page 1.
    Area("impact_of_leaders", "Impact of leaders on social work practice",
         printed=(r"(?:The\s+)?impact\s+of\s+leaders\s+on\s+social\s+work\s+practice\s+with\s+children\s+and\s+families",),
         stated=r"impact\s+of\s+leaders(\s+on\s+social\s+work\s+practice\s+with\s+children\s+and\s+families)?",
         short="Impact of leaders"),
    Area("help_and_protection", "Children who need help and protection",
         printed=(EXPERIENCES_OF + r"children\s+who\s+need\s+help\s+and\s+protection",), stated=r"help\s+and\s+protection",
         short="Help and protection"),
    Area("in_care", "Children in care",
         printed=(EXPERIENCES_OF + r"children\s+in\s+care\s+and\s+care\s+leavers",   # one judgement until 2023
                  EXPERIENCES_OF + r"children\s+in\s+care(?!\s+and\s+care\s+leavers)"),
         stated=r"children\s+in\s+care(\s+and\s+care\s+leavers)?|looked\s+after\s+and\s+achieving\s+permanence",
         short="Children in care"),
    Area("care_leavers", "Care leavers", printed=(r"(?<!and\s)" + EXPERIENCES_OF + r"(?:children\s+)?care\s+leavers",),
         stated=r"care\s+leavers", short="Care leavers"),
    Area("overall_effectiveness", "Overall effectiveness", printed=(r"(?-i:Overall)\s+effectiveness",),
         stated=r"overall\s+effectiveness", short="Overall effectiveness"),
    # SIF (2013-2018): numbered judgements under a sentence giving the overall one.
    Area("children_who_need_help_and_protection", "Children who need help and protection",
         printed=(r"Children\s+who\s+need\s+help\s+and\s+protection",), stated=r"help\s+and\s+protection",
         ilacs="help_and_protection"),
    Area("children_looked_after_and_achieving_permanence", "Children looked after and achieving permanence",
         printed=(r"Children\s+looked\s+after\s+and\s+achieving\s+permanence",),
         stated=r"looked\s+after\s+and\s+achieving\s+permanence", ilacs="in_care"),
    Area("adoption_performance", "Adoption performance", printed=(r"Adoption\s+performance",),
         stated=r"adoption\s+performance"),
    Area("experiences_and_progress_of_care_leavers", "Experiences and progress of care leavers",
         printed=(r"Experiences\s+and\s+progress\s+of\s+care\s+leavers",), stated=r"care\s+leavers",
         ilacs="care_leavers"),
    Area("leadership_management_and_governance", "Leadership, management and governance",
         printed=(r"Leadership,?\s+management\s+and\s+governance",),
         stated=r"leadership,?\s+management\s+and\s+governance", ilacs="impact_of_leaders"),
    # The LSCB's effectiveness, reviewed beside a SIF inspection (read by ofsted.reading.LSCB).
    Area("lscb", "Local Safeguarding Children Board", stated=r"safeguarding\s+children\s+board(\s+\(lscb\))?"),
)
ILACS_AREAS = AREAS[:5]
SIF_AREAS = AREAS[5:10]

# Views of the table, by key.
LABELS = {area.key: area.label for area in AREAS}
# The five ILACS judgements a comparison shows, in its order; a SIF report's equivalents stand in (SIF_TO_ILACS).
ILACS_JUDGEMENTS = ("overall_effectiveness", "impact_of_leaders", "help_and_protection", "in_care", "care_leavers")
SHORT_LABELS = {area.key: area.short for area in AREAS if area.short}
SIF_TO_ILACS = {area.key: area.ilacs for area in AREAS if area.ilacs}


def label(key: str) -> str:
    """An area's name as the product shows it ("Care leavers"); an unknown key in words."""
    return LABELS.get(key) or key.replace("_", " ").capitalize()


def short_label(key: str) -> str:
    """An area's name where a table has little room ("Impact of leaders"), else its full name."""
    return SHORT_LABELS.get(key) or label(key)

# How questions name each area, most specific first ("care leavers" before "in care").
_ASKED = (
    ("care_leavers", r"care\s+leavers?|leaving\s+care|left\s+care|young\s+people\s+leaving"),
    ("adoption_performance", r"adoption|adopt(ed|ers)"),
    ("lscb", r"\blscb\b|safeguarding\s+children\s+board"),
    ("in_care", r"children\s+in\s+care|in\s+care\b(?!\s+(?:plans?|planning|proceedings))|looked[\s-]+after|"
                r"achieving\s+permanence|permanence"),   # a care plan is a document, not being in care
    ("help_and_protection", r"help\s+and\s+protection|need\s+of\s+help|need\s+help|protection"),
    ("impact_of_leaders", r"leaders|leadership|management\s+and\s+governance"),
    ("overall_effectiveness", r"overall"),
)
_ASKED_PATTERNS = tuple((key, re.compile(pattern, re.IGNORECASE)) for key, pattern in _ASKED)


_STATED = {area.key: area.stated for area in AREAS if area.stated}


def states_judgement(text: str, key: str, grade: str) -> bool:
    """Whether a passage states this judgement with this grade: its label, then the grade within a few words."""
    label = _STATED.get(key)
    if label is None:
        return False
    grade_words = r"\s+".join(grade.split())
    pattern = rf"(?:{label})\W{{0,3}}(?:\w+\W+){{0,2}}{grade_words}"
    return re.search(pattern, text, re.IGNORECASE) is not None


# The areas that are about a group of children of their own: a sentence on care leavers does not answer a question
# about children in care, nor the other way round (index.search.findings).
GROUPS_OF_CHILDREN = ("care_leavers", "in_care")


def children_named(text: str) -> set[str]:
    """The groups of children (GROUPS_OF_CHILDREN, as judgement keys) a question or sentence names."""
    return {key for key, pattern in _ASKED_PATTERNS if key in GROUPS_OF_CHILDREN and pattern.search(text)}


def children_named_spans(text: str) -> list[tuple[int, int]]:
    """Where the text names a group of children (children_named): "children in care", "care leavers"."""
    return [match.span() for key, pattern in _ASKED_PATTERNS if key in GROUPS_OF_CHILDREN
            for match in pattern.finditer(text)]


def names_area(text: str, key: str) -> bool:
    """Whether a sentence names this judgement area as a question would ("care leavers", "children in care",
    "leaders")."""
    return any(area == key and pattern.search(text) for area, pattern in _ASKED_PATTERNS)


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
    return judged_label(key, judged, short_label), judgement.grade


def judged_label(key: str, judged: str, naming: Callable[[str], str] = label) -> str:
    """What the grade a report gave for an area is for: the area it was judged with, where it was ("Children in care
    and care leavers" for care leavers before 2023), else the judgement's own name (`naming`: label or short_label)."""
    return JUDGED_WITH_LABELS[key] if JUDGED_WITH.get(key) == judged else naming(judged)


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
