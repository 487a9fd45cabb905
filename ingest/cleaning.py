"""Turn raw extracted page text into clean, readable paragraphs.

pypdf returns one line per printed line, with running headers ("Inspection of Derby City local authority
children's services 19 to 23 May 2025 2"), bare page numbers, words hyphenated across lines and
paragraph numbers glued to the previous sentence. Passages cut from that text would carry the noise
into search results and briefing quotes, so the cleaned text is what we store and cite: chunk offsets
point into it.
"""
from __future__ import annotations

import re
from collections import Counter

from text.sentences import BULLET_MARKS, NUMBER_MARK
from text.words import CONTINUING_WORDS

EDGE_LINES = 3            # how many lines at the top and bottom of a page may be header or footer
MIN_REPEAT_PAGES = 3      # a line must recur on this many pages (and 40% of them) to count as running text

_PAGE_NUMBER = re.compile(r"^(page\s+)?\d{1,4}(\s+of\s+\d{1,4})?$", re.IGNORECASE)
_BULLET = BULLET_MARKS + "–-*"   # a list's marks, and the dashes and stars a line-start list item also uses
_PARAGRAPH_START = re.compile(r"^(\d{1,3}(\.\d{1,2})?\.?\s+\S|[" + re.escape(_BULLET) + r"]\s*\S|[a-z]\)\s)")
_SENTENCE_END = re.compile(r"[.!?:;)\"”’]$")
# "... access. 46." — a paragraph number printed at the end of the line before its paragraph.
_TRAILING_PARA_NUMBER = re.compile(r"(?<=[.!?”\"])\s+(" + NUMBER_MARK + ")$")
_HYPHEN_BREAK = re.compile(r"(\w)-\s*\n\s*(?=[a-z])")
_SPACES = re.compile(r"[ \t\u00a0]+")
# A heading printed on a line of its own ("Information about this inspection", "The local authority"): short, a
# capital first, no sentence's punctuation, ending in a word that ends a phrase. The line after it starts a
# paragraph, so no sentence begins with it (pypdf gives no blank line between them).
HEADING_MAX_CHARS = 60
_HEADING_LINE = re.compile(r"[A-Z][^.!?:;,\"“”]*[A-Za-z)]\d{0,2}")
_HEADING_FOOTNOTE = re.compile(r"(?<=[a-z])\d{1,2}$")   # "Information about this local authority area2"
_CAPITAL_START = re.compile(r"[A-Z“\"‘']")


def _signature(line: str) -> str:
    """Lines that differ only in numbers (page numbers, dates) count as the same running line."""
    return re.sub(r"\d+", "#", _SPACES.sub(" ", line).strip().lower())


def _edge_indexes(lines: list[str]) -> list[int]:
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return sorted(set(filled[:EDGE_LINES] + filled[-EDGE_LINES:]))


def strip_running_lines(pages: list[str]) -> list[str]:
    """Remove headers, footers and page numbers: edge lines that recur across the document's pages."""
    split = [page.splitlines() for page in pages]
    counts: Counter[str] = Counter()
    for lines in split:
        counts.update({_signature(lines[i]) for i in _edge_indexes(lines)})
    threshold = max(MIN_REPEAT_PAGES, int(0.4 * len(pages)))
    running = {sig for sig, n in counts.items() if n >= threshold and sig}
    cleaned = []
    for number, lines in enumerate(split):
        # Page 1's top lines are its title, even where the running header repeats them word for word.
        title_lines = set(_edge_indexes(lines)[:EDGE_LINES]) if number == 0 else set()
        drop = {
            i for i in _edge_indexes(lines)
            if (_signature(lines[i]) in running and i not in title_lines) or _PAGE_NUMBER.match(lines[i].strip())
        }
        cleaned.append("\n".join(line for i, line in enumerate(lines) if i not in drop))
    return cleaned


def is_heading_line(line: str) -> bool:
    """Whether a printed line, alone, reads as a heading rather than the start of a sentence that runs on."""
    return (len(line) < HEADING_MAX_CHARS and _HEADING_LINE.fullmatch(line) is not None
            and _HEADING_FOOTNOTE.sub("", line).rsplit(" ", 1)[-1].lower() not in CONTINUING_WORDS)


def reflow(text: str, headings: bool = True) -> str:
    """Join printed lines into paragraphs separated by blank lines; single spaces inside them. With `headings`,
    a heading line (is_heading_line) followed by a line starting with a capital is a paragraph of its own (not on
    a title page, whose title may run over two such lines)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    text = _HYPHEN_BREAK.sub(r"\1-", text)
    paragraphs: list[list[str]] = []
    previous_blank = True
    for raw in text.split("\n"):
        line = _SPACES.sub(" ", raw).strip()
        if not line:
            previous_blank = True
            continue
        moved = _TRAILING_PARA_NUMBER.search(line)
        carry = ""
        if moved:
            line, carry = line[: moved.start()].rstrip(), moved.group(1)
        after_heading = (headings and paragraphs and len(paragraphs[-1]) == 1 and _CAPITAL_START.match(line)
                         and is_heading_line(paragraphs[-1][0]))
        if after_heading:
            paragraphs[-1][0] = _HEADING_FOOTNOTE.sub("", paragraphs[-1][0])
        starts_new = (
            previous_blank
            or not paragraphs
            or after_heading
            or _PARAGRAPH_START.match(line)
            or (_SENTENCE_END.search(paragraphs[-1][-1]) and len(paragraphs[-1][-1]) < 60)
        )
        if starts_new:
            paragraphs.append([line])
        else:
            paragraphs[-1].append(line)
        if carry:
            paragraphs.append([carry])
        previous_blank = False
    joined = [" ".join(lines) for lines in paragraphs]
    # A paragraph number moved off the previous line joins the paragraph it numbers.
    merged: list[str] = []
    for paragraph in joined:
        if merged and re.fullmatch(NUMBER_MARK, merged[-1]):
            merged[-1] = f"{merged[-1]} {paragraph}"
        else:
            merged.append(paragraph)
    return "\n\n".join(merged)


# A footnote's marker that pypdf glues to a heading's question mark: "What needs to improve?1".
_FOOTNOTE_MARK = re.compile(r"(?<=[a-z]\?)\d{1,2}(?=\s|$)", re.MULTILINE)


def clean_pdf_pages(raw_pages: list[str]) -> list[str]:
    """Running lines out, footnote markers off headings, then paragraphs reflowed, page by page (the first page,
    a title page, without heading lines split off)."""
    return [reflow(_FOOTNOTE_MARK.sub("", page), headings=number > 0)
            for number, page in enumerate(strip_running_lines(raw_pages))]


def clean_plain_text(text: str) -> str:
    """Text files keep their own paragraphs; only line endings, NULs and trailing spaces are tidied."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "").replace("\ufeff", "")
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()
