"""An optional cross-encoder that reads the question and each top passage together, where one is installed.

A cross-encoder (e.g. a local copy of cross-encoder/ms-marco-MiniLM-L-6-v2) judges relevance better
than comparing two separately made vectors, at ~10 ms a passage on these CPUs, so it only re-orders the
best RERANK_DEPTH passages of the fused ranking. Nothing is fetched from a hub: INSPECTQA_RERANKER names a
local folder, and without it searches run exactly as before. Its effect on the dev questions could not be
measured here (no cross-encoder is installed on our machines and none may be downloaded).
"""
from __future__ import annotations

import functools
import math
import os
from collections.abc import Sequence

from errors import ModelLoadError

RERANKER_ENV = "INSPECTQA_RERANKER"
RERANK_DEPTH = 30      # passages re-read per question
RERANK_WEIGHT = 1.0    # times its probability, added: as much as keywords and meaning together; metadata credit still counts


class CrossEncoderReranker:
    def __init__(self, location: str):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        try:
            from sentence_transformers import CrossEncoder

            self._model = CrossEncoder(os.path.expanduser(location), device="cpu", local_files_only=True)
        except Exception as exc:  # any failure inside the model library becomes one clear message
            raise ModelLoadError(location, str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from None
        self.name = location

    def relevance(self, question: str, passages: Sequence[str]) -> list[float]:
        """A probability-like relevance in 0..1 per passage (the model's logit through a sigmoid)."""
        if not passages:
            return []
        import torch

        logits = self._model.predict([(question, p) for p in passages], show_progress_bar=False,
                                     activation_fn=torch.nn.Identity(), convert_to_numpy=True)
        return [1.0 / (1.0 + math.exp(-float(x))) for x in logits.reshape(-1)]


@functools.lru_cache(maxsize=2)
def load_reranker(location: str | None = None) -> CrossEncoderReranker | None:
    """The configured cross-encoder (argument, else INSPECTQA_RERANKER), or None when none is configured."""
    location = location or os.environ.get(RERANKER_ENV)
    return CrossEncoderReranker(location) if location else None
