"""How a search ranks: the steps from two retrievers' scores to the k passages shown, as pure functions.

`Searcher` (index.search.searcher) does the reading (the store, the model) and calls these in order:
`fuse` the keyword and dense scores with credit from the question's year and the judgement it asks about,
`demote` pages about the report rather than its findings, `rerank` (when a cross-encoder is configured),
`focus` on passages that hold the question's words in one sentence, `put_first` a report's list of what
must improve when that is asked, put the `latest_first` report that covers a named council's topic on top,
and `diversify` across reports and councils. Each step takes and returns a list of Candidates, best first; across
councils, the Hits made of the k chosen are then shown `current_first`. The numbers that tune them are named here.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, replace
from typing import NamedTuple

import numpy as np

from index.search.relevance import ANSWERS, Evidence
from index.search.scope import latest_reports
from models import Chunk, Document, Hit
from ofsted.report_types import SUPERSEDED

CANDIDATES = 300          # from each retriever, before fusion
DENSE_POOL = 1000         # dense scores are read this deep, so keyword candidates get a dense score too
POOL_PER_RESULT = 20      # fused candidates kept per passage asked for ...
MIN_POOL = 200            # ... and at least this many
FRONT_MATTER_PENALTY = 0.5  # taken off a cover page, contents or judgement table unless a grade is asked
SCOPED_DEPTH = 6          # within one council's reports, the first 6k passages are re-judged (focus, front matter)
COVERING_DEPTH = 3        # a report covers the topic when one of its best this-many passages answers it
LATEST_DEPTH = 30         # of the latest such report, its best this-many passages are checked to come first
LIFT_MARGIN = 0.01        # how far passages put first (index.search.ranking.put_first) are lifted above the rest
COMMON_TERM_SHARE = 0.5   # keywords in more than this share of passages are not matched (Searcher.keyword_terms)
# A reworded term's other word (ofsted.vocabulary.SAME_IDEA) in more than this share of passages does not search the
# ranked list: "homes" (15% of dev passages) of "stable homes" pulled in children's homes; "workloads" (1%) helps.
REWORDED_KEYWORD_SHARE = 0.1
# A question across councils: papers' and articles' accounts of inspections lose this, so an inspection report's own
# words lead unless an account is far better on the topic (bench/RESULTS.md, "Sixth session").
ACCOUNT_PENALTY = 0.25
# The digest and timeline (index.search.findings): every report in the scope is ranked, then read a few passages deep.
ACROSS_KEYWORD_POOL = 100_000   # passages holding the topic's keywords: all of them, at any size we have measured
ACROSS_DENSE_POOL = 3000        # closest by meaning, for reports that word the topic otherwise
ACROSS_PER_REPORT = 4           # of each report, its best this-many passages are judged for an answer
VERDICT_PARAGRAPHS = 3          # a section's paragraphs read for its verdict: ILACS opens on one, or on early help or
                                # the decision to come into care and then gives it; later ones judge a part
VERDICT_SUBJECT_WORDS = 6       # in a section shared with children in care, care leavers' verdict names them this
                                # soon ("The service for care leavers has …"), not as a detail further on
# A timeline's second finding of a report, its other side (findings.FindingReader.other_side), holds at least this share
# of the topic's weight the first holds: at 0.6, 7 more of the dev timelines' 86 entries took one, most on another
# topic ("Some children experience weaker assessments …" beside the sufficiency of homes); at 0.8, 9 entries have one.
OTHER_SIDE_FOCUS = 0.8
OTHER_SIDE_RANK = 2   # ... and is one of the report's next this-many findings by the digest's order (not a weak one)
ACROSS_READ_ON = 4              # a report's next this-many are read when its best answer only in another group's section
ACROSS_SURELY_ABOUT = 0.5       # ... and a finding there must be in the asked children's section (a shared one: 0.5)
                                # or name them: what is further down is otherwise a passing line
ACROSS_MIN_WORDS = 4            # a finding of fewer words is a label ("Supervision practices have improved." has 4)
# A finding holds two-thirds of the topic's keyword weight in one sentence (half let "support for care leavers" answer
# "personal advisers' support for care leavers") ...
ACROSS_MIN_FOCUS = 0.67
# ... or a distinctive idea of it: its words weighing this share of its alternative's rarest or more. At 0.7 "health"
# alone was the idea of "health assessments" ("assessments" weighs 0.67 of it), so mental health sentences answered;
# 0.65 keeps the compound whole (calibration themes' digest 0.515 / 0.576 -> 0.537 / 0.599; 0.6 gives 0.524). It
# needs "stable homes" beside "stable placements" (ofsted.vocabulary.SAME_IDEA), or 2023-on reports stop answering.
ACROSS_DISTINCT_SHARE = 0.65
# An alternative is an idea of its own only where its rarest word weighs this share of the question's rarest idea or
# more: "care" in "children who go missing from home or care" is an alternative to home, not to going missing (it had
# answered with any sentence on care: 19 of 23 such items judged off by the second reader); 0.65 lost employment from
# "care leavers into education, employment or training" (dev and calibration answers identical at 0.5).
ACROSS_ALTERNATIVE_SHARE = 0.5
# An everyday word the question prints before an idea's word names a kind of its own when the library prints the two
# together in this share of the word's passages or more (index.search.ideas.with_printed_modifier): "family hub" is
# 10% of the dev library's hubs ("safeguarding hub" 49%), "family network" 47% of its networks, "staff supervision"
# 1% of its supervision.
ACROSS_MODIFIER_SHARE = 0.05
# A pair the library prints for this share of a word's passages or more is the word's usual kind: a one-word idea is
# then held only with the topic word after it ("criminal exploitation" is 37% of the dev library's "criminal", "sexual
# exploitation" 90% of "sexual"; a verb and its object much less: "share information" 11% of "share"), and a sentence
# naming a kind the question asks of only as the word's usual kind, another, is no finding ("safeguarding hub" is 49%
# of the hubs; "social care academy" or "learning academy" a few of the academies).
ACROSS_USUAL_KIND_SHARE = 0.25
# ... or where the word's passages print the modifier less than this many times as often as passages at large: "staff"
# is 0.75 times as common beside the dev library's "wellbeing" (its wellbeing is children's) and 2.5 times beside its
# "supervision" (of staff), so "staff wellbeing" is a kind and "staff supervision" supervision.
ACROSS_UNUSUAL_LIFT = 1.0
# A topic of nothing but everyday words (ofsted.vocabulary.EVERYDAY_WORDS) printed as a phrase in at most this share of
# passages is a term of its own, held whole ("young carers" 0.5% of dev passages, "family support" 1.1%); above it
# ("social workers" 24%, "parents" 17%) it names no topic without the councils' verb.
ACROSS_EVERYDAY_TERM_SHARE = 0.05
# A digest where fewer than this share of the councils searched answer in the question's words says the reports word
# it otherwise: a report with no such sentence is then answered by meaning (the next two values). Calibration themes
# 0.541 / 0.604 / 0.866 -> 0.597 / 0.619 / 0.908 (coverage / precision / currency), dev identical; always on, dev's
# stable placements took placement sufficiency and unregistered homes.
ACROSS_WORDING_SHARE = 0.5
# ... by its passage at least this close to the question in meaning (cosine): at 0.65 calibration is 0.604 / 0.632 /
# 0.897, at 0.5 precision falls to 0.586.
ACROSS_MEANING_COSINE = 0.6
# ... whose quote holds this share of the topic's weight (0.4 and 0.5 within 0.01 of each other).
ACROSS_MEANING_FOCUS = 0.5
# Of a report's sentences holding the topic about as fully (within this share of its weight), the one that judges it (a
# strength or a shortfall, ofsted.findings.stance) is its finding: a digest or timeline is read for what inspectors
# found. Dev timeline 0.905 / 0.953 -> 0.916 / 0.964 at 0.05-0.1; above 0.2 it outweighs the topic and falls.
ACROSS_JUDGED_EDGE = 0.05
# ... and a quote opening on a sentence that leans on one it cannot carry ("They offer …", text.sentences.refers_back)
# counts as holding this share less: one standing on its own comes first among those holding the topic about as fully,
# but not before one holding less of it.
ACROSS_LEANING_EDGE = 0.1


class Candidate(NamedTuple):
    """A passage in the running, with its score so far; sorts by score (then chunk id, then document)."""

    score: float
    chunk_id: int
    doc_id: str


@dataclass(frozen=True)
class Weights:
    keyword: float
    dense: float
    year: float           # added when its report is from a year the question names
    judgement: float      # added when a passage states the judgement a rating question asks about
    same_document: float  # taken off per passage already shown from the same report
    same_council: float   # taken off per passage already shown from the same council
    focus: float = 0.0    # times the share of the question's keywords one sentence holds (highlight.sentence_focus)


SPECIFIC = Weights(keyword=0.75, dense=0.25, year=0.4, judgement=0.6, same_document=0.02,
                   same_council=0.0)
# Inside the reports a question names (a council, a kind of document): the topic alone ranks, and a passage with one
# sentence holding the question's words gains over a longer one holding them apart ("Although independent reviewing
# officer caseloads are high, with an average of 110, … reviews are held on time." over a paragraph on social workers'
# caseloads). Focus 0.4 -> 0.6: dev fact R@1 0.889 -> 0.926, council_topic P@5 0.787 -> 0.813, calibration's 0.791 ->
# 0.800, a second held-out facts set (50, bench/RESULTS.md) R@1 0.44 -> 0.46; 0.8 cost that set's R@5 0.74 -> 0.72.
SCOPED = Weights(keyword=0.6, dense=0.4, year=0.0, judgement=0.6, same_document=0.02,
                 same_council=0.0, focus=0.6)
# A question naming several councils ("compare Derby and Wigan on care leavers") gives each a turn.
TAKE_TURNS = 1.0   # taken off per passage already shown from the same council: more than any score gap



# A question after the one council where something is done, naming none: its words, held in one sentence.
LOOKUP = replace(SPECIFIC, focus=0.6)

THEMATIC = Weights(keyword=0.45, dense=0.55, year=0.0, judgement=0.0, same_document=0.12,
                   same_council=0.08, focus=0.6)


def weights_for(scoped: bool, specific: bool, one_place: bool, councils_named: int) -> Weights:
    """Which weights a question ranks by: inside the reports it names (SCOPED), a year named (SPECIFIC), after the
    one place something is done (LOOKUP), else a theme (THEMATIC); several councils named take turns."""
    weights = SCOPED if scoped else SPECIFIC if specific else LOOKUP if one_place else THEMATIC
    return replace(weights, same_council=TAKE_TURNS) if councils_named > 1 else weights


def pool_size(k: int) -> int:
    return max(k * POOL_PER_RESULT, MIN_POOL)


def candidate_ids(keyword: Mapping[int, float], dense: Mapping[int, float]) -> set[int]:
    """Every passage the keyword search found, and the best CANDIDATES by meaning."""
    return set(keyword) | set(sorted(dense, key=dense.get, reverse=True)[:CANDIDATES])


def fuse(candidates: Mapping[int, str], keyword: Mapping[int, float], dense: Mapping[int, float],
         weights: Weights, named_year_docs: set[str], statements: set[int]) -> list[Candidate]:
    """Best first: normalised BM25 and cosine, weighted, plus credit for a report from a year the question
    names and for a passage stating the judgement it asks about. `candidates` maps chunk id to document."""
    dense_floor = sorted(dense.values(), reverse=True)[min(len(dense), DENSE_POOL) - 1] if dense else 0.0
    top_keyword = max(keyword.values(), default=1.0) or 1.0
    top_dense = max(dense.values(), default=1.0)
    scored = []
    for chunk_id, doc_id in candidates.items():
        dense_score = max(0.0, dense.get(chunk_id, dense_floor) - dense_floor) / max(top_dense - dense_floor, 1e-6)
        score = (weights.keyword * keyword.get(chunk_id, 0.0) / top_keyword + weights.dense * dense_score
                 + (weights.year if doc_id in named_year_docs else 0.0)
                 + (weights.judgement if chunk_id in statements else 0.0))
        scored.append(Candidate(score, chunk_id, doc_id))
    scored.sort(reverse=True)
    return scored


def best_per_report(candidates: Mapping[int, str], keyword: Mapping[int, float], dense: Mapping[int, float],
                    weights: Weights, per_report: int) -> dict[str, list[int]]:
    """Each report's best `per_report` candidates by `fuse`'s keyword and dense score (no year or judgement
    credit), best first: `fuse` over a whole library's keyword matches, in arrays (at 30x the dev library a
    theme's words are in ~10^5 passages, and fusing them one by one took a second)."""
    if not candidates:
        return {}
    ids = np.fromiter(candidates, dtype=np.int64, count=len(candidates))
    dense_values = np.fromiter(dense.values(), dtype=np.float64, count=len(dense))
    dense_floor = np.sort(dense_values)[::-1][min(len(dense_values), DENSE_POOL) - 1] if len(dense_values) else 0.0
    top_dense = dense_values.max() if len(dense_values) else 1.0
    top_keyword = max(keyword.values(), default=1.0) or 1.0
    keyword_part = np.array([keyword.get(int(c), 0.0) for c in ids]) / top_keyword
    dense_part = np.maximum(0.0, np.array([dense.get(int(c), dense_floor) for c in ids]) - dense_floor)
    scores = weights.keyword * keyword_part + weights.dense * dense_part / max(top_dense - dense_floor, 1e-6)
    documents = np.array([candidates[int(c)] for c in ids])
    order = np.lexsort((-ids, -scores, documents))   # by report, then best first (ties: higher id first, as fuse)
    best: dict[str, list[int]] = {}
    for i in order:
        chosen = best.setdefault(documents[i], [])
        if len(chosen) < per_report:
            chosen.append(int(ids[i]))
    return best


def reach(pool: list[Candidate], depth: int | None) -> float:
    """The score of the depth-th candidate: those below it are not re-judged (no limit without a depth)."""
    return pool[depth - 1].score if depth and len(pool) > depth else float("-inf")


def demote(pool: list[Candidate], about_report: Callable[[int], bool], reach_score: float,
           penalty: float = FRONT_MATTER_PENALTY) -> list[Candidate]:
    """Candidates the test picks lose the penalty: by default pages about the report (a cover, contents, a
    judgement table, licence text) lose FRONT_MATTER_PENALTY."""
    return sorted((Candidate(c.score - penalty, c.chunk_id, c.doc_id)
                   if c.score >= reach_score and about_report(c.chunk_id) else c for c in pool), reverse=True)


def rerank(pool: list[Candidate], relevance: list[float], weight: float) -> list[Candidate]:
    """The first len(relevance) candidates re-ordered with a cross-encoder's judgement added to their score."""
    head = sorted((Candidate(c.score + weight * r, c.chunk_id, c.doc_id) for c, r in zip(pool, relevance)),
                  reverse=True)
    return head + pool[len(relevance):]


def focus(pool: list[Candidate], focus_of: Callable[[int], float], weights: Weights,
          reach_score: float) -> list[Candidate]:
    """Credit for holding the question's keywords in one sentence; candidates scoring below the reach could
    not gain a place that matters and keep their order below the rest."""
    head = [c for c in pool if c.score >= reach_score]
    rescored = [Candidate(c.score + weights.focus * focus_of(c.chunk_id), c.chunk_id, c.doc_id) for c in head]
    return sorted(rescored, reverse=True) + pool[len(head):]


def latest_first(pool: list[Candidate], evidence_of: Callable[[int], Evidence],
                 documents: Mapping[str, Document], accounts: Collection[str] = frozenset()) -> list[Candidate]:
    """Within the named councils' reports: the passages of each council's latest report that covers the
    topic (one of its best few passages is at least a partial match, index.search.relevance) that answer
    the question come first, in score order, then the rest. With no report covering it, the order stays as
    the scores say. Accounts of inspections (papers, articles: `accounts`) are never that report, and keep their
    place by their score: an undated press cutting does not leave which inspection is latest untold."""
    def answering(chunk_id: int) -> bool:
        return evidence_of(chunk_id).score >= ANSWERS

    seen: Counter[str] = Counter()
    covering = set()
    for c in pool:
        if c.doc_id not in covering and c.doc_id not in accounts and seen[c.doc_id] < COVERING_DEPTH:
            seen[c.doc_id] += 1
            if answering(c.chunk_id):
                covering.add(c.doc_id)
    first: set[int] = set()
    for latest in latest_reports(covering, documents):
        first |= {c.chunk_id for c in [c for c in pool if c.doc_id == latest][:LATEST_DEPTH] if answering(c.chunk_id)}
    return put_first(pool, first, apart=accounts)


def current_first(hits: list[Hit], accounts: Collection[str]) -> list[Hit]:
    """The passages shown for a question across councils, in the digest's order: today's inspection reports' first,
    then those of reports under a framework Ofsted has replaced (report_types.SUPERSEDED: SIF and before), then
    papers' and articles' accounts, each best first. The same passages, so a reader of the list meets how services
    are before how they were; which passages are chosen, and which is quoted, is the scores' (newer ones chosen over
    better older ones cost the list councils on the topic: bench/RESULTS.md, "Seventeenth session")."""
    def band(hit: Hit) -> int:
        document = hit.document
        return 2 if document.doc_id in accounts else int(document.metadata.report_type in SUPERSEDED)
    return sorted(hits, key=band)   # stable: best first within each


def put_first(pool: list[Candidate], chosen: set[int], apart: Collection[str] = frozenset()) -> list[Candidate]:
    """The chosen candidates first, in their order, then the rest (but those apart). Scores decide the later steps
    (diversifying), so the chosen are lifted just above the rest; the passages of reports `apart` (accounts of
    inspections, when the latest inspection is put first) keep their place by their own score: a paper may hold the
    one answer ("How can practitioners in Lincolnshire raise issues with the chief executive?")."""
    first = [c for c in pool if c.chunk_id in chosen]
    rest = [c for c in pool if c.chunk_id not in chosen]
    above = [c for c in rest if c.doc_id not in apart]
    lift = max(0.0, above[0].score - first[-1].score + LIFT_MARGIN) if first and above else 0.0
    lifted = [Candidate(c.score + lift, c.chunk_id, c.doc_id) for c in first]
    return sorted(lifted + rest, key=lambda c: c.score, reverse=True) if apart else lifted + rest   # ties keep order


def diversify(pool: list[Candidate], chunks: Mapping[int, Chunk], council_keys: Mapping[str, str],
              weights: Weights, k: int) -> list[tuple[float, Chunk]]:
    """Greedy re-ranking: each pick costs later passages from the same report and council a little.
    A passage whose text was already picked (the same boilerplate in many reports) is skipped."""
    pool = list(pool)
    per_doc: Counter[str] = Counter()
    per_council: Counter[str] = Counter()
    seen_texts: set[str] = set()
    picked = []
    while pool and len(picked) < k:
        best_i, best_score = 0, float("-inf")
        for i, c in enumerate(pool):
            council = council_keys.get(c.doc_id, c.doc_id)
            adjusted = c.score - weights.same_document * per_doc[c.doc_id] - weights.same_council * per_council[council]
            if adjusted > best_score:
                best_i, best_score = i, adjusted
            if c.score < best_score:  # the list is sorted: nothing further down can win
                break
        chosen = pool.pop(best_i)
        fingerprint = " ".join(chunks[chosen.chunk_id].text.lower().split())
        if fingerprint in seen_texts:
            continue
        seen_texts.add(fingerprint)
        per_doc[chosen.doc_id] += 1
        per_council[council_keys.get(chosen.doc_id, chosen.doc_id)] += 1
        picked.append((best_score, chunks[chosen.chunk_id]))
    return picked
