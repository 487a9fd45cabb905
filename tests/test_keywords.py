"""Keyword ranking in memory gives exactly FTS5's own BM25, and follows the index as it changes."""
import pytest

from index.storage.keywords import _varints
from tests.conftest import PLAIN_TEXT, add_report

PASSAGES = {
    "derby": ["Social workers receive regular supervision and supervisors review plans.",
              "Care leavers are supported into education, employment and training by personal advisers.",
              "Supervision is improving; managers have improved the quality of reflective supervision."],
    "leeds": ["Children at risk of exploitation outside the home are protected by a specialist team.",
              "Leeds has improved supervision of newly qualified social workers.",
              "The front door screens contacts and referrals promptly."],
    "norfolk": ["Placements are stable for most children in care.",
                "Care leavers in Norfolk live in suitable homes and stay in touch with their advisers.",
                "Exploitation exploitation exploitation: a long passage that repeats its word " * 3],
}


def add_council(store, council):
    add_report(store, None, council, council.title(), "2024-05-01", PASSAGES[council],
               title="Inspection of {council} children's services", sha256="{doc_id}" * 8, **PLAIN_TEXT)


def fts5_bm25(store, terms, first=None, last=None):
    """FTS5's own ranking: what the in-memory scores must equal."""
    match = " OR ".join(f'"{term}"' for term in terms)
    where = " AND rowid BETWEEN ? AND ?" if first is not None else ""
    rows = store._db.execute(f"SELECT rowid, -bm25(chunks_fts, 1.0, 0.5) FROM chunks_fts WHERE chunks_fts MATCH ?{where}",
                             (match, *((first, last) if first is not None else ()))).fetchall()
    return dict(rows)


@pytest.fixture
def filled(store):
    for council in PASSAGES:
        add_council(store, council)
    return store


@pytest.mark.parametrize("terms", [
    ["supervision"], ["improve", "improved", "supervision"], ["care", "leavers", "norfolk"],
    ["exploitation", "home"], ["derby", "supervision", "quality"], ["nothing", "matches", "zzz"],
])
def test_scores_equal_fts5_bm25(filled, terms):
    ours = dict(filled.keyword_search(terms, 100))
    theirs = fts5_bm25(filled, terms)
    assert ours.keys() == theirs.keys()
    for rowid, score in theirs.items():
        assert ours[rowid] == pytest.approx(score, rel=1e-9)


def test_results_come_best_first_and_stop_at_the_limit(filled):
    results = filled.keyword_search(["supervision", "care"], 3)
    assert len(results) == 3
    assert [score for _, score in results] == sorted((score for _, score in results), reverse=True)
    everything = sorted(fts5_bm25(filled, ["supervision", "care"]).values(), reverse=True)
    assert [score for _, score in results] == pytest.approx(everything[:3])


def test_a_range_of_chunk_ids_limits_the_passages_not_the_statistics(filled):
    first, last = 4, 6   # the second document's passages
    ours = dict(filled.keyword_search(["supervision", "exploitation"], 100, chunk_ranges=[(first, last)]))
    assert ours and all(first <= rowid <= last for rowid in ours)
    for rowid, score in fts5_bm25(filled, ["supervision", "exploitation"], first, last).items():
        assert ours[rowid] == pytest.approx(score, rel=1e-9)


def test_new_and_deleted_documents_are_seen_by_the_next_search(store):
    add_council(store, "derby")
    assert {rowid for rowid, _ in store.keyword_search(["supervision"], 10)} == {1, 3}
    add_council(store, "leeds")
    after_add = dict(store.keyword_search(["supervision"], 10))
    assert set(after_add) == {1, 3, 5}
    assert after_add == pytest.approx(fts5_bm25(store, ["supervision"]))  # idf and lengths moved too
    store.delete_document("derby")
    assert [rowid for rowid, _ in store.keyword_search(["supervision"], 10)] == [5]


def test_words_are_stemmed_as_the_index_stems_them(filled):
    assert dict(filled.keyword_search(["supervising"], 10)) == pytest.approx(fts5_bm25(filled, ["supervising"]))
    assert filled.keyword_search(["supervising"], 10)


def test_column_sizes_decode_as_sqlite_varints():
    assert _varints(bytes([0x81, 0x10, 0x0A])) == [144, 10]
    assert _varints(bytes([0x00, 0x7F])) == [0, 127]


def test_whether_a_word_is_held_within_id_runs_agrees_with_a_keyword_search(filled):
    ids = sorted(rowid for rowid, _ in filled.keyword_search(["exploitation"], 100))  # in Leeds and Norfolk
    assert len(ids) == 2
    derby = (1, 3)  # the first council's three passages
    for term, runs in (("exploitation", None), ("exploitation", [derby]), ("exploitation", [derby, (ids[1], ids[1])]),
                       ("supervised", [derby]), ("parking", None), ("exploitation", [])):
        assert filled.holds_keyword(term, runs) == bool(filled.keyword_search([term], 1, runs)), (term, runs)
    assert filled.holds_keyword("exploitation", [(ids[0], ids[0])]) and not filled.holds_keyword("exploitation", [derby])
