"""Which judgement's section of a report a sentence sits in.

An inspection report writes each judgement under its own heading ("The experiences and progress of children in
care: good"), and its sentences leave the children to that heading: "Children's health needs are prioritised."
under children in care is about children in care, and "Parents' mental health is assessed well." under help and
protection is not about care leavers. Headings are read from the report's text (the body's, not the judgement
table's or the contents list's): ILACS writes "<area>: <grade>" on a line of its own; the single inspection
framework writes "<area> <grade> Summary", or "<area> is <grade>" for its parts (adoption, care leavers).
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from ofsted.grades import GRADE_WORDS
from ofsted.judgements import EXPERIENCES_OF, GROUPS_OF_CHILDREN, ILACS_AREAS, JUDGED_WITH, SIF_AREAS

# A body heading may drop "and progress" ("The experiences of children in care: outstanding"), and SIF reports head
# the parts of their children looked after judgement "The graded judgement about the experience and progress of care
# leavers is that it requires improvement".
_GRADED = r"The\s+graded\s+judge?ment\s+(?:about|for)\s+(?:the\s+)?"
_EXPERIENCES = r"(?:The\s+)?(?:experiences?\s+(?:and\s+progress\s+)?of\s+)?"


def _names(area_patterns: Iterable[str], lead: str) -> str:
    """An area's names as its table rows print them, without their lead-in, after the lead-ins above."""
    names = (pattern.replace(EXPERIENCES_OF, "").replace(r"Experiences\s+and\s+progress\s+of\s+", "")
             for pattern in area_patterns)
    return r"(?:" + "|".join(lead + _EXPERIENCES + name for name in names) + r")"


_GRADE = rf"(?:{GRADE_WORDS}|not\s+judged)"
# A heading ends its line. ILACS puts a colon before the grade ("… in care: good", "… are: Good"; with a full stop
# only before its numbered first paragraph: a re-inspection lists its last inspection's grades so, "Children who need
# help and protection: Inadequate."), and pypdf sometimes runs such a heading on after the sentence before it.
# Without a colon (SIF, and ILACS of 2018-19: "… care leavers are good", "… permanence Good Summary Services …",
# "… protection Good Access to …", "… is that they require improvement") a heading starts its line and ends it, or
# goes on into its first sentence (after a sentence, only into "Summary", or as "The graded judgement about …");
# "Adoption performance is good. Children are …" is a sentence. The judgement table's rows are numbered ("2.1
# Adoption performance Good") or run on with the next row, and the contents list gives page numbers. SIF reports of
# 2014 box a heading: "… permanence Key Judgement Judgement Grade The experiences … permanence Good".
_COLON_GRADE = rf"[ \t]*(?:(?:is|are)\b[ \t]*)?:[ \t]*{_GRADE}(?:[ \t]*(?=\n|$)|\.[ \t]*(?=\n\s*\d{{1,3}}\.\s))"
_SPACED_GRADE = (rf"[ \t]+(?:(?:is|are|requires?)\b[ \t]*(?:that\s+(?:it|they)\s+(?:is\s+|are\s+)?)?)?{_GRADE}"
                 r"(?:\.?[ \t]*(?=\n|$)|[ \t]+(?-i:(?=[A-Z])))")
_SUMMARY_GRADE = rf"[ \t]+{_GRADE}[ \t]+(?-i:Summary)\b"   # SIF's heading, run on after a sentence or not
_LINE_START = r"(?:^|(?<=\n)|(?<=Key\sJudgement\sJudgement\sGrade\s))[ \t]*"
_AFTER_SENTENCE = r"(?:(?<=[.!?’”)]\s)(?<!\d\.\s)(?<!\d\.\d\s)|(?<=\d\.\s)(?=The\s))[ \t]*"
_HEADED = tuple(area for area in ILACS_AREAS + SIF_AREAS
                if area.printed and area.key != "overall_effectiveness")   # overall effectiveness: a table's row only
_AREAS = tuple((area.ilacs or area.key, _names(area.printed, f"(?:{_GRADED})?"), _names(area.printed, _GRADED))
               for area in _HEADED)
_KEYS = tuple(key for key, _, _ in _AREAS) + ("lscb",)
# Each heading's own area as the report printed it (a SIF report's "children looked after and achieving permanence"),
# where _KEYS has the area today's framework judges it as ("in_care").
_PRINTED_KEYS = tuple(area.key for area in _HEADED) + ("lscb",)
_LSCB = rf"The\s+Local\s+Safeguarding\s+Children\s+Board(?:\s+\(LSCB\))?(?:\s+(?:is\s+)?{_GRADE})?[ \t]*(?=\n|$)"
# One pattern, tried only where a line or sentence starts (_STARTS): searching the whole text for each area's at every
# position took half a second an area over the dev library's 9 MB of pages.
_HEADING = re.compile("|".join(
    [f"{_LINE_START}(?P<h{i}>{name}(?:{_COLON_GRADE}|{_SPACED_GRADE}))|"
     f"{_AFTER_SENTENCE}(?P<r{i}>{name}(?:{_COLON_GRADE}|{_SUMMARY_GRADE})|{graded}{_SPACED_GRADE})"
     for i, (_, name, graded) in enumerate(_AREAS)]
    + [f"{_LINE_START}(?P<h{len(_AREAS)}>{_LSCB})"]), re.IGNORECASE)
_STARTS = re.compile(r"\n|[.!?’”)]\s|Key\sJudgement\sJudgement\sGrade\s", re.IGNORECASE)

def run_on_headings(text: str) -> list[int]:
    """Where a section's heading starts that pypdf ran on after the sentence before it, on its line ("… because of a
    lack of such provision. The impact of leaders on social work practice with children and families: good"): shown,
    it starts a line of its own. Half the dev library's ILACS headings are printed so."""
    return [match.start() for end in (found.end() for found in _STARTS.finditer(text)) if text[end - 1] != "\n"
            and (match := _HEADING.match(text, end)) is not None]


# The judgement areas whose section gives the report's verdict on them in one of its first sentences
# (index.search.searcher's verdicts). Help and protection opens on early help and goes on through the front door to
# child protection: no sentence judges it whole.
VERDICT_AREAS = ("in_care", "care_leavers", "impact_of_leaders")
# SIF reports judged adoption as a part of children looked after.
_PART_OF = {"adoption_performance": "in_care"}
# How surely a sentence naming no group of children is about each, by where it sits (Sections.children_at). Under
# leaders, in the summary or in a file without headings it may be about any of the three groups the judgements are
# on; under help and protection, children in care are a few of those it speaks of (children who go missing "from home
# or care", who are exploited) and care leavers none; under the safeguarding board, neither.
ANY_SECTION = 1 / 3
HELP_AND_PROTECTION_IN_CARE = 0.25


def _key(heading: re.Match, keys: tuple[str, ...] = _KEYS) -> str:
    return keys[int(heading.lastgroup[1:])]


class Sections:
    """A report's body headings in reading order, to say which section an offset of a page falls in."""

    def __init__(self, pages: Iterable[tuple[int | None, str]]):
        kept: list[tuple[int | None, int, int, str, tuple[str, str]]] = []   # page, heading start and end, key, and
        # the heading as printed: its area's own key and its words
        for number, text in pages:
            found = [match for start in [0] + [match.end() for match in _STARTS.finditer(text)]
                     if (match := _HEADING.match(text, start)) is not None]
            # A heading with no words under it before the next is a list of grades ("Children who need help and
            # protection: Inadequate. Children looked after …: Requires improvement."), as is the one after it.
            listed = {i for i in range(len(found) - 1) if not text[found[i].end():found[i + 1].start()].strip()
                      and "lscb" not in (_key(found[i]), _key(found[i + 1]))}   # its heading, then its grade
            kept += [(number, match.start(), match.end(), _key(match), (_key(match, _PRINTED_KEYS), match.group().strip()))
                     for i, match in enumerate(found) if i not in listed and i - 1 not in listed]
        self._starts = [(number or 0, start) for number, start, _, _, _ in kept]
        self._bodies = [(number, end) for number, _, end, _, _ in kept]   # each section's page and offset past its heading
        self._keys = [key for _, _, _, key, _ in kept]
        self._printed = [printed for _, _, _, _, printed in kept]

    def __len__(self) -> int:
        return len(self._keys)

    def at(self, page: int | None, offset: int) -> str | None:
        """The key of the section holding this offset of this page ("in_care", "lscb", …); None before the first
        heading (the summary) or for a file without headings."""
        i = self._under(page, offset)
        return self._keys[i] if i >= 0 else None

    def heading_at(self, page: int | None, offset: int) -> tuple[str, str] | None:
        """The heading the offset sits under as the report printed it: its area's own key (SIF's
        "children_looked_after_and_achieving_permanence" where `at` says "in_care") and its words; or None."""
        i = self._under(page, offset)
        return self._printed[i] if i >= 0 else None

    def _under(self, page: int | None, offset: int) -> int:
        """The index of the heading this offset of this page sits under; -1 before the first."""
        return bisect.bisect_right(self._starts, (page or 0, offset)) - 1

    def covers(self, key: str) -> frozenset[str]:
        """The judgement areas a section of the report speaks for: its own, the area it is part of, and one judged
        with it that has no section of its own here (care leavers, under children in care before 2023)."""
        own = {key, _PART_OF.get(key, key)}
        return frozenset(own | {area for area, judged_with in JUDGED_WITH.items()
                                if judged_with in own and area not in self._keys})

    def in_area(self, page: int | None, offset: int, area: str) -> bool:
        """Whether the offset lies in the report's section on this judgement area ("in_care", …)."""
        section = self.at(page, offset)
        return section is not None and area in self.covers(section)

    def children_at(self, page: int | None, offset: int) -> dict[str, float]:
        """How surely a sentence at this offset that names no group of children (ofsted.judgements.children_named)
        is about each: 1 in a group's own section, a half each where two are judged together, ANY_SECTION where
        it may be about any, HELP_AND_PROTECTION_IN_CARE; a group left out is not spoken of there."""
        section = self.at(page, offset)
        if section is None or section == "impact_of_leaders":
            return dict.fromkeys(GROUPS_OF_CHILDREN, ANY_SECTION)
        if section == "help_and_protection":
            return {"in_care": HELP_AND_PROTECTION_IN_CARE}
        groups = self.covers(section) & set(GROUPS_OF_CHILDREN)   # none for the safeguarding board's
        return {group: 1 / len(groups) for group in groups}

    def opening(self, area: str) -> tuple[int | None, int] | None:
        """Where the report's own section on this judgement area begins, past its heading (page, offset), or None
        without one (care leavers judged with children in care have none)."""
        return self._bodies[self._keys.index(area)] if area in self._keys else None

    def extent(self, area: str) -> tuple[tuple[int | None, int], tuple[int, int] | None] | None:
        """The section that speaks for this area (its own, else the one it was judged with) from past its heading
        to where the next heading starts (page, offset; None for the report's end), or None without one."""
        for i, key in enumerate(self._keys):
            if area in self.covers(key):
                return self._bodies[i], self._starts[i + 1] if i + 1 < len(self._starts) else None
        return None
