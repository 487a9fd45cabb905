"""A question's ideas and whether a sentence holds them: what a digest's or timeline's finding must say.

"How do councils run family hubs?" asks of family hubs, not of hubs (a multi-agency safeguarding hub) nor of
families; "children at risk of extra-familial harm" asks of extra-familial harm, not harm. An idea is a run of the
question's distinctive words (by stem, index.search.highlight.word_key), made whole where the library names a kind
by them ("family hubs"), shares a head ("health and police partners") or knows a term (index.search.glossary); a
sentence holds it by printing those words close together. Pure functions over text and the weights given to them.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping

import snowballstemmer

from index.search.highlight import as_adjective, word_key
from index.search.query import STOPWORDS
from index.search.ranking import ACROSS_ALTERNATIVE_SHARE, ACROSS_MODIFIER_SHARE, ACROSS_USUAL_KIND_SHARE
from ofsted.judgements import children_named
from ofsted.vocabulary import EVERYDAY_VERBS, EVERYDAY_WORDS, EVERYONES_SUBJECT
from text.sentences import paragraph_sentence_spans
from text.words import COMPOUND_PREFIXES, MINOR_WORDS, PREPOSITIONS, is_plural


# Words as stems, a compound whose first part is a prefix kept whole ("multi-agency" is not "agency").
_PLAIN_WORD = re.compile(rf"(?:{COMPOUND_PREFIXES})[-‐][a-z0-9]+|[a-z0-9]+")


def word_stem(word: str) -> str:
    """A word as the ideas compare it: its stem (highlight.word_key), a prefixed compound whole ("multi-agency")."""
    return word_key(word) if "-" not in word and "‐" not in word else word


@functools.lru_cache(maxsize=4096)   # a quote is read for each idea and kind of the question, several times over
def _split(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    words = tuple(_PLAIN_WORD.findall(text.lower()))
    return words, tuple(word_stem(word) for word in words)


def _words_and_stems(text: str) -> tuple[list[str], list[str]]:
    """The text's words in lower case, and their stems."""
    words, stems = _split(text)
    return list(words), list(stems)


_STEMMER = snowballstemmer.stemmer("english")


@functools.lru_cache(maxsize=8192)
def _family(word: str) -> str:
    """A word's Snowball stem, a quality read as its adjective ("stability" as "stable", highlight.as_adjective)."""
    return _STEMMER.stemWord(as_adjective(word))


def one_family(word: str, other: str) -> bool:
    """Whether two words of one stem (word_stem: their first five letters) are forms of one word, one's Snowball stem
    beginning the other's ("supervision" and "supervised", "health" and "healthy"), not false friends the five
    letters make ("exploitation" and "explore", "intervention" and "interview", "commissioning" and "committed")."""
    first, second = _family(word), _family(other)
    return first.startswith(second) or second.startswith(first)


def forms_by_stem(texts: Iterable[str]) -> dict[str, set[str]]:
    """The words the texts print of each stem (word_stem), for holds_form."""
    forms: dict[str, set[str]] = {}
    for text in texts:
        for word, stem in zip(*_split(text)):
            forms.setdefault(stem, set()).add(word)
    return forms


def holds_form(text: str, stem: str, asked: Iterable[str]) -> bool:
    """Whether the text prints a word of this stem that is a form of one of the asked words (one_family): "explore"
    holds no idea of exploitation ("return home interviews that explore push and pull factors"). A compound's stem is
    the whole word, held in either spelling by holds_unit ("co-ordinated", "coordinated"): asked of holds_unit."""
    if "-" in stem or "‐" in stem:
        return holds_unit(text, (stem,))
    words, stems = _split(text)
    return any(key == stem and any(one_family(word, other) for other in asked) for word, key in zip(words, stems))


def stems_of(text: str) -> list[str]:
    """The text's words as the digest's ideas hold them (highlight.word_key; a prefixed compound whole)."""
    return _words_and_stems(text)[1]


def topic_units(text: str, weights: Mapping[str, float], share: float) -> list[tuple[str, ...]]:
    """The ideas of a question a finding must hold one of. A question sets ideas beside each other as alternatives
    ("staying put and staying close", "criminal and sexual exploitation", "harm outside the home, such as
    exploitation"); each alternative's idea is its rarest run of distinctive words (by highlight.word_key stem,
    weighing `share` of that alternative's rarest or more) as it prints them side by side, never a word that only
    completes it ("homes" in "the sufficiency of homes") nor a common one beside a rare one in another alternative
    ("exploitation" beside "criminal"), nor a number. An alternative of common words beside one of rare words is
    none alone (ranking.ACROSS_ALTERNATIVE_SHARE: "care" in "children who go missing from home or care"), but with the
    word the alternative before it completes where that is no preposition ("leaving care" of "young people leaving
    custody or care")."""
    units, heads = [], []   # each alternative's idea, and the word before the last word of the alternative before it
    completed = ""
    for part in _COORDINATION.split(_AGES.sub(" ", text)):
        head, words = completed, _WORD.findall(part.lower())
        completed = words[-2] if len(words) > 1 and words[-2] not in PREPOSITIONS and words[-2] not in STOPWORDS else ""
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
        heads.append(head)
    rarest = {unit: max(_weight(stem, weights) or 0.0 for stem in unit) for unit in units}
    top = max(rarest.values(), default=0.0)
    return list(dict.fromkeys(
        unit if rarest[unit] >= ACROSS_ALTERNATIVE_SHARE * top else (word_stem(head), *unit)
        for unit, head in zip(units, heads)
        if rarest[unit] >= ACROSS_ALTERNATIVE_SHARE * top or head and word_stem(head) not in unit))


def shared_complements(text: str, weights: Mapping[str, float], share: float) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Ideas set beside the next one by "and" or "or" that share what follows it ("calls and referrals at the front
    door": calls at the front door; "delays and drift in care proceedings"): each such idea with the idea of that
    complement, which a finding must hold beside it (not calls anywhere: "which they call 'crash pads'"). The earlier
    alternative prints no preposition of its own ("children missing from education or educated at home" share none),
    and the complement follows the later one's first words, not a clause ("… health when they are in care"); a
    complement naming a group of children ("advocacy and independent visitors for children in care") says whom it
    is for, which a finding's section says as well as its words (ofsted.judgements.children_named)."""
    pieces = _ALTERNATIVES.split(_AGES.sub(" ", text))
    shared: dict[tuple[str, ...], tuple[str, ...]] = {}
    for before, joined, after in zip(pieces[0:-2:2], pieces[1::2], pieces[2::2]):
        words = [word.lower() for word in _WORD.findall(after)]
        at = next((i for i, word in enumerate(words[:COMPLEMENT_AFTER + 1]) if word in PREPOSITIONS), None)
        if joined.strip().lower() not in ("and", "or") or not at or any(
                word.lower() in PREPOSITIONS for word in _WORD.findall(before)):
            continue
        if children_named(" ".join(words[at + 1:])):
            continue
        idea = topic_units(before, weights, share)
        complement = topic_units(" ".join(words[at + 1:]), weights, share)
        if idea and complement and idea[-1] != complement[0]:
            shared[idea[-1]] = complement[0]
    return shared


def qualified_heads(text: str, weights: Mapping[str, float], share: float) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Ideas the question prints after "with" qualifying the plural noun before it ("parents with learning
    disabilities"), each with that noun, which a finding must hold beside it: not children's learning disabilities.
    Not whom every report is about ("children with disabilities" are any children: ofsted.vocabulary.EVERYONES_SUBJECT),
    nor a group of children ("care leavers with mental health needs"), nor a verb ("work with schools")."""
    words = [word.lower() for word in _WORD.findall(_AGES.sub(" ", text))]
    heads: dict[tuple[str, ...], tuple[str, ...]] = {}
    for at, word in enumerate(words[1:-1], start=1):
        head = words[at - 1]
        if word != "with" or not is_plural(head) or head in EVERYONES_SUBJECT or head in EVERYDAY_VERBS \
                or word_stem(head) not in weights or children_named(" ".join(words[max(at - 3, 0):at])):
            continue   # (a group of children is whom it is about, which a finding's section says too: shared_complements)
        qualifier = " ".join(_COORDINATION.split(" ".join(words[at + 1:]))[0].split())   # up to "and", "or", ","
        if idea := topic_units(qualifier, weights, share):
            if idea[0] != (word_stem(head),):
                heads[idea[0]] = (word_stem(head),)
    return heads


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
        if before in EVERYDAY_WORDS and not is_plural(before) and before not in verbs \
                and stems[at - 1] not in unit and f"{before} {words[at]}" in lower \
                and (is_kind(f"{before} {words[at]}", words[at], ACROSS_MODIFIER_SHARE) or unusual(before, words[at])):
            unit = (stems[at - 1], *unit)
        elif len(unit) == 1 and after.isalpha() and word_stem(after) in topic and after not in EVERYDAY_WORDS \
                and f"{words[at]} {after}" in lower \
                and is_kind(f"{words[at]} {after}", words[at], ACROSS_USUAL_KIND_SHARE):
            unit = (unit[0], word_stem(after))
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
                    and any(word_stem(head) in idea for idea in units if idea != unit) and printed(f"{words[at]} {head}"):
                unit = (unit[0], word_stem(head))
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


_MINOR_STEMS = frozenset(word_stem(word) for word in STOPWORDS | MINOR_WORDS)
_EVERYDAY_STEMS = frozenset(word_stem(word) for word in EVERYDAY_WORDS)
# A glossary's words print a compound apart ("multi agency safeguarding hub"), where reports hyphenate it (_PLAIN_WORD).
_PREFIX_APART = re.compile(rf"\b({COMPOUND_PREFIXES})\s+(?=[a-z])")
# An age says whom a question is about, not what it asks: "16- and 17-year-olds", "11 to 17 year olds".
_AGES = re.compile(r"\b\d+(?:\s*-?\s*(?:and|to|or)\s+\d+)?\s*-?\s*years?[-\s]+olds?\b", re.IGNORECASE)
# What sets one idea of a question beside another as an alternative, not as its complement ("of homes").
_COORDINATION = re.compile(r",|\b(?:and|or|such\s+as|including|like)\b", re.IGNORECASE)
_ALTERNATIVES = re.compile(f"({_COORDINATION.pattern})", re.IGNORECASE)   # the same, kept by re.split
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
COMPLEMENT_AFTER = 2   # words of the later alternative before a shared complement's preposition ("referrals at …")
UNIT_SPREAD = 2   # other words a sentence may print among an idea's ("stable foster placements", "placements are stable")


COMPOUND_LETTERS = 8   # "coordina", "extrafam", "multiage": a compound's own letters, past its prefix


def _closed(word: str) -> str:
    """A compound as matched in either spelling: its letters without hyphens, its first COMPOUND_LETTERS ("co-ordination",
    "coordinated" and "co-ordinated" alike; "extra-familial" and "extrafamilial")."""
    return word.replace("-", "").replace("‐", "")[:COMPOUND_LETTERS]


def holds_unit(text: str, unit: tuple[str, ...], as_named: bool = False) -> bool:
    """Whether the text prints the idea's words close together (UNIT_SPREAD other words among them at most), in any
    order, by stem ("Staying-put", "staying put"; "placements are stable" for "stable placements"); a compound in
    either spelling (_closed). As named, in the question's order within one sentence, or the other way round across
    "of" ("practice leaders", "leaders of practice"; not "leaders … improve practice", nor "… practice. Senior
    leaders …")."""
    if as_named and len(unit) > 1:
        return any(_holds_in_order(text[start:end], unit) for start, end in paragraph_sentence_spans(text))
    stems = _stems_for(text, unit)
    if len(unit) == 1:
        return unit[0] in stems
    span = len(unit) + UNIT_SPREAD
    return any(set(unit) <= set(stems[i:i + span]) for i, stem in enumerate(stems) if stem in unit)


def says_little(unit: tuple[str, ...]) -> bool:
    """An idea of nothing but words every report uses, one or several ("support", "family time")."""
    return set(unit) <= _EVERYDAY_STEMS


def of_everyday_words(unit: tuple[str, ...]) -> bool:
    """An idea of several words every report uses ("family time"), which only the phrase says (holds_phrase)."""
    return len(unit) > 1 and set(unit) <= _EVERYDAY_STEMS


def holds_phrase(text: str, unit: tuple[str, ...]) -> bool:
    """Whether the text prints the idea's words side by side in its order, or the other way round across "with"
    ("family time", "time with their family"; not "families … at the right time", nor "times of family stress")."""
    stems = _stems_for(text, unit)
    span = len(unit) + UNIT_SPREAD
    return any(tuple(stems[i:i + len(unit)]) == unit or stems[i] == unit[-1] and "with" in stems[i:i + span]
               and _in_order(stems[i:i + span], unit[::-1]) for i in range(len(stems)))


def _holds_in_order(sentence: str, unit: tuple[str, ...]) -> bool:
    """holds_unit as named, in one sentence."""
    stems = _stems_for(sentence, unit)
    span = len(unit) + UNIT_SPREAD
    for i, stem in enumerate(stems):
        window = stems[i:i + span]
        if stem == unit[0] and _in_order(window, unit) or stem == unit[-1] and "of" in window \
                and _in_order(window, unit[::-1]):
            return True
    return False


def _stems_for(text: str, unit: tuple[str, ...]) -> list[str]:
    """The text's stems, a compound of the idea's in either spelling its own (_closed)."""
    words, stems = _words_and_stems(text)
    compounds = {_closed(stem): stem for stem in unit if "-" in stem or "‐" in stem}
    return [compounds.get(_closed(word), stem) for word, stem in zip(words, stems)] if compounds else stems


def _in_order(stems: list[str], unit: tuple[str, ...]) -> bool:
    """Whether the stems hold the idea's words in its order, others among them."""
    at = 0
    for stem in unit:
        if stem not in stems[at:]:
            return False
        at = stems.index(stem, at) + 1
    return True
