"""What keeps an ingest's memory bounded whatever a folder holds (bench/RESULTS.md, "Ingest memory")."""
from pathlib import Path

import numpy as np
import pytest

from errors import UnreadableFileError
from index.storage import onnx_model
from index.storage.embedder import DEFAULT_MODEL
from ingest import worker
from ingest.worker import InProcessReader, ReadResult, ReadTask


def test_a_file_with_more_text_than_any_report_fails_with_one_sentence_naming_it(tmp_path, monkeypatch):
    monkeypatch.setattr(worker, "MAX_TEXT_CHARS", 1000)
    long, short = tmp_path / "minutes.txt", tmp_path / "note.txt"
    long.write_text("Supervision is regular and reflective. " * 40)
    short.write_text("Care leavers have personal advisers.")
    with InProcessReader() as reader:
        (_, refused), (_, read) = reader.read_all([ReadTask(str(p), p, "0" * 64, "txt") for p in (long, short)])
    assert isinstance(refused, UnreadableFileError)
    message = str(refused)
    assert message.startswith(f"{long}: holds ") and "more than any report" in message
    assert message.endswith("Split it into smaller files and add those.") and message.count(". ") == 1
    assert isinstance(read, ReadResult)


def test_token_counts_are_the_same_when_counted_a_slice_at_a_time(monkeypatch):
    embedder = onnx_model.OnnxEmbedder(DEFAULT_MODEL, 384, Path("never-loaded.onnx"))  # no session is made here
    texts = [f"Passage {i}: independent reviewing officers challenge drift " * (i + 1) for i in range(7)]
    whole = embedder.count_tokens(texts)
    monkeypatch.setattr(onnx_model, "TOKEN_COUNT_SLICE", 3)
    assert embedder.count_tokens(texts) == whole and len(set(whole)) == 7


@pytest.mark.model
def test_embedding_passages_never_loads_the_question_model():
    files = onnx_model.model_files(DEFAULT_MODEL)
    if files is None or not all(f.exists() for f in files):
        pytest.skip("the bundled model has not been exported on this machine")
    embedder = onnx_model.OnnxEmbedder(DEFAULT_MODEL, 384, *files, passage_way="onnx-int8")
    embedder.embed(["Care leavers have personal advisers who stay in touch."])
    assert embedder._question_session is None  # ~140 MB an ingest does not need
    assert embedder.embed_query("care leavers").shape == (384,) and embedder._question_session is not None


@pytest.mark.model
def test_a_passage_gets_the_same_vector_whatever_is_embedded_beside_it():
    """int8 activations are quantised per run: a passage embedded in a batch took a vector that depended
    on its batch mates; one per run, the same text always gets the same vector."""
    files = onnx_model.model_files(DEFAULT_MODEL)
    if files is None or not all(f.exists() for f in files):
        pytest.skip("the bundled model has not been exported on this machine")
    embedder = onnx_model.OnnxEmbedder(DEFAULT_MODEL, 384, *files, passage_way="onnx-int8")
    text = "Care leavers have personal advisers who stay in touch and help them to find suitable homes."
    beside = ["Supervision is regular. " * 60, text, "Adoption is timely.", "The front door screens contacts well. " * 9]
    assert np.array_equal(embedder.embed([text])[0], embedder.embed(beside)[1])
