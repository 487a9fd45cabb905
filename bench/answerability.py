"""How well "nothing here answers that" and the match labels work, on a question file in the scorer's format.

    python -m bench.answerability --index DIR --questions bench/questions/calibration.jsonl

For each question, `Searcher.ask` answers it once. Prints: the share of `none` questions judged
unanswerable, the share of every other type wrongly judged so, and for each match label (strong, partial,
weak) how many passages carry it and how often such a passage is on the topic by the scorer's own rule
(council_topic: from the named report and meeting the keyword rule; theme: meeting the keyword rule).
The scorer is read from ../shared/eval/score.py.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
from collections import Counter
from pathlib import Path

from bench.common import SCORER
from index.opening import open_for_search


def load_scorer():
    spec = importlib.util.spec_from_file_location("score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.answerability", description=__doc__.splitlines()[0])
    parser.add_argument("--index", required=True)
    parser.add_argument("--questions", type=Path, required=True)
    parser.add_argument("--k", type=int, default=10)
    args = parser.parse_args()
    score = load_scorer()
    searcher = open_for_search(args.index)
    asked: Counter[str] = Counter()
    abstained: Counter[str] = Counter()
    labelled: Counter[str] = Counter()
    on_topic: Counter[str] = Counter()
    for line in args.questions.read_text().splitlines():
        question = json.loads(line)
        response = searcher.ask(question["question"], k=args.k)
        kind = question["type"]
        asked[kind] += 1
        abstained[kind] += not response.answerable
        if kind not in ("council_topic", "theme"):
            continue
        rule = score.compile_rule(question["keywords"])
        for hit in response.hits:
            relevant = score.is_relevant(score.normalise(hit.chunk.text), rule, question.get("keyword_window"))
            if kind == "council_topic":
                relevant = relevant and score.source_matches(hit.document.source, question["doc"])
            labelled[hit.match] += 1
            on_topic[hit.match] += relevant
    for kind in sorted(asked):
        share = abstained[kind] / asked[kind]
        print(f"{kind:<14} n={asked[kind]:<3} " + (f"abstained {share:.3f}" if kind == "none" else f"false abstention {share:.3f}"))
    for label in ("strong", "partial", "weak"):
        if labelled[label]:
            print(f"{label:<8} passages {labelled[label]:>4}  on topic {on_topic[label] / labelled[label]:.3f}")


if __name__ == "__main__":
    main()
