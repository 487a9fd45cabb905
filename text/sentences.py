"""Sentence boundaries, shared by chunking (ingest) and answer highlighting (search)."""
from __future__ import annotations

import re

# A sentence ends at . ! ? (maybe followed by a closing quote or bracket) before whitespace and a
# capital, digit, opening quote or bullet. Good enough for reports; abbreviations rarely precede a capital.
# The pattern starts at the stop itself (a plain character class is found fast; a look-behind is tried at
# every position), so a sentence ends one character after the match starts.
# A bullet inside a line starts an item of its own, whatever ends the text before it ("… initial referrals • Review
# supervision processes …", a committee paper's list run into one paragraph).
_SENTENCE_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]?\s+(?=[A-Z0-9\"'“‘(◼•●▪■])|(?P<bullet>(?<=\s)[◼•●▪■](?=\s))")


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
        if match.group("bullet"):
            spans.append((cursor, match.start()))
            cursor = match.start()
        else:
            spans.append((cursor, match.start() + 1))
            cursor = match.end()
    spans.append((cursor, end))
    return [trim_span(text, s, e) for s, e in spans if text[s:e].strip()]


def paragraph_sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence offsets that also end at paragraph breaks (a heading line is not part of the sentence after it)."""
    spans, cursor = [], 0
    for match in re.finditer(r"\n\s*\n", text):
        spans += sentence_spans(text, cursor, match.start())
        cursor = match.end()
    return spans + sentence_spans(text, cursor)


_STARTS_SENTENCE = re.compile(r"[A-Z0-9\"'“‘(•●▪■◼]")
_ENDS_SENTENCE = re.compile(r"[.!?:;][\"'”’)\]]*$")


def starts_sentence(text: str, start: int) -> bool:
    """Whether text[start:] begins as a sentence does, not in the middle of one cut at a page break."""
    return bool(_STARTS_SENTENCE.match(text, start))


def ends_sentence(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] ends as a sentence does (a full stop, question mark, colon or semicolon)."""
    return bool(_ENDS_SENTENCE.search(text, start, end))


def is_whole(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] reads as a whole sentence: it starts as one and ends as one."""
    return starts_sentence(text, start) and ends_sentence(text, start, end)


# Ofsted's longest sentences run to about 70 words; a "sentence" longer than this is a cover page or a judgement
# table flattened into one line ("Inspection of Wigan … Inspection dates: … Judgement Grade …"): never marked or
# quoted as an answer.
LONGEST_SENTENCE_WORDS = 90


def is_prose_length(text: str, start: int, end: int) -> bool:
    return len(text[start:end].split()) <= LONGEST_SENTENCE_WORDS


# A sentence that leans on the one before it: it opens with a connective ("In addition", "As a result"), a pronoun
# ("They", "It") or a pointing word early on ("This has shaped …", "The impact of these coordinated interventions …").
# Quoted alone it says "these" of nothing. "This inspection" and "this report" point at the document, not back.
_REFERS_BACK = re.compile(
    r"(?:In\s+addition(?!\s+to\b)|Additionally|Also|As\s+a\s+result|Consequently|Therefore|Furthermore|Moreover|Similarly|"
    r"Likewise|In\s+turn|It|They|Their|Its|Both|Here)\b|"
    r"(?:[A-Za-z’'-]+\s+){0,3}?(?:[Tt]his|[Tt]hese|[Tt]hose|[Ss]uch)\b"
    r"(?!\s+(?:inspection|report|visit|year|period|time|judgement|framework)\b)")


def refers_back(sentence: str) -> bool:
    """Whether the sentence leans on the one before it for its meaning (_REFERS_BACK)."""
    return _REFERS_BACK.match(sentence.lstrip("•●▪■◼ \t")) is not None
