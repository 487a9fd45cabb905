"""Digest figures for theme questions the judges' set did not give evidence for (`bench/questions/calibration.jsonl`):
each theme question's `evidence` worked out as `../shared/eval/README.md` defines it, so the scorer's digest
coverage, precision and currency can be read on a second set, not only on the dev one.

    python -m bench.evidence --index /tmp/dev_index bench/questions/calibration.jsonl > /tmp/cal_theme.jsonl
    python -m bench.run ... or score /tmp/cal_theme.jsonl as any question file (bench/questions/README.md)

A council's evidence is its latest report (by the date the index read for it) with a page meeting the question's
keyword rule, matched by the scorer's own functions (`compile_rule`, `is_relevant`, `normalise`), imported from
score.py beside the repository; a rule of two or more word groups is matched within a 30-word window, as every
dev theme rule of two groups is. On the dev themes this gives the scorer's own evidence, council for council and
report for report, for 587 of 588 councils (dt059's one other is a same-day pair of reports).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

from bench.common import SCORER

WINDOW = 30   # words, for a rule of two or more groups: the dev set's theme rules all use it


def _scorer(path: Path):
    spec = importlib.util.spec_from_file_location("score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def folder_of(source: str) -> str:
    """The evidence key the scorer uses: a report's `<urn>_<council>` folder, or a seed file's own name."""
    parts = Path(source).parts
    return parts[-1] if len(parts) > 1 and parts[-2] == "seeds" else parts[-2]


def with_evidence(question: dict, pages: dict[str, list[str]], sources: dict[str, tuple[str, str]], score) -> dict:
    """The theme question with `evidence` {folder: its latest report meeting the rule, as '<folder>/<file>'}."""
    rule = score.compile_rule(question["keywords"])
    window = question.get("keyword_window") or (WINDOW if len(question["keywords"]) > 1 else None)
    latest: dict[str, tuple[str, str]] = {}
    for doc_id, texts in pages.items():
        date, source = sources[doc_id]
        if any(score.is_relevant(text, rule, window) for text in texts):
            folder = folder_of(source)
            if folder not in latest or date > latest[folder][0]:
                latest[folder] = (date, f"{Path(source).parent.name}/{Path(source).name}")
    evidence = {folder: path for folder, (_, path) in sorted(latest.items())}
    return question | {"keyword_window": window, "evidence": evidence}


def main(argv: list[str] | None = None) -> int:
    from index.storage.store import Store

    parser = argparse.ArgumentParser(prog="python -m bench.evidence", description=__doc__.splitlines()[0])
    parser.add_argument("questions", type=Path, help="JSONL; its theme questions with 'keywords' get evidence")
    parser.add_argument("--index", type=Path, required=True, help="an index of the corpus the questions are about")
    parser.add_argument("--scorer", type=Path, default=SCORER)
    args = parser.parse_args(argv)
    score = _scorer(args.scorer)
    store = Store.open(args.index)
    documents = store.documents()
    pages = {d.doc_id: [score.normalise(page.text) for page in store.pages(d.doc_id)] for d in documents}
    sources = {d.doc_id: (d.metadata.date or "", d.source) for d in documents}
    for line in args.questions.read_text().splitlines():
        if line.strip() and (question := json.loads(line)).get("type") == "theme" and question.get("keywords"):
            print(json.dumps(with_evidence(question, pages, sources, score)))
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
