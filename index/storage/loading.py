"""Which embedder a process uses: the bundled model on onnxruntime once exported, else torch. Apart from both
(index.storage.embedder, index.storage.onnx_model) so that neither imports the other back."""
from __future__ import annotations

import functools

from index.storage import onnx_model
from index.storage.embedder import Embedder, SentenceTransformerEmbedder, configured_model_name


@functools.lru_cache(maxsize=4)
def load_embedder(name: str | None = None) -> Embedder:
    """Load a model once per process; the CLIs and the app share this cache.

    The bundled model runs on onnxruntime (index.storage.onnx_model) once it has been exported, which the first
    load does from the torch model; other models, and a machine where the export fails, use torch.
    """
    name = configured_model_name(name)
    if (exported := onnx_model.try_load(name)) is not None:
        return exported
    full = SentenceTransformerEmbedder(name)
    onnx_model.export(full)
    return onnx_model.try_load(name, full.dim) or full
