"""A briefing as a document a council would send: Word (.docx) and Markdown with the same content.

Word: A4 pages, Word's own built-in styles (Title, Subtitle, Quote, Caption, Heading 1) so a council's
template restyles it, and document properties (title, author = who made it). Each excerpt is a
quotation with its citation as a caption; the reference list names each report once with its council,
inspection dates, publication date and the pages cited.
"""
from __future__ import annotations

import io
import re
from collections.abc import Sequence
from datetime import datetime, timezone

from index.output.briefing import LIST_BULLET, Excerpt, Source, cited_sources, escape_markdown
from index.output.citation import quoted, readable_date, readable_dates

DEFAULT_TITLE = "Briefing: excerpts from inspection reports"
PRODUCER = "InspectQA"


def reference_entry(source: Source, ranges: Sequence[tuple[int | None, int | None]]) -> str:
    """'Ofsted (2025) Derby City: inspection of … services. Inspected 12 to 23 May 2025. Published 8 July 2025.
    Pages cited: 4, 9–10.' Parts the report does not state are left out."""
    parts = [source.reference.rstrip(".") + "."]
    if source.title and not _common_words(source.title) <= _words(source.reference):   # not the reference's title again
        parts.append(f"{source.title.rstrip('.')}.")
    if source.council and source.council.lower() not in source.reference.lower():
        parts.append(f"Council: {source.council}.")
    if dates := readable_dates(source.inspection_start, source.inspection_end):
        parts.append(f"Inspected {dates}.")
    if source.published and not source.published_estimated:   # an estimate is no fact to put in a council's paper
        parts.append(f"Published {readable_date(source.published)}.")
    if ranges:
        cited = ", ".join(str(a) if b in (None, a) else f"{a}–{b}" for a, b in sorted(ranges))
        parts.append(f"{'Page' if len(ranges) == 1 and ranges[0][1] in (None, ranges[0][0]) else 'Pages'} cited: {cited}.")
    return " ".join(parts)


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower().replace("’", "'")))


def _common_words(title: str) -> set[str]:
    """A title's words but the names in it: "Inspection of London Borough of Sutton local authority children's
    services" says no more than "Sutton: inspection of local authority children's services" (its first word aside,
    a capitalised word is a name's)."""
    words = title.split()
    return _words(" ".join(words[:1] + [word for word in words[1:] if not word[:1].isupper()]))


def references(basket: Sequence[Excerpt]) -> list[str]:
    """The reference list: each report once, alphabetically, as reference lists are, with one kind of
    apostrophe (titles are printed with straight and curly ones)."""
    return [typeset(reference_entry(source, ranges)) for source, ranges in cited_sources(basket)]


_STRAIGHT_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)|(?<=s)'(?=\s)")


def typeset(text: str) -> str:
    """Our own words (citations, references) with one kind of apostrophe, the curly one; a quotation keeps the
    report's."""
    return _STRAIGHT_APOSTROPHE.sub("’", text)
LANGUAGE = "en-GB"       # British English: Word must not flag "organisation" or "judgement"
FONT, FONT_SIZE_PT = "Arial", 11   # a plain font every council's machines have, set on Normal so every style has it


def _set_language_and_font(document) -> None:
    """British English and one font on the Normal style (every other style is based on it)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(FONT_SIZE_PT)
    properties = normal.element.get_or_add_rPr()
    fonts = properties.find(qn("w:rFonts"))
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    language = properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        properties.append(language)
    language.set(qn("w:val"), LANGUAGE)
    language.set(qn("w:eastAsia"), LANGUAGE)
    for name in ("Caption", "Subtitle"):   # the stock ones are pale blue: too faint to read in print
        font = document.styles[name].font
        font.color.rgb, font.bold = RGBColor(0x40, 0x40, 0x40), False
    document.styles["Caption"].font.size = Pt(FONT_SIZE_PT - 1)


def _without_stock_thumbnail(document) -> None:
    """python-docx's template carries a picture of its own as the file's thumbnail: a council's paper has none."""
    from docx.opc.constants import RELATIONSHIP_TYPE

    relationships = document.part.package.rels
    for key in [k for k, rel in relationships.items() if rel.reltype == RELATIONSHIP_TYPE.THUMBNAIL]:
        relationships.pop(key)


def _made_on(today: datetime | None) -> str:
    return f"{(today or datetime.now(timezone.utc)):%-d %B %Y}"


def _subtitle(basket: Sequence[Excerpt], author: str | None, today: datetime | None) -> str:
    count = f"{len(basket)} excerpt{'' if len(basket) == 1 else 's'}"
    return " · ".join(part for part in (count, f"prepared by {author}" if author else "", _made_on(today)) if part)


# The heading of excerpts kept one by one after a digest's or timeline's table: under the table's own heading they read
# as part of it ("… each council's latest report that speaks to it", over a quote from a 2015 report).
LOOSE_HEADING = "Other excerpts"


def runs(basket: Sequence[Excerpt]) -> list[tuple[str | None, list[Excerpt]]]:
    """The basket in order as runs: excerpts kept together as one digest or timeline (the same `table`, next to
    each other) make one run under its title, every other excerpt a run of its own (title None)."""
    found: list[tuple[str | None, list[Excerpt]]] = []
    for excerpt in basket:
        if excerpt.table is not None and found and found[-1][0] == excerpt.table:
            found[-1][1].append(excerpt)
        else:
            found.append((excerpt.table, [excerpt]))
    return found


def loose_citation(excerpt: Excerpt) -> str:
    """A loose excerpt's citation, and the grade its answer showed beside it, as a table's row gives it: "Ofsted (2025)
    Gateshead: …, p. 9 (Care leavers: Good)"."""
    return typeset(excerpt.citation) + (f" ({excerpt.graded})" if excerpt.graded else "")


def _headed(found: list[tuple[str | None, list[Excerpt]]]) -> list[tuple[str | None, bool, list[Excerpt]]]:
    """The runs, each loose excerpt that follows a table marked to open with LOOSE_HEADING."""
    return [(title, title is None and i > 0 and found[i - 1][0] is not None, run) for i, (title, run) in enumerate(found)]


# "What it says": a digest kept whole can hold a committee paper's or a press article's words beside the reports'.
# A digest's rows are councils; a timeline's, one council's reports (its name in every row said nothing): the year and
# the kind of report. The grade column, where the answer showed grades, says what each grade is for.
DIGEST_HEADINGS = ("Council", "Grade", "What it says", "Citation")
TIMELINE_HEADINGS = ("Report", "Grade", "What it says", "Citation")
SINCE_HEADING = "Since"   # a grade list's: what a newer report judged the council since (Excerpt.since)
# Each column's width in a Word table (mm, of the A4 page's 160): the words widest, a council's name or a year narrow;
# "What it says" takes what the columns shown leave.
COLUMN_WIDTHS_MM = {"Council": 28, "Report": 28, "Grade": 30, SINCE_HEADING: 30, "Citation": 40}
PAGE_WIDTH_MM = 160


def table(run: Sequence[Excerpt]) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """The headings and rows of a digest or timeline kept whole: without a grade column when none was shown."""
    # (kept before excerpts recorded their report's year and kind, a timeline's rows name the council, as they did)
    one_council = len({excerpt.source.council for excerpt in run}) == 1 and len(run) > 1 \
        and all(excerpt.source.year or excerpt.source.kind for excerpt in run)
    headings = TIMELINE_HEADINGS if one_council else DIGEST_HEADINGS
    rows = []
    for excerpt in run:
        shown = excerpt.shown
        first = (", ".join(str(part) for part in (excerpt.source.year, excerpt.source.kind) if part) if one_council
                 else excerpt.source.council or "")
        rows.append((first, excerpt.graded or "", shown, typeset(excerpt.citation)))
    if any(excerpt.since for excerpt in run):   # a grade list: what each council was judged since, before the citation
        headings = headings[:3] + (SINCE_HEADING,) + headings[3:]
        rows = [row[:3] + (excerpt.since or "—",) + row[3:] for row, excerpt in zip(rows, run)]
    if not any(excerpt.graded for excerpt in run):
        return headings[:1] + headings[2:], [row[:1] + row[2:] for row in rows]
    return headings, rows


def column_widths_mm(headings: Sequence[str]) -> list[int]:
    """Each column's width in a Word table (COLUMN_WIDTHS_MM), "What it says" the rest of the page's width."""
    fixed = sum(COLUMN_WIDTHS_MM.get(heading, 0) for heading in headings)
    return [COLUMN_WIDTHS_MM.get(heading, PAGE_WIDTH_MM - fixed) for heading in headings]


def run_text(run: Sequence[Excerpt]) -> str:
    """A digest, timeline or grade list kept together, as Copy all gives it for a paper: its title, then a paragraph
    per row, "Derby City (Care leavers: Good): “…” — Ofsted (2025) …, p. 9", the rows of its Word table."""
    headings, rows = table(run)
    lines = [typeset(run[0].table or ""), ""] if run and run[0].table else []
    for row, excerpt in zip(rows, run):
        cells = dict(zip(headings, row))
        grade = cells.get("Grade", "")
        # (a grade list's statement, our words, names its council already: "Overall effectiveness in Bromley: Inadequate")
        says = cells["What it says"]
        named = bool(cells[headings[0]]) and cells[headings[0]] in says and not excerpt.verbatim
        lead = ("" if named else cells[headings[0]]) + (f" ({grade})" if grade else "")
        lead = lead.strip()
        later = f" {SINCE_HEADING}: {cells[SINCE_HEADING]}." if cells.get(SINCE_HEADING, "—") != "—" else ""
        lines += [(f"{lead}: " if lead else "") + f"{cells['What it says']} — {cells['Citation']}{later}", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def to_markdown(basket: Sequence[Excerpt], title: str = DEFAULT_TITLE, author: str | None = None,
                today: datetime | None = None) -> str:
    """The same content as the Word export; report text is escaped so no Markdown reader acts on it."""
    lines = [f"# {escape_markdown(title)}", "", f"*{escape_markdown(_subtitle(basket, author, today))}*", ""]
    for title, after_table, run in _headed(runs(basket)):
        if after_table:
            lines += [f"**{LOOSE_HEADING}**", ""]
        if title is not None:
            headings, rows = table(run)
            lines += [f"**{escape_markdown(title)}**", "", "| " + " | ".join(headings) + " |",
                      "|" + "---|" * len(headings)]
            lines += ["| " + " | ".join(escape_markdown(" ".join(cell.split())) for cell in row) + " |" for row in rows]
            lines.append("")
            continue
        excerpt = run[0]
        shown = excerpt.shown
        items = shown.split("\n")   # a list's items, line by line (a hard break after each but the last)
        lines += [f"> {escape_markdown(line)}" + ("  " if i < len(items) - 1 else "") for i, line in enumerate(items)]
        lines += [">", f"> — {escape_markdown(loose_citation(excerpt))}", ""]
    lines += ["## References", ""]
    lines += [f"- {escape_markdown(entry)}" for entry in references(basket)]
    return "\n".join(lines) + "\n"


def to_docx(basket: Sequence[Excerpt], title: str = DEFAULT_TITLE, author: str | None = None,
            today: datetime | None = None) -> bytes:
    from docx import Document
    from docx.shared import Mm

    document = Document()
    _set_language_and_font(document)
    _without_stock_thumbnail(document)
    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(25)
        section.top_margin = section.bottom_margin = Mm(25)
    properties = document.core_properties
    properties.title = title
    properties.author = author or PRODUCER
    properties.last_modified_by = author or PRODUCER
    properties.comments = f"Made with {PRODUCER} from inspection reports; each quotation cites its page."
    properties.created = properties.modified = today or datetime.now(timezone.utc)

    document.add_paragraph(title, style="Title")
    document.add_paragraph(_subtitle(basket, author, today), style="Subtitle")
    for title, after_table, run in _headed(runs(basket)):
        if after_table:
            document.add_paragraph(LOOSE_HEADING, style="Heading 2")
        if title is not None:   # a digest or timeline kept whole: one table, as a briefing sets out evidence
            document.add_paragraph(title, style="Heading 2")
            headings, rows = table(run)
            widths = column_widths_mm(headings)
            grid = document.add_table(rows=1, cols=len(headings))
            grid.style = "Table Grid"
            grid.autofit = False
            for cell, heading in zip(grid.rows[0].cells, headings):
                cell.text = heading
                cell.paragraphs[0].runs[0].bold = True
            for row in rows:
                for cell, value in zip(grid.add_row().cells, row):
                    cell.text = value
            for column, width in zip(grid.columns, widths):   # Word reads each cell's width, not the column's
                for cell in column.cells:
                    cell.width = Mm(width)
            continue
        excerpt = run[0]
        items = excerpt.items if excerpt.verbatim else []
        if items:   # a report's list: Word's own bullets, or its numbers, each item quoted
            for mark, words in items:
                if mark == LIST_BULLET:
                    document.add_paragraph(quoted(words), style="List Bullet")
                else:
                    document.add_paragraph(f"{mark} {quoted(words)}", style="List Paragraph")
        else:
            document.add_paragraph(excerpt.shown,
                                   style="Quote" if excerpt.verbatim else "Normal")   # our words are no quotation
        document.add_paragraph(f"— {loose_citation(excerpt)}", style="Caption")
    document.add_paragraph("References", style="Heading 1")
    for entry in references(basket):
        document.add_paragraph(entry, style="Normal")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
