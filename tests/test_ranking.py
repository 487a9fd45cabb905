"""The ranking steps as pure functions (index.search.ranking), tested directly as bm25s tests its scorers: which
weights a question gets, fusion of the two retrievers and the steps after it (the best passages per report:
tests/test_digest.py)."""
from __future__ import annotations

import pytest

from index.search import ranking


@pytest.mark.parametrize("scoped, specific, one_place, councils, expected", [
    (True, False, False, 1, ranking.SCOPED),
    (False, True, False, 0, ranking.SPECIFIC),
    (False, False, True, 0, ranking.LOOKUP),
    (False, False, False, 0, ranking.THEMATIC),
    (True, True, True, 1, ranking.SCOPED),   # the reports it names decide before a year does
])
def test_each_kind_of_question_ranks_by_its_own_weights(scoped, specific, one_place, councils, expected):
    assert ranking.weights_for(scoped, specific, one_place, councils) == expected


def test_several_councils_named_take_turns():
    weights = ranking.weights_for(True, False, False, 2)
    assert weights.same_council == ranking.TAKE_TURNS and weights.keyword == ranking.SCOPED.keyword


C = ranking.Candidate


def test_fusion_weighs_normalised_keyword_and_meaning_scores_and_credits_a_named_year_and_a_statement():
    candidates = {1: "a", 2: "b", 3: "c"}
    keyword = {1: 10.0, 2: 5.0}          # normalised by the best: 1.0 and 0.5
    dense = {1: 0.2, 2: 0.6, 3: 0.6}     # above the floor (the lowest here), normalised by the best
    weights = ranking.Weights(keyword=0.5, dense=0.5, year=0.4, judgement=0.6, same_document=0, same_council=0)
    fused = {c.chunk_id: c.score for c in ranking.fuse(candidates, keyword, dense, weights, {"c"}, {2})}
    assert fused[1] == pytest.approx(0.5)                  # keyword best, meaning at the floor
    assert fused[2] == pytest.approx(0.25 + 0.5 + 0.6)     # half the keyword score, the best meaning, a statement
    assert fused[3] == pytest.approx(0.5 + 0.4)            # no keyword, the best meaning, the year named
    assert [c.chunk_id for c in ranking.fuse(candidates, keyword, dense, weights, {"c"}, {2})] == [2, 3, 1]


def test_demote_takes_the_penalty_off_the_pages_about_the_report_within_reach():
    pool = [C(1.0, 1, "a"), C(0.9, 2, "a"), C(0.1, 3, "a")]
    demoted = ranking.demote(pool, about_report=lambda c: c in (1, 3), reach_score=0.5, penalty=0.5)
    assert [(c.chunk_id, round(c.score, 2)) for c in demoted] == [(2, 0.9), (1, 0.5), (3, 0.1)]   # 3: out of reach


def test_focus_credits_a_sentence_holding_the_question_and_leaves_the_tail_in_order():
    pool = [C(1.0, 1, "a"), C(0.9, 2, "b"), C(0.2, 3, "c"), C(0.1, 4, "d")]
    weights = ranking.Weights(keyword=0.5, dense=0.5, year=0, judgement=0, same_document=0, same_council=0, focus=0.5)
    focused = ranking.focus(pool, {1: 0.0, 2: 1.0, 3: 1.0, 4: 1.0}.get, weights, reach_score=0.5)
    assert [c.chunk_id for c in focused] == [2, 1, 3, 4] and focused[0].score == pytest.approx(1.4)


def test_put_first_lifts_the_chosen_just_above_the_rest_in_their_own_order():
    pool = [C(1.0, 1, "a"), C(0.8, 2, "b"), C(0.5, 3, "c"), C(0.3, 4, "d")]
    lifted = ranking.put_first(pool, {4, 3})
    assert [c.chunk_id for c in lifted] == [3, 4, 1, 2]
    assert lifted[1].score == pytest.approx(1.0 + ranking.LIFT_MARGIN) and lifted[2].score == 1.0
    assert ranking.put_first(pool, set()) == pool


def test_diversify_costs_a_report_and_a_council_each_pick_and_skips_a_repeated_text():
    from models import Chunk
    texts = {1: "Plans are clear.", 2: "Plans are clear.", 3: "Visits are regular.", 4: "Supervision is weekly."}
    chunks = {c: Chunk(doc, 1, 0, len(t), t) for c, (doc, t) in
              {1: ("a", texts[1]), 2: ("b", texts[2]), 3: ("a", texts[3]), 4: ("c", texts[4])}.items()}
    pool = [C(1.0, 1, "a"), C(0.95, 2, "b"), C(0.9, 3, "a"), C(0.8, 4, "c")]
    weights = ranking.Weights(keyword=0.5, dense=0.5, year=0, judgement=0, same_document=0.2, same_council=0)
    picked = ranking.diversify(pool, chunks, {}, weights, k=3)
    # 2 repeats 1's text; 3 is report a's second passage (0.9 - 0.2) and falls below 4.
    assert [chunk.text for _, chunk in picked] == [texts[1], texts[4], texts[3]]
    assert [round(score, 2) for score, _ in picked] == [1.0, 0.8, 0.7]


def test_current_first_shows_todays_inspections_then_earlier_frameworks_then_accounts_each_best_first():
    from models import Chunk, Hit
    from tests.conftest import make_report
    documents = {"sif": make_report("sif", "Derby", "2015-03-01", report_type="sif"),
                 "ilacs": make_report("ilacs", "Wigan", "2025-06-01", report_type="ilacs_standard"),
                 "ilacs2": make_report("ilacs2", "Bury", "2023-06-01", report_type="ilacs_short"),
                 "paper": make_report("paper", "Derby", "2024-01-01", report_type="committee_paper")}
    hits = [Hit(Chunk(doc_id, 1, 0, 1, "x"), documents[doc_id], score) for score, doc_id in
            [(0.9, "paper"), (0.8, "sif"), (0.7, "ilacs2"), (0.6, "ilacs")]]
    ordered = ranking.current_first(hits, accounts={"paper"})
    assert [hit.document.doc_id for hit in ordered] == ["ilacs2", "ilacs", "sif", "paper"]
    assert sorted(ordered, key=lambda hit: -hit.score) == hits   # the same passages
