"""bench.evidence: a theme question's evidence is each council's latest report with a page meeting its rule."""
from __future__ import annotations

import re
from types import SimpleNamespace

from bench.evidence import folder_of, with_evidence

# The scorer's rule functions in their simplest form: every group must match somewhere on the page.
SCORER = SimpleNamespace(compile_rule=lambda groups: [re.compile("|".join(map(re.escape, g))) for g in groups],
                         is_relevant=lambda text, rule, window=None: all(g.search(text) for g in rule))


def test_each_council_gets_its_latest_report_meeting_the_rule_and_a_seed_its_own_name():
    sources = {"d17": ("2017-01-01", "/c/80459_derby/inspection 2017.pdf"),
               "d22": ("2022-05-10", "/c/80459_derby/inspection 2022.pdf"),
               "d25": ("2025-07-07", "/c/80459_derby/inspection 2025.pdf"),
               "w19": ("2019-03-01", "/c/80600_wigan/inspection 2019.pdf"),
               "s1": ("", "/c/seeds/001_abc.txt")}
    pages = {"d17": ["supervision is reflective"], "d22": ["supervision is regular and reflective", "other"],
             "d25": ["caseloads are high"], "w19": ["nothing here"], "s1": ["reflective supervision"]}
    question = {"id": "t1", "type": "theme", "keywords": [["supervision"], ["reflective"]]}
    found = with_evidence(question, pages, sources, SCORER)
    assert found["evidence"] == {"001_abc.txt": "seeds/001_abc.txt", "80459_derby": "80459_derby/inspection 2022.pdf"}
    assert found["keyword_window"] == 30 and with_evidence(question | {"keyword_window": 40}, pages, sources,
                                                            SCORER)["keyword_window"] == 40
    assert folder_of("/c/80459_derby/inspection 2022.pdf") == "80459_derby"
