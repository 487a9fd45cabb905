"""Interaction speed as a user feels it: from pressing Enter in the chat box to the first passage on screen.

    python -m bench.latency [--index DIR] [--questions FILE.jsonl] [--n 20]

Real browser (headless Chromium), real `streamlit run app.py`, the index's own model. Each question is
typed, Enter is pressed, and the clock stops when the new answer's first excerpt is in the DOM. The
conversation grows as it would for a user, so later questions also pay for redrawing earlier answers;
the conversation is reset every `--per-conversation` questions. The questions must be ones the index answers:
for one it does not, the passages are folded away and no excerpt ever shows (`ask` times out).
"""
from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

from bench.app_server import ask, browser_page, open_app, running_app
from bench.common import DEV_QUESTIONS, percentile, read_questions


def main(argv: list[str] | None = None) -> int:
    from index.opening import index_path

    parser = argparse.ArgumentParser(prog="python -m bench.latency", description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, default=None)
    parser.add_argument("--questions", type=Path, default=DEV_QUESTIONS, help="JSONL with a 'question' field, or .txt")
    parser.add_argument("--n", type=int, default=20, help="how many questions")
    parser.add_argument("--per-conversation", type=int, default=5, help="questions before 'New conversation'")
    args = parser.parse_args(argv)
    questions = read_questions(args.questions)[: args.n]
    timings = []
    with running_app((args.index or index_path()).resolve()) as url, browser_page() as page:
        open_app(page, url)
        # The first search pays for loading the vector file. A question the library answers: one it does not
        # ("warm up") folds its passages away, and `ask` would wait for a passage on screen until it timed out.
        ask(page, "how did councils improve supervision?")
        for number, question in enumerate(questions):
            if number % args.per_conversation == 0:
                page.get_by_role("button", name="New conversation").click()
                page.wait_for_function("document.querySelectorAll('[data-testid=\"stChatMessage\"]').length === 0")
            timings.append(ask(page, question))
            print(f"{timings[-1]:.3f} s  {question}")
    print(f"{len(timings)} questions: median {statistics.median(timings):.3f} s, "
          f"90th percentile {percentile(timings, 0.9):.3f} s, worst {max(timings):.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
