"""Every number that tunes how a question is answered, with its reason, read from the modules that use it: the
table in docs/tuning.md is made from this (`python -m index.search.tuning > docs/tuning.md`) and a test keeps the
two in step, so a number has one home, in its module, and the docs never restate it by hand."""
from __future__ import annotations

import re
from pathlib import Path

MODULES = ("index/search/ranking.py", "index/search/relevance.py", "index/search/highlight.py",
           "index/search/quotes.py", "index/search/digest.py", "index/search/findings.py", "index/search/ideas.py",
           "index/search/grouping.py", "index/search/query.py", "index/search/conversation.py",
           "index/search/searcher.py", "index/search/rerank.py", "ingest/chunking.py")
_CONSTANT = re.compile(r"^([A-Z][A-Z0-9_]*) = ([0-9][0-9_.]*)\s*(?:#\s*(.*))?$")
_COMMENT = re.compile(r"^#\s?(.*)$")


def tuning_values(root: Path) -> list[tuple[str, str, str, str]]:
    """(module, name, value, reason) of each module-level number: its reason is its line's comment, else the
    comment above it (past numbers without a comment of their own, which share it)."""
    found = []
    for module in MODULES:
        lines = (root / module).read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            match = _CONSTANT.match(line)
            if not match:
                continue
            name, value, reason = match.groups()
            j = i - 1
            while not reason and j >= 0 and _CONSTANT.match(lines[j]) and not _CONSTANT.match(lines[j]).group(3):
                j -= 1
            block = []
            while not reason and j >= 0 and (comment := _COMMENT.match(lines[j])):
                block.insert(0, comment.group(1))
                j -= 1
            found.append((module, name, value, reason or " ".join(block)))
    return found


def markdown(root: Path) -> str:
    rows = [f"| `{name}` | {value} | `{module}` | {reason.replace('|', '/')} |"
            for module, name, value, reason in tuning_values(root)]
    return "\n".join([
        "# Tuning values",
        "",
        "Every number that tunes how a question is answered, with its reason, as its module states it. Made by",
        "`python -m index.search.tuning > docs/tuning.md`; `tests/test_docs.py` fails when this page and the code differ.",
        "",
        "| name | value | module | why |",
        "|---|---|---|---|",
        *rows,
        "",
    ])


if __name__ == "__main__":
    print(markdown(Path(__file__).resolve().parents[2]), end="")
