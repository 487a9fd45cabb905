"""A report's finding on a question's topic, for the digest and the timeline (index.search.digest): the quote card's
sentences from the best of its passages that answer the topic, or None.

`FindingReader` reads the question once against the library (what a finding must hold: the topic's ideas,
index.search.ideas; which children and which judgement area it asks about) and ranks every report in the scope at
once by keywords and meaning. Each report is then read only when asked, a few passages deep, so a digest over the
whole library reads only the reports it needs (a council's newest that speaks to the topic, and a few older), and
nothing is embedded again: passages the dense search did not reach are scored from their stored vectors.
"""
from __future__ import annotations

import functools
import re
from dataclasses import replace
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple, Protocol

import numpy as np

from index.search import ranking
from index.search.digest import Finding
from index.search.glossary import Glossary
from index.search.highlight import sentence_focus, stem_focus, term_weights, word_key
from index.search.ideas import (as_whole_terms, forms_by_stem, holds_form, holds_kind, holds_phrase, holds_unit,
                                of_everyday_words, other_kinds, printed_word, qualified_heads, says_little,
                                shared_complements, stems_of, topic_units, with_printed_modifier, with_shared_head)
from index.search.query import QueryAnalysis, area_asked
from index.search.quotes import covering_quote
from index.search.relevance import ANSWERS, Evidence, is_front_matter
from index.search.scope import without_names
from index.search.widening import widen
from index.storage.store import Store
from models import Chunk, Hit, Quote
from ofsted import report_types
from ofsted.findings import MIXED, NEUTRAL, SHORTFALL, STRENGTH, stance, without_shortfall_phrases
from ofsted.front_matter import in_area_figures
from ofsted.improvement import list_spans
from ofsted.judgements import (JUDGED_WITH, JUDGED_WITH_LABELS, children_named, children_named_spans, judgement_area,
                               label as area_label)
from ofsted.sections import Sections
from ofsted.vocabulary import (EVERYDAY_WORDS, INSPECTION_OF, WORKFORCE_HEAD, WORKFORCE_KINDS, WORKFORCE_NAMES,
                                change_asked, says_how_soon, without_role_names)
from text.sentences import paragraph_sentence_spans, refers_back, without_asides
from text.words import noun_pattern

if TYPE_CHECKING:
    from index.search.searcher import Catalogue

# A sentence ending as one: a finding is prose, never a heading or a label.
_ENDS_PROSE = re.compile(r"[.!?][\"'”’)\]]*\s*$")


class Library(Protocol):
    """What a reader asks of the library beyond its store (index.search.searcher.Searcher): counts and readings kept
    per index generation, and the question's vector."""

    store: Store

    def passage_counts(self, terms: list[str], catalogue: Catalogue) -> dict[str, int]: ...
    def passages_with_both(self, first: str, second: str, catalogue: Catalogue) -> int: ...
    def keyword_terms(self, terms: list[str], catalogue: Catalogue) -> list[str]: ...
    def list_expansions(self, question: str, catalogue: Catalogue) -> list[str]: ...
    def embed(self, text: str) -> np.ndarray: ...
    def topic_forms(self, topic: list[str], question: str,
                    catalogue: Catalogue) -> list[tuple[list[str], dict[str, float]]]: ...
    def missing_stems(self, terms: list[str], catalogue: Catalogue, doc_ids: set[str] | None) -> set[str]: ...
    def sections(self, catalogue: Catalogue, doc_id: str) -> Sections: ...
    def passages(self, chunk_ids: list[int], catalogue: Catalogue) -> dict[int, Chunk]: ...
    def verdict(self, catalogue: Catalogue, doc_id: str, area: str) -> Finding | None: ...


# The council's social workers by any of the reports' names for them, and the kinds of them the reports name, as the
# ideas hold them (stems): ofsted.vocabulary.WORKFORCE_NAMES, WORKFORCE_KINDS and WORKFORCE_HEAD.
_WORKFORCE = tuple(tuple(stems_of(name)) for name in WORKFORCE_NAMES)
_KINDS_OF_STAFF = frozenset(stem for word in WORKFORCE_KINDS for stem in stems_of(word))
_HEAD = tuple(stems_of(WORKFORCE_HEAD))
_HEAD_NOUN = noun_pattern(WORKFORCE_HEAD)


class _Candidate(NamedTuple):
    """A report's finding in the running, compared field by field in this order (the finding last, never compared):
    saying how soon where the question asks it (ofsted.vocabulary.TIMELINESS), saying that it changed where the
    question asks how it was changed (says_change), about the children asked, saying it in its own right (not only in
    an example or of a visit: in_passing), in the section on the topic's judgement area, naming the kind asked of (not
    only another: only_another_kind), then holding most of the topic, where among those holding it about as fully one
    that judges it comes first (ranking.ACROSS_JUDGED_EDGE) and one standing on its own (ranking.ACROSS_LEANING_EDGE:
    not "They offer additional strength to the front door.", whose "they" is in the passage before), then its
    passage's score."""

    soon: bool
    changed: bool
    about: float
    central: bool
    placed: bool
    as_asked: int
    focus: float
    score: float
    finding: Finding


# What says the other side of a finding of each stance (FindingReader.other_side).
_OTHER_SIDE = {STRENGTH: (SHORTFALL, MIXED), NEUTRAL: (SHORTFALL, MIXED), SHORTFALL: (STRENGTH,)}


def _overlap(one: Quote, other: Quote) -> bool:
    """Whether two quotes share words of a page (the same sentence found in two passages)."""
    first = (one.page or 0, one.start), ((one.end_page or one.page) or 0, one.end)
    second = (other.page or 0, other.start), ((other.end_page or other.page) or 0, other.end)
    return first[0] < second[1] and second[0] < first[1]


def absent_share(weights: dict[str, float], missing: set[str]) -> float:
    """The share of the topic words' weight that no passage in the searched reports holds (`missing`, by stem)."""
    return sum(w for stem, w in weights.items() if stem in missing) / (sum(weights.values()) or 1.0)


def finding_reader(library: Library, query: QueryAnalysis, catalogue: Catalogue, doc_ids: set[str] | None,
                   scoped: bool) -> Callable[..., Finding | None]:
    """A function from a report (its doc id) to its finding on the question's topic (FindingReader); one that finds
    nothing when the filters admit no report."""
    ranges = catalogue.ranges_of(doc_ids)
    if ranges == []:
        return lambda doc_id, by_meaning=False: None
    return FindingReader(library, query, catalogue, doc_ids, scoped, ranges)


class FindingReader:
    """A function from a report (its doc id) to its finding on one question's topic; with by_meaning=True, failing
    one in the question's words, what its passage closest in meaning says (means_it). Made for one question and
    dropped with its answer: what it reads is kept only while it lives."""

    def __init__(self, library: Library, query: QueryAnalysis, catalogue: Catalogue, doc_ids: set[str] | None,
                 scoped: bool, ranges: list[tuple[int, int]] | None):
        """ranges: the runs of chunk ids doc_ids hold (Catalogue.ranges_of), None for the whole library."""
        self.library, self.store, self.query, self.catalogue = library, library.store, query, catalogue
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
        self.anchor: tuple[str, ...] = ()
        self.term: tuple[str, ...] = ()
        if not topic or all(t in EVERYDAY_WORDS for t in topic):
            phrase = " ".join(topic)
            if len(topic) > 1 and self._counts([phrase])[phrase] \
                    <= ranking.ACROSS_EVERYDAY_TERM_SHARE * len(catalogue.chunk_doc):
                self.term = tuple(word_key(t) for t in topic)
            else:
                self.anchor = tuple(word_key(t) for t in topic)
                topic = query.topic_terms
        self.verbs = {word_key(t) for t in query.action_terms} if self.anchor else set()
        action = [t for t in query.terms if (t in query.action_terms or t in query.purpose_terms) and t not in topic]
        also = [t for t in catalogue.glossary.expansions(query.text) if t not in topic]
        # Which passages of a report are read is found as for the ranked list ("homes" would bring a report's
        # passages on children's homes to the top); what is quoted from them weighs every word of either wording.
        # (and the words of what the topic is for: the passages on sharing information with partner agencies)
        served = [t for t in query.terms if t in query.purpose_terms and t not in topic]
        terms = library.keyword_terms(topic + served + [t for t in library.list_expansions(query.text, catalogue)
                                                        if t not in topic + served], catalogue)
        self.vector = library.embed(without_names(query) if scoped else query.text)
        keyword = dict(self.store.keyword_search(terms, ranking.ACROSS_KEYWORD_POOL, ranges)) if terms else {}
        self.dense = self.store.dense_search(self.vector.reshape(1, -1), ranking.ACROSS_DENSE_POOL, ranges)
        candidates = {c: catalogue.chunk_doc[c] for c in set(keyword) | set(self.dense) if c in catalogue.chunk_doc
                      and (doc_ids is None or catalogue.chunk_doc[c] in doc_ids)}
        self.per_report = ranking.best_per_report(candidates, keyword, self.dense, ranking.THEMATIC,
                                                  ranking.ACROSS_PER_REPORT + ranking.ACROSS_READ_ON)
        self.forms = library.topic_forms(topic, query.text, catalogue)
        missing = [library.missing_stems(words, catalogue, doc_ids) for words, _ in self.forms]
        self.absent = min(absent_share(weight, gone) for (_, weight), gone in zip(self.forms, missing))
        quoting = term_weights(self._counts(topic + also), len(catalogue.chunk_doc)) if also else self.forms[0][1]
        if action and quoting:   # a lesser word of the finding: never outweighing the topic's least
            least = min(quoting.values())
            acting = term_weights(self._counts(action), len(catalogue.chunk_doc))
            quoting = {key: min(weight, least) for key, weight in acting.items()} | quoting
        self.quoting = quoting
        # What a finding must hold is judged on the words the searched reports use: one none of them prints
        # ("improved", in reports that say "strengthened") cannot be asked of any sentence.
        self.held = [{key: w for key, w in weight.items() if key not in gone}
                     for (_, weight), gone in zip(self.forms, missing)]
        self._read_ideas(asked, catalogue.glossary)
        # What a purpose is served by ("use practice leaders to improve social work") is a thing named: held as the
        # question names it, where its words are all the topic, not apart ("senior leaders ... social work practice").
        # So is a noun its qualifier names ("parents with learning disabilities"): children's learning disabilities,
        # however many of the topic's words a sentence on them holds, are not theirs.
        # And an idea of everyday words ("family time"): a sentence holding most of such a topic's words holds words
        # every report uses ("children and families … at the right time").
        self.named_thing = bool(self.qualified) or bool(self.units) and (
            query.purpose_at is not None and {word_key(t) for t in topic} <= {stem for unit in self.units for stem in unit}
            or all(map(of_everyday_words, self.units)))
        self.children = children_named(query.text)
        # The topic beyond the children it names, which about and placed weigh: "stable" beside "children in care"
        # holds two-thirds of "keep placements stable for children in care" (a stable senior leadership for children
        # in care) and says nothing of placements. Where the children are all the topic, the whole topic.
        named = {stem for start, end in children_named_spans(query.text) for stem in stems_of(query.text[start:end])}
        self.beyond_children = [{key: w for key, w in weight.items() if key not in named} for weight in self.held]
        self.topic_is_children = bool(self.children) and not any(self.beyond_children)
        if not named or not any(self.beyond_children):
            self.beyond_children = self.held
        self.area = judgement_area(query.text)
        self.verdict_on = area_asked(query)
        self.asks_how_soon = says_how_soon(query.text)   # "… on time?": a sentence saying how soon comes first
        self.change = change_asked(query.action_terms)   # "… improved …?": a sentence saying it improved comes first
        self.page_text = functools.lru_cache(maxsize=None)(self.store.page_text)   # each page read once
        # A quote is read by focus, holds_idea and holds_term, each more than once; a report by the digest's two passes.
        # (Plain dicts: a cache wrapping this reader's own methods would keep it alive past its question.)
        self._read_as_of: dict[str, str] = {}
        self._focus_of: dict[str, float] = {}
        self._beyond_of: dict[str, float] = {}
        self._names_them_in: dict[str, bool] = {}
        self._idea_in: dict[str, bool] = {}
        self._read_of: dict[str, tuple[Finding | None, Finding | None]] = {}
        self._found_of: dict[str, list[_Candidate]] = {}   # a report's findings in the running, for other_side
        self._lists_on: dict[tuple[str, int | None], list[tuple[int, int]]] = {}   # a page's list of what must improve

    def _counts(self, terms: list[str]) -> dict[str, int]:
        return self.library.passage_counts(terms, self.catalogue)

    # -- the question's ideas ----------------------------------------------------------------------------------------

    def _read_ideas(self, asked: str, glossary: Glossary) -> None:
        """The topic's distinctive words, as ideas the question prints (ideas.topic_units): "harm outside" or
        "exploitation" in "how do councils protect young people from harm outside the home, such as exploitation?",
        never "young" or "home" alone; "sufficiency" in "the sufficiency of homes for children in care", not "homes".
        A term the glossary knows is one idea whole, in either wording: "multi-agency safeguarding hub", not "hub" (a
        family hub); "stable homes", not "stable" (a stable workforce). Sets units (every idea), kinds (ideas named with
        the word beside them: "family hubs", "criminal exploitation"), modified (those whose idea is the word after the
        modifier, "hubs" of "family hubs", not the modifier, "criminal"), unusual_kinds (those named a kind only by
        being unusual beside their word, held only as printed: staff wellbeing is no wellbeing of another kind, and
        wellbeing alone is children's) and kind_word (the word of the kind asked of, as printed: "hubs")."""
        query = self.query
        wordings = [(asked, glossary.printed(asked)), (glossary.in_other_words(asked), glossary.other_wordings(asked))]
        unusual_pairs: set[tuple[str, ...]] = set()   # the kinds named so, as stems
        reworded = {stem for word in glossary.reworded(asked) for stem in stems_of(word)}
        units, kinds, modified, unusual_kinds = [], [], [], []
        for n, ((text, terms), weight) in enumerate(zip(wordings, self.held)):
            if weight:
                plain = as_whole_terms(with_shared_head(text, topic_units(text, weight, ranking.ACROSS_DISTINCT_SHARE),
                                                        lambda phrase: self._counts([phrase])[phrase] > 0,
                                                        query.action_terms),
                                       terms)
                if n and reworded:   # a reworded term's other wording adds its ideas ("go missing" for "run away"),
                    plain = [unit for unit in plain if reworded & set(unit)]   # no other ("keep track")
                named = with_printed_modifier(text, plain, self._is_kind, query.action_terms, weight,
                                              functools.partial(self._unusual, pairs=unusual_pairs))
                units += named
                kinds += [unit for unit, was in zip(named, plain) if unit != was]
                for unit, was in zip(named, plain):
                    if unit[1:] == was:
                        (unusual_kinds if unit[:2] in unusual_pairs else modified).append(unit)
        self.units, self.kinds = list(dict.fromkeys(units)), kinds
        # The words the question (in either wording) prints of each stem, which a sentence holding an idea of one word
        # must print a form of (ideas.holds_form).
        self.asked_forms = forms_by_stem(text for text, _ in wordings)
        self.modified, self.unusual_kinds = modified, unusual_kinds
        # The word of each such kind as a noun, singular or plural ("visitor", "visitors" of "health visitors"): the
        # word alone holds the idea as that noun, not as another word of its stem ("visited", "networking").
        printed = {kind: next((word for text, _ in wordings if (word := printed_word(text, kind[-1]))), None)
                   for kind in modified}
        self.kind_word = next(filter(None, printed.values()), None)
        self.kind_nouns = {kind: noun_pattern(word) for kind, word in printed.items() if word}
        # Ideas held only beside another, in one sentence: a verb's beside the rest of the topic (anchor), one sharing
        # the complement of the next ("calls and referrals at the front door"), one qualifying a noun ("parents with
        # learning disabilities").
        weight, share = self.held[0], ranking.ACROSS_DISTINCT_SHARE
        self.qualified = qualified_heads(asked, weight, share) if weight else {}
        # (the council's social workers, so named, by any of the reports' names for them: "recruiting staff",
        # ofsted.vocabulary.WORKFORCE_NAMES; not staff by social workers: children "retain their social worker")
        anchors = _WORKFORCE if self.anchor == _WORKFORCE[0] else (self.anchor,)
        self.beside = {unit: anchors for unit in self.units if set(unit) <= self.verbs} \
            | {unit: (other,) for unit, other in ((shared_complements(asked, weight, share) if weight else {})
                                                  | self.qualified).items()}
        # ... and an idea naming a kind of them ("agency social workers", "newly qualified social workers", "agency
        # staff": ofsted.vocabulary.WORKFORCE_KINDS) held with any of those names in its place, or their head alone as
        # the noun (WORKFORCE_HEAD: "agency workers", not "agencies worked"); not "school staff", no kind of them.
        self.forms_of: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = {}
        self.head_form: dict[tuple[str, ...], tuple[str, ...]] = {}
        for unit in self.units:
            name = next((name for name in _WORKFORCE if len(unit) > len(name) and unit[-len(name):] == name), None)
            if name is not None and set(unit[:-len(name)]) <= _KINDS_OF_STAFF:
                self.forms_of[unit] = tuple(dict.fromkeys(unit[:-len(name)] + other for other in [name, *_WORKFORCE]))
                self.head_form[unit] = unit[:-len(name)] + _HEAD

    def _is_kind(self, phrase: str, word: str, share: float) -> bool:
        """Whether the library prints the phrase in this share of the passages printing its word or more."""
        counts = self._counts([phrase, word])
        return counts[phrase] >= share * counts[word]

    def _unusual(self, modifier: str, word: str, pairs: set[tuple[str, ...]]) -> bool:
        """Whether the library's passages printing the word print the modifier less often than its passages at
        large (ranking.ACROSS_UNUSUAL_LIFT): its "wellbeing" is children's, so "staff wellbeing" is a kind of its
        own; its "supervision" is of staff (2.5 times as often), so "staff supervision" is supervision. A kind so
        named is added to pairs, as stems."""
        counts = self._counts([modifier, word])
        together = self.library.passages_with_both(modifier, word, self.catalogue)
        found = counts[word] > 0 and together / counts[word] < \
            ranking.ACROSS_UNUSUAL_LIFT * counts[modifier] / max(len(self.catalogue.chunk_doc), 1)
        if found:
            pairs.add(tuple(stems_of(f"{modifier} {word}")))
        return found

    # -- what a quote says -------------------------------------------------------------------------------------------

    def _sections(self, quote: Quote) -> Sections:
        return self.library.sections(self.catalogue, quote.document.doc_id)

    def about(self, quote: Quote) -> float:
        """How surely the quote is about the children asked about: 1 naming them, else as its section of the
        report says (ofsted.sections.Sections.children_at: 1 in their own section, less in one shared); a paper's
        or an article's sentence, with no report's sections to say whom, only by naming them ("Staff were invited
        to apply …, with successful candidates going on to receive extra training." is no care leaver's training).
        Naming them is no surer than their own section: "Children's physical health needs are very well met." among
        children in care answers their health needs, where a sentence naming them on a sufficiency strategy came first."""
        if not self.children:
            return 0.0
        if self.names_them(quote.text):
            return 1.0
        if quote.document.metadata.report_type in report_types.NOT_OFSTED:
            return 0.0
        section = self._sections(quote).children_at(quote.page, quote.start)
        return max(section.get(group, 0.0) for group in self.children)

    def section_leant_on(self, quote: Quote) -> str | None:
        """The name of the asked children's section the quote sits in, as the report heads it, when its sentences name
        none of those children ("Children's health needs are well met." under children in care; "Children looked
        after and achieving permanence" in a SIF report; "Children in care and care leavers" where the two were judged
        together): said beside its citation, so a briefing says whom."""
        if not self.children or self.names_them(quote.text):
            return None
        sections = self._sections(quote)
        section = sections.at(quote.page, quote.start)
        if section is None or not self.children & sections.covers(section):
            return None
        printed, words = sections.heading_at(quote.page, quote.start)
        joint = next((key for key, judged_with in JUDGED_WITH.items() if judged_with == printed
                      and children_named(words) >= {key, judged_with}), None)   # "… children in care and care leavers"
        return JUDGED_WITH_LABELS[joint] if joint else area_label(printed)

    def placed(self, quote: Quote) -> bool:
        """In the report's section on the topic's judgement area: supervision in its section on leaders, not a
        foster carer's supervision among children in care; the corporate parenting board among children in care,
        not "corporate parenting is a strength" in the summary. A sentence naming the children asked about is placed
        wherever it stands: "There is a good range of accommodation for care leavers …" in a summary answers as
        surely as "The re-commissioning of accommodation has broadened the range of options …" in their section."""
        if self.names_them(quote.text):
            return True
        return self.area is not None and self._sections(quote).in_area(quote.page, quote.start, self.area)

    def elsewhere(self, quote: Quote) -> bool:
        """In a section of its report on other children than those asked about, naming none of them: "parents'
        mental health" under help and protection does not answer a question about care leavers."""
        return bool(self.children) and not children_named(quote.text) and self.about(quote) == 0.0

    def recommended(self, quote: Quote) -> bool:
        """An item of the report's list of what must improve (ofsted.improvement.in_list): what should be, not
        what inspectors found ("Return home interviews informing safety plans for children who go missing.")."""
        doc_id, page = quote.document.doc_id, quote.page
        if (doc_id, page) not in self._lists_on:
            before = self.page_text(doc_id, page - 1) if page else None
            self._lists_on[(doc_id, page)] = list_spans(self.page_text(doc_id, page) or "", before or "")
        return any(start <= quote.start < end for start, end in self._lists_on[(doc_id, page)])

    def of_area_figures(self, quote: Quote) -> bool:
        """Among a SIF report's figures for its area (ofsted.front_matter.in_area_figures): "19 children are
        unaccompanied asylum-seeking children." is a count, not what inspectors found of how they are supported."""
        doc_id, page = quote.document.doc_id, quote.page
        before = (self.page_text(doc_id, page - 1) or "") if page and page > 1 else ""
        return in_area_figures(self.page_text(doc_id, page) or "", quote.start, before)

    def read_as(self, text: str) -> str:
        """The text with roles read as what they are: "supervising social workers" are not supervision
        (ofsted.vocabulary.without_role_names)."""
        if text not in self._read_as_of:
            self._read_as_of[text] = without_role_names(text, self.query.text)
        return self._read_as_of[text]

    def names_them(self, text: str) -> bool:
        """Whether the text names the children asked about (ofsted.judgements.children_named)."""
        if text not in self._names_them_in:
            self._names_them_in[text] = bool(self.children & children_named(text))
        return self._names_them_in[text]

    def focus(self, text: str) -> float:
        """The share of the topic's weight the text holds (highlight.stem_focus), in either wording."""
        return self._focus(text, self.held, self._focus_of)

    def focus_beyond_children(self, text: str) -> float:
        """focus, of the topic beyond the children it names (beyond_children; the whole topic where it is that)."""
        if self.beyond_children is self.held:
            return self.focus(text)
        return self._focus(text, self.beyond_children, self._beyond_of)

    def _focus(self, text: str, weights: list[dict[str, float]], kept: dict[str, float]) -> float:
        if text not in kept:
            kept[text] = max((stem_focus(self.read_as(text), weight) for weight in weights if weight), default=0.0)
        return kept[text]

    def as_usual_kind(self, text: str, kind: tuple[str, ...]) -> bool:
        """Prints the kind's word only as the word's usual kind, which is another (the library printing it for
        ranking.ACROSS_USUAL_KIND_SHARE of the word's passages): a multi-agency safeguarding hub for a family hub.
        A less usual kind is the question's in other words as often as not ("Social Care Academy" for a social
        work academy, a "Strengthening Families model" for a practice model; and, as no count tells them apart,
        a care leavers' hub for a family hub)."""
        return any(self._is_kind(phrase, phrase.split()[-1], ranking.ACROSS_USUAL_KIND_SHARE)
                   for phrase in other_kinds(text, kind, self.query.text))

    def holds(self, text: str, unit: tuple[str, ...]) -> bool:
        """Whether the (read) text holds the idea (holds_alone), and, for one held only beside another (beside: a verb's
        idea beside the rest of the topic, calls "at the front door", parents "with learning disabilities"), that
        other in the same sentence."""
        if unit in self.beside:
            return any(self._holds_a_form(text[start:end], unit)
                       and any(holds_unit(text[start:end], other) for other in self.beside[unit])
                       for start, end in paragraph_sentence_spans(text))
        return self._holds_a_form(text, unit)

    def _holds_a_form(self, text: str, unit: tuple[str, ...]) -> bool:
        """holds_alone, for the idea or, naming the council's social workers, any of its forms (forms_of, head_form)."""
        return any(self.holds_alone(text, form) for form in self.forms_of.get(unit, (unit,))) or (
            unit in self.head_form and _HEAD_NOUN.search(text) is not None
            and self.holds_alone(text, self.head_form[unit]))

    def holds_alone(self, text: str, unit: tuple[str, ...]) -> bool:
        """Whether the (read) text holds the idea: a kind as printed, or its word not as its usual kind where the
        idea is that word; one of everyday words as the phrase; any other close together."""
        if unit in self.kinds:
            return holds_kind(text, unit) or (unit in self.modified and holds_unit(text, unit[1:])
                                               and (unit not in self.kind_nouns or self.kind_nouns[unit].search(text))
                                               and not self.as_usual_kind(text, unit))
        if of_everyday_words(unit):
            return holds_phrase(text, unit)
        if len(unit) == 1 and unit[0] in self.asked_forms:   # a word alone as a form of the question's, no false friend
            return holds_form(text, unit[0], self.asked_forms[unit[0]])
        return holds_unit(text, unit, as_named=self.named_thing)

    def holds_idea(self, text: str) -> bool:
        """Holds one of the question's ideas (holds)."""
        if text not in self._idea_in:
            self._idea_in[text] = any(self.holds(self.read_as(text), unit) for unit in self.units)
        return self._idea_in[text]

    def in_passing(self, text: str) -> bool:
        """Holds the question's ideas only in an example or of an inspection visit: "… there has been a serious
        deterioration in service areas, such as front door response." is about the service at large, and "…
        shortfalls, identified by a focused visit to the integrated front door" about the council's self-evaluation.
        Another of the report's findings, saying it in its own right, comes first."""
        return self.holds_idea(text) and not self.holds_idea(without_asides(text, INSPECTION_OF))

    def holds_term(self, text: str) -> bool:
        """Holds the term of everyday words the topic is, whole ("young carers"), when it is one: its words side by side
        (ideas.holds_phrase), not near each other ("young people … with their foster carers", "Carers value young
        people")."""
        return not self.term or holds_phrase(self.read_as(text), self.term)

    def prose(self, text: str) -> bool:
        """A sentence ending as one, of a few words at least (no heading or label), not a cover or table, not
        about other children than those asked about."""
        return (len(text.split()) >= ranking.ACROSS_MIN_WORDS and _ENDS_PROSE.search(text) is not None
                and not is_front_matter(text)
                and not (self.children and (named := children_named(text)) and not named & self.children))

    def another_kind(self, text: str) -> bool:
        """Holds the topic's words but names what the question names by a kind only as the word's usual kind,
        another (as_usual_kind), or names an unusual kind's word without it ("wellbeing" for staff wellbeing)."""
        return bool(self.kinds) and not self.holds_idea(text) and (
            any(self.as_usual_kind(self.read_as(text), kind) for kind in self.kinds)
            or any(holds_unit(self.read_as(text), kind[1:]) for kind in self.unusual_kinds))

    def only_another_kind(self, text: str) -> bool:
        """Holds the idea only as its word with another modifier than the question's ("care leavers' hub" for
        "family hubs", ideas.other_kinds): a less usual kind, which may be the question's in other words or not.
        The word alone ("based in the hub") is no other kind."""
        read = self.read_as(text)
        return bool(self.modified) and self.holds_idea(text) \
            and not any(self.holds(read, unit) for unit in self.units if unit not in self.kinds) \
            and not any(holds_kind(read, kind) for kind in self.kinds) \
            and any(other_kinds(read, kind, self.query.text) for kind in self.modified)

    def _as_asked(self, text: str, other: bool) -> int:
        """How a finding names what a question asks of by a kind ("family hubs"): as asked (2), only as another kind
        (1: a care leavers' hub, a Social Care Academy, which may be it under a council's own name), or not at all
        (0: holding the topic's other words, "academic support"). The same for every finding of other questions."""
        if not self.modified:
            return 2
        return 0 if not self.holds_idea(text) else 1 if other else 2

    def says_it(self, text: str) -> bool:
        """Prose that holds the topic: ACROSS_MIN_FOCUS of the topic's weight, and of its weight beyond the children
        it names (focus_beyond_children), or one of its distinctive words (not "improve" alone for "improve
        supervision"); the thing named, where a purpose is asked of it."""
        return self.prose(text) and (self.holds_idea(text) or not self.named_thing
                                     and self.focus(text) >= ranking.ACROSS_MIN_FOCUS
                                     and self.focus_beyond_children(text) >= ranking.ACROSS_MIN_FOCUS) \
            and self.holds_term(text) and not self.another_kind(text)

    def says_change(self, text: str) -> bool:
        """A sentence of the text holding the question's idea says it changed as asked (ofsted.vocabulary.change_asked):
        "the quality of supervision of social work has improved", not "improve children's experiences" beside it."""
        return self.change is not None and any(
            self.change.search(without_shortfall_phrases(text[start:end])) and self.holds_idea(text[start:end])
            for start, end in paragraph_sentence_spans(text))

    def means_it(self, text: str, cosine: float) -> bool:
        """Prose from a passage close in meaning to the question, holding ACROSS_MEANING_FOCUS of its words."""
        return (cosine >= ranking.ACROSS_MEANING_COSINE and self.prose(text)
                and self.focus(text) >= ranking.ACROSS_MEANING_FOCUS and self.holds_term(text)
                and not self.another_kind(text))

    # -- reading a report --------------------------------------------------------------------------------------------

    def __call__(self, doc_id: str, by_meaning: bool = False) -> Finding | None:
        if self.verdict_on and (verdict := self.library.verdict(self.catalogue, doc_id, self.verdict_on)) is not None:
            return verdict
        in_words, in_meaning = self.read(doc_id)
        return in_words or (in_meaning if by_meaning and not self.named_thing else None)

    def read(self, doc_id: str) -> tuple[Finding | None, Finding | None]:
        """The report's finding in the question's words and in meaning (each report is read once for both)."""
        if doc_id not in self._read_of:
            self._read_of[doc_id] = self._read(doc_id)
        return self._read_of[doc_id]

    def _read(self, doc_id: str) -> tuple[Finding | None, Finding | None]:
        """The report's best passages; and its next few when none of those answers: because they are in another
        group's section (on help and protection, for a question about care leavers), or at all (then only a passage
        that answers by its evidence: _scan's answering)."""
        ids = self.per_report.get(doc_id, [])
        found: list[_Candidate] = []   # the passages that answer, the best by _Candidate's order
        meant: list[tuple[float, float, Finding]] = []   # what passages close in meaning say (cosine, focus), for
        # by_meaning when nothing answers in words
        set_aside = self._scan(doc_id, ids[:ranking.ACROSS_PER_REPORT], found, meant)
        if not found:   # read on: past its best, a passage must answer by its evidence ("multi-agency" crowds them)
            self._scan(doc_id, ids[ranking.ACROSS_PER_REPORT:], found, meant, surely=set_aside, answering=not set_aside)
        self._found_of[doc_id] = found
        chosen = (max(found, key=lambda f: f[:-1]).finding if found else None,
                  max(meant, key=lambda f: f[:2])[2] if meant else None)
        # (the section a quote leans on is named for the chosen only)
        return tuple(replace(f, section=self.section_leant_on(f.quote)) if f else None for f in chosen)

    def other_side(self, finding: Finding) -> Finding | None:
        """The report's best finding in the question's words that says the other side of this one (_OTHER_SIDE): a
        shortfall or a mixed finding beside a strength or a description, a strength or a mixed one beside a
        shortfall; none beside a mixed one, which says both. A timeline tells a report's story so: "Care leavers are
        well supported …" and "… not all care leavers have their pathway plans updated"."""
        wanted = _OTHER_SIDE.get(stance(finding.quote.text), ())
        first = finding.quote
        # as surely on the topic: among the report's next best findings (ranking.OTHER_SIDE_RANK), holding every idea
        # of the question's own that the finding holds ("unaccompanied asylum-seeking children", not "support" alone:
        # a finding holding none has no other side) and about as much of its words (ranking.OTHER_SIDE_FOCUS)
        # Where the topic is the children asked about alone ("Derby's service for care leavers"), a finding surely about
        # them is as surely on it: the verdict "Children are well supported to prepare for leaving care …" (no "care
        # leavers" in it) has "… not all care leavers are visited regularly …" beside it.
        telling = [unit for unit in self.units if not says_little(unit)
                   and self.holds(self.read_as(first.text), unit)] if wanted else []
        of_the_children = bool(wanted) and self.topic_is_children
        if not telling and not of_the_children:
            return None
        self.read(first.document.doc_id)   # (a verdict is found without reading the report's passages)
        least = ranking.OTHER_SIDE_FOCUS * self.focus(first.text)
        ranked = sorted((c for c in self._found_of.get(first.document.doc_id, ()) if not _overlap(c.finding.quote, first)),
                        key=lambda c: c[:-1], reverse=True)[:ranking.OTHER_SIDE_RANK]
        best = next((c.finding for c in ranked if stance(c.finding.quote.text) in wanted
                     and (all(self.holds(self.read_as(c.finding.quote.text), unit) for unit in telling) if telling
                          else c.about >= 1.0)
                     and self.focus(c.finding.quote.text) >= least), None)
        return replace(best, section=self.section_leant_on(best.quote)) if best else None

    def _scan(self, doc_id: str, ids: list[int], found: list[_Candidate], meant: list[tuple[float, float, Finding]],
              surely: bool = False, answering: bool = False) -> bool:
        """Adds the passages' findings to found (and meant); whether any was set aside as another group's. Read on
        for that (surely), only a finding naming the children asked about or in their section counts; read on for
        none found (answering), only one from a passage that answers (relevance.ANSWERS)."""
        set_aside = False
        chunks = {c: chunk for c, chunk in self.library.passages(ids, self.catalogue).items()
                  if not is_front_matter(chunk.text)}
        missing = [c for c in chunks if c not in self.dense]
        cosines = {c: self.dense[c] for c in chunks if c in self.dense} | {
            c: float(v @ self.vector) for c, v in self.store.vectors(missing).items()}
        focused = {c: max(sentence_focus(chunk.text, weight) for _, weight in self.forms)
                   for c, chunk in chunks.items()}
        scored = sorted(((Evidence(cosines.get(c, 0.0), focused[c], self.absent).score, c) for c in chunks), reverse=True)
        for score, chunk_id in scored:
            # A passage that answers; or, in one mostly on something else, a sentence that prints the topic's
            # distinctive idea ("… an effective response from the out-of-hours team." amid a page on neglect),
            # when the searched reports print every word of the topic (else nothing below ANSWERS can answer), and
            # the report's best passages were read (answering: past them, only a passage that answers is read).
            if score < ANSWERS and (self.absent or answering):
                break
            if not focused[chunk_id]:   # no sentence holds a topic word: nothing to quote
                continue
            chunk, page_break = widen(chunks[chunk_id], self.page_text)
            # (read on, a passage holding neither the idea nor enough of the topic anywhere can quote no finding in the
            # question's words: not quoted, the slowest step, for "multi-agency" passages read on a question on agency
            # social workers; nor then in meaning, which the report's best passages were read for)
            if answering and not self.holds_idea(chunk.text) and self.focus(chunk.text) < ranking.ACROSS_MIN_FOCUS:
                continue
            quote = covering_quote(Hit(chunk, self.catalogue.documents[doc_id], score, page_break=page_break),
                                   self.quoting)
            if quote is None:
                continue
            if self.elsewhere(quote):
                set_aside = True
                continue
            if surely and self.about(quote) < ranking.ACROSS_SURELY_ABOUT:
                continue
            # (what must improve is asked last, of a quote that would count: finding a page's list is the slowest test)
            if self.says_it(quote.text) and (score >= ANSWERS or self.holds_idea(quote.text)):
                if self.recommended(quote) or self.of_area_figures(quote):
                    continue
                judged = ranking.ACROSS_JUDGED_EDGE if stance(quote.text) != NEUTRAL else 0.0
                leaning = ranking.ACROSS_LEANING_EDGE if refers_back(quote.text) else 0.0
                other = self.only_another_kind(quote.text)
                soon = self.asks_how_soon and says_how_soon(quote.text)
                found.append(_Candidate(
                    soon=soon, changed=self.says_change(quote.text), about=self.about(quote),
                    central=not self.in_passing(quote.text), placed=self.placed(quote),
                    as_asked=self._as_asked(quote.text, other),
                    focus=round(self.focus(quote.text) + judged - leaning, 4), score=score,
                    finding=Finding(quote=quote, score=round(score, 4), other_kind=self.kind_word if other else None)))
            elif not found and self.means_it(quote.text, cosines.get(chunk_id, 0.0)) and not self.recommended(quote) \
                    and not self.of_area_figures(quote):
                meant.append((cosines.get(chunk_id, 0.0), self.focus(quote.text),
                              Finding(quote=quote, score=round(score, 4))))
        return set_aside
