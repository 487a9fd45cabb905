"""Sentence boundaries, shared by chunking (ingest) and answer highlighting (search)."""
from __future__ import annotations

import re

# A sentence ends at . ! ? (maybe followed by a closing quote or bracket) before whitespace and a
# capital, digit, opening quote or bullet. Good enough for reports; abbreviations rarely precede a capital.
# The pattern starts at the stop itself (a plain character class is found fast; a look-behind is tried at
# every position), so a sentence ends one character after the match starts.
_SENTENCE_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]?\s+(?=[A-Z0-9\"'“‘(◼•●▪■])")


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences in text[start:end], whitespace trimmed."""
    end = len(text) if end is None else end
    spans, cursor = [], start
    for match in _SENTENCE_BOUNDARY.finditer(text, start, end):
        spans.append((cursor, match.start() + 1))
        cursor = match.end()
    spans.append((cursor, end))
    return [trim_span(text, s, e) for s, e in spans if text[s:e].strip()]
