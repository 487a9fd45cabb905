"""What Ofsted reports print on their first pages, as whitespace-tolerant patterns.

Every pattern here runs on text whose whitespace has been collapsed to single spaces, because the
same table comes out of pypdf one cell per line, and out of the cleaner as one reflowed line.
The reports span four frameworks (2009-2012 safeguarding and looked after children, the 2013-2018
single inspection framework "SIF", and ILACS since 2018), each with its own page 1.
"""
from __future__ import annotations

import re
from datetime import date

from models import Judgement
from ofsted.grades import GRADE, GRADE_WORDS, grade_of
from ofsted.judgements import ILACS_AREAS, SIF_AREAS

MONTHS = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")],
        start=1,
    )
    for name in names
}
MONTH_NAMES = frozenset(name for name in MONTHS if len(name) > 3 or name == "may")   # written out: "july", not "jul"
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?"
_DASH = r"(?:-|–|—|─|‐|to|until)"


def _one_date(p: str) -> str:
    """'19 May 2025', '19th May', '19' (month and year optional), or the numeric '1/06/2015'; groups prefixed p."""
    return (
        rf"(?:(?P<{p}nd>\d{{1,2}})/(?P<{p}nm>\d{{1,2}})/(?P<{p}ny>\d{{2,4}})"
        rf"|(?P<{p}d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+(?P<{p}m>{_MONTH}))?(?:,?\s+(?P<{p}y>(?:19|20)\d\d))?)"
    )


DATE_RANGE = re.compile(_one_date("a") + rf"\s*{_DASH}\s*" + _one_date("b"), re.IGNORECASE)
SINGLE_DATE = re.compile(
    r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m>" + _MONTH + r"),?\s+(?P<y>(?:19|20)\d\d)\b"
    r"|\b(?P<m2>" + _MONTH + r")\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,\s+(?P<y2>(?:19|20)\d\d)\b"
    r"|\b(?P<nd>\d{1,2})/(?P<nm>\d{1,2})/(?P<ny>\d{2}|\d{4})\b",
    re.IGNORECASE,
)

INSPECTION_DATES = re.compile(r"Inspection\s+dates?\s*:?\s*(?P<rest>.{0,90})", re.IGNORECASE)
PUBLISHED = re.compile(r"\b(?:Report\s+)?published\s*(?:on\s*)?:?\s*(?P<rest>.{0,40})", re.IGNORECASE)


# ILACS (2018-): a "Judgement Grade" table on page 1, its rows as ofsted.judgements.AREAS prints them.
ILACS_TABLE_START = re.compile(r"\bJudgement\s+Grade\b", re.IGNORECASE)
ILACS_TABLE_LENGTH = 900  # the table, and not the prose after it
_ILACS_LABELS = tuple((area.key, row) for area in ILACS_AREAS for row in area.printed)
ILACS_LABELS = tuple((key, re.compile(label + r"\s*:?\s+" + GRADE, re.IGNORECASE)) for key, label in _ILACS_LABELS)

# SIF (2013-2018): numbered judgements under a sentence giving the overall one.
SIF_OVERALL = re.compile(
    r"(?:Children['’]s\s+services\s+in\s+.{1,60}?|The\s+overall\s+judgement\s+is(?:\s+that\s+children['’]s\s+services)?)"
    r"\s+(?:are\s+|is\s+)?" + GRADE,
    re.IGNORECASE,
)
_SIF_LABELS = tuple((area.key, row) for area in SIF_AREAS for row in area.printed)
SIF_LABELS = tuple((key, re.compile(label + r"\s+" + GRADE, re.IGNORECASE)) for key, label in _SIF_LABELS)
# The list's rows as printed, graded or not: an area with too few children to judge is "Not judged" (Isles of Scilly).
SIF_ROWS = tuple(re.compile(label + rf"\s+(?:{GRADE_WORDS}|not\s+judged)\b", re.IGNORECASE) for _, label in _SIF_LABELS)
LSCB = re.compile(
    r"(?:effectiveness\s+of\s+the\s+)?Local\s+Safeguarding\s+Children\s+Board(?:\s+\(LSCB\))?\s+(?:is\s+|are\s+)?"
    + GRADE + r"(?!\s+if\b)",
    re.IGNORECASE,
)


# Page-1 titles, most specific first: (report type, pattern). The ILACS short/standard split is made
# later from the length of the inspection.
TITLES = (
    ("focused_visit", re.compile(
        r"Focused\s+visit\s+to\s+(?:the\s+)?(?P<council>.{1,80}?)\s+(?:local\s+authority\s+)?children['’]s\s+services",
        re.IGNORECASE)),
    ("monitoring_visit", re.compile(
        r"Monitoring\s+visit\s+(?:to|of)\s+(?:the\s+)?(?P<council>.{1,80}?)\s+(?:local\s+authority\s+)?children['’]s\s+services",
        re.IGNORECASE)),
    ("jtai", re.compile(r"Joint\s+targeted\s+area\s+inspection\s+of\s+.{1,160}?(?=\s+(?:This\s+report|Between|From|Inspection\s+dates?|\d{1,2}\s+to)\b)", re.IGNORECASE)),
    ("sif", re.compile(
        r"(?:\bRe-?\s?inspection|\bInspection)\s+of\s+services\s+for\s+children\s+in\s+need\s+of\s+help\s+and\s+protection,?\s+"
        r"children\s+looked\s+after\s+and\s+care\s+leavers(?:\s+and\s+Review\s+of\s+the\s+effectiveness\s+of\s+the\s+"
        r"Local\s+Safeguarding\s+Children\s+Board)?", re.IGNORECASE)),
    ("lscb_review", re.compile(r"Review\s+of\s+the\s+effectiveness\s+of\s+the\s+Local\s+Safeguarding\s+Children\s+Board", re.IGNORECASE)),
    ("unannounced_contact_referral", re.compile(
        r"(?:Unannounced\s+)?inspection\s+of\s+(?:local\s+authority\s+)?contact,?\s+referral\s+and\s+assessment(?:\s+arrangements)?",
        re.IGNORECASE)),
    ("safeguarding_lac", re.compile(
        r"Inspection\s+of\s+(?:safeguarding\s+and\s+looked\s+after\s+children|looked\s+after\s+children|safeguarding)\s+services",
        re.IGNORECASE)),
    ("ilacs", re.compile(
        r"Inspection\s+of\s+(?:(?!local\s+authority\b|children)(?:the\s+)?(?P<council>.{1,80}?)\s+)?"
        r"(?:local\s+authority\s+children['’]s\s+services|children['’]s\s+(?:social\s+care\s+)?services)",
        re.IGNORECASE)),
)
SHORT_INSPECTION_MAX_DAYS = 7  # short ILACS inspections run one working week, standard ones two


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_range(text: str) -> tuple[date, date] | None:
    """The first 'D [Month [Year]] to D Month Year' (or dd/mm/yyyy) range in text; the start borrows what it omits."""
    match = DATE_RANGE.search(text)
    if not match:
        return None
    ends = []
    for side in "ab":
        if match.group(side + "nd"):
            ends.append([_year(match.group(side + "ny")), int(match.group(side + "nm")), int(match.group(side + "nd"))])
        else:
            month = match.group(side + "m")
            ends.append([
                _year(match.group(side + "y")) if match.group(side + "y") else None,
                MONTHS[month.lower().rstrip(".")] if month else None,
                int(match.group(side + "d")),
            ])
    (y1, m1, d1), (y2, m2, d2) = ends
    if y2 is None or m2 is None:
        return None
    m1 = m1 or m2
    y1 = y1 or (y2 - 1 if m1 > m2 else y2)
    start, end = _make(y1, m1, d1), _make(y2, m2, d2)
    if not start or not end or start > end:
        return None
    return start, end


def parse_date(text: str) -> date | None:
    """The first full date in text: '13 June 2017', 'February 15, 2011' or '05/11/12' (day first)."""
    match = SINGLE_DATE.search(text)
    if not match:
        return None
    if match.group("d"):
        return _make(int(match.group("y")), MONTHS[match.group("m").lower().rstrip(".")], int(match.group("d")))
    if match.group("d2"):
        return _make(int(match.group("y2")), MONTHS[match.group("m2").lower().rstrip(".")], int(match.group("d2")))
    return _make(_year(match.group("ny")), int(match.group("nm")), int(match.group("nd")))


HEAD_PAGES = 3                # pages on which a report prints its title, dates and judgements (a cover page may come first)
# An ILACS page 1 whose title line the cleaner took for the running header that repeats it.
UNTITLED_ILACS = re.compile(r"Inspection\s+dates?\s*:.{0,80}?Lead\s+inspectors?\s*:", re.IGNORECASE)
TITLE_WINDOW = 700            # page-1 characters in which the title, council and dates are printed
TABLE_ROWS_TO_RECOGNISE = 3   # judgement rows that make a judgement table, not a quoted grade or a section heading


def untitled_ilacs(first_pages: list[tuple[int, str]]) -> bool:
    """An ILACS report whose title the cleaner removed or the PDF does not print as text: its dates and
    lead-inspector lines, or its judgement table with the inspection-dates line on the same pages."""
    if any(UNTITLED_ILACS.search(text[:TITLE_WINDOW]) for _, text in first_pages):
        return True
    dated = any(INSPECTION_DATES.search(text) for _, text in first_pages)
    return dated and len(ilacs_judgements(first_pages)) >= TABLE_ROWS_TO_RECOGNISE


def ilacs_kind(inspection_start: str | None, inspection_end: str | None) -> str:
    """Short ILACS inspections last one working week, standard ones two; the report says so only by its dates."""
    if not (inspection_start and inspection_end):
        return "ilacs_standard"
    days = (date.fromisoformat(inspection_end) - date.fromisoformat(inspection_start)).days
    return "ilacs_short" if days <= SHORT_INSPECTION_MAX_DAYS else "ilacs_standard"


def ilacs_judgements(pages: list[tuple[int, str]]) -> dict[str, Judgement]:
    """Read the 'Judgement Grade' table of page 1 (or 2), and nothing from the prose around it. A table
    that runs over the page break is read on into the next page, each row cited on its own page."""
    for position, (number, text) in enumerate(pages[:2]):
        start = ILACS_TABLE_START.search(text)
        if not start:
            continue
        on_this_page = text[start.end(): start.end() + ILACS_TABLE_LENGTH]
        following = pages[position + 1] if position + 1 < len(pages) else (number, "")
        table = on_this_page + " " + following[1][: ILACS_TABLE_LENGTH - len(on_this_page)]
        found: dict[str, Judgement] = {}
        for key, label in ILACS_LABELS:
            match = label.search(table)
            if match and key not in found:
                page = number if match.start("grade") < len(on_this_page) else following[0]
                found[key] = Judgement(grade_of(match.group("grade")), page)
        return found
    return {}


def sif_judgements(first_pages: list[tuple[int, str]], pages: list[tuple[int, str]]) -> dict[str, Judgement]:
    """The SIF list on page 1, and the LSCB judgement wherever its section heading is."""
    found: dict[str, Judgement] = {}
    for number, text in first_pages[:2]:
        overall = SIF_OVERALL.search(text)
        if overall and "overall_effectiveness" not in found:
            found["overall_effectiveness"] = Judgement(grade_of(overall.group("grade")), number)
        for key, label in SIF_LABELS:
            match = label.search(text)
            if match and key not in found:
                found[key] = Judgement(grade_of(match.group("grade")), number)
    for number, text in pages:
        lscb = LSCB.search(text)
        if lscb:
            found["lscb"] = Judgement(grade_of(lscb.group("grade")), number)
            break
    return found
