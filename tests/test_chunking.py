import pytest

from ingest.chunking import PASSAGE_MAX_TOKENS, approximate_token_count, chunk_document, chunk_page
from models import Page

SENTENCE = "Social workers visit children regularly and managers oversee their plans closely. "


def test_offsets_recover_the_exact_passage_text_from_the_page():
    pages = [Page(1, ("Heading\n\n" + SENTENCE * 30 + "\n\n" + SENTENCE * 12).strip()), Page(2, SENTENCE * 3)]
    chunks = chunk_document("doc", pages)
    assert len(chunks) > 2
    for chunk in chunks:
        page = pages[chunk.page - 1]
        assert page.text[chunk.start:chunk.end] == chunk.text
    assert [c.ordinal for c in chunks] == list(range(len(chunks)))


def test_passages_fit_the_model_and_end_on_sentence_boundaries():
    text = " ".join(f"Sentence number {i} talks about supervision of social workers in teams." for i in range(200))
    for start, end in chunk_page(text, approximate_token_count):
        passage = text[start:end]
        assert approximate_token_count([passage])[0] <= PASSAGE_MAX_TOKENS
        assert passage.startswith("Sentence number") and passage.endswith("teams.")


def test_an_overlong_sentence_is_cut_between_words_not_inside_them():
    text = " ".join(f"word{i}" for i in range(1000))  # a table or list with no full stop
    spans = chunk_page(text, approximate_token_count)
    assert len(spans) > 1
    words = set(text.split())
    for start, end in spans:
        assert set(text[start:end].split()) <= words
        assert approximate_token_count([text[start:end]])[0] <= PASSAGE_MAX_TOKENS


def test_a_new_paragraph_starts_a_new_passage_once_the_passage_is_long_enough():
    first, second = SENTENCE * 9, "A different topic: care leavers have personal advisers who keep in touch. " * 3
    spans = chunk_page(first.strip() + "\n\n" + second, approximate_token_count)
    assert len(spans) == 2


@pytest.mark.parametrize("text", ["", "   \n\n  "])
def test_empty_pages_give_no_passages(text):
    assert chunk_document("doc", [Page(1, text)]) == []
