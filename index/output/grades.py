"""Where on its page a report states a judgement, and a grade as a briefing quotes it.

A grade shown in the app is always shown with its page, so `judgement_hit` finds the words on that page that state it: the app marks them when the page is
opened, and a grade kept for the briefing quotes that page like any passage.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from index.output.briefing import Excerpt, Sentence, Source
from index.output.citation import published_words, readable_dates
from text.sentences import paragraph_sentence_spans
from models import Chunk, Document, Hit
from ofsted import report_types
from ofsted.grades import grade_label
from ofsted.judgements import ILACS_JUDGEMENTS, area_grade, label, short_label, states_judgement

_LOOKBEHIND = 220  # characters before a grade in which its judgement's label is printed


def _words(text: str) -> str:
    return r"\W+".join(re.escape(word) for word in text.split())


def statement_span(page_text: str, judgement: str, grade: str) -> tuple[int, int] | None:
    """Offsets of the words that state this judgement's grade ("Care leavers Outstanding"), else of the
    grade's first mention on the page (SIF reports state overall effectiveness in a sentence), else None."""
    grades = list(re.finditer(_words(grade), page_text, re.IGNORECASE))
    named = re.compile(_words(label(judgement)), re.IGNORECASE)
    for found in grades:
        window_start = max(0, found.start() - _LOOKBEHIND)
        window = page_text[window_start:found.end()]
        if states_judgement(window, judgement, grade):
            labels = list(named.finditer(window))
            return (window_start + labels[-1].start() if labels else found.start()), found.end()
    return (grades[0].start(), grades[0].end()) if grades else None


_PRINTED_BEFORE = re.compile(r"(?:\bthe\s+)?(?:experiences\s+and\s+progress\s+of\s+)?$", re.IGNORECASE)
_PRINTED_AFTER = re.compile(r"\s+to\s+be\s+good\b", re.IGNORECASE)


def printed_statement(page_text: str, judgement: str, grade: str) -> tuple[int, int] | None:
    """The judgement as the report prints it: the whole line of the judgement table ("The experiences and
    progress of care leavers Requires improvement to be good"), or the sentence that states the grade
    where a report states it in prose ("Children's services in Norfolk are inadequate.")."""
    span = statement_span(page_text, judgement, grade)
    if span is None:
        return None
    start, end = span
    if end - start > len(grade):  # a label and its grade, as in a judgement table
        before = _PRINTED_BEFORE.search(page_text, max(0, start - 40), start)
        after = _PRINTED_AFTER.match(page_text, end) if grade == "requires improvement" else None
        return (before.start() if before else start), (after.end() if after else end)
    for sentence_start, sentence_end in paragraph_sentence_spans(page_text):
        if sentence_start <= start and end <= sentence_end:
            return sentence_start, sentence_end
    return span


@dataclass(frozen=True)
class TableRow:
    """One printed line of a report's judgement table: where it is in a passage, its label and grade as printed."""

    start: int
    end: int
    judgement: str
    grade: str


def _printed_row(text: str, key: str, grade: str) -> TableRow | None:
    """Where the text prints the judgement as a row of a table, its label and grade as printed: a row states its own
    judgement (not a SIF report's sentence, "Children's services in Norfolk are inadequate")."""
    span = printed_statement(text, key, grade)
    if span is None or span[1] - span[0] <= len(grade) or not states_judgement(text[span[0]:span[1]], key, grade):
        return None
    grade_at = [m.start() for m in re.finditer(_words(grade), text[span[0]:span[1]], re.IGNORECASE)][-1]
    return TableRow(span[0], span[1], text[span[0]:span[0] + grade_at].strip(), text[span[0] + grade_at:span[1]])


def judgement_table(text: str, document: Document) -> list[TableRow]:
    """The report's judgement table where a passage prints it (at least three of the report's judgements,
    line after line with nothing else between), for showing as a table rather than a run of words."""
    rows = [row for key, found in document.metadata.judgements.items()
            if (row := _printed_row(text, key, found.grade)) is not None]
    rows = sorted({row.start: row for row in rows}.values(), key=lambda row: row.start)   # one row per printed line
    if len(rows) < 3 or any(text[a.end:b.start].strip() for a, b in zip(rows, rows[1:])):
        return []
    return rows


def judgement_hit(document: Document, judgement: str, page_text: str) -> Hit:
    """The judgement as a Hit on its page, its statement as printed as the passage, for the Source view.
    Where the page does not print the grade, the passage is empty and nothing is marked."""
    found = document.metadata.judgements[judgement]
    start, end = printed_statement(page_text, judgement, found.grade) or (0, 0)
    chunk = Chunk(document.doc_id, found.page, start, end, page_text[start:end])
    return Hit(chunk, document, score=0.0)


def graded_words(document: Document, judgement: str) -> str | None:
    """The report's grade for a judgement area, named as the report judged it ("Care leavers: Outstanding", "Children
    in care and care leavers: Good" from a report of before 2023; ofsted.judgements.area_grade), or None."""
    found = area_grade(document.metadata, judgement)
    return _graded(found[0], found[1]) if found else None


def _graded(label: str, grade: str) -> str:
    """A judgement and its grade in our words: "Care leavers: Outstanding"."""
    return f"{label[:1].upper()}{label[1:]}: {grade_label(grade)}"


def grade_excerpt(document: Document, judgement: str, label: str, page_text: str) -> Excerpt:
    """A grade kept for the briefing as a statement with its page, not a quotation: the judgement as the report names
    it, the council and the grade ("The experiences and progress of care leavers in Derby City: Outstanding" — Ofsted
    (2025) Derby City: …, p. 1), marked where the page prints it. A judgement table's row is two cells, not a sentence
    the report wrote: in quotation marks (“The experiences and progress of care leavers Outstanding”) it read as words
    no one wrote, as a kept passage's table rows do not (passage_excerpt). Where the page names it otherwise, the label
    is ours."""
    found = document.metadata.judgements[judgement]
    span = printed_statement(page_text, judgement, found.grade)
    row = _printed_row(page_text, judgement, found.grade)
    named = " ".join(row.judgement.split()) if row else label
    council = document.metadata.council
    # whose grade, in the statement itself: pasted on its own it still says ("… care leavers in Derby City: Outstanding")
    named = f"{named} in {council}" if council else named
    return Excerpt.statement(document, _graded(named, found.grade), found.page, span[0] if span is not None else -1,
                             verbatim=False)


def passage_excerpt(hit: Hit) -> Excerpt:
    """What Keep and Copy take of a passage: its marked whole sentences (Excerpt.from_hit); of a passage that prints
    a judgement table, its rows as judgements ("The experiences and progress of care leavers: Outstanding", in our
    words, not shown as a quotation), never the cover above it nor the cells run into one line."""
    rows = judgement_table(hit.chunk.text, hit.document)
    if not rows:
        return Excerpt.from_hit(hit)
    sentences = tuple(Sentence(f"{row.judgement}: {row.grade}.", hit.chunk.page) for row in rows)
    every = tuple(range(len(sentences)))
    return Excerpt(Source.of(hit.document), sentences, every, every, hit.chunk.page, hit.chunk.start, hit.chunk.ocr,
                   verbatim=False)


def recognised(document: Document) -> str:
    """What was read from a report, for the upload confirmation: "Derby City · ILACS standard inspection ·
    inspected 12 to 23 May 2025 · published 8 July 2025 · Overall effectiveness: Outstanding, …"."""
    meta = document.metadata
    grades = ", ".join(f"{short_label(key)}: {grade_label(found.grade)}"
                       for key, found in sorted(meta.judgements.items(), key=_table_order))
    inspected = readable_dates(meta.inspection_start, meta.inspection_end)
    return " · ".join(part for part in (
        meta.council or "council not identified", report_types.label(meta.report_type),
        f"inspected {inspected}" if inspected else "",
        f"published {published_words(meta)}" if meta.published else "publication date not found",
        grades) if part)


NONE_GIVEN = "none given"   # a report judging other areas gives no grade for this one (the 2026 framework: no overall)


def since_words(grade: str | None, document: Document | None, ungraded: Document | None = None) -> str:
    """What newer reports judged a listed council since, as a grade list's "Since" column gives it: "Outstanding
    (2024)" (`grade` by `document`); and where its newest report judges other areas but gives none for this one (the
    2026 framework's, `ungraded`), "Good (2022); 2026 report: none given"."""
    parts = [f"{grade_label(grade)} ({document.metadata.year})"] if grade and document else []
    parts += [f"{ungraded.metadata.year} report: {NONE_GIVEN}"] if ungraded else []
    return "; ".join(parts)


def overall_words(document: Document) -> str:
    """The report's overall effectiveness grade ("Requires improvement"), for the Library's list; "none given" for a report with judgements but no overall one (Ofsted's 2026 framework, an
    LSCB review), "" for a document with no judgements at all."""
    judgements = document.metadata.judgements
    if "overall_effectiveness" in judgements:
        return grade_label(judgements["overall_effectiveness"].grade)
    return NONE_GIVEN if judgements else ""


def _table_order(item: tuple[str, object]) -> int:
    """Overall effectiveness first, then the other ILACS judgements in the report's order, then the rest."""
    order = ("overall_effectiveness", *ILACS_JUDGEMENTS[1:])
    return order.index(item[0]) if item[0] in order else len(order)
