"""What the library holds, in a sentence, and questions it can answer: the start page's offer to a new user.

The example questions name councils and grades the library really has, so each one, clicked, gets an
answer (a grade card, a list of councils, cited passages) rather than "nothing found".
"""
from __future__ import annotations

from collections.abc import Iterable

from models import Document
from ofsted.councils import council_key, council_name
from ofsted.grades import GRADES
from ofsted.judgements import find_judgement
from ofsted.report_types import NOT_OFSTED
from text.words import plural


def library_summary(documents: Iterable[Document]) -> str:
    """'12 reports on 8 councils, 2014–2025.', or '8 Ofsted reports and 5 other documents on 10 councils, …' """
    documents = list(documents)
    councils = {council_key(d.metadata.council) for d in documents if d.metadata.council}  # Derby City = Derby
    years = sorted({d.metadata.year for d in documents if d.metadata.year})
    span = "" if not years else f", {years[0]}" if years[0] == years[-1] else f", {years[0]}–{years[-1]}"
    on = f" on {plural(len(councils), 'council')}" if councils else ""
    return f"{_counted(documents)}{on}{span}."


def _counted(documents: list[Document]) -> str:
    """'12 reports'; '8 Ofsted reports and 5 other documents' once papers or articles stand beside them."""
    ofsted = sum(d.metadata.report_type not in NOT_OFSTED for d in documents)
    other = len(documents) - ofsted
    if not other:
        return plural(ofsted, "report")
    if not ofsted:
        return plural(other, "document")
    return f"{plural(ofsted, 'Ofsted report')} and {plural(other, 'other document')}"


def example_questions(documents: Iterable[Document]) -> list[str]:
    """Up to seven questions the library answers: a theme, a council's rating, a council's topic, a list of
    councils, what a council's latest inspection found, what a council needs to improve and, where a council has
    several reports, how one of its services changed over time."""
    documents = list(documents)
    graded = sorted((d for d in documents if d.metadata.council and find_judgement(d.metadata, "care_leavers")),
                    key=lambda d: d.metadata.published or "", reverse=True)
    questions = ["How have councils improved the supervision of social workers?"]
    councils = list(dict.fromkeys(council_name(council_key(d.metadata.council)) for d in graded))  # "Derby", not "Derby City"
    if councils:
        questions.append(f"How was {councils[0]} rated for care leavers?")
        questions.append(f"What did inspectors say about personal advisers in {councils[-1]}?")
        grades = {find_judgement(d.metadata, "care_leavers").judgement.grade for d in graded}
        grade = next(g for g in GRADES if g in grades)  # the best grade any council had
        questions.append(f"Which councils were judged {grade} for care leavers?")
        questions.append(f"What did Ofsted find in {councils[-1]}'s latest inspection?")
        questions.append(f"What does {councils[0]} need to improve?")
    # One council over time: the council with the most dated inspection reports, when it has two or more.
    reports: dict[str, int] = {}
    for document in documents:
        if document.metadata.council and document.metadata.date and document.metadata.report_type not in NOT_OFSTED:
            key = council_key(document.metadata.council)
            reports[key] = reports.get(key, 0) + 1
    if reports and max(reports.values()) > 1:
        most = max(sorted(reports), key=reports.get)
        questions.append(f"How has {council_name(most)}'s support for care leavers changed over time?")
    return questions
