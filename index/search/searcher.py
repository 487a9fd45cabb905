"""The one front door for a question (`Searcher.ask`) and the hybrid ranking behind it: keyword (SQLite
FTS5 BM25) and dense (MiniLM + FAISS), read through the question.

Plain fusion of the two loses to BM25 alone on questions about one report (dense vectors pull in
passages that paraphrase the topic from the wrong council or year) and wins on questions across
councils. So the question is read first (index.search.query): a council or kind of document it names chooses
the reports searched (index.search.scope) and its topic words rank within them; a year alone leans on that
year's reports; a question naming neither leans on meaning and is spread across councils, so ten
passages from one report do not crowd out the rest. Then: does anything answer it (index.search.relevance),
and which of the report's own sentences do (index.search.quotes).
"""
from __future__ import annotations

import functools
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from index.search.response import Response
from index.search.answers import grade_answer, grade_list, report_grade
from index.search.conversation import Reading, read_in_context
from index.search.digest import Digest, Finding, Timeline, council_findings, council_names, timeline_entries
from index.search.grouping import group_items
from index.search.ideas import (as_whole_terms, holds_kind, holds_unit, other_kinds, printed_word, stems_of, topic_units,
                                with_printed_modifier, with_shared_head)
from index.search.glossary import Glossary
from index.search import ranking
from index.search.highlight import highlight, sentence_focus, stem_focus, term_weights, word_key
from index.search.query import MAX_QUESTION_CHARS, QueryAnalysis, QuestionKind, analyse, area_asked, without_markup
from index.search.quotes import best_quote, covering_quote, opening_quote, quote_of
from index.search.relevance import (ANSWERS, HOLDS_ALL_TOPIC, Evidence, answers, is_front_matter, is_licence,
                                    named_things)
from index.search.rerank import RERANK_DEPTH, RERANK_WEIGHT, CrossEncoderReranker
from index.search.scope import Scope, choose_scope, describe, without_names
from index.search.widening import widen
from index.storage.embedder import Embedder
from index.storage.store import Store
from models import Chunk, Document, Hit, Match, Quote
from ofsted.councils import council_key
from ofsted import report_types
from ofsted.findings import NEUTRAL, stance
from ofsted.improvement import continues_a_list, heads_improvements, in_list, listed_items
from ofsted.vocabulary import EVERYDAY_WORDS, says_how_soon, without_role_names
from ofsted.judgements import children_named, find_judgement, judgement_area, names_area, states_judgement
from ofsted.sections import Sections
from text.sentences import paragraph_sentence_spans, paragraph_spans, refers_back

@functools.lru_cache(maxsize=256)
def _phrase_pattern(words: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"\b" + r"\W+".join(re.escape(w) + "s?" for w in words) + r"\b", re.IGNORECASE)


def _phrase(words: list[str]) -> re.Pattern:
    """Words side by side as whole words, any of them plural ("front door", "front doors",
    "unaccompanied asylum-seeking children")."""
    return _phrase_pattern(tuple(w[:-1] if w.endswith("s") and not w.endswith("ss") else w for w in words))


def _absent_share(weights: dict[str, float], missing: set[str]) -> float:
    """The share of the topic words' weight that no passage in the searched reports holds (`missing`, by stem)."""
    return sum(w for stem, w in weights.items() if stem in missing) / (sum(weights.values()) or 1.0)


def _runs(locations: list[tuple[int, str, int | None]]) -> dict[str, list[tuple[int, int]]]:
    """Each document's chunk ids as runs of consecutive ids (one run per document, unless ids were reused)."""
    runs: dict[str, list[tuple[int, int]]] = {}
    for chunk_id, doc_id, _ in sorted(locations):
        doc_runs = runs.setdefault(doc_id, [])
        if doc_runs and doc_runs[-1][1] == chunk_id - 1:
            doc_runs[-1] = (doc_runs[-1][0], chunk_id)
        else:
            doc_runs.append((chunk_id, chunk_id))
    return runs


_ENDS_PROSE = re.compile(r"[.!?][\"'”’)\]]*\s*$")
QUOTED_FROM = 3        # the quote comes from one of the first three passages
PASSAGES_KEPT = 8192   # passages kept in memory between questions (~1.2 MB per thousand)
QUESTIONS_KEPT = 64    # question embeddings kept: a digest and the ranked passages embed the same text once


class _Memo:
    """A function of a chunk id, computed once per id: one question's passages are judged by several steps."""

    def __init__(self, compute: Callable[[int], Any]):
        self._compute, self._values = compute, {}

    def __call__(self, chunk_id: int) -> Any:
        if chunk_id not in self._values:
            self._values[chunk_id] = self._compute(chunk_id)
        return self._values[chunk_id]


@dataclass(frozen=True)
class Filters:
    """Restrict a search; empty means no restriction."""

    councils: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    report_types: tuple[str, ...] = ()
    doc_ids: tuple[str, ...] = ()
    grades: tuple[str, ...] = ()          # reports judged so ...
    judgement: str = "overall_effectiveness"  # ... for this judgement (ILACS key; SIF equivalents count)

    def admits(self, document: Document) -> bool:
        meta = document.metadata
        found = find_judgement(meta, self.judgement) if self.grades else None
        return (
            (not self.councils or council_key(meta.council or "") in {council_key(c) for c in self.councils})
            and (not self.years or bool(meta.years & set(self.years)))
            and (not self.report_types or meta.report_type in self.report_types)
            and (not self.doc_ids or document.doc_id in self.doc_ids)
            and (not self.grades or (found is not None and found.judgement.grade in self.grades))
        )


@dataclass(frozen=True, kw_only=True)
class Ranked:
    """The k best passages of a search, with what the rest of an answer needs of them."""

    hits: list[Hit]
    evidence: list[Evidence]      # how well each hit answers, in absolute terms
    weights: dict[str, float]     # the topic's keyword weights, by stem, for marking and quoting
    listed: set[int]              # passages holding a report's list of what must improve, when asked


@dataclass(kw_only=True)
class Catalogue:
    """What the searcher keeps in memory about the index (documents, where each chunk is, council keys),
    refreshed when the index changes. The app reads its documents and council keys for its filters."""

    generation: int
    documents: dict[str, Document]
    chunk_doc: dict[int, str]
    chunk_page: dict[int, int | None]
    council_keys: dict[str, str] = field(default_factory=dict)  # doc_id -> council key
    chunk_ranges: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # doc_id -> runs of chunk ids
    glossary: Glossary = field(default_factory=lambda: Glossary([]))  # the acronyms the documents define
    term_counts: dict[str, int] = field(default_factory=dict, repr=False)  # keyword -> passages holding it, filled as asked
    passages: OrderedDict[int, Chunk] = field(default_factory=OrderedDict, repr=False)  # the last PASSAGES_KEPT read
    sections: dict[str, Sections] = field(default_factory=dict, repr=False)  # doc_id -> its headings, read as asked
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)  # for the three above

    def ranges_of(self, doc_ids: set[str] | None) -> list[tuple[int, int]] | None:
        """The documents' runs of chunk ids; None (everything) for no scope."""
        return None if doc_ids is None else sorted(r for d in doc_ids for r in self.chunk_ranges.get(d, ()))


class Searcher:
    """Answers questions over one store with one embedder; safe to share between threads."""

    def __init__(self, store: Store, embedder: Embedder, reranker: CrossEncoderReranker | None = None):
        self.store = store
        self.embedder = embedder
        self.reranker = reranker
        self._catalogue: Catalogue | None = None
        self._lock = threading.Lock()
        self._embedding_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="embed-question")
        self._embeddings: OrderedDict[str, Any] = OrderedDict()

    def _embed(self, text: str):
        """The question's vector, embedded once however many parts of an answer need it."""
        with self._lock:
            if text in self._embeddings:
                self._embeddings.move_to_end(text)
                return self._embeddings[text]
        vector = self.embedder.embed_query(text)
        with self._lock:
            self._embeddings[text] = vector
            while len(self._embeddings) > QUESTIONS_KEPT:
                self._embeddings.popitem(last=False)
        return vector

    def catalogue(self) -> Catalogue:
        generation = self.store.generation()
        with self._lock:
            if self._catalogue is None or self._catalogue.generation != generation:
                generation, document_list, locations = self.store.snapshot()
                documents = {d.doc_id: d for d in document_list}
                # One name per council in every heading and filter: the one its latest inspection report prints
                # (Derby's 2022 report says "Derby", its 2025 one "Derby City"); a reference keeps the report's own.
                names = council_names(document_list, lambda d: council_key(d.metadata.council or ""))
                for document in document_list:
                    printed = document.metadata.council
                    if printed and (shown := names[council_key(printed)]) != printed:
                        document.metadata.council, document.metadata.printed_council = shown, printed
                self._catalogue = Catalogue(
                    generation=generation, documents=documents, chunk_doc={c: d for c, d, _ in locations},
                    chunk_page={c: p for c, _, p in locations},
                    council_keys={d.doc_id: council_key(d.metadata.council) for d in documents.values()
                                  if d.metadata.council},
                    chunk_ranges=_runs(locations), glossary=Glossary(documents.values()),
                )
            return self._catalogue

    def ask(self, question: str, filters: Filters | None = None, k: int = 10,
            previous: Response | None = None) -> Response:
        """The one front door: a question (read with the previous turn, if any) answered from the reports
        the filters admit, with passages, the grade card or list, the report's own sentences, whether
        anything answers it at all, and how it was read. Filters apply to every part."""
        started = time.perf_counter()
        if len(question) > MAX_QUESTION_CHARS:
            return self._too_long(question, started)
        question = without_markup(question)
        catalogue = self.catalogue()
        known = catalogue.council_keys.values()
        reading = read_in_context(question, previous.reading.searched if previous else None, known)
        query = analyse(reading.searched, known)
        admitted = self._admitted(catalogue, filters)
        admitted_documents = [d for d_id, d in catalogue.documents.items() if admitted is None or d_id in admitted]
        scope = choose_scope(query, catalogue.documents, catalogue.council_keys, admitted)
        read_whole = next(iter(scope.doc_ids)) if scope.whole_report else None   # its one report
        grade = report_grade(catalogue.documents[read_whole]) if read_whole else grade_answer(query, admitted_documents)
        listing = grade_list(query, admitted_documents)
        hits, evidence, weights, listed = [], [], {}, set()
        digest = timeline = None
        searched = scope.doc_ids if scope.doc_ids is not None else admitted
        wants_timeline = bool(scope.note is None and query.topic_terms and self._wants_timeline(query, filters, scope))
        wants_digest = bool(scope.note is None and query.topic_terms and not wants_timeline
                            and self._wants_digest(query, filters))
        accounts = self._accounts(catalogue) if wants_digest else set()
        if read_whole:
            hits = self._in_reading_order(catalogue, read_whole, k)
        elif reading.searched.strip() and (scope.doc_ids is None or scope.doc_ids):
            # A rating question's statements come from the reports its grade card or its councils' grades are from.
            graded = ({grade.document.doc_id} if grade else {r.document.doc_id for r in listing.reports}
                      if listing and query.kind == QuestionKind.RATING else None)
            ranked = self._rank(query, catalogue, scope, k, graded, accounts)
            hits, evidence, weights, listed = ranked.hits, ranked.evidence, ranked.weights, ranked.listed
        note = scope.note
        if note is None and grade is None and listing is None:
            note = self._unprinted_name(reading.question, catalogue, scope, admitted)
        if wants_timeline and note is None:
            timeline = self._timeline(query, catalogue, searched)
        if wants_digest and note is None and answers(evidence):   # nothing answers: no council's words either
            digest = self._digest(query, catalogue, searched)
        answerable = note is None and (grade is not None or listing is not None or bool(read_whole and hits)
                                       or answers(evidence) or bool(digest and digest.groups)
                                       or bool(timeline and timeline.entries))
        quote = (self._quote(hits, weights, listed, query.asks_figure)
                 if answerable and query.kind == QuestionKind.TOPIC else None)
        return Response(reading=reading, query=query, hits=hits, answerable=answerable, read_as=describe(query, scope),
                        scope=scope.words, note=note, grade=grade, grade_list=listing, quote=quote,
                        seconds=time.perf_counter() - started, in_reading_order=bool(read_whole),
                        digest=digest if answerable else None, timeline=timeline if answerable else None)

    @staticmethod
    def _too_long(question: str, started: float) -> Response:
        """A clear refusal, read in no time, of a question past MAX_QUESTION_CHARS (its start kept to show)."""
        shown = question[:200] + "…"
        return Response(reading=Reading(shown, "", False), query=analyse("", ()), hits=[], answerable=False,
                        read_as=shown, note=f"The question is {len(question):,} characters long; ask it in fewer than "
                                            f"{MAX_QUESTION_CHARS:,}.", seconds=time.perf_counter() - started)

    @staticmethod
    def _wants_digest(query: QueryAnalysis, filters: Filters | None) -> bool:
        """A question across councils: a theme, several councils named, or a topic asked of what the filters
        admit (councils, years, grades); not one asking for one place or a figure, which one sentence answers."""
        if (query.kind not in (QuestionKind.THEME, QuestionKind.TOPIC) or query.seeks_one_place or query.asks_figure
                or query.report_types):
            return False
        if query.kind == QuestionKind.THEME or len(query.council_keys) > 1 or (query.across_councils and not query.council_keys):
            return True   # "… across councils", "Derby and Wigan", "how have councils improved supervision in 2024?"
        return not query.council_keys and not query.years and filters is not None and filters != Filters() \
            and not filters.doc_ids and len(filters.councils) != 1

    @staticmethod
    def _wants_timeline(query: QueryAnalysis, filters: Filters | None, scope: Scope) -> bool:
        """One council's topic over time: "how has … in Derby changed?", "since 2017", "across its inspections"."""
        one_council = len(query.council_keys) == 1 or (not query.council_keys and filters is not None
                                                       and len(filters.councils) == 1)
        return (query.asks_over_time and one_council
                and query.kind in (QuestionKind.TOPIC, QuestionKind.RATING, QuestionKind.SUMMARY))

    def _digest(self, query: QueryAnalysis, catalogue: Catalogue, doc_ids: set[str] | None) -> Digest:
        """Every council whose reports (within doc_ids) speak to the topic, each in its own words, grouped."""
        documents = [d for d_id, d in catalogue.documents.items() if (doc_ids is None or d_id in doc_ids)
                     and (not query.years or d.metadata.years & set(query.years))]   # a year named: its reports
        doc_ids = {d.doc_id for d in documents}
        by_council: dict[str, list[Document]] = {}
        for document in documents:   # a document of no council (a national article) stands alone
            by_council.setdefault(catalogue.council_keys.get(document.doc_id) or document.doc_id, []).append(document)
        judgement = judgement_area(query.text)
        names = council_names(documents, lambda d: catalogue.council_keys.get(d.doc_id, d.doc_id))
        finding_of = self._finding_reader(query, catalogue, doc_ids, scoped=False)
        items = council_findings(by_council, finding_of, names, judgement)
        # Few councils answering in the question's words says the reports word it otherwise ("somewhere suitable to
        # live" for accommodation, "a voice in shaping services" for a children in care council's influence): a
        # report with nothing in those words is then answered by its passage closest in meaning (each report is
        # read once for both).
        if len({item.council for item in items}) < ranking.ACROSS_WORDING_SHARE * len(by_council):
            items = council_findings(by_council, functools.partial(finding_of, by_meaning=True), names, judgement)
        return Digest(groups=group_items(items, query.topic_terms), councils_searched=len(by_council),
                      councils_answering=len({item.council for item in items}), judgement=judgement)

    def _timeline(self, query: QueryAnalysis, catalogue: Catalogue, doc_ids: set[str] | None) -> Timeline:
        """One entry per report of the council that speaks to the topic, oldest first, each with its grade for
        the topic's judgement area and its own sentences."""
        # The story of its inspections: Ofsted's reports, not a paper's or an article's account of them (unless the
        # question names that kind, and then its scope holds only those).
        documents = [d for d_id, d in catalogue.documents.items() if (doc_ids is None or d_id in doc_ids)
                     and (query.since is None or (d.metadata.year or 0) >= query.since)
                     and (d.metadata.report_type not in report_types.NOT_OFSTED or query.report_types)]
        judgement = judgement_area(query.text)
        names = council_names(documents, lambda d: catalogue.council_keys.get(d.doc_id, d.doc_id))
        council = names.get(query.council_keys[0]) if query.council_keys else next(iter(names.values()), "")
        entries = timeline_entries(documents, self._finding_reader(query, catalogue, {d.doc_id for d in documents},
                                                                   scoped=True), judgement)
        return Timeline(council=council or "", judgement=judgement, entries=entries, reports_searched=len(documents))

    @staticmethod
    def _accounts(catalogue: Catalogue) -> set[str]:
        """Documents a question across councils should not lead its passages with: papers' and articles' accounts
        of what inspectors found, when the reports themselves are there. (A council's older reports are not demoted
        here: the digest gives each council's latest words, and demoting them in the list cost the list its
        relevance, bench/RESULTS.md "Digest and timeline".)"""
        return {d for d, document in catalogue.documents.items() if document.metadata.report_type in report_types.NOT_OFSTED}

    def _finding_reader(self, query: QueryAnalysis, catalogue: Catalogue, doc_ids: set[str] | None,
                        scoped: bool) -> Callable[..., Finding | None]:
        """A function from a report to its finding: the quote card's sentences from the best of its passages
        that answer the topic (index.search.relevance), or None; with by_meaning=True, failing those, what its
        passage closest in meaning says (means_it). Every report in the scope is ranked at once by
        keywords and meaning; each is then read only when asked, a few passages deep, so a digest over the
        whole library reads only the reports it needs (a council's newest that speaks to the topic, and a few
        older), and nothing is embedded again: passages the dense search did not reach are scored from their
        stored vectors."""
        # The topic without what the councils do to it (QueryAnalysis.action_terms): a finding must hold
        # "agency social workers", not "cut"; the action's words only help choose among its sentences.
        # Nor what the topic is for (QueryAnalysis.purpose_terms): "use practice leaders to improve social work" asks of
        # practice leaders; improving social work is a lesser word of the finding too.
        topic = [t for t in query.topic_terms if t not in query.action_terms and t not in query.purpose_terms] \
            or [t for t in query.topic_terms if t not in query.action_terms]
        asked = query.text[:query.purpose_at] if query.purpose_at is not None else query.text
        # ... unless nothing else names a topic: "recruiting and keeping" is what "how are councils recruiting and
        # keeping social workers?" asks of, "social workers" being words every report uses of everything. Then an idea
        # of the verb's alone is held only beside the rest, in one sentence ("recruiting mental health workers" is not
        # recruiting social workers).
        # A phrase of such words that few passages print is a term of its own, held whole in every finding:
        # "young carers" (children who care for a parent), not young people with foster carers.
        anchor: tuple[str, ...] = ()
        term: tuple[str, ...] = ()
        if not topic or all(t in EVERYDAY_WORDS for t in topic):
            phrase = " ".join(topic)
            if len(topic) > 1 and self._passage_counts([phrase], catalogue)[phrase] \
                    <= ranking.ACROSS_EVERYDAY_TERM_SHARE * len(catalogue.chunk_doc):
                term = tuple(word_key(t) for t in topic)
            else:
                anchor = tuple(word_key(t) for t in topic)
                topic = query.topic_terms
        verbs = {word_key(t) for t in query.action_terms} if anchor else set()
        action = [t for t in query.terms if (t in query.action_terms or t in query.purpose_terms) and t not in topic]
        also = [t for t in catalogue.glossary.expansions(query.text) if t not in topic]
        # Which passages of a report are read is found as for the ranked list ("homes" would bring a report's
        # passages on children's homes to the top); what is quoted from them weighs every word of either wording.
        # (and the words of what the topic is for: the passages on sharing information with partner agencies)
        served = [t for t in query.terms if t in query.purpose_terms and t not in topic]
        terms = self.keyword_terms(topic + served + [t for t in self.list_expansions(query.text, catalogue)
                                                     if t not in topic + served], catalogue)
        ranges = catalogue.ranges_of(doc_ids)
        if ranges == []:   # the filters admit nothing
            return lambda doc_id, by_meaning=False: None
        vector = self._embed(without_names(query) if scoped else query.text)
        keyword = dict(self.store.keyword_search(terms, ranking.ACROSS_KEYWORD_POOL, ranges)) if terms else {}
        dense = self.store.dense_search(vector.reshape(1, -1), ranking.ACROSS_DENSE_POOL, ranges)
        candidates = {c: catalogue.chunk_doc[c] for c in set(keyword) | set(dense) if c in catalogue.chunk_doc
                      and (doc_ids is None or catalogue.chunk_doc[c] in doc_ids)}
        per_report = ranking.best_per_report(candidates, keyword, dense, ranking.THEMATIC,
                                             ranking.ACROSS_PER_REPORT + ranking.ACROSS_READ_ON)
        forms = self._topic_forms(topic, query.text, catalogue)
        missing = [self._missing(words, catalogue, doc_ids) for words, _ in forms]
        absent = min(_absent_share(weight, gone) for (_, weight), gone in zip(forms, missing))
        quoting = term_weights(self._passage_counts(topic + also, catalogue), len(catalogue.chunk_doc)) if also \
            else forms[0][1]
        if action and quoting:   # a lesser word of the finding: never outweighing the topic's least
            least = min(quoting.values())
            acting = term_weights(self._passage_counts(action, catalogue), len(catalogue.chunk_doc))
            quoting = {key: min(weight, least) for key, weight in acting.items()} | quoting
        # What a finding must hold is judged on the words the searched reports use: one none of them prints
        # ("improved", in reports that say "strengthened") cannot be asked of any sentence.
        held = [{key: w for key, w in weight.items() if key not in gone} for (_, weight), gone in zip(forms, missing)]
        # The topic's distinctive words, as ideas the question prints (ideas.topic_units): "harm outside" or "exploitation"
        # in "how do councils protect young people from harm outside the home, such as exploitation?", never "young" or
        # "home" alone; "sufficiency" in "the sufficiency of homes for children in care", not "homes".
        # A term the glossary knows is one idea whole, in either wording: "multi-agency safeguarding hub", not "hub"
        # (a family hub); "stable homes", not "stable" (a stable workforce).
        glossary = catalogue.glossary
        wordings = [(asked, glossary.printed(asked)), (glossary.in_other_words(asked), glossary.other_wordings(asked))]
        def is_kind(phrase: str, word: str, share: float) -> bool:
            """Whether the library prints the phrase in this share of the passages printing its word or more."""
            counts = self._passage_counts([phrase, word], catalogue)
            return counts[phrase] >= share * counts[word]

        unusual_pairs: set[tuple[str, ...]] = set()   # the kinds named so, as stems: held only as printed

        def unusual(modifier: str, word: str) -> bool:
            """Whether the library's passages printing the word print the modifier less often than its passages at
            large (ranking.ACROSS_UNUSUAL_LIFT): its "wellbeing" is children's, so "staff wellbeing" is a kind of its
            own; its "supervision" is of staff (2.5 times as often), so "staff supervision" is supervision."""
            counts = self._passage_counts([modifier, word], catalogue)
            together = self._together(modifier, word, catalogue)
            found = counts[word] > 0 and together / counts[word] < \
                ranking.ACROSS_UNUSUAL_LIFT * counts[modifier] / max(len(catalogue.chunk_doc), 1)
            if found:
                unusual_pairs.add(tuple(stems_of(f"{modifier} {word}")))
            return found

        # kinds: ideas named with the word beside them ("family hubs", "criminal exploitation"); modified: those whose
        # idea is the word after the modifier ("hubs" of "family hubs"), not the modifier ("criminal")
        units, kinds, modified, unusual_kinds = [], [], [], []
        for (text, terms), weight in zip(wordings, held):
            if weight:
                plain = as_whole_terms(with_shared_head(text, topic_units(text, weight, ranking.ACROSS_DISTINCT_SHARE),
                                                        lambda phrase: self._passage_counts([phrase], catalogue)[phrase] > 0,
                                                        query.action_terms),
                                       terms)
                named = with_printed_modifier(text, plain, is_kind, query.action_terms, weight, unusual)
                units += named
                kinds += [unit for unit, was in zip(named, plain) if unit != was]
                # (one named a kind only by being unusual beside its word is held only as printed: staff wellbeing is
                # no wellbeing of another kind, and wellbeing alone is children's)
                for unit, was in zip(named, plain):
                    if unit[1:] == was:
                        (unusual_kinds if unit[:2] in unusual_pairs else modified).append(unit)
        units = list(dict.fromkeys(units))

        children = children_named(query.text)
        area = judgement_area(query.text)

        def about(quote: Quote) -> float:
            """How surely the quote is about the children asked about: 2 naming them, else as its section of the
            report says (ofsted.sections.Sections.children_at)."""
            if not children:
                return 0.0
            if children_named(quote.text) & children:
                return 2.0
            section = self._sections(catalogue, quote.document.doc_id).children_at(quote.page, quote.start)
            return max(section.get(group, 0.0) for group in children)

        def placed(quote: Quote) -> bool:
            """In the report's section on the topic's judgement area: supervision in its section on leaders, not a
            foster carer's supervision among children in care; the corporate parenting board among children in care,
            not "corporate parenting is a strength" in the summary."""
            return area is not None and self._sections(catalogue, quote.document.doc_id).in_area(
                quote.page, quote.start, area)

        def elsewhere(quote: Quote) -> bool:
            """In a section of its report on other children than those asked about, naming none of them: "parents'
            mental health" under help and protection does not answer a question about care leavers."""
            return bool(children) and not children_named(quote.text) and about(quote) == 0.0

        page_text = functools.lru_cache(maxsize=None)(self.store.page_text)   # each page read once

        def recommended(quote: Quote) -> bool:
            """An item of the report's list of what must improve (ofsted.improvement.in_list): what should be, not
            what inspectors found ("Return home interviews informing safety plans for children who go missing.")."""
            doc_id, page = quote.document.doc_id, quote.page
            before = page_text(doc_id, page - 1) if page else None
            return in_list(page_text(doc_id, page) or "", quote.start, before or "")

        @functools.lru_cache(maxsize=None)   # a quote is read by focus, holds_idea and holds_term, each more than once
        def read_as(text: str) -> str:
            """The text with roles read as what they are: "supervising social workers" are not supervision
            (ofsted.vocabulary.without_role_names)."""
            return without_role_names(text, query.text)

        @functools.lru_cache(maxsize=None)   # a quote's focus is asked by says_it and again to rank it
        def focus(text: str) -> float:
            return max((stem_focus(read_as(text), weight) for weight in held if weight), default=0.0)

        def as_usual_kind(text: str, kind: tuple[str, ...]) -> bool:
            """Prints the kind's word only as the word's usual kind, which is another (the library printing it for
            ranking.ACROSS_USUAL_KIND_SHARE of the word's passages): a multi-agency safeguarding hub for a family hub.
            A less usual kind is the question's in other words as often as not ("Social Care Academy" for a social
            work academy, a "Strengthening Families model" for a practice model; and, as no count tells them apart,
            a care leavers' hub for a family hub)."""
            return any(is_kind(phrase, phrase.split()[-1], ranking.ACROSS_USUAL_KIND_SHARE)
                       for phrase in other_kinds(text, kind, query.text))

        def holds(text: str, unit: tuple[str, ...]) -> bool:
            """Whether the (read) text holds the idea: a kind as printed, or its word not as its usual kind where the
            idea is that word; a verb's idea beside the rest of the topic in one sentence; any other close together."""
            if unit in kinds:
                return holds_kind(text, unit) or (unit in modified and holds_unit(text, unit[1:])
                                                  and not as_usual_kind(text, unit))
            if set(unit) <= verbs:   # split into sentences only for a verb's idea
                return any(holds_unit(text[start:end], unit) and holds_unit(text[start:end], anchor)
                           for start, end in paragraph_sentence_spans(text))
            return holds_unit(text, unit)

        @functools.lru_cache(maxsize=None)   # asked by says_it, another_kind and scan
        def holds_idea(text: str) -> bool:
            return any(holds(read_as(text), unit) for unit in units)

        def holds_term(text: str) -> bool:
            """Holds the term of everyday words the topic is, whole ("young carers"), when it is one."""
            return not term or holds_unit(read_as(text), term)

        def prose(text: str) -> bool:
            """A sentence ending as one, of a few words at least (no heading or label), not a cover or table, not
            about other children than those asked about."""
            return (len(text.split()) >= ranking.ACROSS_MIN_WORDS and _ENDS_PROSE.search(text) is not None
                    and not is_front_matter(text)
                    and not (children and (named := children_named(text)) and not named & children))

        def another_kind(text: str) -> bool:
            """Holds the topic's words but names what the question names by a kind only as the word's usual kind,
            another (as_usual_kind), or names an unusual kind's word without it ("wellbeing" for staff wellbeing)."""
            return bool(kinds) and not holds_idea(text) and (
                any(as_usual_kind(read_as(text), kind) for kind in kinds)
                or any(holds_unit(read_as(text), kind[1:]) for kind in unusual_kinds))

        kind_word = next((word for kind in modified for text, _ in wordings if (word := printed_word(text, kind[-1]))),
                         None)

        def only_another_kind(text: str) -> bool:
            """Holds the idea only as its word with another modifier than the question's ("care leavers' hub" for
            "family hubs", ideas.other_kinds): a less usual kind, which may be the question's in other words or not.
            The word alone ("based in the hub") is no other kind."""
            read = read_as(text)
            return bool(modified) and holds_idea(text) and not any(holds(read, unit) for unit in units if unit not in kinds) \
                and not any(holds_kind(read, kind) for kind in kinds) \
                and any(other_kinds(read, kind, query.text) for kind in modified)

        # What a purpose is served by ("use practice leaders to improve social work") is a thing named: held as the
        # question names it, where its words are all the topic, not apart ("senior leaders ... social work practice").
        named_thing = query.purpose_at is not None and bool(units) \
            and {word_key(t) for t in topic} <= {stem for unit in units for stem in unit}

        def says_it(text: str) -> bool:
            """Prose that holds the topic: ACROSS_MIN_FOCUS of the topic's weight or one of its distinctive words
            (not "improve" alone for "improve supervision"); the thing named, where a purpose is asked of it."""
            return prose(text) and (holds_idea(text) or not named_thing and focus(text) >= ranking.ACROSS_MIN_FOCUS) \
                and holds_term(text) and not another_kind(text)

        def means_it(text: str, cosine: float) -> bool:
            """Prose from a passage close in meaning to the question, holding ACROSS_MEANING_FOCUS of its words."""
            return (cosine >= ranking.ACROSS_MEANING_COSINE and prose(text)
                    and focus(text) >= ranking.ACROSS_MEANING_FOCUS and holds_term(text) and not another_kind(text))

        verdict_on = area_asked(query)
        asks_how_soon = says_how_soon(query.text)   # "… on time?": a sentence saying how soon comes first

        def finding_of(doc_id: str, by_meaning: bool = False) -> Finding | None:
            if verdict_on and (verdict := self._verdict(catalogue, doc_id, verdict_on)) is not None:
                return verdict
            in_words, in_meaning = read(doc_id)
            return in_words or (in_meaning if by_meaning and not named_thing else None)

        @functools.lru_cache(maxsize=None)
        def read(doc_id: str) -> tuple[Finding | None, Finding | None]:
            """The report's best passages; and its next few when none of those answers because they are in another
            group's section (on help and protection, for a question about care leavers)."""
            ids = per_report.get(doc_id, [])
            found: list = []   # of the passages that answer, the quote about the children asked, in the section on the
            # topic's judgement area, naming the kind asked of (not only another: only_another_kind), saying how soon
            # where the question asks it (ofsted.vocabulary.TIMELINESS), holding most of the
            # topic; among those holding it about as fully, one that judges
            # it (ranking.ACROSS_JUDGED_EDGE) and stands on its own (ranking.ACROSS_LEANING_EDGE: not "They offer
            # additional strength to the front door.", whose "they" is in the passage before)
            meant: list = []   # what passages close in meaning say, for by_meaning when nothing answers in words
            if scan(doc_id, ids[:ranking.ACROSS_PER_REPORT], found, meant) and not found:
                scan(doc_id, ids[ranking.ACROSS_PER_REPORT:], found, meant, surely=True)
            return (max(found, key=lambda f: f[:6])[6] if found else None,
                    max(meant, key=lambda f: f[:2])[2] if meant else None)

        def scan(doc_id: str, ids: list[int], found: list, meant: list, surely: bool = False) -> bool:
            """Adds the passages' findings to found (and meant); whether any was set aside as another group's. Read on
            for that (surely), only a finding naming the children asked about or in their section counts."""
            set_aside = False
            chunks = {c: chunk for c, chunk in self.store.chunks(ids).items() if not is_front_matter(chunk.text)}
            missing = [c for c in chunks if c not in dense]
            cosines = {c: dense[c] for c in chunks if c in dense} | {
                c: float(v @ vector) for c, v in self.store.vectors(missing).items()}
            focused = {c: max(sentence_focus(chunk.text, weight) for _, weight in forms) for c, chunk in chunks.items()}
            scored = sorted(((Evidence(cosines.get(c, 0.0), focused[c], absent).score, c) for c in chunks), reverse=True)
            for score, chunk_id in scored:
                # A passage that answers; or, in one mostly on something else, a sentence that prints the topic's
                # distinctive idea ("… an effective response from the out-of-hours team." amid a page on neglect),
                # when the searched reports print every word of the topic (else nothing below ANSWERS can answer).
                if score < ANSWERS and absent:
                    break
                if not focused[chunk_id]:   # no sentence holds a topic word: nothing to quote
                    continue
                chunk, page_break = widen(chunks[chunk_id], page_text)
                quote = covering_quote(Hit(chunk, catalogue.documents[doc_id], score, page_break=page_break), quoting)
                if quote is not None and elsewhere(quote):
                    set_aside = True
                    continue
                if quote is not None and (recommended(quote) or surely and about(quote) < ranking.ACROSS_SURELY_ABOUT):
                    continue
                if quote is not None and says_it(quote.text) and (score >= ANSWERS or holds_idea(quote.text)):
                    judged = ranking.ACROSS_JUDGED_EDGE if stance(quote.text) != NEUTRAL else 0.0
                    leaning = ranking.ACROSS_LEANING_EDGE if refers_back(quote.text) else 0.0
                    other = only_another_kind(quote.text)
                    soon = asks_how_soon and says_how_soon(quote.text)
                    found.append((soon, about(quote), placed(quote), not other,
                                  round(focus(quote.text) + judged - leaning, 4),
                                  score, Finding(quote=quote, score=round(score, 4), other_kind=kind_word if other else None)))
                elif quote is not None and not found and means_it(quote.text, cosines.get(chunk_id, 0.0)):
                    meant.append((cosines.get(chunk_id, 0.0), focus(quote.text),
                                  Finding(quote=quote, score=round(score, 4))))
            return set_aside

        return finding_of

    @staticmethod
    def _quote(hits: list[Hit], weights: dict[str, float], listed: set[int], figure: bool) -> Quote | None:
        """The report's own words from the first passage that has a whole sentence answering (a table of
        figures has none), among the first QUOTED_FROM from the first passage's report that at least partly
        match; the items of a report's list of what must improve when the first passage is that list (`listed`)."""
        if hits and hits[0].chunk.chunk_id in listed and (items := listed_items(hits[0].chunk.text)):
            return quote_of(hits[0], *items)
        for hit in hits[:QUOTED_FROM]:
            if hit.match == Match.WEAK or hit.document.doc_id != hits[0].document.doc_id:
                break
            if (quote := best_quote(hit, weights, figure)) is not None:
                return quote
        return None

    def _in_reading_order(self, catalogue: Catalogue, doc_id: str, k: int) -> list[Hit]:
        """A report's first k passages as it prints them, leaving out its licence text: what it found, for a
        question that asks that of one report (its first page holds the judgements and their summary)."""
        ids = [c for first, last in catalogue.chunk_ranges.get(doc_id, ()) for c in range(first, last + 1)]
        chunks = self._passages(ids[: k * 2], catalogue)
        picked = [(0.0, chunks[c]) for c in ids[: k * 2] if c in chunks and not is_licence(chunks[c].text)][:k]
        return self._hits(picked, catalogue, {})

    def _unprinted_name(self, question: str, catalogue: Catalogue, scope: Scope,
                        admitted: set[str] | None) -> str | None:
        """One sentence when the question names a programme, body or scheme that no report searched
        prints ("Wokingham's reports never mention “Prevent”."), else None (index.search.relevance.named_things)."""
        searched = scope.doc_ids if scope.doc_ids is not None else admitted
        ranges = catalogue.ranges_of(searched)
        for name in named_things(question):
            if ranges == [] or not self.store.mentions(name, ranges):
                if scope.words:
                    verb = "never mentions" if scope.words.endswith("report") else "never mention"
                    return f"{scope.words[0].upper()}{scope.words[1:]} {verb} “{name}”."
                where = "the reports the filters allow" if admitted is not None else "the library"
                return f"No report in {where} mentions “{name}”."
        return None

    def search(self, question: str, k: int = 10, filters: Filters | None = None) -> list[Hit]:
        """The passages of `ask`, for tools that want only them."""
        return self.ask(question, filters, k).hits

    def _rank(self, query: QueryAnalysis, catalogue: Catalogue, scope: Scope, k: int,
              graded: set[str] | None = None,
              accounts: set[str] = frozenset()) -> Ranked:
        """The k best passages in the scope, each with its evidence, the topic's keyword weights, and which
        passages hold a report's list of what must improve (when asked); a rating question's grade card
        comes from the reports `graded` (doc ids), whose statements lead."""
        scoped = scope.by_name
        weights = ranking.weights_for(scoped, query.is_specific, query.seeks_one_place, len(query.council_keys))
        # The question is embedded on the other core meanwhile: keyword ranking takes ~0.4 ms once its
        # words' postings are in memory, but reading them after the index changes takes several ms.
        # Within one council's reports its name says nothing about the topic, so it is left out of both.
        embedding = self._embedding_pool.submit(self._embed,
                                                without_names(query) if scoped else query.text)
        asked = query.topic_terms if scoped else query.terms
        also = [t for t in self.list_expansions(query.text, catalogue) if t not in asked]
        terms = self.keyword_terms(asked + also, catalogue) if asked + also else []
        ranges = catalogue.ranges_of(scope.doc_ids)
        keyword = dict(self.store.keyword_search(terms, ranking.CANDIDATES, ranges)) if terms else {}
        dense = self.store.dense_search(embedding.result().reshape(1, -1), ranking.DENSE_POOL, ranges)
        candidates = {c: catalogue.chunk_doc[c] for c in ranking.candidate_ids(keyword, dense) if c in catalogue.chunk_doc
                      and (scope.doc_ids is None or catalogue.chunk_doc[c] in scope.doc_ids)}
        named_years = {d for d in set(candidates.values())
                       if query.years and catalogue.documents[d].metadata.years & set(query.years)}
        statements = self._judgement_statements(query, catalogue, set(candidates), graded)
        listed = self._improvement_lists(catalogue, candidates) if query.asks_improvements and scoped else set()
        statements |= listed
        pool = ranking.fuse(candidates, keyword, dense, weights, named_years, statements)[: ranking.pool_size(k)]
        chunks = self._passages([c.chunk_id for c in pool], catalogue)  # read once, for all that follows
        pool = [c for c in pool if c.chunk_id in chunks]  # not one a writer deleted before it was first read
        # Within one council's reports only the first places matter (diversifying there is slight): the
        # passages below the first SCOPED_DEPTH x k by keywords and meaning are not re-judged.
        reach = ranking.reach(pool, k * ranking.SCOPED_DEPTH if scoped else None)
        # A cover page or judgement table is no finding, unless a grade is asked; the licence text never is.
        about_report = is_licence if query.asks_grade else is_front_matter
        pool = ranking.demote(pool, lambda chunk_id: about_report(chunks[chunk_id].text), reach)
        if accounts:   # an inspection report's own words first: see _accounts
            pool = ranking.demote(pool, lambda chunk_id: catalogue.chunk_doc[chunk_id] in accounts, reach,
                                  ranking.ACCOUNT_PENALTY)
        if self.reranker is not None:
            head = [chunks[c.chunk_id].text for c in pool[:RERANK_DEPTH]]
            pool = ranking.rerank(pool, self.reranker.relevance(query.text, head), RERANK_WEIGHT)
        topic = query.topic_terms if scoped else query.terms
        forms = self._topic_forms(topic, query.text, catalogue)
        term_weight = forms[0][1]
        # A term of several words the question names ("front door", or "UASC" spelled out), as a phrase.
        phrases = [_phrase(words) for words in ([topic] if len(topic) == 2 else []) + catalogue.glossary.spelled_out(query.text)]
        floor = min(dense.values(), default=0.0)
        # What the subject does ("who *runs* adoption?") a report says in its own words ("… provides its adoption
        # arrangements"): a verb it never prints is no sign the topic is missing.
        acting = {word_key(t) for t in query.action_terms}
        absent = min(_absent_share(weight, self._missing(words, catalogue, scope.doc_ids) - acting) for words, weight in forms)
        # A passage stating what is asked (the judgement, the list of what must improve) holds the topic
        # whatever its words: "◼ The response to homeless 16-year-olds" shares none with the question.
        focus_of = _Memo(lambda chunk_id: 1.0 if chunk_id in statements
                         else max(sentence_focus(chunks[chunk_id].text, weight, query.asks_figure) for _, weight in forms))

        @_Memo
        def evidence_of(chunk_id: int) -> Evidence:
            if is_licence(chunks[chunk_id].text):  # never an answer
                return Evidence(0.0, 0.0, 1.0)
            # A passage printing such a term as the phrase it is states it, however little its words alone,
            # or an acronym, mean to the model.
            # So does one with a sentence holding every word of a topic of several (relevance.HOLDS_ALL_TOPIC).
            stated = chunk_id in statements or any(p.search(chunks[chunk_id].text) for p in phrases) \
                or (len(term_weight) > 1 and focus_of(chunk_id) >= HOLDS_ALL_TOPIC)
            return Evidence(dense.get(chunk_id, floor), focus_of(chunk_id), absent, stated=stated)

        if weights.focus:  # the question's own words: an acronym and its words are one idea, not two
            pool = ranking.focus(pool, focus_of, weights, reach)
        if listed:  # "what does Wigan need to improve?": the report's list answers it
            pool = ranking.put_first(pool, listed)
        # The latest report that covers the topic first; not for a rating question, whose judgement statement
        # stays on top, nor for a figure, which recent reports seldom give (the SIF reports' statistics did).
        if scoped and not query.asks_grade and not query.asks_figure:
            pool = ranking.latest_first(pool, evidence_of, catalogue.documents)
        picked = ranking.diversify(pool, chunks, catalogue.council_keys, weights, k)
        highlight_weight = term_weights(self._passage_counts(topic + also, catalogue),
                                        len(catalogue.chunk_doc)) if also else term_weight
        hits = self._hits(picked, catalogue, highlight_weight, query.asks_figure)
        evidence = [evidence_of(hit.chunk.chunk_id) for hit in hits]
        for hit, found in zip(hits, evidence):
            # A cover page or judgement table can name everything a question does (council, year, judgement,
            # grade) and still say nothing of it in prose: at most a partial match.
            hit.match = Match.PARTIAL if found.label == Match.STRONG and is_front_matter(hit.chunk.text) else found.label
        return Ranked(hits=hits, evidence=evidence, weights=highlight_weight, listed=listed)

    @staticmethod
    def _admitted(catalogue: Catalogue, filters: Filters | None) -> set[str] | None:
        if filters is None or filters == Filters():
            return None
        return {doc_id for doc_id, document in catalogue.documents.items() if filters.admits(document)}

    def _judgement_statements(self, query: QueryAnalysis, catalogue: Catalogue, candidates: set[int],
                              graded: set[str] | None) -> set[int]:
        """For a rating question, the candidate passages that state the judgement asked about (overall
        effectiveness if it names none): on the page it was read from, and containing its grade; only in
        the reports its grades are from, when it has them ("Is Derby outstanding?": the latest)."""
        if not (query.asks_grade and (query.judgement or query.kind == QuestionKind.RATING)):
            return set()
        on_page: dict[int, tuple[str, str]] = {}
        for chunk_id in candidates:
            if graded is not None and catalogue.chunk_doc[chunk_id] not in graded:
                continue
            found = find_judgement(catalogue.documents[catalogue.chunk_doc[chunk_id]].metadata, query.graded_judgement)
            if query.grade and found and found[1].grade != query.grade:
                continue
            if found and found[1].page == catalogue.chunk_page.get(chunk_id):
                on_page[chunk_id] = (found[0], found[1].grade)
        texts = self.store.chunks(on_page)
        return {c for c, (key, grade) in on_page.items() if c in texts and states_judgement(texts[c].text, key, grade)}

    def _improvement_lists(self, catalogue: Catalogue, candidates: dict[int, str]) -> set[int]:
        """The candidates that hold a report's list of what must improve (ofsted.improvement), and the
        passage after each that carries the list on, added to the candidates if it was not among them."""
        texts = self._passages(list(candidates), catalogue)
        headed = {c for c, chunk in texts.items() if heads_improvements(chunk.text) and not is_front_matter(chunk.text)}
        following = {c + 1: catalogue.chunk_doc[c] for c in headed if catalogue.chunk_doc.get(c + 1) == catalogue.chunk_doc[c]}
        carried = {c for c, chunk in self._passages(list(following), catalogue).items() if continues_a_list(chunk.text)}
        candidates.update({c: following[c] for c in carried})
        return headed | carried

    def _verdict(self, catalogue: Catalogue, doc_id: str, area: str) -> Finding | None:
        """The report's verdict on a judgement area, as a digest's or timeline's finding: the first sentence of one of
        the first paragraphs (ranking.VERDICT_PARAGRAPHS) of its section on the area that judges it and names it
        ("Care leavers in Dorset receive a strong service …", not "The local authority is responsible for 766 care
        leavers."); in a section judging two groups, the first paragraph that opens so on the group asked about alone.
        None when no paragraph does, or the report has no such section."""
        sections = self._sections(catalogue, doc_id)
        extent = sections.extent(area)
        if extent is None:
            return None
        (first_page, first), end = extent
        own = sections.opening(area) is not None
        read, page = 0, first_page
        while (text := self.store.page_text(doc_id, page)) is not None:   # the section's pages only
            last = end[1] if end is not None and (page or 0) == end[0] else len(text)
            for start, stop in paragraph_spans(text, first if page == first_page else 0, last):
                chunk = Chunk(doc_id, page, start, stop, text[start:stop])
                quote = opening_quote(Hit(chunk, catalogue.documents[doc_id], ANSWERS))
                if quote is None:   # a label ("Inspection findings") or a paragraph run on from the page before
                    continue
                read += 1
                if own and read > ranking.VERDICT_PARAGRAPHS:
                    return None
                # In a section shared with children in care, a paragraph on care leavers alone, that opens on them.
                opens = " ".join(quote.text.split()[:ranking.VERDICT_SUBJECT_WORDS])
                if stance(quote.text) != NEUTRAL and names_area(quote.text, area) \
                        and (own or (children_named(quote.text) <= {area} and names_area(opens, area))):
                    return Finding(quote=quote, score=ANSWERS)
            if page is None or (end is not None and page >= end[0]):
                break
            page += 1
        return None

    def _sections(self, catalogue: Catalogue, doc_id: str) -> Sections:
        """The report's judgement sections (ofsted.sections), read once per index generation."""
        with catalogue.lock:
            if doc_id in catalogue.sections:
                return catalogue.sections[doc_id]
        sections = Sections((page.number, page.text) for page in self.store.pages(doc_id))
        with catalogue.lock:
            return catalogue.sections.setdefault(doc_id, sections)

    def _together(self, first: str, second: str, catalogue: Catalogue) -> int:
        """How many passages contain both words, counted once per pair per index generation (as _passage_counts)."""
        key = f"{first} & {second}"
        with catalogue.lock:
            if key in catalogue.term_counts:
                return catalogue.term_counts[key]
        count = self.store.passages_containing_both(first, second)
        with catalogue.lock:
            catalogue.term_counts[key] = count
        return count

    def _passage_counts(self, terms: list[str], catalogue: Catalogue) -> dict[str, int]:
        """How many passages contain each keyword, counted once per keyword per index generation (kept in
        that generation's catalogue, which a newer generation replaces)."""
        with catalogue.lock:
            missing = [t for t in dict.fromkeys(terms) if t not in catalogue.term_counts]
        counted = {t: self.store.passages_containing(t) for t in missing}
        with catalogue.lock:
            catalogue.term_counts.update(counted)
            return {t: catalogue.term_counts[t] for t in terms}

    def _passages(self, chunk_ids: list[int], catalogue: Catalogue) -> dict[int, Chunk]:
        """The passages by id, the most recently read kept in this generation's catalogue: the same ones
        come back question after question, and reading 200 from SQLite was a tenth of a search."""
        with catalogue.lock:
            found = {c: catalogue.passages[c] for c in chunk_ids if c in catalogue.passages}
            for chunk_id in found:
                catalogue.passages.move_to_end(chunk_id)
        read = self.store.chunks(c for c in chunk_ids if c not in found)
        with catalogue.lock:
            catalogue.passages.update(read)
            while len(catalogue.passages) > PASSAGES_KEPT:
                catalogue.passages.popitem(last=False)
        return found | read

    def _topic_forms(self, topic: list[str], question: str, catalogue: Catalogue) -> list[tuple[list[str], dict[str, float]]]:
        """The topic's words with their weights, and, where the question uses an acronym or spells one out, the
        same with it in its other form ("UASC" as unaccompanied asylum seeking children, "independent reviewing
        officers" as IRO): a sentence holding either form holds the idea."""
        total = len(catalogue.chunk_doc)
        forms = [(topic, term_weights(self._passage_counts(topic, catalogue), total))]
        other_form = catalogue.glossary.other_form(topic, question)
        if other_form != topic:
            forms.append((other_form, term_weights(self._passage_counts(other_form, catalogue), total)))
        return forms

    def _missing(self, terms: list[str], catalogue: Catalogue, doc_ids: set[str] | None) -> set[str]:
        """The stems (highlight.word_key) of the words no passage in the searched reports holds."""
        ranges = catalogue.ranges_of(doc_ids)
        return {word_key(t) for t in terms if not self.store.holds_keyword(t, ranges)}

    def list_expansions(self, question: str, catalogue: Catalogue) -> list[str]:
        """The keywords the ranked list adds for the terms a question names: an acronym's words where it uses the
        acronym, the acronym where it spells it out, a reworded term's other words. The list matches them word by
        word, so a reworded word common in other senses ("homes" of "stable homes": children's homes, returning home)
        is left out: it only helps find and quote a finding, which must hold the wording whole."""
        also = catalogue.glossary.expansions(question)
        if reworded := catalogue.glossary.reworded(question):
            counts = self._passage_counts(list(reworded), catalogue)
            also = [t for t in also if t not in reworded
                    or counts[t] <= ranking.REWORDED_KEYWORD_SHARE * len(catalogue.chunk_doc)]
        return also

    def keyword_terms(self, terms: list[str], catalogue: Catalogue) -> list[str]:
        """The keywords worth matching: one found in most passages ('children') adds almost nothing to
        BM25 but makes it score most of the index, so it is left out (the rarest term always stays)."""
        counts = self._passage_counts(terms, catalogue)
        limit = ranking.COMMON_TERM_SHARE * len(catalogue.chunk_doc)
        kept = [t for t in terms if counts[t] <= limit]
        return kept or sorted(terms, key=counts.get)[:1]

    def _hits(self, picked: list[tuple[float, Chunk]], catalogue: Catalogue, weights: dict[str, float],
              figure: bool = False) -> list[Hit]:
        """Hits in whole sentences (a sentence cut by a page break is completed from the next page, see
        index.search.widening), with the sentences that answer best highlighted."""
        hits = []
        page_text = functools.lru_cache(maxsize=None)(self.store.page_text)  # each page read once
        for rank, (score, chunk) in enumerate(picked, start=1):
            chunk, page_break = widen(chunk, page_text)
            hits.append(Hit(chunk, catalogue.documents[chunk.doc_id], round(float(score), 4), rank,
                            highlight(chunk.text, weights, figure), page_break=page_break))
        return hits
