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
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from index.search.response import Response
from index.search.answers import grade_answer, grade_list, report_grade
from index.search.conversation import Reading, read_in_context
from index.search.digest import Digest, Finding, Timeline, council_findings, council_names, timeline_entries
from index.search.findings import FindingReader, absent_share, finding_reader
from index.search.grouping import group_items
from index.search.glossary import Glossary
from index.search import ranking
from index.search.highlight import highlight, sentence_focus, stem_focus, term_weights, word_key
from index.search.query import (MAX_QUESTION_CHARS, STOPWORDS, SUMMARY_WORDS, QueryAnalysis, QuestionKind, analyse,
                                without_markup)
from index.search.quotes import best_quote, opening_quote, quote_of
from index.search.relevance import (ANSWERS, EVERYDAY_NAME_SHARE, HOLDS_ALL_TOPIC, Evidence, answers, is_front_matter,
                                    is_licence, named_things)
from index.search.rerank import RERANK_DEPTH, RERANK_WEIGHT, CrossEncoderReranker
from index.search.scope import Scope, choose_scope, describe, without_names
from index.search.widening import widen
from index.storage.embedder import Embedder
from index.storage.store import Store
from models import Chunk, Document, Hit, Match, Quote
from ofsted.councils import council_key
from ofsted import report_types
from ofsted.findings import NEUTRAL, stance
from ofsted.improvement import (IMPROVEMENT_WORDS, continues_a_list, heads_improvements, list_end,
                                list_heading_before, listed_items)
from ofsted.judgements import children_named, find_judgement, judgement_area, names_area, states_judgement
from ofsted.sections import Sections
from text.sentences import paragraph_spans

@functools.lru_cache(maxsize=256)
def _phrase_pattern(words: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"\b" + r"\W+".join(re.escape(w) + "s?" for w in words) + r"\b", re.IGNORECASE)


def _phrase(words: list[str]) -> re.Pattern:
    """Words side by side as whole words, any of them plural ("front door", "front doors",
    "unaccompanied asylum-seeking children")."""
    return _phrase_pattern(tuple(w[:-1] if w.endswith("s") and not w.endswith("ss") else w for w in words))


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
    # Papers' and articles' accounts of what inspectors found (report_types.NOT_OFSTED): no question across councils,
    # nor one asking what inspectors said of one, leads its passages with them when the reports themselves are there,
    # and none is a council's latest inspection. (A council's older reports are not demoted: the digest gives each
    # council's latest words, and demoting them in the list cost the list its relevance, bench/RESULTS.md "Digest and
    # timeline".)
    accounts: frozenset[str] = frozenset()
    glossary: Glossary = field(default_factory=lambda: Glossary([]))  # the acronyms the documents define
    term_counts: dict[str, int] = field(default_factory=dict, repr=False)  # keyword -> passages holding it, filled as asked
    passages: OrderedDict[int, Chunk] = field(default_factory=OrderedDict, repr=False)  # the last PASSAGES_KEPT read
    sections: dict[str, Sections] = field(default_factory=dict, repr=False)  # doc_id -> its headings, read as asked
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)  # for the three above

    def ranges_of(self, doc_ids: set[str] | None) -> list[tuple[int, int]] | None:
        """The documents' runs of chunk ids; None (everything) for no scope."""
        return None if doc_ids is None else sorted(r for d in doc_ids for r in self.chunk_ranges.get(d, ()))


def _list_item_holds(query: QueryAnalysis) -> Callable[[str], bool] | None:
    """For a question asking what must improve about a topic ("What did Harrow's inspection say needs to improve for
    care leavers?"), whether an item of the report's list holds every word of that topic (by stem): the list answers it
    with that item. None for a question asking for the whole list, or none."""
    if query.asks_improvements or not query.names_improvements:
        return None
    # the words asking for the list, and framing ("key", "main"), are no topic: as asks_improvements reads them
    wanted = {word_key(t): 1.0 for t in query.topic_terms if t not in IMPROVEMENT_WORDS | SUMMARY_WORDS}
    if not wanted:
        return None
    return lambda text: stem_focus(text, wanted) >= 1.0 - 1e-9   # every one, as highlight matches words


class Searcher:
    """Answers questions over one store with one embedder; safe to share between threads."""

    def __init__(self, store: Store, embedder: Embedder, reranker: CrossEncoderReranker | None = None):
        self.store = store
        self.embedder = embedder
        self.reranker = reranker
        self._catalogue: Catalogue | None = None
        self._lock = threading.Lock()
        self._embedding_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="embed-question")
        self._embeddings: OrderedDict[str, np.ndarray] = OrderedDict()

    def embed(self, text: str) -> np.ndarray:
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
                    accounts=frozenset(d for d, document in documents.items()
                                       if document.metadata.report_type in report_types.NOT_OFSTED),
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
        # An inspection report's own words before a paper's or an article's account of them: across councils, and within
        # one council's reports when the question asks what inspectors said (else a paper may hold the one answer:
        # "how can practitioners in Lincolnshire raise issues with the chief executive?"); never when it names that
        # kind of document (its scope then holds only those)
        accounts = catalogue.accounts if (wants_digest or scope.by_name and query.asks_inspectors) \
            and not query.report_types else frozenset()
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
        quote = (self._quote(hits, weights, listed, query.asks_figure, _list_item_holds(query))
                 if answerable and query.kind == QuestionKind.TOPIC else None)
        current_first = wants_digest and bool(hits) and not read_whole
        if current_first:   # shown in the digest's order, once the best has been quoted
            hits = ranking.current_first(hits, catalogue.accounts)
        return Response(reading=reading, query=query, hits=hits, answerable=answerable, read_as=describe(query, scope),
                        scope=scope.words, note=note, grade=grade, grade_list=listing, quote=quote,
                        seconds=time.perf_counter() - started, in_reading_order=bool(read_whole),
                        current_first=current_first,
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
        finding_of = finding_reader(self, query, catalogue, doc_ids, scoped=False)
        items = council_findings(by_council, finding_of, names, judgement)
        # Few councils answering in the question's words says the reports word it otherwise ("somewhere suitable to
        # live" for accommodation, "a voice in shaping services" for a children in care council's influence): a
        # report with nothing in those words is then answered by its passage closest in meaning (each report is
        # read once for both).
        if len({item.council for item in items}) < ranking.ACROSS_WORDING_SHARE * len(by_council):
            items = council_findings(by_council, functools.partial(finding_of, by_meaning=True), names, judgement)
        passages = len(catalogue.chunk_doc) or 1
        groups = group_items(items, query.topic_terms,
                             lambda phrase: self.passage_counts([phrase], catalogue)[phrase] / passages)
        return Digest(groups=groups, councils_searched=len(by_council),
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
        reader = finding_reader(self, query, catalogue, {d.doc_id for d in documents}, scoped=True)
        entries = timeline_entries(documents, reader, judgement)
        if isinstance(reader, FindingReader):   # each report's other side, where its finding tells one
            entries = tuple(replace(entry, also=reader.other_side(entry.finding)) for entry in entries)
        return Timeline(council=council or "", judgement=judgement, entries=entries, reports_searched=len(documents))

    def _quote(self, hits: list[Hit], weights: dict[str, float], listed: set[int], figure: bool,
               holding: Callable[[str], bool] | None = None) -> Quote | None:
        """The report's own words from the first passage that has a whole sentence answering (a table of
        figures has none), among the first QUOTED_FROM from the first passage's report that at least partly
        match; the items of a report's list of what must improve when the first passage is that list (`listed`)."""
        if hits and hits[0].chunk.chunk_id in listed:
            first = self._whole_list(hits[0])
            if items := listed_items(first.chunk.text, holding):
                return quote_of(first, *items)
        for hit in hits[:QUOTED_FROM]:
            if hit.match == Match.WEAK or hit.document.doc_id != hits[0].document.doc_id:
                break
            if (quote := best_quote(hit, weights, figure)) is not None:
                return quote
        return None

    def _whole_list(self, hit: Hit) -> Hit:
        """The hit with its passage run on over the whole of its list of what must improve: a list cut by a passage's
        end ("What needs to improve?" and two of Wigan's three items) is read to its run's last item, and a passage
        opening on its last item from its heading (listed_items then takes the items). Only the list's own run: a
        page's bullets further down (a summary for children) are none of a SIF report's numbered recommendations."""
        chunk = hit.chunk
        if chunk.page is None or chunk.end_page is not None:
            return hit
        page = self.store.page_text(chunk.doc_id, chunk.page) or ""
        if page[chunk.start:chunk.end] != chunk.text:
            return hit
        start = chunk.start
        if not heads_improvements(chunk.text) and (heading := list_heading_before(page, chunk.start)) is not None:
            start = heading
        end = max(chunk.end, list_end(page, start, chunk.end) or 0)
        return replace(hit, chunk=replace(chunk, start=start, end=end, text=page[start:end]))

    def _in_reading_order(self, catalogue: Catalogue, doc_id: str, k: int) -> list[Hit]:
        """A report's first k passages as it prints them, leaving out its licence text: what it found, for a
        question that asks that of one report (its first page holds the judgements and their summary)."""
        ids = [c for first, last in catalogue.chunk_ranges.get(doc_id, ()) for c in range(first, last + 1)]
        chunks = self.passages(ids[: k * 2], catalogue)
        picked = [(0.0, chunks[c]) for c in ids[: k * 2] if c in chunks and not is_licence(chunks[c].text)][:k]
        return self._hits(picked, catalogue, {})

    def _unprinted_name(self, question: str, catalogue: Catalogue, scope: Scope,
                        admitted: set[str] | None) -> str | None:
        """One sentence when the question names a programme, body or scheme that no report searched
        prints ("Wokingham's reports never mention “Prevent”."), else None (index.search.relevance.named_things)."""
        searched = scope.doc_ids if scope.doc_ids is not None else admitted
        ranges = catalogue.ranges_of(searched)
        for name in named_things(question):
            # (the reports searched printing it is the usual case and one look; whether it is a name at all, asked
            # of the whole library, only when they do not)
            if ranges != [] and self.store.mentions(name, ranges) or self._everyday_words(name, catalogue):
                continue
            if scope.words:
                verb = "never mentions" if scope.words.endswith("report") else "never mention"
                return f"{scope.words[0].upper()}{scope.words[1:]} {verb} “{name}”."
            where = "the reports the filters allow" if admitted is not None else "the library"
            return f"No report in {where} mentions “{name}”."
        return None

    def _everyday_words(self, name: str, catalogue: Catalogue) -> bool:
        """Whether a capitalised run of the question is everyday words, not a name (EVERYDAY_NAME_SHARE): the library
        prints "social work supervision", never as written, and each of its words often."""
        words = [word.lower() for word in re.findall(r"[^\W_]+", name) if word.lower() not in STOPWORDS]
        counts = self.passage_counts(words, catalogue)
        return bool(words) and all(counts[word] >= EVERYDAY_NAME_SHARE * len(catalogue.chunk_doc) for word in words) \
            and not self.store.mentions(name, as_written=True) and self.store.mentions(name)

    def search(self, question: str, k: int = 10, filters: Filters | None = None) -> list[Hit]:
        """The passages of `ask`, for tools that want only them."""
        return self.ask(question, filters, k).hits

    def _rank(self, query: QueryAnalysis, catalogue: Catalogue, scope: Scope, k: int,
              graded: set[str] | None = None,
              accounts: frozenset[str] = frozenset()) -> Ranked:
        """The k best passages in the scope, each with its evidence, the topic's keyword weights, and which
        passages hold a report's list of what must improve (when asked); a rating question's grade card
        comes from the reports `graded` (doc ids), whose statements lead."""
        scoped = scope.by_name
        weights = ranking.weights_for(scoped, query.is_specific, query.seeks_one_place, len(query.council_keys))
        # The question is embedded on the other core meanwhile: keyword ranking takes ~0.4 ms once its
        # words' postings are in memory, but reading them after the index changes takes several ms.
        # Within one council's reports its name says nothing about the topic, so it is left out of both.
        embedding = self._embedding_pool.submit(self.embed,
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
        listed = self._improvement_lists(catalogue, candidates, _list_item_holds(query)) \
            if scoped and query.names_improvements else set()
        statements |= listed
        pool = ranking.fuse(candidates, keyword, dense, weights, named_years, statements)[: ranking.pool_size(k)]
        chunks = self.passages([c.chunk_id for c in pool], catalogue)  # read once, for all that follows
        pool = [c for c in pool if c.chunk_id in chunks]  # not one a writer deleted before it was first read
        # Within one council's reports only the first places matter (diversifying there is slight): the
        # passages below the first SCOPED_DEPTH x k by keywords and meaning are not re-judged.
        reach = ranking.reach(pool, k * ranking.SCOPED_DEPTH if scoped else None)
        # A cover page or judgement table is no finding, unless a grade is asked; the licence text never is.
        about_report = is_licence if query.asks_grade else is_front_matter
        pool = ranking.demote(pool, lambda chunk_id: about_report(chunks[chunk_id].text), reach)
        if accounts:   # an inspection report's own words first: see Catalogue.accounts
            pool = ranking.demote(pool, lambda chunk_id: catalogue.chunk_doc[chunk_id] in accounts, reach,
                                  ranking.ACCOUNT_PENALTY)
        if self.reranker is not None:
            head = [chunks[c.chunk_id].text for c in pool[:RERANK_DEPTH]]
            pool = ranking.rerank(pool, self.reranker.relevance(query.text, head), RERANK_WEIGHT)
        topic = query.topic_terms if scoped else query.terms
        forms = self.topic_forms(topic, query.text, catalogue)
        term_weight = forms[0][1]
        # A term of several words the question names ("front door", or "UASC" spelled out), as a phrase.
        phrases = [_phrase(words) for words in ([topic] if len(topic) == 2 else []) + catalogue.glossary.spelled_out(query.text)]
        floor = min(dense.values(), default=0.0)
        # What the subject does ("who *runs* adoption?") a report says in its own words ("… provides its adoption
        # arrangements"): a verb it never prints is no sign the topic is missing.
        acting = {word_key(t) for t in query.action_terms}
        absent = min(absent_share(weight, self.missing_stems(words, catalogue, scope.doc_ids) - acting) for words, weight in forms)
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
        # stays on top, nor for a figure, which recent reports seldom give (the SIF reports' statistics did), nor for
        # one over time, whose passages come from each of the council's reports that speaks to it (dev timeline
        # questions' top ten reach 0.926 of those reports, 0.707 with the latest first).
        if scoped and not query.asks_grade and not query.asks_figure and not query.asks_over_time:
            pool = ranking.latest_first(pool, evidence_of, catalogue.documents,
                                        frozenset() if query.report_types else catalogue.accounts)
        picked = ranking.diversify(pool, chunks, catalogue.council_keys, weights, k)
        highlight_weight = term_weights(self.passage_counts(topic + also, catalogue),
                                        len(catalogue.chunk_doc)) if also else term_weight
        hits = self._hits(picked, catalogue, highlight_weight, query.asks_figure)
        evidence = [evidence_of(hit.chunk.chunk_id) for hit in hits]
        for hit, found in zip(hits, evidence):
            # A cover page or judgement table can name everything a question does (council, year, judgement,
            # grade) and still say nothing of it in prose: at most a partial match. Unless it states what is asked:
            # the judgement and its grade, or the report's list of what must improve, is the answer itself.
            if hit.chunk.chunk_id in statements:
                hit.match = Match.STRONG
            else:
                hit.match = Match.PARTIAL if found.label == Match.STRONG and is_front_matter(hit.chunk.text) \
                    else found.label
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

    def _improvement_lists(self, catalogue: Catalogue, candidates: dict[int, str],
                           holding: Callable[[str], bool] | None = None) -> set[int]:
        """The candidates that hold a report's list of what must improve (ofsted.improvement), and the
        passage after each that carries the list on, added to the candidates if it was not among them; with
        `holding` (a question narrowed to a topic: _list_item_holds), only those with an item on it."""
        texts = self.passages(list(candidates), catalogue)
        headed = {c for c, chunk in texts.items() if heads_improvements(chunk.text) and not is_front_matter(chunk.text)}
        following = {c + 1: catalogue.chunk_doc[c] for c in headed if catalogue.chunk_doc.get(c + 1) == catalogue.chunk_doc[c]}
        after = self.passages(list(following), catalogue)
        carried = {c for c, chunk in after.items() if continues_a_list(chunk.text)}
        lists = headed | carried
        if holding is not None:
            lists = {c for c in lists if listed_items((texts.get(c) or after[c]).text, holding)}
        candidates.update({c: following[c] for c in carried if c in lists})
        return lists

    def verdict(self, catalogue: Catalogue, doc_id: str, area: str) -> Finding | None:
        """The report's verdict on a judgement area, as a digest's or timeline's finding: the first sentence of one of
        the first paragraphs (ranking.VERDICT_PARAGRAPHS) of its section on the area that judges it and names it
        ("Care leavers in Dorset receive a strong service …", not "The local authority is responsible for 766 care
        leavers."); in a section judging two groups, the first paragraph that opens so on the group asked about alone.
        None when no paragraph does, or the report has no such section."""
        sections = self.sections(catalogue, doc_id)
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

    def sections(self, catalogue: Catalogue, doc_id: str) -> Sections:
        """The report's judgement sections (ofsted.sections), read once per index generation."""
        with catalogue.lock:
            if doc_id in catalogue.sections:
                return catalogue.sections[doc_id]
        sections = Sections((page.number, page.text) for page in self.store.pages(doc_id))
        with catalogue.lock:
            return catalogue.sections.setdefault(doc_id, sections)

    def passages_with_both(self, first: str, second: str, catalogue: Catalogue) -> int:
        """How many passages contain both words (as passage_counts)."""
        key = f"{first} & {second}"
        return self._counted([key], lambda _: self.store.passages_containing(first, second), catalogue)[key]

    def passage_counts(self, terms: list[str], catalogue: Catalogue) -> dict[str, int]:
        """How many passages contain each keyword."""
        return self._counted(terms, self.store.passages_containing, catalogue)

    @staticmethod
    def _counted(keys: list[str], count: Callable[[str], int], catalogue: Catalogue) -> dict[str, int]:
        """Each key's count, counted once per index generation (kept in that generation's catalogue, which a newer
        generation replaces)."""
        with catalogue.lock:
            missing = [key for key in dict.fromkeys(keys) if key not in catalogue.term_counts]
        counted = {key: count(key) for key in missing}
        with catalogue.lock:
            catalogue.term_counts.update(counted)
            return {key: catalogue.term_counts[key] for key in keys}

    def passages(self, chunk_ids: list[int], catalogue: Catalogue) -> dict[int, Chunk]:
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

    def topic_forms(self, topic: list[str], question: str, catalogue: Catalogue) -> list[tuple[list[str], dict[str, float]]]:
        """The topic's words with their weights, and, where the question uses an acronym or spells one out, the
        same with it in its other form ("UASC" as unaccompanied asylum seeking children, "independent reviewing
        officers" as IRO): a sentence holding either form holds the idea."""
        total = len(catalogue.chunk_doc)
        forms = [(topic, term_weights(self.passage_counts(topic, catalogue), total))]
        other_form = catalogue.glossary.other_form(topic, question)
        if other_form != topic:
            forms.append((other_form, term_weights(self.passage_counts(other_form, catalogue), total)))
        return forms

    def missing_stems(self, terms: list[str], catalogue: Catalogue, doc_ids: set[str] | None) -> set[str]:
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
            counts = self.passage_counts(list(reworded), catalogue)
            also = [t for t in also if t not in reworded
                    or counts[t] <= ranking.REWORDED_KEYWORD_SHARE * len(catalogue.chunk_doc)]
        return also

    def keyword_terms(self, terms: list[str], catalogue: Catalogue) -> list[str]:
        """The keywords worth matching: one found in most passages ('children') adds almost nothing to
        BM25 but makes it score most of the index, so it is left out (the rarest term always stays)."""
        counts = self.passage_counts(terms, catalogue)
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
