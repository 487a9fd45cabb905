"""Passages as safe HTML: every piece of document text is escaped before it meets any markup.

Reports are untrusted input (anyone can upload one), so nothing from a document is ever handed to
Markdown or to HTML unescaped: a report containing `<script>` or `[x](javascript:…)` shows those
characters as text. `st.html` does no Markdown processing, so escaping HTML is all it takes.
No Streamlit here, so the escaping is tested directly.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
import re
from html import escape

from index.output.citation import nested_quotes, published_words
from ofsted.sections import run_on_headings
from index.output.grades import TableRow, graded_words, judgement_table
from index.search.digest import DigestItem, Finding, TimelineEntry
from models import Quote
from ofsted import report_types
from ofsted.front_matter import FRONT_MATTER
from ofsted.findings import MIXED, NEUTRAL, SHORTFALL, STRENGTH, stance
from text.words import plural
from models import Document, Highlight, Hit

STYLE = """<style>
[data-testid="stMainBlockContainer"] { padding-left: 1.5rem; padding-right: 1.5rem; }
.iqa-head { font-size: 0.95rem; line-height: 1.35; margin: 0 0 0.2rem 0; }
.iqa-head b { font-size: 1.02rem; }
.iqa-meta { color: #5b6170; font-size: 0.85rem; margin-bottom: 0.45rem; }
.iqa-match { display: inline-block; padding: 0 0.45rem; border-radius: 0.6rem; font-size: 0.78rem;
             background: #eef1f6; color: #3b4252; margin-left: 0.35rem; }
.iqa-excerpt { font-size: 0.97rem; line-height: 1.55; white-space: pre-wrap; overflow-wrap: anywhere;
               margin: 0.1rem 0 0.3rem 0; }
.iqa-excerpt mark { background: #fff1a8; color: inherit; padding: 0 0.1rem; border-radius: 0.15rem; }
.iqa-quote { font-size: 1.05rem; line-height: 1.55; border-left: 3px solid #c9a400; padding: 0.1rem 0 0.1rem 0.7rem;
             margin: 0.2rem 0 0.35rem 0; overflow-wrap: anywhere; }
.iqa-page { font-size: 0.92rem; line-height: 1.55; white-space: pre-wrap; overflow-wrap: anywhere;
            max-height: 60vh; overflow-y: auto; }
.iqa-page mark { background: #fff1a8; color: inherit; }
.iqa-table { border-collapse: collapse; margin: 0.2rem 0 0.5rem 0; font-size: 0.95rem; }
.iqa-table th, .iqa-table td { border-bottom: 1px solid #e3e6ec; padding: 0.25rem 0.8rem 0.25rem 0; text-align: left; }
.iqa-table td:first-child::first-letter { text-transform: uppercase; }
.iqa-table tr.iqa-marked td { background: #fff1a8; }
.iqa-item { margin: 0.35rem 0 0.2rem 0; }
.iqa-item .iqa-quote { font-size: 0.98rem; margin: 0.1rem 0 0.15rem 0; }
.iqa-chip { display: inline-block; padding: 0 0.45rem; border-radius: 0.6rem; font-size: 0.78rem; margin-left: 0.3rem;
            background: #eef1f6; color: #2e3440; }
.iqa-strength { background: #e3f1e6; color: #1d4d2b; }
.iqa-shortfall { background: #fbe6e4; color: #7a1f16; }
.iqa-mixed { background: #fdf1dc; color: #6b4300; }
.iqa-earlier summary { font-size: 0.85rem; color: #4c5566; cursor: pointer; }
/* A toast ("Kept in …") shows bottom left, under the sidebar's filters: Streamlit puts it top right, over a digest's
   Keep all and its count of councils, for four seconds after every Keep. */
[data-testid="stToastContainer"] { top: auto !important; bottom: 1rem !important; left: 1rem !important;
                                   right: auto !important; max-width: 19rem; }
/* WCAG 2.2 AA (contrast 4.5:1): Streamlit's muted captions (#828180 on white, 3.9:1) and a disabled filter's label
   (#a8a7a5 on the sidebar's #f8f8f7, 2.3:1) are too faint to read; axe-core checks every page (tests/test_browser.py). */
[data-testid="stCaptionContainer"] { opacity: 1 !important; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p { color: #5b5d66 !important; }
[data-testid="stSidebar"] [data-testid="stWidgetLabel"] p { color: #4d4c4a !important; }
</style>"""


def marked(text: str, spans: Iterable[Highlight]) -> str:
    """Escaped text with the given spans wrapped in <mark>; spans are clipped and may not overlap. A section's heading
    that the PDF's text ran on after a sentence starts a paragraph of its own (ofsted.sections.run_on_headings)."""
    breaks = run_on_headings(text)

    def shown(start: int, end: int) -> str:   # (a break where a mark starts opens this piece: its text is the heading)
        inside = [cut for cut in breaks if start < cut < end or cut == start > 0]
        pieces = [text[a:b] for a, b in zip([start] + inside, inside + [end])]
        return "\n\n".join(escape(piece.rstrip() if i < len(inside) else piece) for i, piece in enumerate(pieces))

    pieces, position = [], 0
    for span in sorted(spans, key=lambda s: s.start):
        start, end = max(span.start, position), min(span.end, len(text))
        if start >= end:
            continue
        pieces += [shown(position, start), "<mark>", shown(start, end), "</mark>"]
        position = end
    pieces.append(shown(position, len(text)))
    return "".join(pieces)


def document_heading(document: Document) -> str:
    """Council in bold, then the report title; beneath, what kind of report it is and when it was published, so
    a passage's age shows at a glance ("SIF inspection (2013–2018) · Published 19 October 2015"), as a digest's
    item shows it."""
    meta = document.metadata
    council = meta.council or "Council not identified"
    title = document.display_title
    kind = f"{report_types.label(meta.report_type)} · " if meta.report_type != "other" else ""   # no "Other document"
    return (f'<div class="iqa-head"><b>{escape(council)}</b> · {escape(title)}</div>'
            f'<div class="iqa-meta">{escape(kind)}Published {escape(published_words(meta))}</div>')


def passage_html(hit: Hit) -> str:
    """A passage with its page and how well it answers the question (index.search.relevance), highlights marked."""
    chunk = hit.chunk
    page = ("No page numbers in this file" if chunk.page is None
            else f"Pages {chunk.page}–{chunk.end_page}" if chunk.end_page not in (None, chunk.page)
            else f"Page {chunk.page}")
    label = f'<span class="iqa-match">{escape(hit.match)} match</span>' if hit.match else ""
    return f'<div class="iqa-meta">{escape(page)}{label}</div>' + _passage_body(hit)


def _passage_body(hit: Hit) -> str:
    return with_judgement_table(hit.chunk.text, hit.highlights, hit.document, "iqa-excerpt", mark_rows=False)


def with_judgement_table(text: str, spans: list[Highlight], document: Document, css_class: str,
                         mark_rows: bool) -> str:
    """Text with its spans marked; a judgement table it prints is shown as a table (judgement, grade), the
    words before and after it as text. With mark_rows (the Source view marking one judgement) a row a span
    touches is marked; otherwise (a passage's answering sentences) the table is never marked, since a
    highlight running through it would mark it whole."""
    rows = judgement_table(text, document)
    if not rows:
        return f'<div class="{css_class}">{marked(text, spans)}</div>'
    first, last = rows[0].start, rows[-1].end
    if not mark_rows:
        spans = [s for s in spans if s.end <= first or s.start >= last]
    header = re.search(r"\s*Judgement\s+Grade\s*$", text[:first])
    before = text[:header.start() if header else first]
    table = "".join(
        f'<tr{_row_mark(row, spans)}><td>{escape(row.judgement)}</td><td>{escape(row.grade)}</td></tr>'
        for row in rows)
    tail = text[last:]
    after = _shifted(tail, [Highlight(s.start - last, s.end - last) for s in spans if s.end > last])
    if FRONT_MATTER.search(before):   # the cover's fields above the table: what the report is, never an answer
        fields = [" ".join(line.split()) for line in before.splitlines() if line.strip()]
        fields = [f for f in fields if f.lower() != document.display_title.lower()]   # the card's heading says it
        lead = f'<div class="iqa-meta">{escape(" · ".join(fields))}</div>'
    else:
        lead = f'<div class="{css_class}">{marked(before.rstrip(), spans)}</div>' if before.strip() else ""
    return (lead
            + f'<table class="iqa-table"><thead><tr><th>Judgement</th><th>Grade</th></tr></thead>'
              f'<tbody>{table}</tbody></table>'
            + (f'<div class="{css_class}">{marked(tail.lstrip(), after)}</div>' if tail.strip() else ""))


def _row_mark(row: TableRow, spans: list[Highlight]) -> str:
    """The judgement the Source view marks, as a marked row."""
    return ' class="iqa-marked"' if any(s.start < row.end and s.end > row.start for s in spans) else ""


def _shifted(tail: str, spans: list[Highlight]) -> list[Highlight]:
    """Spans moved with the text they mark when the tail's leading whitespace is dropped."""
    gap = len(tail) - len(tail.lstrip())
    return [Highlight(max(0, span.start - gap), span.end - gap) for span in spans]


def quote_html(quote: Quote) -> str:
    """The 'From the report' card: the report's own sentences, then where they are printed."""
    meta = quote.document.metadata
    return (f'<div class="iqa-meta">From the report · {escape(meta.council or "")}'
            f'{" · " if meta.council else ""}published {escape(published_words(meta))}</div>'
            f'<div class="iqa-quote">“{_paragraphs_html(nested_quotes(quote.text))}”</div>'
            f'<div class="iqa-meta">{escape(quote.citation)}</div>')


def _paragraphs_html(text: str) -> str:
    """The text's paragraphs (a list's items, each its own) one per line, their line breaks undone."""
    return "<br>".join(escape(" ".join(p.split())) for p in re.split(r"\n[ \t]*\n", text) if p.strip())


def page_html(page_text: str, hit: Hit) -> str:
    """A whole page with the passage marked, for checking a passage in its context."""
    runs_on = hit.chunk.end_page not in (None, hit.chunk.page)  # the passage continues on the next page
    end = len(page_text) if runs_on else hit.chunk.end
    spans = [Highlight(hit.chunk.start, end)] if hit.chunk.text else []
    body = with_judgement_table(page_text, spans, hit.document, "iqa-page-text", mark_rows=True)
    return f'<div class="iqa-page">{body}</div>'


def grouped_by_document(hits: Sequence[Hit]) -> list[list[Hit]]:
    """Hits grouped by report in the order each report first appears, so one report is one card."""
    groups: dict[str, list[Hit]] = {}
    for hit in hits:
        groups.setdefault(hit.document.doc_id, []).append(hit)
    return list(groups.values())


STANCE_WORDS = {STRENGTH: "strength", SHORTFALL: "shortfall", MIXED: "strength and shortfall", NEUTRAL: ""}


def stance_chip(text: str) -> str:
    """'strength', 'shortfall' or both, as the sentences state it (ofsted.findings); nothing for a description."""
    found = stance(text)
    return f'<span class="iqa-chip iqa-{found}">{STANCE_WORDS[found]}</span>' if STANCE_WORDS[found] else ""


def _grade_chip(document: Document, judgement: str) -> str:
    """The report's grade for the topic's judgement area, named as the report judged it (graded_words)."""
    found = graded_words(document, judgement)
    return f'<span class="iqa-chip">{escape(found)}</span>' if found else ""


def _finding_html(finding: Finding, heading: str | None, judgement: str) -> str:
    """`heading` is HTML (escaped by the caller): the council in a digest, the year in a timeline."""
    document = finding.document
    kind = escape(report_types.label(document.metadata.report_type))
    return (f'<div class="iqa-meta">{f"{heading} · " if heading else ""}{kind} · published {escape(published_words(document.metadata))}'
            f'{_grade_chip(document, judgement)}{stance_chip(finding.quote.text)}</div>'
            f'<div class="iqa-quote">“{_paragraphs_html(nested_quotes(finding.quote.text))}”</div>'
            f'<div class="iqa-meta">{escape(finding.citation)}</div>')


def digest_item_html(item: DigestItem) -> str:
    """One council's words in a digest: the council, its report, the grade for the topic's judgement area,
    strength or shortfall, the sentences and their citation; its older reports' words folded beneath."""
    html = f'<div class="iqa-item">{_finding_html(item.finding, f"<b>{escape(item.council)}</b>", item.judgement)}'
    if item.earlier:
        earlier = "".join(_finding_html(f, None, item.judgement)
                          for f in item.earlier)
        html += (f'<details class="iqa-earlier"><summary>{plural(len(item.earlier), "earlier report")} of '
                 f'{escape(item.council)} also speak{"s" if len(item.earlier) == 1 else ""} to it</summary>{earlier}</details>')
    return html + "</div>"


def timeline_entry_html(entry: TimelineEntry, finding: Finding | None = None) -> str:
    """One report in a council's timeline: its date and kind, its grade for the topic's area, its sentences (the
    entry's finding, or its other side, TimelineEntry.also)."""
    year = entry.finding.document.metadata.year or "Undated"
    return f'<div class="iqa-item">{_finding_html(finding or entry.finding, f"<b>{year}</b>", entry.judgement)}</div>'
