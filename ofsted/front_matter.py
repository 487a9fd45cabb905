"""A report's front matter: its cover block, judgement table and contents list, found on its pages.

They say what the report is, not what it found. Printed above the first finding, they come out of pypdf run
into it ("… Overall effectiveness Good Services for children in Wigan have been considerably strengthened …"),
so a passage cut across them is neither a clean answer nor a clean table. `front_matter_spans` finds them as
(page position, start, end) spans of the cleaned page text, with the patterns ofsted.reading reads the grades
with, so that ingest.chunking makes them passages of their own and every passage stays a verbatim slice of its
page. `FRONT_MATTER` tells such a passage by its text alone, for search to rank it below findings
(index.search.relevance).

Where each block starts and ends:
- cover: from the top of one of the first HEAD_PAGES pages that prints an inspection-dates line within
  TITLE_WINDOW of its top, to the end of the last field printed one after another from that line (inspection
  dates, report published, lead or reporting inspector, age group);
- ILACS judgement table: from "Judgement Grade" (from the top of the page when the cover is above it) to the
  end of its last row ("label grade"), the rows following one another with only white space between; read on
  into the next page when the table runs over the break;
- SIF judgement list: from its first numbered row to its last ("3. Leadership, management and governance
  Good"); the overall judgement after the cover ("Children's services in Norfolk are inadequate.") and the
  LSCB's after the list ("The effectiveness of the LSCB is good.") join the block they follow;
- contents: from "Contents" at the start of a line to the last of three or more "Title page-number" entries
  of its paragraph.
Blocks with only white space between them are one. What lies between or after them is prose, even where it is
Ofsted's standard wording (a SIF grade's descriptor, "There are widespread or serious failures …").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from text.sentences import BULLET_MARKS
from ofsted.reading import (DATE_RANGE, HEAD_PAGES, ILACS_LABELS, ILACS_TABLE_START, INSPECTION_DATES, LSCB, SIF_OVERALL,
                            SIF_ROWS, SINGLE_DATE, TABLE_ROWS_TO_RECOGNISE, TITLE_WINDOW)

_CONTENTS_HEADING = r"(?:^|\n)[ \t]*(?-i:Contents)"
_CONTENTS_TITLE = r"(?-i:[A-Z])[^\n\d]{2,90}?"   # "Executive summary", before its page number
# A passage about the report rather than its findings, told by its text alone: a cover's fields, a contents list
# (with the word "page", or "Contents" and three capitalised titles with their page numbers), a judgement table's
# heading. FRONT_MATTER_CLUES are words it cannot match without: a passage holding none is not front matter.
FRONT_MATTER = re.compile(
    r"inspection\s+dates?\s*:|lead\s+(?:social\s+care\s+)?inspector\s*:|\bcontents\b.{0,200}\bpage\b|"
    + _CONTENTS_HEADING + r"(?:\s+" + _CONTENTS_TITLE + r"\s+\d{1,3}\b){3}|"   # "Contents Executive summary 2 The local authority 5 …"
    r"judgement\s+grade\b|\bjudgement\s*\n",
    re.IGNORECASE | re.DOTALL,
)
FRONT_MATTER_CLUES = ("inspection date", "lead ", "contents", "judgement")


# Ofsted's licence and copyright text, printed at every report's end (index.search.relevance.is_licence): never an
# answer. LICENCE_CLUES are words it cannot match without: a passage holding none is not the licence (a cheap test).
LICENCE = re.compile(
    r"this\s+publication\s+is\s+available|open\s+government\s+licen[cs]e|crown\s+copyright|"
    r"ofsted\)?\s+(?:regulates|inspects)\s+(?:and\s+inspects\s+)?to\s+achieve",
    re.IGNORECASE,
)
LICENCE_CLUES = ("licen", "copyright", "publication is", "regulates")

# A note the report template prints about the report itself, amid its findings: the footnote to every 2025
# ILACS report's list of what must improve ("1 The areas for improvement have been cross-referenced with the
# outcomes, enablers or principles in the Children's Social Care: National Framework. This statutory guidance sets
# out the purpose, principles for practice and expected outcomes of children's social care."). It holds the words
# of a question on areas for improvement, and says nothing of the council. REPORT_NOTE_CLUES first (cheap; the
# note prints them in lower case).
_REPORT_NOTE = re.compile(
    r"areas\s+for\s+improvement\s+have\s+been\s+cross[-\s]referenced|"
    r"this\s+statutory\s+guidance\s+sets\s+out\s+the\s+purpose",
    re.IGNORECASE,
)
REPORT_NOTE_CLUES = ("cross-referenced", "cross referenced", "statutory guidance sets out")


def is_report_note(sentence: str) -> bool:
    """Whether a sentence is the template's note about the report (_REPORT_NOTE), never a finding to quote or mark."""
    return any(clue in sentence for clue in REPORT_NOTE_CLUES) and _REPORT_NOTE.search(sentence) is not None


# A SIF report's "Information about this local authority area": the Department for Education's figures for the area
# under its own subheadings ("Children looked after in this area", "◼ 19 children are unaccompanied asylum-seeking
# children."), which answer a question of fact but are no inspector's finding on how a council works.
_AREA_FIGURES_HEADING = re.compile(
    r"(?m)^[ \t]*(?:Children\s+living\s+in\s+this\s+area|Child\s+protection\s+in\s+this\s+area|"
    r"Children\s+looked\s+after\s+in\s+this\s+area|Previous\s+Ofsted\s+inspections|Other\s+Ofsted\s+inspections|"
    r"Local\s+leadership|Information\s+about\s+this\s+local\s+authority\s+area)[ \t]*$")
# ... and where a heading of anything else ends them: a line of its own, capitalised, no sentence and no list item
_ANY_HEADING = re.compile(r"(?m)^[ \t]*[A-Z][^\n.!?:;]{2,80}[ \t]*$")


def in_area_figures(page: str, offset: int, page_before: str = "") -> bool:
    """Whether the offset of a page's text lies under a subheading of the area's figures (_AREA_FIGURES_HEADING), no
    other heading after it; on the page before's, where no heading comes before it on its own page."""
    headings = list(_ANY_HEADING.finditer(page, 0, offset))
    if not headings:   # the page before's list of figures runs on only as a list: nothing but its items before
        lines = [line.strip() for line in page[:offset].splitlines() if line.strip()]
        return bool(page_before) and all(line[0] in BULLET_MARKS for line in lines) \
            and in_area_figures(page_before, len(page_before))
    return _AREA_FIGURES_HEADING.match(page, headings[-1].start()) is not None


def holds_judgement_rows(text: str) -> bool:
    """A SIF report's list of judgements ("1. Children who need help and protection Inadequate 2. …"), cut from its
    cover as a passage of its own: it has no heading FRONT_MATTER knows (an ILACS table keeps its "Judgement Grade")."""
    lowered = text.lower()   # the rows' own phrases first: three of them are rare in prose (and regexes are not cheap)
    if sum(phrase in lowered for phrase in _SIF_ROW_CLUES) < TABLE_ROWS_TO_RECOGNISE:
        return False
    return sum(1 for row in SIF_ROWS if row.search(text)) >= TABLE_ROWS_TO_RECOGNISE


_SIF_ROW_CLUES = ("help and protection", "achieving permanence", "adoption performance", "progress of care leavers",
                  "management and governance")

# The fields a title page prints under its title, each matched where the last one ended.
_DATED_FIELD = re.compile(r"\s*(?:Inspection\s+dates?|(?:Report\s+)?published)\s*:?\s*", re.IGNORECASE)
_NAMED_FIELD = re.compile(
    r"\s*(?:Lead|Reporting)\s+(?:social\s+care\s+)?inspectors?\s*:?[^\S\n]*[^\n]{0,80}?"
    r"(?:(?:His|Her)\s+Majesty['’]s\s+Inspector(?:\s+of\s+\w+)?|\bHMI\b)",
    re.IGNORECASE,
)
_AGE_GROUP = re.compile(r"\s*Age\s+group\s*:?\s*\w+", re.IGNORECASE)
_ROW_NUMBER = re.compile(r"\s*(?:\d(?:\.\d)?\.?\s+)?")      # "1. ", "2.1 " before a SIF judgement's label
_ROW_NUMBER_BEFORE = re.compile(r"\d(?:\.\d)?\.?\s+$")
_LEADING_THE = re.compile(r"The\s+")                  # "The effectiveness of the LSCB …": LSCB matches from "effectiveness"
_STATEMENT_STOP = re.compile(r"\.?(?:\d{1,2}(?=\s))?")  # a statement's full stop, and a footnote's marker glued to it
_CONTENTS = re.compile(_CONTENTS_HEADING + r"\b")
# Entries stay on the heading's paragraph, and a page number ends its line or is followed by the next title: a figure
# in a sentence ("over the last 18 months") is no page number.
_CONTENTS_ENTRY = re.compile(r"[^\S\n]+" + _CONTENTS_TITLE + r"[^\S\n]+\d{1,3}(?=[^\S\n]+(?-i:[A-Z])|[^\S\n]*(?:\n|$))")
CONTENTS_ENTRIES_TO_RECOGNISE = 3  # a title and its page number three times: a contents list, not a sentence with a figure
CONTENTS_PAGES = 5                 # a contents list follows the title page (SIF reports: on page 2 to 4)


@dataclass(frozen=True)
class FrontMatter:
    """One block of front matter: `pages[page][start:end]` is its text."""

    page: int      # the page's position in the document (0 for the first page), not its printed number
    start: int
    end: int


def front_matter_spans(pages: list[str]) -> list[FrontMatter]:
    """The cover block, judgement table and contents list of a document's cleaned pages, in page order; none
    for a document that prints none of them (a committee paper, a press article)."""
    found: list[FrontMatter] = []
    for position, text in enumerate(pages[:HEAD_PAGES]):
        next_page = pages[position + 1] if position + 1 < len(pages) else ""
        found += _cover_and_judgements(position, text, next_page)
    for position, text in enumerate(pages[:CONTENTS_PAGES]):
        found += [FrontMatter(page=position, start=start, end=end) for start, end in _contents(text)]
    return _merged(found, pages)


def _cover_and_judgements(position: int, text: str, next_page: str) -> list[FrontMatter]:
    """A title page's cover block and the judgements printed on it or just after it."""
    cover = _cover(text)
    spans = ([FrontMatter(page=position, start=0, end=cover)] if cover else []) + _sif_list(position, text)
    return spans + _statements(position, text, spans) + _ilacs_table(position, text, next_page, cover)


def _cover(text: str) -> int | None:
    """Where a title page's cover block ends: after the last field printed under its title, or None if the
    page is no title page (no inspection-dates line near its top)."""
    dates = INSPECTION_DATES.search(text[:TITLE_WINDOW])
    if not dates:
        return None
    end = position = dates.start()
    while (field := _field_end(text, position)) is not None:
        end = position = field
    return end if end > dates.start() else None


def _field_end(text: str, position: int) -> int | None:
    """The end of the cover field printed at `position` (after white space), if one is."""
    dated = _DATED_FIELD.match(text, position)
    if dated:
        when = DATE_RANGE.match(text, dated.end()) or SINGLE_DATE.match(text, dated.end())
        return when.end() if when else None
    named = _NAMED_FIELD.match(text, position) or _AGE_GROUP.match(text, position)
    return named.end() if named else None


def _ilacs_table(position: int, text: str, next_page: str, cover: int | None) -> list[FrontMatter]:
    """The 'Judgement Grade' table to its last row, on into the next page when it runs over the break; from the
    top of the page when the cover is printed above it (whatever names it prints between them)."""
    heading = ILACS_TABLE_START.search(text)
    if not heading:
        return []
    joined = text + " " + next_page   # offsets past len(text) + 1 are on the next page
    end, rows = _rows_end(joined, heading.end(), [label for _, label in ILACS_LABELS])
    if rows < TABLE_ROWS_TO_RECOGNISE:
        return []
    start = 0 if cover is not None and cover <= heading.start() else heading.start()
    spans = [FrontMatter(page=position, start=start, end=min(end, len(text)))]
    if end > len(text) + 1:
        spans.append(FrontMatter(page=position + 1, start=0, end=end - len(text) - 1))
    return spans


def _sif_list(position: int, text: str) -> list[FrontMatter]:
    """A SIF page 1's numbered judgements ('1. Children who need help and protection Good' …), first row to last:
    the first run of rows long enough to be the list (a grade's descriptor above it may name one)."""
    for first in sorted(match.start() for row in SIF_ROWS for match in row.finditer(text)):
        number = _ROW_NUMBER_BEFORE.search(text, max(0, first - len("2.1 ") - 1), first)
        start = number.start() if number else first
        end, rows = _rows_end(text, start, SIF_ROWS, row_number=_ROW_NUMBER)
        if rows >= TABLE_ROWS_TO_RECOGNISE:
            return [FrontMatter(page=position, start=start, end=end)]
    return []


def _statements(position: int, text: str, blocks: list[FrontMatter]) -> list[FrontMatter]:
    """The one-sentence judgements printed next to a SIF or LSCB title page's other front matter ('Children’s
    services in Norfolk are inadequate', 'The effectiveness of the LSCB is good'), with their full stop."""
    found = []
    for block in blocks:
        for statement in (SIF_OVERALL, LSCB):
            start = _skip_space(text, block.end)
            the = _LEADING_THE.match(text, start)
            match = statement.match(text, start) or (the and statement.match(text, the.end()))
            if match:
                stop = _STATEMENT_STOP.match(text, match.end())
                found.append(FrontMatter(page=position, start=start, end=stop.end()))
    return found


def _rows_end(text: str, position: int, rows: list[re.Pattern] | tuple[re.Pattern, ...],
              row_number: re.Pattern | None = None) -> tuple[int, int]:
    """(end, count) of the table rows that follow `position` one after another, with nothing but white space (and
    a row's number) before each."""
    count = 0
    while True:
        at = _skip_space(text, row_number.match(text, position).end() if row_number else position)
        row = next((match for pattern in rows if (match := pattern.match(text, at))), None)
        if row is None:
            return position, count
        position, count = row.end(), count + 1


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _contents(text: str) -> list[tuple[int, int]]:
    """A contents list: 'Contents' at the start of a line, then its entries to the last of that paragraph."""
    spans = []
    for heading in _CONTENTS.finditer(text):
        end, entries = heading.end(), 0
        while entry := _CONTENTS_ENTRY.match(text, end):
            end, entries = entry.end(), entries + 1
        if entries >= CONTENTS_ENTRIES_TO_RECOGNISE:
            spans.append((_skip_space(text, heading.start()), end))
    return spans


def _merged(spans: list[FrontMatter], pages: list[str]) -> list[FrontMatter]:
    """One block for spans that overlap or have only white space between them on the same page."""
    merged: list[FrontMatter] = []
    for span in sorted(spans, key=lambda s: (s.page, s.start)):
        last = merged[-1] if merged else None
        if last and last.page == span.page and not pages[span.page][last.end:span.start].strip():
            merged[-1] = FrontMatter(page=last.page, start=last.start, end=max(last.end, span.end))
        else:
            merged.append(span)
    return merged
