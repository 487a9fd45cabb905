"""Sentence boundaries, shared by chunking (ingest) and answer highlighting (search)."""
from __future__ import annotations

import re

# A sentence ends at . ! ? (maybe followed by a closing quote or bracket) before whitespace and a
# capital, digit, opening quote or bullet. Good enough for reports; abbreviations rarely precede a capital.
# The pattern starts at the stop itself (a plain character class is found fast; a look-behind is tried at
# every position), so a sentence ends one character after the match starts.
# A bullet inside a line starts an item of its own, whatever ends the text before it ("… initial referrals • Review
# supervision processes …", a committee paper's list run into one paragraph).
# A list item's marks; the private-use ones are Wingdings and Symbol bullets as pypdf reads them (\uf02d, \uf0be: the
# dashes of a SIF report's sub-items, "Of this 109, 5% returned … \uf02d eight young people ceased …").
BULLET_MARKS = "◼•▪■●\uf06e\uf0a7\uf02d\uf0be\uf0b7"
BULLETS = f"[{BULLET_MARKS}]"
# A paragraph's or a list item's number as reports print it ("12.", "1."): a mark, not a sentence of its own.
NUMBER_MARK = r"\d{1,3}\."
_SENTENCE_BOUNDARY = re.compile(rf"[.!?][\"'”’)\]]?\s+(?=[A-Z0-9\"'“‘({BULLET_MARKS}])|(?P<bullet>(?<=\s){BULLETS}(?=\s))")


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


PARAGRAPH_BREAK = re.compile(r"\n\s*\n")   # a blank line: pypdf's and our cleaning's end of a paragraph


def paragraph_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each paragraph of the text between start and end: runs of text between blank lines."""
    end = len(text) if end is None else end
    edges = [start, *(m for match in PARAGRAPH_BREAK.finditer(text, start, end) for m in match.span()), end]
    return [trim_span(text, s, e) for s, e in zip(edges[::2], edges[1::2]) if text[s:e].strip()]


def paragraph_sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence offsets that also end at paragraph breaks (a heading line is not part of the sentence after it)."""
    spans, cursor = [], 0
    for match in PARAGRAPH_BREAK.finditer(text):
        spans += sentence_spans(text, cursor, match.start())
        cursor = match.end()
    return spans + sentence_spans(text, cursor)


_STARTS_SENTENCE = re.compile(rf"[A-Z0-9\"'“‘({BULLET_MARKS}]")
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


# A sentence that opens by qualifying the one before it: a quote ending before it tells half of the finding
# ("Supervision practices have improved. However, there are still areas for further development.").
_QUALIFIES = re.compile(r"\s*(?:However|But|Yet|Nevertheless|Nonetheless|Even\s+so|That\s+said|Despite\s+th(?:is|at|ese))\b")


def qualifies(sentence: str) -> bool:
    """Whether the sentence opens by qualifying the one before it."""
    return _QUALIFIES.match(sentence) is not None


# A sentence that leans on the one before it: it qualifies it (above), opens with a connective ("In addition", "As a
# result", "For example"; not "As a result of an audit …", which names its cause) or a pronoun ("They", "It"), or
# points back early on ("This has shaped …", "The impact of these coordinated interventions …", "Importantly, this
# enables them …"). Quoted alone it says "these" of nothing. "This inspection", "this report" and "this local
# authority" point at the document or its subject; "such as" gives examples; "those who …" says whom it means.
_REFERS_BACK = re.compile(
    r"(?:In\s+addition(?!\s+to\b)|Additionally|Also|Consequently|Therefore|Furthermore|Moreover|Similarly|Likewise|"
    r"As\s+a\s+(?:result|consequence)(?!\s+of\s+(?!th(?:is|ese|at|ose)\b|it\b|them\b))|"
    r"In\s+turn|For\s+(?:example|instance)|It|They|Their|Its|Both|Here)\b|"
    r"(?:[A-Za-z’'-]+,?\s+){0,3}?(?:[Tt]his|[Tt]hese|[Tt]hose(?!\s+(?:who|that|aged)\b)|[Ss]uch(?!\s+as\b))\b"
    r"(?!\s+(?:inspection|report|visit|year|period|time|judgement|framework|local\s+authority|council)\b)")


# Examples given in passing, closing a sentence: "…, such as front door response.", "…, for example in mitigating
# risk during … the integrated front door." Only a last clause, with no comma of its own: one the sentence goes on
# after ("…, for example those of unaccompanied children, the local authority recruits …") is part of what it says;
# so is what a sentence includes ("The Through Care team's approach …, including leaving care").
_EXAMPLE_ASIDE = re.compile(r"(?:,|—|–)\s*(?:(?:such\s+as|for\s+(?:example|instance))\b|e\.g\.)[^,;:()]*?"
                            r"(?=[.!?][\"'”’)\]]*(?:\s|$))", re.IGNORECASE)


def without_asides(text: str, *others: re.Pattern) -> str:
    """The text without its examples given in passing (_EXAMPLE_ASIDE) nor the other asides given: what its sentences
    say in their own right."""
    for aside in (_EXAMPLE_ASIDE, *others):
        text = aside.sub(" ", text)
    return text


def refers_back(sentence: str) -> bool:
    """Whether the sentence leans on the one before it for its meaning (_REFERS_BACK)."""
    sentence = sentence.lstrip(BULLET_MARKS + " \t")
    return qualifies(sentence) or _REFERS_BACK.match(sentence) is not None


def starts_item(sentence: str) -> bool:
    """Whether the sentence is a list item of its own ("◼ Their plans …"): it leans on no sentence before it."""
    first = sentence.lstrip()[:1]
    return bool(first) and first in BULLET_MARKS
