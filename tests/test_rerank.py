"""The optional cross-encoder: off unless configured, and when on it re-orders the top passages."""
import pytest

from index.search.rerank import load_reranker
from index.search.searcher import Searcher
from tests.conftest import add_report


class PrefersWord:
    """Stands in for a cross-encoder: a passage containing the word is judged relevant."""

    def __init__(self, word):
        self.word = word

    def relevance(self, question, passages):
        return [1.0 if self.word in p else 0.0 for p in passages]


def test_without_configuration_there_is_no_reranker(monkeypatch):
    monkeypatch.delenv("INSPECTQA_RERANKER", raising=False)
    load_reranker.cache_clear()
    assert load_reranker() is None


def test_the_reranker_reorders_the_fused_ranking(store, embedder, searcher):
    add_report(store, embedder, "a", "Bury", "2023-01-01", ["Supervision of social workers is regular and weekly."])
    add_report(store, embedder, "b", "Wigan", "2023-01-01", ["Supervision of social workers is reflective."])
    add_report(store, embedder, "c", "Hull", "2023-01-01", ["Care leavers have homes and stay in touch."])
    question = "how is supervision of social workers?"
    first, second = [h.document.doc_id for h in searcher.search(question)][:2]
    second_text = {"a": "weekly", "b": "reflective"}[second]
    reranked = Searcher(store, embedder, PrefersWord(second_text)).search(question)
    assert [h.document.doc_id for h in reranked][:2] == [second, first]


@pytest.mark.model
def test_a_local_cross_encoder_folder_loads_and_scores(tmp_path):
    from transformers import BertConfig, BertForSequenceClassification, BertTokenizerFast

    from index.storage.onnx_model import _model_dir

    tokenizer = BertTokenizerFast.from_pretrained(str(_model_dir()))
    config = BertConfig(vocab_size=tokenizer.vocab_size, hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
                        intermediate_size=64, num_labels=1)
    BertForSequenceClassification(config).save_pretrained(tmp_path)
    tokenizer.save_pretrained(tmp_path)
    reranker = load_reranker(str(tmp_path))
    scores = reranker.relevance("how is supervision?", ["Supervision is regular.", "Care leavers have homes."])
    assert len(scores) == 2 and all(0.0 < s < 1.0 for s in scores)


@pytest.mark.slow
def test_a_missing_reranker_folder_is_one_clear_error(tmp_path):
    from errors import ModelLoadError

    with pytest.raises(ModelLoadError):
        load_reranker(str(tmp_path / "no-such-model"))
