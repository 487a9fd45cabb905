from index.highlight import highlight, term_weights

TEXT = ("Councils across the region were busy. Supervision is now monthly and reflective for every social "
        "worker. The weather was poor.")


def test_a_rare_topic_word_outweighs_a_word_every_passage_uses():
    weights = term_weights({"supervision": 500, "councils": 9000}, total_passages=10000)
    assert weights["super"] > 3 * weights["counc"]
    (only,) = highlight(TEXT, weights)
    assert TEXT[only.start:only.end] == "Supervision is now monthly and reflective for every social worker."


def test_no_keyword_in_the_passage_means_no_highlight():
    assert highlight(TEXT, term_weights({"adoption": 10}, total_passages=100)) == []
