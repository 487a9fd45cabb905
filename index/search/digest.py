"""The answer across the library, in the reports' own words: a digest for a question across councils (every
council whose reports speak to it, each from its latest such report, grouped by what they say) and a timeline
for one council (one entry per report that speaks to it, in date order).

A ranked list of ten passages shows ten councils at best, mostly from whichever reports word the topic most
like the question; a manager asking "how did councils improve supervision?" wants to know which councils'
reports speak to it and what each says now. So every report in the scope is asked, through `FindingOf`, for
its best answer (the searcher's evidence rules and the quote card's sentence rules, index.search.searcher):
per council the newest report first, older ones only until one answers, and a few more to fold beneath it.

This module is pure: it walks documents and findings given to it, groups sentences and builds the records the
JSON contract and the app show. The grouping labels each group with a phrase its own sentences print.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from index.output.citation import reference
from index.search.highlight import word_key
from models import Quote
from index.search.query import FRAME_WORDS, STOPWORDS
from models import Document
from ofsted import report_types
from ofsted.findings import JUDGING_WORDS, stance
from ofsted.judgements import area_judgement
from ofsted.vocabulary import EVERYDAY_VERBS, EVERYDAY_WORDS
from text.words import MEASURE_WORDS, MINOR_WORDS, PREPOSITIONS, plural_of
from index.search.ranking import ACROSS_MODIFIER_SHARE, ACROSS_USUAL_KIND_SHARE

EARLIER_KEPT = 2        # older reports of a council that also speak to the topic, folded beneath its latest
ASKED_PER_COUNCIL = 8   # a council's newest reports asked for a finding: an older one speaks of a service long changed
                        # (a council has at most 5 in the dev library); it bounds a digest's work at any library size
MAX_GROUPS = 6          # groups a digest shows before "Other findings": more cannot be read in a minute
MIN_GROUP = 2           # councils a group needs: one council's phrase says nothing shared
MAX_LABEL_SHARE = 0.5   # a phrase in more than this share of the items says what they all say: no group
MIN_WHOLE_SHARE = 0.25  # of the sentences printing a phrase, the share printing it whole for it to be a label ("initial child protection" is never)
OTHER_LABEL = "Other findings"
ONLY_LABEL = "What each report says"   # when no phrase makes a group (each report's verdict on an area, say)
OTHER_KIND_LABEL = "Other kinds of {words}"   # "Other kinds of hubs" when family hubs were asked
OLDER_LABEL = "From inspections under earlier frameworks"   # report_types.SUPERSEDED: SIF and before (to 2018)
ONLY_OLDER = "only under earlier frameworks"   # said of those councils beside the digest's count
ACCOUNTS_LABEL = "Committee papers and articles"   # report_types.NOT_OFSTED: accounts of what inspectors found


@dataclass(frozen=True)
class Finding:
    """One report's answer to the topic: its best whole sentences (a quote) and how well its passage answers
    (index.search.relevance.Evidence.score)."""

    quote: Quote
    score: float
    # The word of the kind the question asks of ("hubs" of "family hubs") where the quote names only another kind of
    # it (a care leavers' hub), which may be the same thing under a council's own name or not: shown apart
    other_kind: str | None = None

    @property
    def document(self) -> Document:
        return self.quote.document


FindingOf = Callable[[str], "Finding | None"]   # doc id -> the report's finding, None when it says nothing on it


def _grade(document: Document, judgement: str) -> str | None:
    """The report's grade for the area (or the judgement that covered it then, ofsted.judgements.area_judgement)."""
    found = area_judgement(document.metadata, judgement)
    return found[1].grade if found else None


def _graded_as(document: Document, judgement: str) -> str | None:
    """The judgement the grade is the report's own for ("in_care" for a 2022 report's care leavers)."""
    found = area_judgement(document.metadata, judgement)
    return found[0] if found else None


def _finding_dict(finding: Finding, judgement: str) -> dict:
    document = finding.document
    return finding.quote.to_dict() | {
        "source": document.source, "published": document.metadata.date,
        "report_type": document.metadata.report_type, "grade": _grade(document, judgement),
        "graded_as": _graded_as(document, judgement), "stance": stance(finding.quote.text)}


@dataclass(frozen=True)
class DigestItem:
    """One council's words on the topic: from its latest report that speaks to it (`finding`), with the older
    reports that also do (`earlier`, newest first). A committee paper or press article is an item of its own,
    labelled as what it is."""

    council: str
    finding: Finding
    judgement: str                       # the ILACS judgement area whose grade is shown
    earlier: tuple[Finding, ...] = ()

    @property
    def stance(self) -> str:
        return stance(self.finding.quote.text)

    @property
    def grade(self) -> str | None:
        return _grade(self.finding.document, self.judgement)

    @property
    def superseded(self) -> bool:
        """From a report under a framework Ofsted no longer inspects under (a SIF report of 2013–2018)."""
        return self.finding.document.metadata.report_type in report_types.SUPERSEDED

    @property
    def primary(self) -> bool:
        """An inspection report's own words, not a paper's or an article's account of them."""
        return self.finding.document.metadata.report_type not in report_types.NOT_OFSTED

    def to_dict(self) -> dict:
        return {"council": self.council} | _finding_dict(self.finding, self.judgement) | {
            "earlier": [_finding_dict(f, self.judgement) for f in self.earlier]}


@dataclass(frozen=True)
class DigestGroup:
    label: str
    items: tuple[DigestItem, ...]

    def to_dict(self) -> dict:
        return {"label": self.label, "items": [item.to_dict() for item in self.items]}


@dataclass(frozen=True)
class Digest:
    groups: tuple[DigestGroup, ...]
    councils_searched: int               # councils (and unattributed papers) whose reports were asked
    councils_answering: int              # of those, how many speak to the topic
    judgement: str                       # the judgement area the topic belongs to (its grade is shown per item)

    @property
    def items(self) -> list[DigestItem]:
        return [item for group in self.groups for item in group.items]

    @property
    def councils_only_older(self) -> int:
        """Councils answering only from reports under a framework Ofsted has replaced (OLDER_LABEL, ONLY_OLDER): how
        their services were, their newer reports saying nothing on it."""
        return len({item.council for item in self.items if item.primary and item.superseded})

    def to_dict(self) -> dict:
        return {"groups": [g.to_dict() for g in self.groups], "councils_searched": self.councils_searched,
                "councils_answering": self.councils_answering, "councils_only_older": self.councils_only_older,
                "judgement": self.judgement}


@dataclass(frozen=True)
class TimelineEntry:
    finding: Finding
    judgement: str

    @property
    def grade(self) -> str | None:
        return _grade(self.finding.document, self.judgement)

    def to_dict(self) -> dict:
        document = self.finding.document
        return {"source": document.source, "doc_id": document.doc_id, "published": document.metadata.date,
                "report_type": document.metadata.report_type, "report_label": report_types.label(document.metadata.report_type),
                "grade": self.grade, "graded_as": _graded_as(document, self.judgement), "reference": reference(document),
                "items": [self.finding.quote.to_dict() | {"stance": stance(self.finding.quote.text)}]}


@dataclass(frozen=True)
class Timeline:
    council: str
    judgement: str
    entries: tuple[TimelineEntry, ...]   # oldest first
    reports_searched: int = 0

    def to_dict(self) -> dict:
        return {"council": self.council, "judgement": self.judgement, "reports_searched": self.reports_searched,
                "entries": [e.to_dict() for e in self.entries]}


def newest_first(documents: Iterable[Document]) -> list[Document]:
    """Dated reports newest first (by publication, else inspection date), undated ones last."""
    return sorted(documents, key=lambda d: (d.metadata.date or "", d.doc_id), reverse=True)


def council_findings(by_council: Mapping[str, list[Document]], finding_of: FindingOf,
                     names: Mapping[str, str], judgement: str) -> list[DigestItem]:
    """Each council's latest inspection report that speaks to the topic (older ones asked only until one does,
    and EARLIER_KEPT more folded beneath it; its ASKED_PER_COUNCIL newest at most), and each of its other
    documents that does, as an item of its own."""
    items = []
    for council, documents in by_council.items():
        ofsted = [d for d in newest_first(documents) if d.metadata.report_type not in report_types.NOT_OFSTED]
        found = []
        for document in ofsted[:ASKED_PER_COUNCIL]:
            if len(found) > EARLIER_KEPT:
                break
            if (finding := finding_of(document.doc_id)) is not None:
                found.append(finding)
        if found:
            items.append(DigestItem(names.get(council, council), found[0], judgement, tuple(found[1:])))
        for document in newest_first(d for d in documents if d.metadata.report_type in report_types.NOT_OFSTED):
            if (finding := finding_of(document.doc_id)) is not None:
                items.append(DigestItem(names.get(council, council), finding, judgement))
    return items


# Words as stems, a compound whose first part is a prefix kept whole ("multi-agency" is not "agency").
_PREFIXES = "multi|inter|non|cross|sub|co|pre|post|anti|self|extra|intra"
_PLAIN_WORD = re.compile(rf"(?:{_PREFIXES})[-‐][a-z0-9]+|[a-z0-9]+")


def _stem(word: str) -> str:
    return word_key(word) if "-" not in word and "‐" not in word else word


@functools.lru_cache(maxsize=4096)   # a quote is read for each idea and kind of the question, several times over
def _split(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    words = tuple(_PLAIN_WORD.findall(text.lower()))
    return words, tuple(_stem(word) for word in words)


def _words_and_stems(text: str) -> tuple[list[str], list[str]]:
    """The text's words in lower case, and their stems."""
    words, stems = _split(text)
    return list(words), list(stems)


def stems_of(text: str) -> list[str]:
    """The text's words as the digest's ideas hold them (highlight.word_key; a prefixed compound whole)."""
    return _words_and_stems(text)[1]



def topic_units(text: str, weights: Mapping[str, float], share: float) -> list[tuple[str, ...]]:
    """The ideas of a question a finding must hold one of. A question sets ideas beside each other as alternatives
    ("staying put and staying close", "criminal and sexual exploitation", "harm outside the home, such as
    exploitation"); each alternative's idea is its rarest run of distinctive words (by highlight.word_key stem,
    weighing `share` of that alternative's rarest or more) as it prints them side by side, never a word that only
    completes it ("homes" in "the sufficiency of homes") nor a common one beside a rare one in another alternative
    ("exploitation" beside "criminal"), nor a number."""
    units = []
    for part in _COORDINATION.split(_AGES.sub(" ", text)):
        # A number is no idea: "homeless 16- and 17-year-olds" asks of homelessness, and paragraph numbers print
        # every number in some report.
        stems = ["" if stem.isdigit() else stem for stem in stems_of(part)]
        weight = {stem: w for stem in stems if (w := _weight(stem, weights)) is not None}
        if not weight:
            continue
        runs, run = [], []
        for stem in stems + [""]:
            if stem in weight and weight[stem] >= share * max(weight.values()):
                run.append(stem)
            elif run:
                runs.append(tuple(run))
                run = []
        units.append(max(runs, key=lambda r: max(weight[stem] for stem in r)))
    return list(dict.fromkeys(units))


def _weight(stem: str, weights: Mapping[str, float]) -> float | None:
    """A stem's weight; a compound kept whole ("extra-familial", _PLAIN_WORD) weighs as its rarest part, which the
    keyword index counts apart ("extra", "familial"): without it "extra-familial harm" was read as "harm"."""
    if stem in weights:
        return weights[stem]
    if "-" not in stem and "‐" not in stem:
        return None
    return max((weights[key] for key in map(word_key, re.split("[-‐]", stem)) if key in weights), default=None)


def as_whole_terms(units: list[tuple[str, ...]], terms: Iterable[str]) -> list[tuple[str, ...]]:
    """The ideas with each one that shares a word with a named term (a glossary term as the question prints it, or
    in its other wording, index.search.glossary) made that term whole, keeping its own words: "stable homes" is the
    idea of "stable placements" reworded, and "stable" alone, which the rarity of its words would make it, is as
    much a stable workforce. Of two such terms, the one sharing most of its words, then the longer."""
    whole = [tuple(stem for stem in stems_of(_PREFIX_APART.sub(r"\1-", term.lower())) if stem not in _MINOR_STEMS)
             for term in terms]

    def made_whole(unit: tuple[str, ...]) -> tuple[str, ...]:
        term = max(whole, key=lambda t: (len(set(unit) & set(t)), len(t)), default=())
        return tuple(dict.fromkeys(term + unit)) if set(unit) & set(term) else unit

    return list(dict.fromkeys(made_whole(unit) for unit in units))


def with_printed_modifier(text: str, units: list[tuple[str, ...]], is_kind: Callable[[str, str, float], bool],
                          verbs: Iterable[str] = (), topic: Iterable[str] = (),
                          unusual: Callable[[str, str], bool] = lambda modifier, word: False) -> list[tuple[str, ...]]:
    """The ideas, each with the word the question prints beside it where the two name a kind of their own in the
    library (is_kind(phrase, word, share): the pair is printed in that share of the word's passages or more). An
    everyday word before the idea ("family hubs": ranking.ACROSS_MODIFIER_SHARE), singular (in "children missing
    education" the children are whom it is about, not a kind of missing), printed side by side ("social workers'
    caseloads" are no kind) and not the councils' verb (verbs: "support" in "how do councils support parents?"). Or a
    one-word idea that is itself the modifier of the topic word after it ("criminal exploitation", 37% of the dev
    library's "criminal": ranking.ACROSS_USUAL_KIND_SHARE; "share information", a verb and its object, is 11% of
    "share"). An everyday word before the idea names a kind too where it is unusual beside it (unusual(modifier,
    word): "staff wellbeing", the reports' wellbeing being children's), however rarely the library prints the pair.
    One for one with units."""
    verbs = {verb.lower() for verb in verbs}
    topic = set(topic)
    lower = text.lower()
    words, stems = _words_and_stems(text)
    made = []
    for unit in units:
        if unit[0] not in stems:
            made.append(unit)
            continue
        at = stems.index(unit[0])
        before = words[at - 1] if at else ""
        after = words[at + 1] if at + 1 < len(words) else ""
        if before in EVERYDAY_WORDS and not _is_plural(before) and before not in verbs \
                and stems[at - 1] not in unit and f"{before} {words[at]}" in lower \
                and (is_kind(f"{before} {words[at]}", words[at], ACROSS_MODIFIER_SHARE) or unusual(before, words[at])):
            unit = (stems[at - 1], *unit)
        elif len(unit) == 1 and after.isalpha() and _stem(after) in topic and after not in EVERYDAY_WORDS \
                and f"{words[at]} {after}" in lower \
                and is_kind(f"{words[at]} {after}", words[at], ACROSS_USUAL_KIND_SHARE):
            unit = (unit[0], _stem(after))
        made.append(unit)
    return made


def with_shared_head(text: str, units: list[tuple[str, ...]], printed: Callable[[str], bool],
                     verbs: Iterable[str] = ()) -> list[tuple[str, ...]]:
    """The ideas, each of one word that modifies, with another, the word after both ("health and police partners",
    "criminal and sexual exploitation") made that pair where the library prints it (printed(phrase)) and the pair's
    other idea holds that word: the idea is health partners, not health. Not the councils' verbs ("recruiting and
    keeping social workers"), nor a verb after "and" ("support education and improve outcomes"). One for one with
    units."""
    verbs = {verb.lower() for verb in verbs}
    words, stems = _words_and_stems(text)
    made = []
    for unit in units:
        at = stems.index(unit[0]) if len(unit) == 1 and unit[0] in stems else -1
        if 0 <= at and at + 3 < len(words) and words[at] not in verbs and words[at + 1] in ("and", "or"):
            other, head = words[at + 2], words[at + 3]
            # the other modifier a word of its own, not "the" or an everyday word of a name ("parents and young
            # carers" are two groups), and the shared word part of another idea the question prints
            if other not in STOPWORDS and other not in EVERYDAY_WORDS and other not in EVERYDAY_VERBS \
                    and any(_stem(head) in idea for idea in units if idea != unit) and printed(f"{words[at]} {head}"):
                unit = (unit[0], _stem(head))
        made.append(unit)
    return made


def holds_kind(text: str, kind: tuple[str, ...]) -> bool:
    """Whether the text prints the kind (with_printed_modifier) as a kind: its modifier right before its words
    ("family hubs") or before an everyday word before them ("family help hubs", "criminal child exploitation"), or
    joined to one other modifier by "and" or "or" ("criminal and sexual exploitation", "family and friends network"),
    or after "of" ("a network of family and friends"); not anywhere near them ("the safeguarding hub helps
    families")."""
    stems = stems_of(text)
    modifier, words = kind[0], list(kind[1:])
    n = len(words)

    def modified(i: int) -> bool:
        before = stems[max(i - 4, 0):i]
        return before[-1:] == [modifier] or before[-3:-1] in ([modifier, "and"], [modifier, "or"]) \
            or (before[-2:-1] == [modifier] and before[-1] in _EVERYDAY_STEMS) \
            or before[-4:-1] == [modifier, "and", "or"] \
            or stems[i + n:i + n + 2] == ["of", modifier] or stems[i + n:i + n + 3] == ["of", "the", modifier]

    return any(stems[i:i + n] == words and modified(i) for i in range(len(stems)))


def other_kinds(text: str, kind: tuple[str, ...], asked: str = "") -> list[str]:
    """The kinds of the kind's head word the text prints with another modifier right before it ("safeguarding hub" for
    ("famil", "hub")), as printed; none where it prints the kind itself. A modifier the question prints (asked) is no
    other kind: "family hub" is a kind of "family help hub"."""
    if holds_kind(text, kind):
        return []
    words, stems = _words_and_stems(text)
    head, own = kind[-1], set(stems_of(asked))
    return [f"{words[i - 1]} {words[i]}" for i in range(1, len(stems))
            if stems[i] == head and stems[i - 1] not in own | {kind[0]} and stems[i - 1] not in _MINOR_STEMS
            and not stems[i - 1].isdigit()]


def printed_word(text: str, stem: str) -> str | None:
    """The text's first word of this stem, as printed ("hubs" for "hub" in "how do councils run family hubs?")."""
    words, stems = _words_and_stems(text)
    return next((word for word, key in zip(words, stems) if key == stem), None)


_MINOR_STEMS = frozenset(_stem(word) for word in STOPWORDS | MINOR_WORDS)
_EVERYDAY_STEMS = frozenset(_stem(word) for word in EVERYDAY_WORDS)
# A glossary's words print a compound apart ("multi agency safeguarding hub"), where reports hyphenate it (_PLAIN_WORD).
_PREFIX_APART = re.compile(rf"\b({_PREFIXES})\s+(?=[a-z])")
# An age says whom a question is about, not what it asks: "16- and 17-year-olds", "11 to 17 year olds".
_AGES = re.compile(r"\b\d+(?:\s*-?\s*(?:and|to|or)\s+\d+)?\s*-?\s*years?[-\s]+olds?\b", re.IGNORECASE)
# What sets one idea of a question beside another as an alternative, not as its complement ("of homes").
_COORDINATION = re.compile(r",|\b(?:and|or|such\s+as|including|like)\b", re.IGNORECASE)
UNIT_SPREAD = 2   # other words a sentence may print among an idea's ("stable foster placements", "placements are stable")


COMPOUND_LETTERS = 8   # "coordina", "extrafam", "multiage": a compound's own letters, past its prefix


def _closed(word: str) -> str:
    """A compound as matched in either spelling: its letters without hyphens, its first COMPOUND_LETTERS ("co-ordination",
    "coordinated" and "co-ordinated" alike; "extra-familial" and "extrafamilial")."""
    return word.replace("-", "").replace("‐", "")[:COMPOUND_LETTERS]


def holds_unit(text: str, unit: tuple[str, ...]) -> bool:
    """Whether the text prints the idea's words close together (UNIT_SPREAD other words among them at most), in any
    order, by stem ("Staying-put", "staying put"; "placements are stable" for "stable placements"); a compound in
    either spelling (_closed)."""
    words, stems = _words_and_stems(text)
    compounds = {_closed(stem): stem for stem in unit if "-" in stem or "‐" in stem}
    if compounds:
        stems = [compounds.get(_closed(word), stem) for word, stem in zip(words, stems)]
    if len(unit) == 1:
        return unit[0] in stems
    span = len(unit) + UNIT_SPREAD
    return any(set(unit) <= set(stems[i:i + span]) for i, stem in enumerate(stems) if stem in unit)


_TOKEN = re.compile(r"[A-Za-z][A-Za-z’'-]*[A-Za-z]")
_ACRONYM = re.compile(r"[A-Z]{2,}s?")
MAX_LABEL_WORDS = 3   # "integrated front door", "corporate parenting board": longer is a clause, not a practice's name


@dataclass(frozen=True)
class Phrase:
    """A label phrase as a sentence prints it, and whether the sentence prints it whole at least once: ending
    where its run of content words ends, not running on into another word ("stable foster" of "stable foster
    homes", "targeted youth" of "targeted youth support") or into "of" ("single point" of "single point of
    contact", "small number" of "a small number of")."""

    written: str
    whole: bool


def _phrases(text: str, topic: set[str]) -> dict[str, Phrase]:
    """The label phrases a sentence prints, keyed by their words' label keys (_label_key) in any order: runs of two
    or three adjacent content words naming a practice ("reflective supervision", "management oversight",
    "integrated front door"). A word alone names too little ("Regular", "Provide"); a phrase of nothing but the
    question's topic or words every report uses says nothing a group shares; a judging word ("effective", "strong")
    names no practice unless it qualifies the topic ("reflective supervision"); an adverb, a preposition, an
    everyday verb, an acronym or punctuation ends the run ("family hubs, community-based organisations" prints no
    "hubs community-based"), and a word joined to a number ("16-year-old") starts none."""
    found: dict[str, Phrase] = {}
    run: list[tuple[str, str]] = []   # (key, word as printed) of the current run of content words
    ending: list[str] = []            # keys of the phrases ending at the run's last word
    end = 0

    def ended(by: str) -> None:   # the run ends: its last phrases are printed whole, unless "of" runs them on
        for key in ending if by != "of" else ():
            found[key] = Phrase(found[key].written, True)
        run.clear()
        ending.clear()

    for match in [*_TOKEN.finditer(text), None]:
        word = match.group().lower().replace("’", "'") if match else ""
        bare = word.split("'")[0]
        if match and not text[end:match.start()].isspace():   # a comma, a bracket, a full stop: another phrase
            ended("")
        end = match.end() if match else end
        if not match or bare in STOPWORDS or bare in PREPOSITIONS or bare in FRAME_WORDS or bare in EVERYDAY_VERBS \
                or len(bare) < 3 or (bare.endswith("ly") and len(bare) > 4) or bare.endswith(("self", "selves")) \
                or "'" in word[:-2] or _ACRONYM.fullmatch(match.group()) \
                or (match.start() and (text[match.start() - 1] in "-‐" or text[match.start() - 1].isdigit())):
            ended(bare)   # an acronym repeats the words before it: "… hub (MASH)"
            continue
        run.append((_label_key(bare), word))
        ending.clear()
        for size in range(2, MAX_LABEL_WORDS + 1):
            phrase = run[-size:]
            if len(phrase) == size and _names_a_practice([w for _, w in phrase], [k for k, _ in phrase], topic):
                # keyed by its words in any order: "access to education and employment" phrases run either way
                key = " ".join(sorted(k for k, _ in phrase))
                found.setdefault(key, Phrase(" ".join(w for _, w in phrase), False))
                ending.append(key)
    return found


def _label_key(word: str) -> str:
    """A word as labels compare it: its stem (highlight.word_key) with hyphens and "-ing" set aside, so "well-being"
    and "wellbeing", "care planning" and "care plans", "strategy meeting" and "strategy meetings" make one group."""
    word = word.replace("-", "").replace("‐", "")
    word = word[:-1] if word.endswith("ings") else word   # "meetings" as "meeting"
    if len(word) > 6 and word.endswith("ing"):
        word = word[:-3]
        word = word[:-1] if len(word) > 2 and word[-1] == word[-2] else word   # "planning": "plan"
    return word_key(word)


def _is_plural(word: str) -> bool:
    """A plural noun by its ending (no possessive): "workers", "children", not "process", "focus" or "analysis"."""
    return "'" not in word and (word in ("children", "people") or
                                (len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))))


def _names_a_practice(words: list[str], keys: list[str], topic: set[str]) -> bool:
    """Whether adjacent content words name a practice: not all topic or everyday words; no judging word but a
    first one before the topic ("reflective supervision", not "effective response" or "leavers benefit"); no plural
    before its last word, which makes a clause ("children come", "workers carry"), nor a possessive (or a word
    that measures, text.words.MEASURE_WORDS) at its end ("separated children's", "small number", "right time")."""
    plain = [key in topic or word.split("'")[0] in EVERYDAY_WORDS for key, word in zip(keys, words)]
    judging = [word.split("'")[0] in JUDGING_WORDS for word in words]
    if all(plain) or any(judging[1:]) or any(_is_plural(word) for word in words[:-1]) \
            or words[-1].endswith(("'s", "s'")) or words[-1] in MEASURE_WORDS:
        return False
    return not judging[0] or any(key in topic for key in keys[1:])


def group_items(items: list[DigestItem], topic: Iterable[str]) -> tuple[DigestGroup, ...]:
    """Today's inspection reports' items grouped by a phrase their sentences share (_phrases), greedily: the phrase
    most uncovered items print (weighed by _says_more), then the next, up to MAX_GROUPS; the rest under OTHER_LABEL.
    After them, each apart: those naming only another kind of what was asked (Finding.other_kind, OTHER_KIND_LABEL),
    those from reports under a framework Ofsted has replaced (OLDER_LABEL: how a service was, from a council whose
    newer reports do not speak to it), and papers' and articles' accounts (ACCOUNTS_LABEL). Each label is the phrase
    as the sentences most often print it whole. A phrase most sentences print only within a longer one
    (Phrase.whole: "stable foster" of "stable foster homes" and "stable foster placements", MIN_WHOLE_SHARE) is part
    of a name, not one, and labels no group."""
    accounts = [item for item in items if not item.primary]
    older = [item for item in items if item.primary and item.superseded]
    apart = [item for item in items if item.primary and not item.superseded and item.finding.other_kind]
    items = [item for item in items if item.primary and not item.superseded and not item.finding.other_kind]
    topic_keys = {word_key(t) for t in topic}
    label_topic = {_label_key(t.lower()) for t in topic}
    phrases = [_phrases(item.finding.quote.text, label_topic) for item in items]
    counts = Counter(key for found in phrases for key in found)
    printed_whole = Counter(key for found in phrases for key, phrase in found.items() if phrase.whole)
    whole = {key for key in counts if printed_whole[key] >= MIN_WHOLE_SHARE * counts[key]}
    limit = max(MIN_GROUP, MAX_LABEL_SHARE * len(items))
    uncovered = set(range(len(items)))
    groups = []
    while uncovered and len(groups) < MAX_GROUPS:
        tally = Counter(key for i in uncovered for key in phrases[i] if key in whole and counts[key] <= limit)
        tally = Counter({key: n for key, n in tally.items() if n >= MIN_GROUP})
        best = max(tally, key=lambda key: (tally[key] * _says_more(key, label_topic), tally[key], key), default=None)
        if best is None:
            break
        members = sorted(i for i in uncovered if best in phrases[i])
        printed = [phrases[i][best] for i in members]
        written = Counter(p.written for p in printed if p.whole) or Counter(p.written for p in printed)
        written = written.most_common(1)[0][0]
        groups.append(DigestGroup(written[0].upper() + written[1:], tuple(_ordered([items[i] for i in members]))))
        uncovered -= set(members)
    groups, placed = _joined(groups, items, sorted(uncovered), topic_keys)
    uncovered -= placed
    if uncovered:   # "other" beside groups; alone, not other than anything
        label = OTHER_LABEL if groups else ONLY_LABEL
        groups.append(DigestGroup(label, tuple(_ordered([items[i] for i in sorted(uncovered)]))))
    if apart:   # then what names only another kind of what was asked
        word = Counter(item.finding.other_kind for item in apart).most_common(1)[0][0]
        groups.append(DigestGroup(OTHER_KIND_LABEL.format(words=plural_of(word)), tuple(_ordered(apart))))
    for label, rest in ((OLDER_LABEL, older), (ACCOUNTS_LABEL, accounts)):   # how services were; others' accounts
        if rest:
            groups.append(DigestGroup(label, tuple(_ordered(rest))))
    return tuple(groups)


def _joined(groups: list[DigestGroup], items: list[DigestItem], rest: list[int],
            topic: set[str]) -> tuple[list[DigestGroup], set[int]]:
    """Groups with the items left over that print their label's telling words, not side by side ("management" and
    "oversight" apart still say "Management oversight"), each in the first such group: fewer under "Other findings".
    A label's telling words are those that are not the topic's, everyday or judging words; a label with one alone
    ("Children's experiences") takes none: one common word says too little. Returns the groups and the items placed."""
    bare = [[w.replace("’", "'").split("'")[0] for w in _TOKEN.findall(group.label.lower())] for group in groups]
    telling = [{_stem(w) for w in words if _stem(w) not in topic and w not in EVERYDAY_WORDS and w not in JUDGING_WORDS}
               for words in bare]
    joined, placed = [list(group.items) for group in groups], set()
    for i in rest:
        stems = set(stems_of(items[i].finding.quote.text))
        if (g := next((g for g, words in enumerate(telling) if len(words) >= 2 and words <= stems), None)) is not None:
            joined[g].append(items[i])
            placed.add(i)
    return [DigestGroup(group.label, tuple(_ordered(members))) for group, members in zip(groups, joined)], placed


def _says_more(key: str, topic: set[str]) -> float:
    """How much a phrase says of a kind of practice, beyond how many items print it: three words more than two
    ("integrated front door", not "front door"), a phrase naming the topic most ("reflective supervision")."""
    words = key.split()
    return len(words) / 2 * (2.0 if topic.intersection(words) else 1.5)


def _ordered(items: list[DigestItem]) -> list[DigestItem]:
    """The best answers first (within a group of today's reports, of earlier frameworks' or of papers' and articles';
    across such kinds, should a caller mix them, reports before accounts and today's framework before earlier ones)."""
    return sorted(items, key=lambda item: (not item.primary, item.superseded, -item.finding.score, item.council))


def timeline_entries(documents: Iterable[Document], finding_of: FindingOf, judgement: str) -> tuple[TimelineEntry, ...]:
    """One entry per dated report that speaks to the topic, oldest first. A document with no date (a press
    cutting) cannot be placed in the story; its words stay among the passages."""
    dated = sorted((d for d in documents if d.metadata.date), key=lambda d: (d.metadata.date, d.doc_id))
    return tuple(TimelineEntry(finding, judgement) for d in dated if (finding := finding_of(d.doc_id)) is not None)


def council_names(documents: Iterable[Document], key_of: Callable[[Document], str]) -> dict[str, str]:
    """One name per council: the one its latest inspection report prints ("Derby City" in 2025 for Derby's
    2022 "Derby" too), else its latest document's."""
    names: dict[str, tuple[bool, str, str]] = {}
    for document in documents:
        council = document.metadata.council
        if not council:
            continue
        rank = (document.metadata.report_type not in report_types.NOT_OFSTED, document.metadata.date or "", council)
        key = key_of(document)
        if key not in names or rank > names[key]:
            names[key] = rank
    return {key: rank[2] for key, rank in names.items()}
