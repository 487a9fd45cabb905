"""What several bench scripts need, written once so that each figure is computed one way in all of them.

Light on purpose (standard library only): bench.app_server, which the browser test imports, uses it too.
"""
from __future__ import annotations

import json
import math
import resource
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "eval" / "score.py"          # the judges' scorer, beside the repository
DEV_QUESTIONS = ROOT.parent / "shared" / "eval" / "dev_questions.jsonl"


def read_questions(path: Path) -> list[str]:
    """The questions of a .jsonl file (its 'question' fields, as score.py reads them) or of a text file, one a line."""
    lines = [line for line in path.read_text().splitlines() if line.strip()]
    return [json.loads(line)["question"] for line in lines] if path.suffix == ".jsonl" else lines


def percentile(values: list[float], share: float) -> float:
    """Nearest rank: the smallest value with at least `share` of the values at or below it (0.0 for none)."""
    ordered = sorted(values)
    if not ordered:
        return 0.0
    rank = math.ceil(share * len(ordered) - 1e-9)  # 1e-9: 0.07 * 100 is 7.000000000000001 in floats, rank 7
    return ordered[min(len(ordered), max(1, rank)) - 1]


def peak_mb() -> float:
    """This process's peak resident memory so far, in MB (Linux reports ru_maxrss in KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def score(questions: Path, results: Path, per_question: Path) -> subprocess.CompletedProcess[str]:
    """Run the judges' scorer on a results file, exactly as they run it; the caller decides what a failure means."""
    return subprocess.run([sys.executable, str(SCORER), str(questions), str(results), "--per-question", str(per_question)],
                          capture_output=True, text=True)
