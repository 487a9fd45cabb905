"""What a report says must improve: its list under "What needs to improve?" (ILACS), "Recommendations" or
"Areas for improvement" (SIF and older frameworks), and the questions that ask for it.

"What are Stoke-on-Trent's areas for improvement?" is answered by that list, but the list's own items
("◼ The response to 16- and 17-year-olds who present as homeless.") share no words with the question and
little meaning with it, so neither retriever ranked it first: a footnote that mentions "areas for
improvement" did. The list is found by its heading instead, and a passage that carries the list on
(it starts with a list mark) right after the heading's passage is part of it.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from text.sentences import BULLETS, NUMBER_MARK

_ASKED = re.compile(
    r"\b(?:areas?\s+(?:for|of)\s+(?:improvement|development)|improvement\s+areas?|need(?:s|ed)?\s+to\s+improve|"
    r"(?:should|must|has\s+to|have\s+to)\s+(?:\w+\s+){0,4}improve|recommend(?:s|ed|ations?)?|"
    r"priorit(?:y|ies)\s+for\s+(?:action|improvement)|what\s+to\s+improve|weakness(?:es)?|shortcomings?|"
    r"failings?)\b",
    re.IGNORECASE,
)
# The words such a question is made of, besides a council, a year and framing: any other word makes it a
# question about a topic ("What should be done to improve supervision?", "recommendations on care leavers").
IMPROVEMENT_WORDS = frozenset("""area areas improvement improvements improve improving need needs needed recommend
recommends recommended recommendation recommendations priority priorities action actions development
should must weakness weaknesses shortcoming shortcomings failing failings""".split())
# The heading, at the start of a line or after a sentence, running to its line's end or the first item.
_HEADING = re.compile(
    r"(?:^|\n|(?<=[.?!]))[ \t]*(?:(?:what\s+needs\s+to\s+improve(?:\s+in\s+this\s+local\s+authority)?|"
    r"what\s+does\s+the\s+local\s+authority\s+need\s+to\s+improve|areas\s+for\s+improvement|"
    r"recommendations(?:\s+for\s+(?:immediate\s+)?action[^\n]{0,40})?)[ \t]*(?:[?:]\d?)?[ \t]*(?:\n|$|\s{2}|" + BULLETS + r")"
    r"|areas\s+for\s+improvement[ \t]+(?-i:[A-Z])[^\n.]{0,60}\n)",   # SIF: "Areas for improvement Leadership and management"
    re.IGNORECASE,
)
_LIST_ITEM = re.compile(r"\s*" + BULLETS)   # numbered paragraphs are findings, not list items
_ITEM = re.compile(BULLETS + r"(?:(?!" + BULLETS + r")[^\n]|\n(?![ \t]*\n))*")  # to the next bullet or blank line
_NUMBERED_ITEM = re.compile(rf"(?m)^[ \t]*{NUMBER_MARK}[ \t].*$")
# A list (ILACS: 1 to 14 bulleted items a page in the dev library, most 2 to 7) is quoted whole, up to WHOLE_LIST; a
# manager asking what must improve pastes the list, and three of Harrow's eight items left the rest unsaid. So is a
# SIF report's numbered recommendations where they follow one another; where subheadings part them ("Immediate
# action", "Within three months") by the first QUOTED_ITEMS, and so is a topic's run of items.
WHOLE_LIST = 15
QUOTED_ITEMS = 3


def names_improvements(question: str) -> bool:
    """Whether a question uses words that ask what should improve ("What are Wigan's areas for
    improvement?"); the caller checks that it asks nothing narrower (IMPROVEMENT_WORDS)."""
    return _ASKED.search(question) is not None


def heads_improvements(passage: str) -> bool:
    """Whether a passage holds the heading of a report's list of what must improve."""
    return _HEADING.search(passage) is not None


def continues_a_list(passage: str) -> bool:
    """Whether a passage starts with a list item (so, after the heading's passage, carries its list on)."""
    return _LIST_ITEM.match(passage) is not None


def listed_items(passage: str, holding: Callable[[str], bool] | None = None) -> tuple[int, int] | None:
    """Where the passage's list of what must improve runs (the items after the heading, or from the start of a
    passage that carries the list on): its run of items whole, bullets or numbers one after another, else a numbered
    list parted by subheadings to the end of its third item; None if none. With
    `holding`, from the first item it holds to the last of those next to it, within three ("What must Harrow improve
    for care leavers?": the item on care leavers, not the list's first three)."""
    heading = _HEADING.search(passage)
    if heading is None and not continues_a_list(passage):
        return None
    if holding is not None:   # within the list's own run of items: a finding numbered after it is none of them
        spans = list_spans(passage) if heading else _run(passage, 0)
        held = [holding(passage[start:end]) for start, end in spans]
        if True not in held:
            return None
        first = last = held.index(True)
        while last + 1 < len(spans) and held[last + 1] and last + 1 - first < QUOTED_ITEMS:
            last += 1
        return spans[first][0], len(passage[:spans[last][1]].rstrip())
    start = heading.end() - 1 if heading else 0
    run = _list_run(passage, start)
    if run and (_ITEM.match(passage, run[0][0]) or len(run) > 1):   # the list's own run, whole: bullets, or numbers
        run = run[:WHOLE_LIST]                                       # one after another (Bracknell Forest's five)
        return run[0][0], len(passage[:run[-1][1]].rstrip())
    items = list(_ITEM.finditer(passage, start))
    if not items and heading:  # a SIF report numbers its recommendations
        items = list(_NUMBERED_ITEM.finditer(passage, start))
    items = items[:QUOTED_ITEMS]
    return (items[0].start(), len(passage[:items[-1].end()].rstrip())) if items else None


def list_heading_before(text: str, offset: int) -> int | None:
    """Where the heading of the list whose run of items reaches `offset` starts on the page (a passage that opens on
    the list's third item is part of the list headed above it); None if no such list runs there."""
    headings = list(_HEADING.finditer(text, 0, offset))
    if not headings:
        return None
    spans = _list_run(text, headings[-1].end() - 1)   # the nearest heading's: a list before it has ended before it
    return _skip_space(text, headings[-1].start()) if spans and spans[0][0] <= offset <= spans[-1][1] else None


def list_end(text: str, start: int, end: int) -> int | None:
    """Where the list of what must improve whose heading (or, for a passage carrying it on, first item) is in
    text[start:end] ends: its run of items may go on past `end`, a passage's end. None if no such list is there."""
    heading = _HEADING.search(text, start, end)
    spans = _list_run(text, heading.end() - 1) if heading else _list_run(text, start) \
        if continues_a_list(text[start:end]) else []
    return spans[-1][1] if spans else None


def _list_run(text: str, end: int) -> list[tuple[int, int]]:
    """The list's run of items from `end` (_run), with the items of one that ends on a colon ("8. Implement the
    following areas for improvement from the previous inspection:" and its bullets)."""
    run = _run(text, end)
    if run and text[:run[-1][1]].rstrip().endswith(":"):
        run += _run(text, run[-1][1])
    return run


def in_list(text: str, offset: int, page_before: str = "") -> bool:
    """Whether the offset of a page's text lies in the report's list of what must improve (list_spans)."""
    return any(start <= offset < end for start, end in list_spans(text, page_before))


def list_spans(text: str, page_before: str = "") -> list[tuple[int, int]]:
    """Where a page's text holds the report's list of what must improve: after its heading, the run of bulleted or
    numbered items that follows (what should be, not what inspectors found), here or, for items opening the page,
    on the page before. Found once per page, for every offset asked of it."""
    starts = [heading.end() - 1 for heading in _HEADING.finditer(text)]
    if page_before.strip() and in_list(page_before, len(page_before.rstrip()) - 1):
        starts.insert(0, 0)   # the list runs on from the page before
    return [span for end in starts for span in _run(text, end)]


def _run(text: str, end: int) -> list[tuple[int, int]]:
    """The run of list items from `end`: of one kind, bullets (ILACS) or numbers (SIF's recommendations; ILACS numbers
    its findings), each after the last with only space between."""
    kind = _ITEM if _ITEM.match(text, _skip_space(text, end)) else _NUMBERED_ITEM
    spans = []
    while item := kind.match(text, _skip_space(text, end)):
        spans.append((item.start(), item.end()))
        end = item.end()
    return spans


def _skip_space(text: str, start: int) -> int:
    return len(text) - len(text[start:].lstrip()) if start < len(text) else start
