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
from ofsted.judgements import EXPERIENCES_OF, ILACS_AREAS, SIF_AREAS

# A body heading may drop "and progress" ("The experiences of children in care: outstanding"), and SIF reports head
# the parts of their children looked after judgement "The graded judgement about the experience and progress of care
# leavers is that it requires improvement".
_EXPERIENCES = (r"(?:The\s+graded\s+judge?ment\s+(?:about|for)\s+(?:the\s+)?)?(?:The\s+)?"
                r"(?:experiences?\s+(?:and\s+progress\s+)?of\s+)?")


def _heading(area_patterns: Iterable[str], grade_follows: str) -> str:
    """An area's table row as a heading: its name after any of the lead-ins above, then its grade."""
    names = (pattern.replace(EXPERIENCES_OF, "").replace(r"Experiences\s+and\s+progress\s+of\s+", "")
             for pattern in area_patterns)
    return r"(?:" + "|".join(_EXPERIENCES + name for name in names) + r")" + grade_follows


# A heading starts a line (or follows a sentence on it, where pypdf joined the lines) and ends one, its grade
# after a colon, "is" or "are", or a space, then the line's end or the first sentence ("… protection Good Access
# to …" in SIF reports). The judgement table's rows are numbered ("2.1 Adoption performance Good"; a heading after
# a sentence ending in a figure starts "The") or run on with the next row, and the contents list gives page
# numbers. SIF reports of 2014 box a heading: "… permanence Key Judgement Judgement Grade The experiences …".
_GRADE_FOLLOWS = (rf"[ \t]*(?:(?:is|are)\b[ \t]*(?:that\s+it\s+(?:is\s+)?)?)?:?[ \t]*(?:{GRADE_WORDS}|not\s+judged)\.?"
                  r"(?:[ \t]+(?-i:(?=[A-Z]))|[ \t]*(?=\n|$))")
_LINE_START = (r"(?:^|(?<=\n)|(?<=[.!?’”)]\s)(?<!\d\.\s)(?<!\d\.\d\s)|(?<=\d\.\s)(?=The\s)"
               r"|(?<=Key\sJudgement\sJudgement\sGrade\s))[ \t]*")
_AREA_HEADINGS = tuple((area.ilacs or area.key, _heading(area.printed, _GRADE_FOLLOWS))
                       for area in ILACS_AREAS + SIF_AREAS
                       if area.printed and area.key != "overall_effectiveness")   # a table's row only
_HEADING_KEYS = tuple(key for key, _ in _AREA_HEADINGS) + ("lscb",)
# One pattern, tried only where a line or sentence starts (_STARTS): searching the whole text for it at every
# position took half a second a pattern over the dev library's 9 MB of pages.
_HEADING = re.compile(_LINE_START + "(?:" + "|".join(
    f"(?P<h{i}>{pattern})" for i, (_, pattern) in enumerate(_AREA_HEADINGS)) +
    rf"|(?P<h{len(_AREA_HEADINGS)}>The\s+Local\s+Safeguarding\s+Children\s+Board\b[^\n]*(?=\n|$)))",
    re.IGNORECASE)
_STARTS = re.compile(r"\n|[.!?’”)]\s|Key\sJudgement\sJudgement\sGrade\s", re.IGNORECASE)

# The judgement areas a report's body gives a section of its own (ofsted.judgements keys).
AREAS_WITH_SECTIONS = frozenset({"help_and_protection", "in_care", "care_leavers", "impact_of_leaders"})

# The children each section is about, as ofsted.judgements.children_named names them: before 2023 ILACS judged
# children in care and care leavers together.
_JOINT = re.compile(r"children\s+in\s+care\s+and\s+care\s+leavers", re.IGNORECASE)
SECTION_CHILDREN = {"in_care": frozenset({"in_care"}), "care_leavers": frozenset({"care_leavers"}),
                    "joint": frozenset({"in_care", "care_leavers"}),
                    "adoption_performance": frozenset({"in_care"}),
                    "help_and_protection": frozenset({"help_and_protection"})}
# The judgement areas (ofsted.judgements.judgement_area) each section is the report's word on.
_SECTION_AREAS = {"joint": frozenset({"in_care", "care_leavers"}), "adoption_performance": frozenset({"in_care"})}


class Sections:
    """A report's body headings in reading order, to say which section an offset of a page falls in."""

    def __init__(self, pages: Iterable[tuple[int | None, str]]):
        self._starts: list[tuple[int, int]] = []
        self._keys: list[str] = []
        self._bodies: list[tuple[int | None, int]] = []   # each section's page and offset past its heading
        for number, text in pages:
            for start in [0] + [match.end() for match in _STARTS.finditer(text)]:
                if (match := _HEADING.match(text, start)) is not None:
                    key = _HEADING_KEYS[int(match.lastgroup[1:])]
                    self._starts.append((number or 0, match.start()))
                    self._keys.append("joint" if _JOINT.search(match.group(0)) else key)
                    self._bodies.append((number, match.end()))

    def __len__(self) -> int:
        return len(self._keys)

    def at(self, page: int | None, offset: int) -> str | None:
        """The key of the section holding this offset of this page ("in_care", "joint" for children in care and
        care leavers judged together, "lscb", …); None before the first heading (the summary) or for a file
        without headings."""
        i = bisect.bisect_right(self._starts, (page or 0, offset)) - 1
        return self._keys[i] if i >= 0 else None

    def in_area(self, page: int | None, offset: int, area: str) -> bool:
        """Whether the offset lies in the report's section on this judgement area ("in_care", …)."""
        section = self.at(page, offset)
        return section is not None and (section == area or area in _SECTION_AREAS.get(section, ()))

    def opening(self, area: str) -> tuple[int | None, int] | None:
        """Where the report's own section on this judgement area begins, past its heading (page, offset): its
        first words are the report's verdict on the area ("Care leavers in Dorset receive a strong service …").
        Children in care and care leavers judged together open on children in care; None without such a section."""
        for key, body in zip(self._keys, self._bodies):
            if key == area or (key == "joint" and area == "in_care"):
                return body
        return None

    def extent(self, key: str) -> tuple[tuple[int | None, int], tuple[int, int] | None] | None:
        """The first section of this key from past its heading to where the next heading starts (page, offset;
        None for the report's end), or None without one."""
        if key not in self._keys:
            return None
        i = self._keys.index(key)
        return self._bodies[i], self._starts[i + 1] if i + 1 < len(self._starts) else None

    def children_at(self, page: int | None, offset: int) -> frozenset[str]:
        """The children the section at this offset is about (SECTION_CHILDREN), empty for leaders' or none."""
        return SECTION_CHILDREN.get(self.at(page, offset) or "", frozenset())
