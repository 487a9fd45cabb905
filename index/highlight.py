"""Mark the one to three sentences of a passage that best answer the question.

Scoring is lexical and cheap (no second model call per result): a sentence earns the weight of each
question keyword it contains, matched on a five-letter stem so 'supervision' finds 'supervised'.
A keyword's weight is its rarity across the whole index (inverse passage frequency), so the question's
topic counts and a word every report uses ('children') does not.
"""
from __future__ import annotations

import bisect
import functools
import math
import re
from index.sentences import sentence_spans
from models import Highlight

MAX_SENTENCES = 3
STEM = 5


def stem(word: str) -> str:
    """A lower-case word's first STEM letters, a short word without its plural 's' ('homes' is 'home',
    'risks' is 'risk'; 'this' and 'bus' stay): a long word's plural shares its stem anyway."""
    if 3 < len(word) <= STEM and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return word[:STEM]


def _stems(text: str) -> set[str]:
    return {stem(word) for word in re.findall(r"[a-z0-9]+", text.lower()) if len(word) > 1}


def term_weights(passage_counts: dict[str, int], total_passages: int) -> dict[str, float]:
    """Inverse passage frequency of each keyword, keyed by its stem."""
    weights: dict[str, float] = {}
    for term, count in passage_counts.items():
        weight = math.log(1 + total_passages / (1 + count))
        key = stem(term)
        weights[key] = max(weights.get(key, 0.0), weight)
    return weights


def highlight(text: str, weights: dict[str, float]) -> list[Highlight]:
    """The best sentences, in reading order: the top one and any others scoring at least 60% as well."""
    if not weights:
        return []
    scored = []
    for start, end in sentence_spans(text):
        found = _stems(text[start:end]) & weights.keys()
        score = sum(weights[s] for s in found)
        if score > 0:
            scored.append((score, start, end))
    if not scored:
        return []
    scored.sort(reverse=True)
    best = scored[0][0]
    chosen = [item for item in scored[:MAX_SENTENCES] if item[0] >= 0.6 * best]
    return [Highlight(start, end) for _, start, end in sorted(chosen, key=lambda item: item[1])]


def sentence_focus(text: str, weights: dict[str, float]) -> float:
    """The share (0..1) of the question's keyword weight found together in one sentence of the passage.

    A passage that names the topic in passing scores low; one with a sentence about it scores high:
    the words of a question standing close together is a classic sign of relevance that BM25 ignores.
    Matches words as _stems does, but with one compiled pattern: it runs on ~200 passages per question."""
    total = sum(weights.values())
    if not total:
        return 0.0
    pattern = _keyword_pattern(tuple(sorted(weights)))
    lowered = text.lower()
    if len(lowered) != len(text):  # a rare letter whose lower case is longer: positions would shift
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    matches = [(m.start(), stem(m.group())) for m in pattern.finditer(lowered)
               if not (m.start() and _WORD_CHAR(lowered[m.start() - 1]))]
    if not matches:
        return 0.0
    ends = [end for _, end in sentence_spans(text)]
    per_sentence: dict[int, set[str]] = {}
    for position, word_stem in matches:
        per_sentence.setdefault(bisect.bisect_right(ends, position), set()).add(word_stem)
    return max(sum(weights[s] for s in stems if s in weights) for stems in per_sentence.values()) / total


@functools.lru_cache(maxsize=256)
def _keyword_pattern(stems: tuple[str, ...]) -> re.Pattern:
    """Lower-case words whose stem is a keyword stem (a shorter stem is a whole short word, or its
    plural). No look-behind: the pattern then starts with plain letters, which re scans for quickly; the
    caller drops matches that start inside a word."""
    alternatives = [re.escape(s) + ("[a-z0-9]*" if len(s) == STEM else "s?(?![a-z0-9])") for s in stems]
    return re.compile("(?:" + "|".join(alternatives) + ")")


_WORD_CHAR = re.compile("[a-z0-9]").fullmatch
