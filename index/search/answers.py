"""Direct answers from report metadata: "How was Bury rated for children in care?" → the grade, with its page.

Passages show what inspectors wrote; a manager asking for a grade wants the grade itself first. It is
given only when the question names a council, asks for a rating, and the index holds a report of that
council with that judgement; it is never inferred from prose.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from index.output.citation import cited, reference
from index.search.query import QueryAnalysis, QuestionKind
from models import Document
from ofsted.councils import council_key
from ofsted.judgements import area_judgement, find_judgement, judged_label, label


@dataclass(frozen=True)
class GradeAnswer:
    council: str
    judgement: str        # the report's own judgement key
    label: str            # how people read it, e.g. "Care leavers"
    grade: str
    page: int
    document: Document

    @property
    def citation(self) -> str:
        return cited(reference(self.document), self.page)

    def sentence(self) -> str:
        year = self.document.metadata.year
        return f"{self.council} ({year}): {self.label} — {self.grade}."

    def to_dict(self) -> dict:
        return {"council": self.council, "judgement": self.judgement, "label": self.label, "grade": self.grade,
                "page": self.page, "citation": self.citation, "doc_id": self.document.doc_id,
                "source": self.document.source, "published": self.document.metadata.published}


@dataclass(frozen=True)
class GradeList:
    """Councils whose reports gave one judgement one grade: "which councils were judged outstanding for
    care leavers?", each council once with its most recent report that gave that grade; or the councils a
    rating question names, each with its grade ("How were Derby and Wigan rated for care leavers?")."""

    judgement: str        # ILACS key asked about
    label: str
    grade: str | None     # the grade asked about; None for the councils named, each with its own
    reports: list[GradeAnswer]
    # Each listed council's latest graded report for the judgement, where newer than the one listed (by council key):
    # "which councils were judged inadequate?" lists Bromley's 2016 report, and Bromley is Outstanding since 2024.
    since: dict[str, GradeAnswer] = field(default_factory=dict)
    # ... and its newest inspection report, where newer still and judging other areas but not this one: Somerset's
    # overall Good of 2022, and its 2026 report (Ofsted's 2026 framework) gives no overall grade.
    ungraded: dict[str, Document] = field(default_factory=dict)

    def later(self, report: GradeAnswer) -> GradeAnswer | None:
        """The council's latest grade for the judgement, when a newer report than this one gave it."""
        return self.since.get(council_key(report.council))

    def newer_ungraded(self, report: GradeAnswer) -> Document | None:
        """The council's newest inspection report, when it is newer than any grade for the judgement and gives none."""
        return self.ungraded.get(council_key(report.council))

    def to_dict(self) -> dict:
        return {"judgement": self.judgement, "label": self.label, "grade": self.grade,
                "reports": [r.to_dict() | ({"latest": later.to_dict()} if (later := self.later(r)) else {})
                            | ({"newer_ungraded": {"doc_id": newer.doc_id, "source": newer.source,
                                                   "published": newer.metadata.published}}
                               if (newer := self.newer_ungraded(r)) else {})
                            for r in self.reports]}


def grade_answer(query: QueryAnalysis, documents: Iterable[Document]) -> GradeAnswer | None:
    """The named council's grade for the named judgement (overall if none), in the named year or latest;
    for several councils named, see grade_list."""
    if query.kind != QuestionKind.RATING or len(query.council_keys) != 1:
        return None
    return _council_grade(query.council_keys[0], query, documents)


def _council_grade(key: str, query: QueryAnalysis, documents: Iterable[Document]) -> GradeAnswer | None:
    answers = [answer for document in documents
               if council_key(document.metadata.council or "") == key
               and (not query.years or document.metadata.years & set(query.years))
               and (answer := report_grade(document, query.graded_judgement))]
    return max(answers, key=lambda answer: answer.document.metadata.published or "", default=None)


def report_grade(document: Document, judgement: str = "overall_effectiveness",
                 judged_with: bool = True) -> GradeAnswer | None:
    """One report's grade for a judgement (under its own framework's name), if it gives one; for care leavers, in a
    report of before 2023, the grade they were judged with children in care ("How was Derby rated for care leavers in
    2022?": "Children in care and care leavers: Good"; ofsted.judgements.area_judgement), unless `judged_with` is
    False: "which councils were judged good for care leavers?" lists the grades given to care leavers alone, as the
    sidebar's grade filter reads them."""
    found = area_judgement(document.metadata, judgement) if judged_with else find_judgement(document.metadata, judgement)
    if not (document.metadata.council and found):
        return None
    key, judged = found
    return GradeAnswer(document.metadata.council, key, judged_label(judgement, key), judged.grade, judged.page, document)


def grade_list(query: QueryAnalysis, documents: Iterable[Document]) -> GradeList | None:
    """For a rating question naming one grade but no council: the councils judged so, for the judgement
    it names (overall effectiveness if none). For one naming several councils: each one's grade, in the
    order named."""
    label_words = label(query.graded_judgement)
    if query.kind == QuestionKind.RATING and len(query.council_keys) > 1:
        documents = list(documents)
        named = [answer for key in query.council_keys if (answer := _council_grade(key, query, documents))]
        return GradeList(query.graded_judgement, label_words, None, named) if named else None
    if query.kind != QuestionKind.GRADE_LIST:
        return None
    latest: dict[str, GradeAnswer] = {}   # each council's latest report with the grade asked
    newest: dict[str, GradeAnswer] = {}   # ... and its latest graded for the judgement at all
    judged: dict[str, Document] = {}      # ... and its latest judging anything
    for document in documents:
        if document.metadata.judgements and document.metadata.council:
            key = council_key(document.metadata.council)
            if key not in judged or _later(document, judged[key]):
                judged[key] = document
        answer = report_grade(document, query.graded_judgement, judged_with=False)
        if answer is None:
            continue
        key = council_key(answer.council)
        if key not in newest or _later(document, newest[key].document):
            newest[key] = answer
        if answer.grade != query.grade:
            continue
        if query.years and not document.metadata.years & set(query.years):
            continue
        if key not in latest or _later(document, latest[key].document):
            latest[key] = answer
    if not latest:
        return None
    reports = sorted(latest.values(), key=lambda a: a.council)
    since = {key: newest[key] for key, answer in latest.items() if newest[key].document is not answer.document}
    ungraded = {key: judged[key] for key in latest if key in judged and _later(judged[key], newest[key].document)}
    return GradeList(query.graded_judgement, label_words, query.grade, reports, since, ungraded)


def _later(document: Document, than: Document) -> bool:
    """By publication, else inspection date (DocumentMetadata.date): an undated report is no earliest."""
    return (document.metadata.date or "") > (than.metadata.date or "")
