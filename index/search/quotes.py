"""The report's own words: the one to three whole sentences of the best passage that answer the question
(for "what does Wigan need to improve?", the first items of the report's list, ofsted.improvement).

A manager pastes the first thing they see into a briefing paper, so the quote is verbatim (a slice of
the stored page text, with its offsets), never paraphrased, and never cut mid-sentence: a sentence
that starts before the passage (lower-case first letter) or runs past it (no closing punctuation) is
left out rather than quoted in part.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from index.output.citation import cited, reference
from index.search.highlight import MAX_SENTENCES, scored_sentences, sentence_stems, weight_held
from text.sentences import (BULLETS, NUMBER_MARK, PARAGRAPH_BREAK as _PARAGRAPH_BREAK, is_prose_length, is_whole,
                            paragraph_sentence_spans as _sentence_spans, qualifies, refers_back, starts_item)
from index.search.widening import locate
from ofsted.front_matter import is_report_note
from models import Hit, Quote

# A finding's sentence shorter than this is mostly a verdict ("Children's health needs are prioritised.",
# "Corporate parenting is a significant strength."); a manager asking how is told how by the next sentence of its
# paragraph on the topic. (Dev digests: 20 words took 0.630 -> 0.651 of councils quoted on the theme, 28 -> 31 words an
# item; 12 words 0.635, 25 words 0.661 for 33 words an item.)
BARE_WORDS = 20
NEIGHBOUR_SHARE = 0.5     # a neighbouring sentence joins the quote when it scores this share of the best


def best_quote(hit: Hit, weights: dict[str, float], figure: bool = False) -> Quote | None:
    """The best whole sentence of the hit by the question's keyword weights (one giving a figure, when the
    question asks for one), with the neighbours on either side that also answer it (at most three,
    contiguous); None when no whole sentence holds a keyword."""
    text = hit.chunk.text
    sentences = scored_sentences(text, weights, figure)
    def quotable(start: int, end: int) -> bool:
        return _quotable(text, start, end)

    whole = [(score, start, end) for score, start, end in sentences if score > 0 and quotable(start, end)]
    if not whole:
        return None
    best_score, start, end = max(whole, key=lambda s: (s[0], -s[1]))
    order = [(s, e) for _, s, e in sentences]
    scores = {(s, e): score for score, s, e in sentences}
    i = order.index((start, end))
    first = last = i
    while last - first + 1 < MAX_SENTENCES:
        grow = [j for j in (first - 1, last + 1) if 0 <= j < len(order)
                and scores[order[j]] >= NEIGHBOUR_SHARE * best_score and quotable(*order[j])]
        if not grow:
            break
        j = max(grow, key=lambda j: scores[order[j]])
        first, last = min(first, j), max(last, j)
    first, last = _in_context(text, order, first, last, lambda j: scores[order[j]] > 0)
    return quote_of(hit, _from_first_word(text, order[first][0], order[last][1]), order[last][1])


def _in_context(text: str, spans: list[tuple[int, int]], first: int, last: int,
                on_topic: Callable[[int], bool]) -> tuple[int, int]:
    """The quote's sentences with what its paragraph needs around them, within MAX_SENTENCES, in this order: the next
    sentence when it qualifies the quote ("However, …": a finding is never quoted as a strength its own report goes
    on to qualify); the sentence before one that leans on it ("This has shaped …"), never across a list item; then
    a qualification a sentence further on, when the sentence between is still on the topic (`on_topic`, by index)
    or leans on the quote, so that the "However" is the quote's and not the other sentence's."""
    def sentence(i: int) -> str:
        return text[slice(*spans[i])]

    def joined(i: int, j: int) -> bool:   # sentences i..j of one paragraph, each quotable
        return all(_quotable(text, *spans[n]) for n in range(i, j + 1)) and not _PARAGRAPH_BREAK.search(
            text, spans[i][0], spans[j][1])

    def room() -> int:
        return MAX_SENTENCES - (last - first + 1)

    if room() and last + 1 < len(spans) and qualifies(sentence(last + 1)) and joined(last, last + 1):
        last += 1
    while room() and first > 0 and refers_back(sentence(first)) and not starts_item(sentence(first)) \
            and joined(first - 1, first):
        first -= 1
    between = last + 1
    if room() >= 2 and between + 1 < len(spans) and qualifies(sentence(between + 1)) and joined(last, between + 1) \
            and not qualifies(sentence(last)) and (on_topic(between) or refers_back(sentence(between))):
        last = between + 1
    return first, last


def covering_quote(hit: Hit, weights: dict[str, float]) -> Quote | None:
    """The one to MAX_SENTENCES whole, consecutive sentences of the hit that together hold most of the question's
    keyword weight (each stem counted once), fewest sentences first; each end sentence holds a keyword; a bare verdict
    with the next sentence on the topic (_goes_on). For a digest or timeline, where one council's words must say what
    is asked in full ("health needs" and "children in care"), not only its rarest word. None when no whole sentence holds a keyword."""
    text = hit.chunk.text
    sentences = sentence_stems(text, weights)
    quotable = [bool(stems) and _quotable(text, start, end) or not stems and is_whole(text, start, end)
                for start, end, stems in sentences]
    scores = [weight_held(stems, weights) for _, _, stems in sentences]
    best: tuple[float, int, int, int, int] | None = None   # (weight, -sentences, -first) and the span
    for first in range(len(sentences)):
        if not scores[first]:
            continue
        held: set[str] = set()
        for last in range(first, min(first + MAX_SENTENCES, len(sentences))):
            start, end, stems = sentences[last]
            if not quotable[last] or (last > first and _PARAGRAPH_BREAK.search(text, sentences[last - 1][1], start)):
                break   # one paragraph's point: a numbered paragraph after it makes another
            held |= stems
            strongest = max(scores[first:last + 1])
            if not stems or any(0 < score < NEIGHBOUR_SHARE * strongest for score in scores[first:last + 1]) \
                    or scores[first] < NEIGHBOUR_SHARE * strongest:
                continue   # a sentence holding only a lesser word of the question ("improve" beside "supervision")
            weight = weight_held(held, weights)
            candidate = (round(weight, 6), first - last, -first)
            if best is None or candidate > best[:3]:
                best = (*candidate, first, last)
    if best is None:
        return None
    first, last = best[3], best[4]
    spans = [(start, end) for start, end, _ in sentences]
    if first == last and _goes_on(text, spans, last, lambda j: quotable[j] and bool(sentences[j][2])):
        last += 1   # a bare verdict with the sentence saying how
    first, last = _in_context(text, spans, first, last, lambda j: bool(sentences[j][2]))
    start, end = sentences[first][0], sentences[last][1]
    return quote_of(hit, _from_first_word(text, start, end), end)


def _goes_on(text: str, spans: list[tuple[int, int]], i: int, on_topic: Callable[[int], bool]) -> bool:
    """Whether sentence i is a bare verdict (fewer than BARE_WORDS words) that the next sentence of its paragraph,
    on the topic and no list's item, goes on from."""
    return (len(text[slice(*spans[i])].split()) < BARE_WORDS and i + 1 < len(spans) and on_topic(i + 1)
            and not starts_item(text[slice(*spans[i + 1])])
            and not _PARAGRAPH_BREAK.search(text, spans[i][1], spans[i + 1][0]))


def opening_quote(hit: Hit) -> Quote | None:
    """The first whole sentence of the hit's text (a section's opening, its verdict), past a SIF summary's label
    and a paragraph's number, with what its paragraph needs around it (a "However, …" after it); None when the
    text does not open on a whole sentence."""
    text = hit.chunk.text
    lead = _OPENING_LABEL.match(text)
    spans = [(start, end) for start, end in _sentence_spans(text) if end > lead.end()]
    if not spans or not _quotable(text, max(spans[0][0], lead.end()), spans[0][1]):
        return None
    spans[0] = (max(spans[0][0], lead.end()), spans[0][1])
    first, last = _in_context(text, spans, 0, 0, lambda j: False)
    return quote_of(hit, _from_first_word(text, spans[first][0], spans[last][1]), spans[last][1])


# "… permanence Good Summary Services for …", "… care leavers: good\n\n37. Care leavers in …": a SIF section's
# label or a paragraph's number before its first sentence.
_OPENING_LABEL = re.compile(rf"\s*(?:Summary\s+)?(?:{NUMBER_MARK}\s+)?")
# (a list's item may open in lower case: "◼ eight children are unaccompanied asylum-seeking children.")
_QUOTE_LEAD = re.compile(rf"{NUMBER_MARK}\s+(?=[A-Z“\"‘'])|" + BULLETS + r"\s*(?=[A-Za-z0-9“\"‘'])")


def _quotable(text: str, start: int, end: int) -> bool:
    """Whole, no question the report asks itself (that is a heading: "What needs to improve?") and no note of the
    template's about the report (ofsted.front_matter.is_report_note)."""
    return (is_whole(text, start, end) and not text[start:end].rstrip().endswith("?") and is_prose_length(text, start, end)
            and not is_report_note(text[start:end]))


def _from_first_word(text: str, start: int, end: int) -> int:
    """Where a quote of sentences starts: past a paragraph's number or a list's bullet ("128. Staff report …",
    "• Review supervision …"), the report's numbering and layout, not its words."""
    lead = _QUOTE_LEAD.match(text, start)
    return lead.end() if lead and lead.end() < end else start


def quote_of(hit: Hit, start: int, end: int) -> Quote:
    """The hit's text from start to end as a quote, cited to the page (or pages) it is printed on."""
    text = hit.chunk.text
    page, page_start = locate(hit.chunk, hit.page_break, start)
    end_page, page_end = locate(hit.chunk, hit.page_break, end)
    citation = cited(reference(hit.document), page, end_page, hit.chunk.ocr)
    runs_on = end_page != page
    return Quote(text=text[start:end], citation=citation, document=hit.document, page=page, start=page_start,
                 end=page_end, end_page=end_page if runs_on else None,
                 page_break=hit.page_break - start if runs_on else None, ocr=hit.chunk.ocr)
