"""Mark the one to three sentences of a passage that best answer the question.

Scoring is lexical and cheap (no second model call per result): a sentence earns the weight of each
question keyword it contains, matched on a five-letter stem so 'supervision' finds 'supervised';
keywords found in most candidate passages weigh little, rare ones a lot.
"""
from __future__ import annotations

import math
import re
from collections.abc import Sequence

from index.sentences import sentence_spans
from models import Highlight

MAX_SENTENCES = 3
STEM = 5


def _stems(text: str) -> set[str]:
    return {word[:STEM] for word in re.findall(r"[a-z0-9]+", text.lower()) if len(word) > 1}


def term_weights(terms: Sequence[str], passages: Sequence[str]) -> dict[str, float]:
    """Inverse passage frequency of each keyword stem across the passages being shown."""
    stems = {term[:STEM] for term in terms}
    passage_stems = [_stems(p) for p in passages]
    n = max(len(passages), 1)
    return {s: math.log(1 + n / (1 + sum(s in ps for ps in passage_stems))) + 0.1 for s in stems}


def highlight(text: str, weights: dict[str, float]) -> list[Highlight]:
    """The best sentences, in reading order: the top one and any others scoring at least half as well."""
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
    chosen = [item for item in scored[:MAX_SENTENCES] if item[0] >= best / 2]
    return [Highlight(start, end) for _, start, end in sorted(chosen, key=lambda item: item[1])]
