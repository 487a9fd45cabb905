"""References and citations for briefing papers,

    Ofsted (2025) Derby City: inspection of local authority children's services, p. 4

and dates as people write them ("8 July 2025"). The quotation itself is index.output.briefing.Excerpt.quote.
"""
from __future__ import annotations

import re
from datetime import date, datetime

from models import CORRECTABLE_FIELDS, Document, DocumentMetadata, Hit
from ofsted import report_types


def reference_title(document: Document) -> str:
    """An Ofsted report's title as Ofsted gives it, with the council as the report prints its name ("Derby" in 2022,
    "Derby City" in 2025)."""
    meta = document.metadata
    if meta.council and meta.report_type in report_types.TITLES:
        return f"{meta.printed_council or meta.council}: {report_types.TITLES[meta.report_type]}"
    return document.display_title


def reference(document: Document) -> str:
    """The reference-list entry for a document: author or publisher (year) title, and a press article's magazine
    after its title when its author leads ("George Theohari (2011) Behind the Rating: …, CYP Now"). A work that
    prints no author or publisher leads with its title, as references do, and says what it is: "‘Passionate’ social
    employees … (n.d.) [press article]", not "(n.d.) ‘Passionate’ …"."""
    meta = document.metadata
    year = f"({meta.year})" if meta.year else "(n.d.)"
    author = meta.author or meta.publisher or (
        (meta.printed_council or meta.council) if meta.report_type == "committee_paper" else None)
    title = reference_title(document)
    if meta.author and meta.publisher:
        title = f"{title.rstrip('.')}, {meta.publisher}"
    if not author:
        kind = f"[{report_types.label(meta.report_type).lower()}]" \
            if meta.report_type in report_types.NOT_OFSTED and meta.report_type != "other" else ""
        return " ".join(part for part in (title, year, kind) if part)
    return " ".join(part for part in (author, year, title) if part)


def citation(hit: Hit) -> str:
    """The reference with the page the passage is on, and "(OCR text)" where that page was a scan read by
    OCR: its wording may differ from the printed page, so a quote should be checked against it."""
    return cited(reference(hit.document), hit.chunk.page, hit.chunk.end_page, hit.chunk.ocr)


def cited(reference_text: str, first: int | None, last: int | None = None, ocr: bool = False,
          section: str | None = None) -> str:
    """A reference with the pages cited: 'Ofsted (2025) Derby City: …, pp. 9–10 (OCR text)'; and the report's
    section, where the quoted sentences leave to its heading whom they are about: '…, p. 6, section: Children in
    care' (index.search.digest.Finding.section, its name as the report heads it)."""
    return reference_text + pages(first, last) + (f", section: {section}" if section else "") + \
        (" (OCR text)" if ocr else "")


def pages(first: int | None, last: int | None = None) -> str:
    """', p. 9', or ', pp. 9–10' for a passage that runs across a page break; nothing for a file without pages."""
    if first is None:
        return ""
    return f", pp. {first}–{last}" if last is not None and last != first else f", p. {first}"


def readable_date(iso: str | None) -> str:
    """'2019-03-11' -> '11 March 2019'; an unknown or odd date reads as it is, or as 'date unknown'."""
    if not iso:
        return "date unknown"
    try:
        return f"{date.fromisoformat(iso):%-d %B %Y}"
    except ValueError:
        return iso


def published_words(meta: DocumentMetadata) -> str:
    """'8 July 2025'; 'c. 29 January 2025' where the report does not print it and the date was estimated from the
    file's own metadata; 'date unknown'. A date an editor set is no estimate."""
    return ("c. " if meta.published_estimated else "") + readable_date(meta.published)


def readable_dates(first: str | None, last: str | None) -> str:
    """An inspection's dates as people write them: '12 to 23 May 2025', '28 April to 9 May 2025'; '' if unknown."""
    if not first or not last:
        return readable_date(first or last) if (first or last) else ""
    try:
        start, end = date.fromisoformat(first), date.fromisoformat(last)
    except ValueError:
        return f"{first} to {last}"
    if start == end:
        return f"{end:%-d %B %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day} to {end:%-d %B %Y}"
    if start.year == end.year:
        return f"{start:%-d %B} to {end:%-d %B %Y}"
    return f"{start:%-d %B %Y} to {end:%-d %B %Y}"


def set_by_editor(meta: DocumentMetadata) -> str:
    """Which fields an editor set, by whom and when: 'publication date and council set by eddie on 6 May 2026';
    '' when the product's reading stands. A value no report printed must never pass for one read from it."""
    groups: dict[tuple[str, str], list[str]] = {}
    for name in CORRECTABLE_FIELDS:   # in a fixed order, whatever order they were set in
        if (correction := meta.corrections.get(name)) is not None:
            try:
                day = f"{datetime.fromisoformat(correction.at):%-d %B %Y}"
            except ValueError:
                day = correction.at
            groups.setdefault((correction.editor, day), []).append(CORRECTABLE_FIELDS[name])
    return "; ".join(f"{_and(fields)} set by {editor} on {day}" for (editor, day), fields in groups.items())


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


# A double quotation mark opening a quotation within the quote: at its start, or after a space, a bracket, a dash, a
# colon or a slash ("was—"amazing"", "inspectors:"I feel …"").
_OPENS = re.compile(r'(?:(?<=^)|(?<=[\s(\[—–:/-]))"')


def nested_quotes(text: str) -> str:
    """A quote's own quotation marks as a quotation within a quotation: double marks made single (‘ ’), as British
    usage nests them, so a report quoting a child ("We have …") is not shown opening on two marks (“"We have …).
    For showing only: the quote's text and offsets stay the report's."""
    text = _OPENS.sub("‘", text).replace("“", "‘")
    return text.replace('"', "’").replace("”", "’")


def quoted(text: str) -> str:
    """The text in quotation marks, as a briefing quotes it: “…”, its own quotation marks nested (nested_quotes)."""
    return f"“{nested_quotes(text)}”"
