"""Councils side by side: each council's latest graded inspection, and one council's grades over time.

The same reading as `python -m index councils`, shaped for a table and a chart. A council is one
council however its reports spell it (ofsted.councils.council_key) and is named as its latest report
names it. A SIF report's judgements count under their ILACS equivalents, so a 2015 inspection sits in
the same columns as a 2024 one. Reports without judgements (focused visits, papers, articles) are
left out: there is nothing of theirs to compare. A report is dated by its publication, else by the last
day of its inspection (some reports print no publication date), so it still finds its place in time.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from models import Document
from ofsted.councils import council_key
from index.output.grades import NONE_GIVEN
from ofsted.grades import GRADE_OF_RANK, RANK, SHORT_GRADES
from ofsted.judgements import ILACS_JUDGEMENTS, find_judgement
from ofsted.report_types import ILACS_TYPES


@dataclass(frozen=True)
class Cell:
    """One judgement of one report: its grade, the page it is printed on, and the report's own name for it."""

    grade: str
    page: int
    judgement: str


@dataclass(frozen=True)
class Graded:
    """A report with its judgements under the ILACS keys."""

    document: Document
    cells: dict[str, Cell]

    @property
    def date(self) -> str | None:
        return self.document.metadata.date


@dataclass(frozen=True)
class CouncilRow:
    council: str
    latest: Graded


@dataclass(frozen=True)
class GradePoint:
    """One judgement of one report, for a chart of grades over time."""

    date: str             # YYYY-MM-DD, see DocumentMetadata.date
    judgement: str        # ILACS key
    grade: str
    rank: int             # 1 inadequate … 4 outstanding
    page: int
    document: Document


def graded(document: Document) -> Graded | None:
    """A report's grades under the ILACS keys. ILACS reports before the 2023 framework judged children in
    care and care leavers together ("children in care and care leavers: Good"): that one grade is theirs
    under both columns, cited to the same statement."""
    cells = {}
    for key in ILACS_JUDGEMENTS:
        found = find_judgement(document.metadata, key)
        if found:
            own_key, judgement = found
            cells[key] = Cell(judgement.grade, judgement.page, own_key)
    if (document.metadata.report_type in ILACS_TYPES and "in_care" in cells
            and "care_leavers" not in cells):
        cells["care_leavers"] = cells["in_care"]
    return Graded(document, cells) if cells else None


def most_reported(rows: list[CouncilRow], documents: Iterable[Document]) -> str | None:
    """The council with the most dated graded reports (the first alphabetically among equals): the chart of
    grades over time opens on it, a line rather than a single column of dots."""
    councils = graded_reports(documents)
    counts = {row.council: sum(1 for r in councils.get(council_key(row.council), []) if r.date) for row in rows}
    return min(counts, key=lambda council: (-counts[council], council.lower()), default=None)


def graded_reports(documents: Iterable[Document]) -> dict[str, list[Graded]]:
    """Graded reports per council key, oldest first (an undated report counts as the oldest)."""
    councils: dict[str, list[Graded]] = {}
    for document in sorted(documents, key=lambda d: d.metadata.date or ""):
        report = graded(document) if document.metadata.council else None
        if report is not None:
            councils.setdefault(council_key(document.metadata.council), []).append(report)
    return councils


def latest_judgements(documents: Iterable[Document]) -> list[CouncilRow]:
    """One row per council, its latest graded report, alphabetically by council."""
    rows = [CouncilRow(reports[-1].document.metadata.council, reports[-1]) for reports in graded_reports(documents).values()]
    return sorted(rows, key=lambda row: row.council.lower())


def grade_history(documents: Iterable[Document], council: str) -> list[GradePoint]:
    """Every dated judgement of one council's graded reports, oldest first."""
    reports = graded_reports(documents).get(council_key(council), [])
    return [GradePoint(report.date, key, cell.grade, RANK[cell.grade], cell.page, report.document)
            for report in reports if report.date for key, cell in report.cells.items() if cell.grade in RANK]


# A judgement the council's latest report gives no grade for (the 2026 framework's overall effectiveness): ranked below
# every grade, so a sort puts it last, and said in words (Streamlit's grid shows an empty number cell as "None").
UNGRADED_RANK = 0


def cell_words(rank: int) -> str:
    """A Compare cell's grade as the table says it: "RI" (ofsted.grades.SHORT_GRADES), or "none given"."""
    return NONE_GIVEN if rank == UNGRADED_RANK else SHORT_GRADES[GRADE_OF_RANK[rank]]
