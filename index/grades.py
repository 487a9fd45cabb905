"""Grades and report types in words people use, and where on its page a report states a judgement.

Metadata keeps Ofsted's grades in lower case and report types as keys ("ilacs_short"); a manager reads
"Requires improvement" and "ILACS short inspection". A grade shown in the app is always shown with its
page, so `judgement_hit` finds the words on that page that state it: the app marks them when the page is
opened, and a grade kept for the briefing quotes that page like any passage.
"""
from __future__ import annotations

import re

from index.citation import reference
from index.briefing import Excerpt
from index.judgements import LABELS, states_judgement
from models import GRADES, Chunk, Document, Hit

# Ofsted's own order (grade 1 is outstanding); RANK counts up from inadequate so "higher is better" on a chart.
GRADE_ORDER = GRADES
RANK = {grade: 4 - position for position, grade in enumerate(GRADE_ORDER)}

# The five ILACS judgements a comparison shows; a SIF report's equivalents stand in (index.judgements).
ILACS_JUDGEMENTS = ("overall_effectiveness", "impact_of_leaders", "help_and_protection", "in_care", "care_leavers")
SHORT_LABELS = {"overall_effectiveness": "Overall effectiveness", "impact_of_leaders": "Impact of leaders",
                "help_and_protection": "Help and protection", "in_care": "Children in care",
                "care_leavers": "Care leavers"}

# In the order a filter lists them: current frameworks first, then older ones, then documents that are not inspections.
REPORT_TYPE_LABELS = {
    "ilacs_standard": "ILACS standard inspection",
    "ilacs_short": "ILACS short inspection",
    "focused_visit": "Focused visit",
    "monitoring_visit": "Monitoring visit",
    "jtai": "Joint targeted area inspection (JTAI)",
    "sif": "SIF inspection (2013–2018)",
    "lscb_review": "LSCB review (2013–2018)",
    "safeguarding_lac": "Safeguarding and looked after children inspection (2009–2013)",
    "unannounced_contact_referral": "Contact, referral and assessment inspection (2009–2012)",
    "committee_paper": "Council committee paper",
    "press_article": "Press article",
    "other": "Other document",
}

_LOOKBEHIND = 220  # characters before a grade in which its judgement's label is printed


def grade_label(grade: str) -> str:
    """'requires improvement' -> 'Requires improvement'."""
    return grade[:1].upper() + grade[1:]


def report_type_label(report_type: str) -> str:
    return REPORT_TYPE_LABELS.get(report_type, grade_label(report_type.replace("_", " ")))


def _words(text: str) -> str:
    return r"\W+".join(re.escape(word) for word in text.split())


def statement_span(page_text: str, judgement: str, grade: str) -> tuple[int, int] | None:
    """Offsets of the words that state this judgement's grade ("Care leavers Outstanding"), else of the
    grade's first mention on the page (SIF reports state overall effectiveness in a sentence), else None."""
    grades = list(re.finditer(_words(grade), page_text, re.IGNORECASE))
    label = re.compile(_words(LABELS.get(judgement, judgement.replace("_", " "))), re.IGNORECASE)
    for found in grades:
        window_start = max(0, found.start() - _LOOKBEHIND)
        window = page_text[window_start:found.end()]
        if states_judgement(window, judgement, grade):
            labels = list(label.finditer(window))
            return (window_start + labels[-1].start() if labels else found.start()), found.end()
    return (grades[0].start(), grades[0].end()) if grades else None


def judgement_hit(document: Document, judgement: str, page_text: str) -> Hit:
    """The judgement as a Hit on its page, its statement as the passage, for the Source view and the basket.
    Where the page does not print the grade, the passage is empty and nothing is marked."""
    found = document.metadata.judgements[judgement]
    start, end = statement_span(page_text, judgement, found.grade) or (0, 0)
    chunk = Chunk(document.doc_id, found.page, start, end, page_text[start:end])
    return Hit(chunk, document, score=0.0)


def grade_excerpt(document: Document, judgement: str, label: str, page_text: str) -> Excerpt:
    """A grade kept for the briefing: “Care leavers: Outstanding” — Ofsted (2025) Derby City: …, p. 1.
    Its offsets are those of the statement on the page, so keeping it twice keeps it once."""
    hit = judgement_hit(document, judgement, page_text)
    grade = document.metadata.judgements[judgement].grade
    citation = f"{reference(document)}, p. {hit.chunk.page}"
    return Excerpt(f"{label}: {grade_label(grade)}", citation, reference(document), document.doc_id,
                   hit.chunk.page, hit.chunk.start if hit.chunk.text else -1, hit.chunk.end)
