"""End to end with the real bundled model: the command lines a user runs, over the shared seed documents."""
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pytest

from index.storage.passage_path import MIN_COSINE
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


def test_the_first_run_exports_the_model_for_onnxruntime_and_later_runs_skip_torch(seed_index):
    exports = sorted(p.name for p in CACHE.glob("*.onnx"))
    assert len(exports) == 2 and exports[0].endswith("-int8.onnx")
    probe = ("import index.opening, sys; s = index.opening.open_for_search(sys.argv[1]);"
             "print(len(s.search('care leavers')), 'torch' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", probe, str(seed_index)], cwd=ROOT, capture_output=True, text=True,
                          env=dict(os.environ, HF_HUB_OFFLINE="1", INSPECTQA_CACHE=str(CACHE)), timeout=120)
    assert done.stdout.split() == ["10", "False"], done.stderr


def test_the_exported_model_embeds_as_the_torch_model_does(tmp_path, monkeypatch):
    from index.storage import onnx_model
    from index.storage.embedder import DEFAULT_MODEL, SentenceTransformerEmbedder

    monkeypatch.setenv("INSPECTQA_CACHE", str(tmp_path))
    full = SentenceTransformerEmbedder(DEFAULT_MODEL)
    onnx_model.export(full)
    exported = onnx_model.try_load(DEFAULT_MODEL, full.dim)
    assert exported is not None and exported.passage_path is None  # nothing measured until passages come
    passages = [p.read_text(encoding="utf-8")[:1200] for p in sorted(SEEDS.iterdir()) if p.suffix in {".txt", ".md"}]
    passages += ["Supervision is regular and reflective.", "how was Derby rated for care leavers in 2025?"]
    assert exported.count_tokens(passages) == full.count_tokens(passages)
    cosines = np.sum(exported.embed(passages) * full.embed(passages), axis=1)
    assert cosines.min() >= MIN_COSINE
    # The first passages measured each way this CPU offers and kept the fastest that agrees with fp32,
    # remembered beside the exports: a second load reads the choice instead of measuring again.
    path = exported.passage_path
    agreeing = {way: m for way, m in path.measured.items() if m.min_cosine >= MIN_COSINE}
    assert {"onnx-int8", "onnx-fp32"} <= set(path.measured) and path.chosen in agreeing
    # int8 weights stay within the export's own check but below the passage bar: without native bf16, fp32.
    assert onnx_model.MIN_INT8_COSINE <= path.measured["onnx-int8"].min_cosine < MIN_COSINE
    assert "torch-bf16" in path.measured or path.chosen == "onnx-fp32"
    assert agreeing[path.chosen].passages_per_s == max(m.passages_per_s for m in agreeing.values())
    assert len(list(tmp_path.glob("passage-path-*.json"))) == 1
    again = onnx_model.try_load(DEFAULT_MODEL, full.dim)
    again.embed(passages[:1])
    assert again.passage_path == path
    question = "how did councils improve supervision?"
    assert float(exported.embed_query(question) @ full.embed_query(question)) >= 0.9999
    monkeypatch.setenv("INSPECTQA_PRECISION", "fp32")
    exact = onnx_model.try_load(DEFAULT_MODEL, full.dim)
    assert np.sum(exact.embed(passages) * full.embed(passages), axis=1).min() >= 0.9999
    assert exact.passage_path.chosen == "onnx-fp32" and "INSPECTQA_PRECISION=fp32" in exact.passage_path.describe()
