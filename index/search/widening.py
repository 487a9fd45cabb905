"""Passages in whole sentences, also where a sentence runs across a page break.

Passages are cut page by page (every stored passage has one page and exact offsets), so about one
passage in nine begins with the end of a sentence that started on the page before ("…development of
good-quality" / "plans, and managers …"), or ends with the start of one that finishes overleaf. A
manager copies what is shown, so a hit is widened at search time: the missing part of the sentence is
taken from the neighbouring page, the passage then spans two pages ("pp. 9–10"), and `Hit.page_break`
says where in its text the second page begins.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from text.sentences import ends_sentence, sentence_spans, starts_sentence
from models import Chunk

PageText = Callable[[str, int | None], str | None]  # (doc_id, page number or None) -> that page's text, if there is one


def widen(chunk: Chunk, page_text: PageText) -> tuple[Chunk, int | None]:
    """The chunk completed to whole sentences across one page break, and where the break falls in its
    text (None when nothing was added). Text files have no pages and stay as they are."""
    if chunk.page is None or not chunk.text:
        return chunk, None
    if not starts_sentence(chunk.text, 0) and chunk.page > 1:
        here = page_text(chunk.doc_id, chunk.page) or ""
        before = page_text(chunk.doc_id, chunk.page - 1)
        if before and not here[:chunk.start].strip():
            tail = sentence_spans(before)
            if tail and not ends_sentence(before, *tail[-1]):
                start = tail[-1][0]
                widened = replace(chunk, page=chunk.page - 1, start=start, end_page=chunk.page)
                widened = replace(widened, text=passage_text(widened, page_text))
                return widened, len(before[start:].rstrip()) + 1
    if not ends_sentence(chunk.text, 0, len(chunk.text)):
        here = page_text(chunk.doc_id, chunk.page) or ""
        after = page_text(chunk.doc_id, chunk.page + 1)
        if after and not here[chunk.end:].strip() and not starts_sentence(after, len(after) - len(after.lstrip())):
            first = sentence_spans(after)
            if first:
                widened = replace(chunk, end=first[0][1], end_page=chunk.page + 1)
                widened = replace(widened, text=passage_text(widened, page_text))
                return widened, len(chunk.text) + 1
    return chunk, None


def passage_text(chunk: Chunk, page_text: PageText) -> str:
    """A passage's text recovered from its pages: `page[start:end]`, or for one that runs across a page
    break, the first page from `start` and the next up to `end`, joined by a space: the break falls inside a
    sentence, and a line break there would show the sentence broken in two."""
    first = page_text(chunk.doc_id, chunk.page) or ""
    if chunk.end_page in (None, chunk.page):
        return first[chunk.start:chunk.end]
    last = page_text(chunk.doc_id, chunk.end_page) or ""
    return first[chunk.start:].rstrip() + " " + last[:chunk.end].lstrip()


def locate(chunk: Chunk, page_break: int | None, offset: int) -> tuple[int | None, int]:
    """The page and the offset in that page's text of a character of a (perhaps widened) passage."""
    if page_break is None or offset < page_break:
        return chunk.page, chunk.start + offset
    return chunk.end_page, offset - page_break
