"""What a document says about itself: title, council, report type, dates and published judgements.

Read from the document's own first pages, because that is what a citation must agree with. A publication
date the text does not print is taken from a full date the file's name states (Ofsted's listings and the
common downloaders name reports by their publication date), and only then estimated from the PDF's own
creation date (usually a day or so before publication; uploads are stored under hashed names, so for them this
is often all there is); `published_source` says which. A grade that is not printed stays absent.
"""
from __future__ import annotations

import re
from datetime import date

from ingest.acronyms import find_acronyms
from models import DocumentMetadata, Page
from ofsted import reading as op
from ofsted import report_types
from ofsted.councils import council_named_in, display_name

__all__ = ["HEAD_PAGES", "extract_metadata"]

HEAD_PAGES = op.HEAD_PAGES  # every field but the LSCB judgement is printed on the first pages

_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
_FILE_DATE = re.compile(r"(\d{1,2})\s+([a-z]+)\s+((?:19|20)\d\d)", re.IGNORECASE)
_COMMITTEE = re.compile(
    r"\b(?:committee|scrutiny|cabinet|report\s+of\s+the\s+(?:director|head)|purpose\s+of\s+(?:the\s+)?report|agenda)\b",
    re.IGNORECASE,
)
_PRESS = re.compile(r"behind\s+the\s+rating|\bmins?\s+read\b|\(credit|\bsays\b|\bsaid\b|^by\s", re.IGNORECASE | re.MULTILINE)


def extract_metadata(pages: list[Page], file_name: str, kind: str, created: date | None = None) -> DocumentMetadata:
    """Metadata of one document from its cleaned pages, with the acronyms it defines; `created` is the
    file's own creation date (a PDF's /CreationDate), if it has one."""
    metadata = _described(pages, file_name, kind)
    if metadata.published is None and (named := _file_date(file_name)):
        metadata.published, metadata.published_source = named.isoformat(), "file-name"
    if metadata.published is None and created is not None and kind == "pdf":
        metadata.published, metadata.published_source = created.isoformat(), "pdf-metadata"
    metadata.acronyms = find_acronyms(page.text for page in pages)
    return metadata


def _described(pages: list[Page], file_name: str, kind: str) -> DocumentMetadata:
    """Title, council, type, dates and judgements. An Ofsted report is recognised by its structure (its
    title page, inspection-dates line, judgement table), before any word a report or paper quotes."""
    texts = [(page.number or i + 1, " ".join(page.text.split())) for i, page in enumerate(pages)]
    texts = [(number, text) for number, text in texts if text] or [(1, "")]
    for position, (_, text) in enumerate(texts[:HEAD_PAGES]):
        head = text[:op.TITLE_WINDOW]
        # Page 1's title is enough in a PDF; a title further on (after a cover page), or in a text copy,
        # counts only with the inspection-dates line printed beneath it, as Ofsted's title pages have.
        dated = op.INSPECTION_DATES.search(head)
        for report_type, pattern in op.TITLES:
            title = pattern.search(head)
            if title and (dated or (kind == "pdf" and position == 0)):
                return _ofsted_metadata(texts[position:], head, report_type, title)
    if kind == "pdf" and op.untitled_ilacs(texts[:HEAD_PAGES]):
        return _ofsted_metadata(texts, texts[0][1][:op.TITLE_WINDOW], "ilacs", None)
    return _text_metadata(pages, file_name, kind)


def _ofsted_metadata(texts: list[tuple[int, str]], head: str, report_type: str,
                     title: re.Match | None) -> DocumentMetadata:
    meta = DocumentMetadata(publisher="Ofsted", report_type=report_type)
    first_pages = texts[:HEAD_PAGES]
    if title:
        council = _council(head, title)
        meta.title = _tidy(title.group(0))
        if council and not title.groupdict().get("council"):  # SIF and 2018-20 titles do not name it
            meta.title = f"{_tidy(council)}: {meta.title}"
    else:  # the title is gone; the council is the one the report keeps naming, the title its standard one
        council = council_named_in(" ".join(text for _, text in first_pages))
        meta.title = f"Inspection of {council} local authority children’s services" if council else ""
    meta.council = display_name(council) if council else None
    for _, text in first_pages:
        found = op.INSPECTION_DATES.search(text)
        span = found and op.parse_range(found.group("rest"))
        if span:
            meta.inspection_start, meta.inspection_end = (d.isoformat() for d in span)
            break
    published = op.PUBLISHED.search(head)
    published_on = published and op.parse_date(published.group("rest"))
    if published_on:
        meta.published, meta.published_source = published_on.isoformat(), "text"
    if report_type == "ilacs":
        meta.report_type = op.ilacs_kind(meta.inspection_start, meta.inspection_end)
        meta.judgements = op.ilacs_judgements(first_pages)
    elif report_type in ("sif", "lscb_review"):
        meta.judgements = op.sif_judgements(first_pages, texts)
    return meta


def _council(head: str, title: re.Match) -> str | None:
    """The council as page 1 prints it: inside the ILACS title, else just before (SIF) or after (2013) it."""
    named = title.groupdict().get("council")
    if named:
        return named
    before = re.sub(r"^\d{1,3}\s+", "", head[: title.start()]).strip(" ,")
    if before:
        return before
    after = re.match(r"\s*(.{2,80}?)\s+(?:Inspection\s+dates?|Age\s+group|Reporting\s+inspector)", head[title.end():])
    return after.group(1) if after else None


def _tidy(text: str) -> str:
    """Footnote markers ('Board1') and stray spaces out of a printed title."""
    return re.sub(r"(?<=[a-z])\d\b", "", " ".join(text.split())).strip(" ,.")


_PERSON = re.compile(r"(?:By\s+)?([A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?(?:\s+[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?){1,2})")
_TRADE_PRESS = re.compile("|".join(re.escape(name) for name in report_types.TRADE_PRESS))


def _byline(lines: list[str], title: str) -> str | None:
    """An article's author: the line under its title that is a person's name ("George Theohari", "By Jo Bloggs"),
    with its date on the line after or on the same line. None when no such line is printed."""
    if title not in lines:
        return None
    after = lines[lines.index(title) + 1:lines.index(title) + 3]
    if not after or not (name := _PERSON.fullmatch(after[0])):
        return None
    return name.group(1) if len(after) > 1 and op.parse_date(after[1]) else None


def _trade_press(text: str) -> str | None:
    """The trade magazine an article's pages name, the first listed in report_types.TRADE_PRESS that is."""
    found = {match.group() for match in _TRADE_PRESS.finditer(text)}
    return next((name for name in report_types.TRADE_PRESS if name in found), None)


def _file_date(file_name: str) -> date | None:
    found = _FILE_DATE.search(file_name)
    if not found or found.group(2).lower() not in op.MONTHS:
        return None
    try:
        return date(int(found.group(3)), op.MONTHS[found.group(2).lower()], int(found.group(1)))
    except ValueError:
        return None


def _text_metadata(pages: list[Page], file_name: str, kind: str) -> DocumentMetadata:
    """Press articles and committee papers: a title line, a date near the top, the council they are about."""
    text = "\n".join(page.text for page in pages)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title = next((line for line in lines if len(line.split()) >= 2), lines[0] if lines else file_name)
    title = _MARKDOWN_HEADING.sub("", title) if kind == "md" else title
    top = "\n".join(lines[:6])
    if _COMMITTEE.search(title):
        report_type = "committee_paper"
    elif _PRESS.search(top) or _PRESS.search(text[:3000]):
        report_type = "press_article"
    elif _COMMITTEE.search(top):
        report_type = "committee_paper"
    else:
        report_type = "other"
    council = council_named_in(text)
    published = op.parse_date(top)
    press = report_type == "press_article"
    return DocumentMetadata(
        title=title[:300],
        council=council,
        publisher=council if report_type == "committee_paper" else _trade_press(text) if press else None,
        author=_byline(lines, title) if press else None,
        report_type=report_type,
        published=published.isoformat() if published else None,
        published_source="text" if published else None,
    )
