"""Cut pages into passages that follow sentence and paragraph boundaries and fit the embedding model.

all-MiniLM-L6-v2 reads at most 256 word pieces and silently drops the rest, so a passage's size is
measured in the model's own word pieces (the caller passes the tokenizer's counter). Passages never
cross a page, so every passage has one page number, and `page.text[start:end]` is its exact text.

A report's cover block, judgement table and contents list (ofsted.front_matter) are passages of their own:
a passage never holds both them and the prose printed after them, which starts a passage of its own.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence

from models import Chunk, Page
from ofsted.front_matter import front_matter_spans
from text.sentences import PARAGRAPH_BREAK, sentence_spans, trim_span

PASSAGE_MAX_TOKENS = 240  # 256 minus the model's two special tokens, with a margin for joins
PARAGRAPH_BREAK_TOKENS = 120  # once a passage is this long, a new paragraph starts a new passage
MIN_TAIL_TOKENS = 30      # a shorter last passage on a page joins the one before when it fits
# A passage of 240 word pieces of prose is ~1,300 characters; a run of text without breaks (a pasted hash, a page of
# one "word") is cut at this many, so no passage, search answer or quote grows with what a file holds.
PASSAGE_MAX_CHARS = 2000

TokenCounter = Callable[[Sequence[str]], list[int]]

_WORD = re.compile(r"\S+")


def approximate_token_count(texts: Sequence[str]) -> list[int]:
    """A tokenizer-free upper estimate (word pieces run about 1.3 per English word), for tests and tools."""
    return [int(len(re.findall(r"\w+|[^\w\s]", text)) * 1.3) + 1 for text in texts]


def _paragraph_spans(text: str, breaks: Sequence[int] = ()) -> list[tuple[int, int]]:
    """The page's paragraphs, also cut at each of `breaks` (where front matter starts and ends)."""
    cuts = sorted({*(m for match in PARAGRAPH_BREAK.finditer(text) for m in match.span()), *breaks})
    edges = [0, *cuts, len(text)]
    return [trim_span(text, s, e) for s, e in zip(edges, edges[1:]) if text[s:e].strip()]


def _words(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """The words of text[span], a word longer than PASSAGE_MAX_CHARS cut into pieces of that length."""
    words = []
    for start, end in (m.span() for m in _WORD.finditer(text, *span)):
        words += [(a, min(a + PASSAGE_MAX_CHARS, end)) for a in range(start, end, PASSAGE_MAX_CHARS)]
    return words


def _split_long(text: str, span: tuple[int, int], tokens: int, max_tokens: int) -> list[tuple[int, int]]:
    """Cut an over-long sentence (a table, a list without full stops) at word boundaries, and a run of text
    without any into pieces of PASSAGE_MAX_CHARS."""
    words = _words(text, span)
    pieces = max(2, -(-tokens // max_tokens) + 1)
    per_piece = -(-len(words) // pieces)
    cut: list[tuple[int, int]] = []
    for start, end in words:   # per_piece words a piece, and never past PASSAGE_MAX_CHARS
        if cut and cut[-1][2] < per_piece and end - cut[-1][0] <= PASSAGE_MAX_CHARS:
            cut[-1] = (cut[-1][0], end, cut[-1][2] + 1)
        else:
            cut.append((start, end, 1))
    return [(start, end) for start, end, _ in cut]


def _units(text: str, count_tokens: TokenCounter, max_tokens: int,
           breaks: Sequence[int] = ()) -> list[tuple[int, int, int, bool]]:
    """(start, end, tokens, starts_paragraph) for every sentence-sized piece of the page."""
    spans, firsts = [], []
    for p_start, p_end in _paragraph_spans(text, breaks):
        sentences = sentence_spans(text, p_start, p_end)
        spans.extend(sentences)
        firsts.extend([True] + [False] * (len(sentences) - 1))
    counts = count_tokens([text[s:e] for s, e in spans]) if spans else []
    units = []
    for (s, e), tokens, first in zip(spans, counts, firsts):
        if tokens <= max_tokens and e - s <= PASSAGE_MAX_CHARS:
            units.append((s, e, tokens, first))
            continue
        pieces = _split_long(text, (s, e), tokens, max_tokens)
        piece_counts = count_tokens([text[a:b] for a, b in pieces])
        for i, ((a, b), n) in enumerate(zip(pieces, piece_counts)):
            units.append((a, b, n, first and i == 0))
    return units


def chunk_page(text: str, count_tokens: TokenCounter, max_tokens: int = PASSAGE_MAX_TOKENS,
               apart: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Pack sentences greedily into passages of at most max_tokens, preferring paragraph ends. Each (start, end)
    span of `apart` (front matter) is packed on its own, a table's rows kept together across its paragraphs."""
    breaks = sorted({offset for span in apart for offset in span})
    passages: list[list[int]] = []  # [start, end, tokens, part]: part counts the breaks before the passage
    for start, end, tokens, starts_paragraph in _units(text, count_tokens, max_tokens, breaks):
        part = bisect.bisect_right(breaks, start)
        current = passages[-1] if passages and passages[-1][3] == part else None
        fits = current is not None and current[2] + tokens <= max_tokens and end - current[0] <= PASSAGE_MAX_CHARS
        paragraph_break = starts_paragraph and current is not None and current[2] >= PARAGRAPH_BREAK_TOKENS \
            and not any(a <= start < b for a, b in apart)
        if fits and not paragraph_break:
            current[1], current[2] = end, current[2] + tokens
        else:
            passages.append([start, end, tokens, part])
    if len(passages) >= 2 and passages[-1][2] < MIN_TAIL_TOKENS and passages[-2][2] + passages[-1][2] <= max_tokens \
            and passages[-1][1] - passages[-2][0] <= PASSAGE_MAX_CHARS and passages[-1][3] == passages[-2][3]:
        tail = passages.pop()
        passages[-1][1], passages[-1][2] = tail[1], passages[-1][2] + tail[2]
    return [(s, e) for s, e, _, _ in passages]


def chunk_document(
    doc_id: str, pages: Sequence[Page], count_tokens: TokenCounter = approximate_token_count,
    max_tokens: int = PASSAGE_MAX_TOKENS,
) -> list[Chunk]:
    """Every page's passages, numbered in reading order; front matter (ofsted.front_matter) apart from prose."""
    apart: dict[int, list[tuple[int, int]]] = {}
    for span in front_matter_spans([page.text for page in pages]):
        apart.setdefault(span.page, []).append((span.start, span.end))
    chunks: list[Chunk] = []
    for position, page in enumerate(pages):
        for start, end in chunk_page(page.text, count_tokens, max_tokens, apart.get(position, ())):
            chunks.append(Chunk(doc_id, page.number, start, end, page.text[start:end], ordinal=len(chunks)))
    return chunks
