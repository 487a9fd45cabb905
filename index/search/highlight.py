"""Mark the one to three sentences of a passage that best answer the question.

Scoring is lexical and cheap (no second model call per result): a sentence earns the weight of each
question keyword it contains, matched on its first five letters (`word_key`) so 'supervision' finds 'supervised'.
A keyword's weight is its rarity across the whole index (inverse passage frequency), so the question's
topic counts and a word every report uses ('children') does not. A question asking for a figure ("how
many", "what percentage") is answered by a sentence that gives one: a sentence without a figure counts
for FIGURELESS_SHARE of its score.
"""
from __future__ import annotations

import bisect
import functools
import math
import re
from collections.abc import Iterable

from ofsted.front_matter import REPORT_NOTE_CLUES, is_report_note
from text.sentences import NUMBER_MARK, ends_sentence, is_prose_length, paragraph_sentence_spans, qualifies, starts_sentence
from text.words import COMPOUND_PREFIXES
from models import Highlight

MAX_SENTENCES = 3          # marked or quoted at most: a quote a manager reads at a glance
ALSO_MARKED = 0.6          # a sentence scoring this share of the best is marked beside it
KEY_LETTERS = 5             # a word is matched on its first five letters: "supervision" finds "supervised" (word_key)
FIGURELESS_SHARE = 0.5   # of its score, for a sentence without a figure when the question asks for one
# A figure: a number that is not a year ("272", "15 out of 19", "88%", "12,500"; a single digit only before a
# word, not a footnote mark or "Outcome 1)"), or one in words.
_FIGURE = re.compile(r"\b(?!(?:19|20)\d\d\b)\d+(?:[,.]\d+)*\s*%|\b(?!(?:19|20)\d\d\b)\d{2,}(?:[,.]\d+)*\b|\b\d\b(?=\s+[a-z])|"
                     r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|(?:thir|four|fif|six|seven|eigh|nine)teen|"
                     r"(?:twen|thir|for|fif|six|seven|eigh|nine)ty|hundred|thousand|million|half|thirds?|quarters?|"
                     r"per\s?cent)\b", re.IGNORECASE)
# pypdf puts a paragraph's number after the heading before it, past a wide gap ("… in care: outstanding  23.").
_PARAGRAPH_NUMBER = re.compile(rf"(?:\s{{2,}}|\n){NUMBER_MARK}\s*$")
SENTENCE_CACHE = 8192   # passages whose sentence spans and lower case are kept (~4 MB per thousand, with their texts)


def as_adjective(word: str) -> str:
    """A quality as its adjective, whose idea it is: "stability" as "stable", "ability" as "able"."""
    return word[:-6] + "ble" if word.endswith("bility") else word


def word_key(word: str) -> str:
    """A lower-case word's first KEY_LETTERS letters (not a linguistic stem: FTS5's Porter stemmer is
    index.storage.keywords'), a short word without its plural 's' ('homes' is 'home',
    'risks' is 'risk'; 'this' and 'bus' stay): a long word's plural shares its stem anyway. An adverb made from
    a word is a word of its own: "sufficiently" says nothing of sufficiency, "effectively" nothing of effectiveness."""
    if len(word) >= KEY_LETTERS + 4 and word.endswith("ly"):   # as _NOT_ADVERB matches
        return word
    word = as_adjective(word)
    if 3 < len(word) <= KEY_LETTERS and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return word[:KEY_LETTERS]


def term_weights(passage_counts: dict[str, int], total_passages: int) -> dict[str, float]:
    """Inverse passage frequency of each keyword, keyed by its stem."""
    weights: dict[str, float] = {}
    for term, count in passage_counts.items():
        weight = math.log(1 + total_passages / (1 + count))
        key = word_key(term)
        weights[key] = max(weights.get(key, 0.0), weight)
    return weights


def holds_figure(sentence: str) -> bool:
    return _FIGURE.search(_PARAGRAPH_NUMBER.sub("", sentence)) is not None


def weight_held(stems: Iterable[str], weights: dict[str, float]) -> float:
    """The keyword weight of the stems a sentence holds, summed exactly (math.fsum): a set of strings iterates in
    another order in each process (hash randomisation), and a plain sum of the same weights in another order can differ
    in its last digit, so two sentences holding the same words tied in one run and not in the next, and the quote
    changed between runs."""
    return math.fsum(weights.get(stem, 0.0) for stem in stems)


def _score(text: str, start: int, end: int, weight: float, figure: bool) -> float:
    """A sentence's keyword weight, less for one without a figure when the question asks for one."""
    return weight if not figure or holds_figure(text[start:end]) else FIGURELESS_SHARE * weight


def highlight(text: str, weights: dict[str, float], figure: bool = False) -> list[Highlight]:
    """The best sentences, in reading order: the top one and any others scoring ALSO_MARKED as well.
    A sentence cut by the passage's edge (one that runs across a page break) is not marked, nor a heading (a line
    that does not end as a sentence, or asks the report's own question: "What needs to improve?")."""
    spans = _sentences(text)[0]
    first = spans[0][0] if spans else None
    scored = sorted(((_score(text, start, end, weight_held(stems, weights), figure), start, end)
                     for start, end, stems in _keyword_sentences(text, weights)
                     if not (start == first and not starts_sentence(text, start))
                     and ends_sentence(text, start, end) and text[end - 1] != "?"
                     and is_prose_length(text, start, end)),
                    reverse=True)
    if not scored:
        return []
    best = scored[0][0]
    chosen = {(start, end) for score, start, end in scored[:MAX_SENTENCES] if score >= ALSO_MARKED * best}
    # The sentence that qualifies a marked one ("However, …") is marked with it, when it is the next one (a quote can
    # take one a sentence further on, index.search.quotes, but a mark on a sentence between would claim it answers).
    chosen |= {after for before, after in zip(spans, spans[1:]) if before in chosen and qualifies(text[slice(*after)])
               and not re.search(r"\n\s*\n", text[before[1]:after[0]])}
    return [Highlight(start, end) for start, end in sorted(chosen)]


_PREFIXED = re.compile(rf"(?:{COMPOUND_PREFIXES})[-‐]$")   # a keyword after it is another word (text.words)


def sentence_stems(text: str, weights: dict[str, float]) -> list[tuple[int, int, frozenset[str]]]:
    """(start, end, keyword stems it holds) of every sentence of the passage in reading order, a paragraph break
    also ending one; a keyword only as the second half of a prefixed compound ("multi-agency") is not held."""
    pattern = _keyword_pattern(tuple(sorted(weights))) if weights else None
    found = []
    for start, end in paragraph_sentence_spans(text):
        lowered = text[start:end].lower()
        stems = frozenset(word_key(m.group()) for m in pattern.finditer(lowered)
                          if not (m.start() and _WORD_CHAR(lowered[m.start() - 1]))
                          and not _PREFIXED.search(lowered, max(0, m.start() - 7), m.start())) if pattern else frozenset()
        found.append((start, end, stems & weights.keys()))
    return found


def stem_focus(text: str, weights: dict[str, float]) -> float:
    """sentence_focus by sentence_stems: the best sentence's share of the keyword weight."""
    total = sum(weights.values())
    return max((weight_held(stems, weights) for _, _, stems in sentence_stems(text, weights)),
               default=0.0) / (total or 1.0)


def scored_sentences(text: str, weights: dict[str, float], figure: bool = False) -> list[tuple[float, int, int]]:
    """(score, start, end) of every sentence of the passage in reading order, a paragraph break also ending
    one; a sentence's score is the weight of the question's keywords it holds (0 for none), less without a
    figure when one is asked for."""
    pattern = _keyword_pattern(tuple(sorted(weights))) if weights else None
    scored = []
    for start, end in paragraph_sentence_spans(text):
        lowered = text[start:end].lower()
        stems = {word_key(m.group()) for m in pattern.finditer(lowered)
                 if not (m.start() and _WORD_CHAR(lowered[m.start() - 1]))} if pattern else set()
        scored.append((_score(text, start, end, weight_held(stems, weights), figure), start, end))
    return scored


def sentence_focus(text: str, weights: dict[str, float], figure: bool = False) -> float:
    """The share (0..1) of the question's keyword weight found together in one sentence of the passage
    (less for a sentence without a figure, when the question asks for one).

    A passage that names the topic in passing scores low; one with a sentence about it scores high:
    the words of a question standing close together is a classic sign of relevance that BM25 ignores."""
    total = sum(weights.values())
    sentences = _keyword_sentences(text, weights) if total else []
    return max((_score(text, start, end, weight_held(stems, weights), figure) for start, end, stems in sentences),
               default=0.0) / (total or 1.0)


def _keyword_sentences(text: str, weights: dict[str, float]) -> list[tuple[int, int, set[str]]]:
    """(start, end, keyword stems) of each sentence holding any keyword. The words are found with one
    compiled pattern over the whole passage, not sentence by sentence: sentence_focus runs on ~200
    passages per question."""
    if not weights:
        return []
    spans, ends, lowered = _sentences(text)
    pattern = _keyword_pattern(tuple(sorted(weights)))
    matches = [(m.start(), word_key(m.group())) for m in pattern.finditer(lowered)
               if not (m.start() and _WORD_CHAR(lowered[m.start() - 1]))]
    if not matches:
        return []
    found: dict[int, set[str]] = {}
    for position, word_stem in matches:
        if word_stem in weights and (i := bisect.bisect_right(ends, position)) < len(spans):
            found.setdefault(i, set()).add(word_stem)
    notes = any(clue in lowered for clue in REPORT_NOTE_CLUES)   # the template's note on the report: no answer
    return [(*spans[i], stems) for i, stems in sorted(found.items())
            if not (notes and is_report_note(text[spans[i][0]:spans[i][1]]))]


@functools.lru_cache(maxsize=SENTENCE_CACHE)
def _sentences(text: str) -> tuple[list[tuple[int, int]], list[int], str]:
    """A passage's sentence spans, their ends and its lower-case text, kept across questions: the same
    passages come back question after question, and splitting them was a tenth of a search's time."""
    spans = paragraph_sentence_spans(text)   # a heading on its own line is not part of the sentence after it
    lowered = text.lower()
    if len(lowered) != len(text):  # a rare letter whose lower case is longer: positions would shift
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return spans, [end for _, end in spans], lowered


_NOT_ADVERB = r"(?![a-z0-9]{2,}ly(?![a-z0-9]))"


@functools.lru_cache(maxsize=256)
def _keyword_pattern(stems: tuple[str, ...]) -> re.Pattern:
    """Lower-case words whose stem is a keyword stem (a shorter stem is a whole short word, or its
    plural). No look-behind: the pattern then starts with plain letters, which re scans for quickly; the
    caller drops matches that start inside a word. An adverb made from the word is another word: "sufficiently"
    says nothing of sufficiency, "effectively" nothing of effectiveness ("family", "early" are no adverbs)."""
    alternatives = [re.escape(s) + (_NOT_ADVERB + "[a-z0-9]*" if len(s) == KEY_LETTERS else "s?(?![a-z0-9])")
                    for s in stems]
    return re.compile("(?:" + "|".join(alternatives) + ")")


_WORD_CHAR = re.compile("[a-z0-9]").fullmatch
