"""End to end with the real bundled model: the command lines a user runs, over the shared seed documents."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.conftest import DATA, SEEDS

ROOT = Path(__file__).resolve().parents[1]
pytestmark = [pytest.mark.model, pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/corpus/seeds is absent")]


CACHE = Path(tempfile.mkdtemp(prefix="inspectqa-cache-"))  # a fresh ONNX export for this run


def run(*args, stdin=None):
    env = dict(os.environ, HF_HUB_OFFLINE="1", INSPECTQA_CACHE=str(CACHE))
    env.pop("INSPECTQA_MODEL", None)
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, input=stdin, capture_output=True, text=True,
                          env=env, timeout=600)


@pytest.fixture(scope="module")
def seed_index(tmp_path_factory):
    index = tmp_path_factory.mktemp("e2e") / "index"
    done = run("ingest", str(SEEDS), str(DATA / "staffordshire-ilacs-2019.pdf"), "--index", str(index), "--quiet")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("6 added")
    return index


def test_a_theme_question_finds_passages_in_at_least_three_seed_documents(seed_index):
    done = run("index", "search", "--index", str(seed_index), "--k", "10", "--json",
               "how did councils improve supervision?")
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)["results"]
    seeds = {r["source"] for r in results if "/seeds/" in r["source"]}
    assert len(seeds) >= 3
    assert any("supervision" in r["text"].lower() for r in results[:3])


def test_a_question_naming_a_council_puts_its_report_first(seed_index):
    done = run("index", "search", "--index", str(seed_index), "--k", "3", "--jsonl",
               stdin="How was Staffordshire judged for care leavers in 2019?\n")
    top = json.loads(done.stdout)["results"][0]
    assert top["source"].endswith("staffordshire-ilacs-2019.pdf")
    assert top["citation"].startswith("Ofsted (2019) Staffordshire") and ", p. " in top["citation"]


def test_reingesting_is_a_no_op_and_the_index_checks_sound(seed_index):
    done = run("ingest", str(SEEDS), "--index", str(seed_index), "--quiet")
    assert done.stdout.startswith("0 added") and "5 skipped" in done.stdout
    assert run("index", "check", "--index", str(seed_index)).returncode == 0


def test_the_fast_question_path_gives_the_same_answers_as_the_full_model(seed_index):
    question = ["index", "search", "--index", str(seed_index), "--json", "how do care leavers find homes?"]
    shutil.rmtree(CACHE, ignore_errors=True)
    full = run(*question)  # loads the full model, then exports it for the next search
    assert list(CACHE.glob("*.onnx")), full.stderr
    fast = run(*question)
    full_hits, fast_hits = (json.loads(done.stdout)["results"] for done in (full, fast))
    assert [(r["doc_id"], r["start"]) for r in fast_hits] == [(r["doc_id"], r["start"]) for r in full_hits]
    assert [r["score"] for r in fast_hits] == pytest.approx([r["score"] for r in full_hits], abs=1e-3)
