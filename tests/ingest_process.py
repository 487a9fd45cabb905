"""Run `python -m ingest` as a real process with the fast test embedder, over generated reports.

The runner patches index.opening.load_embedder in the child before calling ingest.__main__.main, so the
product has no test hook; `start_new_session` puts the ingest and its reader child in one process group.
"""
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FILES = 40
RUNNER = """
import sys
import index.opening
from tests.conftest import HashingEmbedder
index.opening.load_embedder = lambda name=None: HashingEmbedder()
import ingest.__main__ as cli
sys.exit(cli.main(sys.argv[1:]))
"""
WORDS = ("supervision care leavers advisers placement stability children social workers council "
         "inspection reflective plans").split()


def make_reports(folder: Path, numbers: range = range(FILES)) -> None:
    """~60 KB reports, each the same for the same number: enough chunks per report that a kill often
    lands inside a document's transaction."""
    folder.mkdir()
    for i in numbers:
        rng = random.Random(i)
        paragraphs = [" ".join(" ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20))).capitalize() + "."
                               for _ in range(4)) for _ in range(80)]
        (folder / f"report-{i:02d}.txt").write_text(f"Report {i} of Crashshire.\n\n" + "\n\n".join(paragraphs))


def start_ingest(folder: Path, index: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", RUNNER, str(folder), "--index", str(index), "--quiet"],
                            cwd=ROOT, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
