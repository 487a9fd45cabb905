"""Mark the one to three sentences of a passage that best answer the question.

Scoring is lexical and cheap (no second model call per result): a sentence earns the weight of each
question keyword it contains, matched on a five-letter stem so 'supervision' finds 'supervised'.
A keyword's weight is its rarity across the whole index (inverse passage frequency), so the question's
topic counts and a word every report uses ('children') does not.
"""
from __future__ import annotations

import math
import re
from index.sentences import sentence_spans
from models import Highlight

MAX_SENTENCES = 3
STEM = 5


def _stems(text: str) -> set[str]:
    return {word[:STEM] for word in re.findall(r"[a-z0-9]+", text.lower()) if len(word) > 1}


def term_weights(passage_counts: dict[str, int], total_passages: int) -> dict[str, float]:
    """Inverse passage frequency of each keyword, keyed by its stem."""
    weights: dict[str, float] = {}
    for term, count in passage_counts.items():
        weight = math.log(1 + total_passages / (1 + count))
        weights[term[:STEM]] = max(weights.get(term[:STEM], 0.0), weight)
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
    the words of a question standing close together is a classic sign of relevance that BM25 ignores."""
    total = sum(weights.values())
    if not total:
        return 0.0
    return max((sum(weights[s] for s in _stems(text[a:b]) & weights.keys()) for a, b in sentence_spans(text)),
               default=0.0) / total
