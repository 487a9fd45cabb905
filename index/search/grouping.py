"""A digest's findings grouped by what they say, each group labelled with a phrase its own sentences print.

A manager reads a digest in a minute: findings on reflective supervision together, those on management oversight
together, labelled "Reflective supervision" and "Management oversight", and the rest under "Other findings". A label
names a practice (two or three words as a sentence prints them, two things named together, or a thing's name alone:
"Thresholds"), never a clause, a measure or a judgement. After today's inspection reports, each apart: findings naming
only another kind of what was asked, findings from reports under earlier frameworks, and papers' and articles'
accounts.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from index.search.digest import DigestGroup, DigestItem
from index.search.highlight import KEY_LETTERS, word_key
from index.search.ideas import stems_of, word_stem
from index.search.query import FRAME_WORDS, STOPWORDS
from ofsted.findings import JUDGING_WORDS
from ofsted.vocabulary import EVERYDAY_VERBS, EVERYDAY_WORDS
from text.sentences import BULLET_MARKS, ends_sentence
from text.words import COMPOUND_PREFIXES, MEASURE_WORDS, PREPOSITIONS, SHELL_NOUNS, is_plural, plural_of

MAX_GROUPS = 6          # groups a digest shows before "Other findings": more cannot be read in a minute
MIN_GROUP = 2           # councils a group needs: one council's phrase says nothing shared
MIN_WORD_GROUP = 3      # ... and one labelled by a word alone: two councils sharing a word is chance ("direction")
MAX_LABEL_SHARE = 0.5   # a phrase in more than this share of the items says what they all say: no group
MIN_WHOLE_SHARE = 0.25  # of the sentences printing a phrase, the share printing it whole for it to be a label ("initial child protection" is never)
# A label says what its sentences share that the reports do not print everywhere: a phrase printed by at least this many
# times the share of the digest's items as of the library's passages ("Management oversight" is in 32% of the
# supervision digest's items and 6% of the dev library's passages; "Care leavers", in 19% of all passages, labelled a
# group on caseloads, and "Senior leaders" one on stable placements).
MIN_LABEL_LIFT = 2.0
OTHER_LABEL = "Other findings"
ONLY_LABEL = "What each report says"   # when no phrase makes a group (each report's verdict on an area, say)
OTHER_KIND_LABEL = "Other kinds of {words}"   # "Other kinds of hubs" when family hubs were asked
OLDER_LABEL = "From inspections under earlier frameworks"   # report_types.SUPERSEDED: SIF and before (to 2018)
ACCOUNTS_LABEL = "Committee papers and articles"   # report_types.NOT_OFSTED: accounts of what inspectors found

_PREFIX = re.compile(COMPOUND_PREFIXES)   # "multi-disciplinary" is "multidisciplinary": its first part no word
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
    "integrated front door"), two things named together ("contacts and referrals", "recruitment and retention"), or
    a word alone naming a thing (_names_a_thing: "Thresholds", "Apprenticeships"; not "Regular", "Provide" or
    "Reasons"). A phrase of nothing but the question's topic or words every report uses says nothing a group shares;
    a judging word ("effective", "strong")
    names no practice unless it qualifies the topic ("reflective supervision"); an adverb, a preposition, an
    everyday verb, an acronym or punctuation ends the run ("family hubs, community-based organisations" prints no
    "hubs community-based"), and a word joined to a number ("16-year-old") starts none."""
    found: dict[str, Phrase] = {}
    run: list[tuple[str, str, str]] = []   # (key, word in lower case, word as shown) of the current run of content words
    ending: list[str] = []            # keys of the phrases ending at the run's last word
    end = 0
    paired: tuple[str, str, str] | None = None   # a thing's word just before "and": "contacts" of "contacts and referrals"

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
            paired = run[-1] if bare == "and" and run and _names_a_thing(run[-1][1]) else None
            ended(bare)   # an acronym repeats the words before it: "… hub (MASH)"
            continue
        # A name's word (a capital not opening a sentence: "Adopt South", "Family Connect") is shown as printed.
        shown = match.group().replace("’", "'") if match.group()[0].isupper() and not _opens_sentence(text, match.start()) \
            else word
        run.append((_label_key(bare), word, shown))
        ending.clear()
        if paired is not None and len(run) == 1 and _names_a_thing(word):   # two things named together, whole
            pair = [paired, run[0]]
            if not all(_plain(k, w, topic) for k, w, _ in pair) and pair[0][0] != pair[1][0] \
                    and not any(_judging(w) for _, w, _ in pair):   # no "strengths and weaknesses"
                key = " ".join(sorted(k for k, _, _ in pair)) + _PAIRED   # not "securing permanence"'s key
                found[key] = Phrase(f"{pair[0][2]} and {pair[1][2]}", True)
        paired = None
        for size in range(1, MAX_LABEL_WORDS + 1):
            phrase = run[-size:]
            if len(phrase) == size and _names_a_practice([w for _, w, _ in phrase], [k for k, _, _ in phrase], topic):
                # keyed by its words in any order: "access to education and employment" phrases run either way
                key = " ".join(sorted(k for k, _, _ in phrase))
                found.setdefault(key, Phrase(" ".join(shown for _, _, shown in phrase), False))
                ending.append(key)
    return found


def _opens_sentence(text: str, at: int) -> bool:
    """Whether the word at `at` opens a sentence, a paragraph or a list's item (its capital says nothing then)."""
    before = text[:at].rstrip()
    while before and before[-1] in "‘“\"'(":
        before = before[:-1].rstrip()
    return not before or before[-1] in BULLET_MARKS or ends_sentence(before, 0, len(before))


def _label_key(word: str) -> str:
    """A word as labels compare it: its stem (highlight.word_key) with hyphens and "-ing" set aside, so "well-being"
    and "wellbeing", "care planning" and "care plans", "strategy meeting" and "strategy meetings" make one group; a
    compound whose first part is a word of five letters or more, whole ("child-in-need planning" is no "children's
    plans", as a five-letter stem made it)."""
    first = re.split("[-‐]", word)[0]
    word = word.replace("-", "").replace("‐", "")
    if len(first) >= KEY_LETTERS and len(word) > len(first) and not _PREFIX.fullmatch(first):
        return word   # a whole word's compound keeps its letters: "child-in-need" is not "children" (its 5-letter key)
    word = word[:-1] if word.endswith("ings") else word   # "meetings" as "meeting"
    if len(word) > 6 and word.endswith("ing"):
        word = word[:-3]
        # "planning": "plan", "modelling": "model"; not "accessing", "assessing", "staffing" (access, assess, staff)
        word = word[:-1] if len(word) > 2 and word[-1] == word[-2] and word[-1] not in "sfz" else word
    return word_key(word)


def _names_a_practice(words: list[str], keys: list[str], topic: set[str]) -> bool:
    """Whether adjacent content words name a practice: not all topic or everyday words; no judging word but a
    first one before the topic ("reflective supervision", not "effective response" or "leavers benefit"); no plural
    before its last word, which makes a clause ("children come", "workers carry"), nor a possessive (or a word
    that measures, text.words.MEASURE_WORDS) at its end ("separated children's", "small number", "right time")."""
    plain = [_plain(key, word, topic) for key, word in zip(keys, words)]
    judging = [_judging(word) for word in words]
    if len(words) == 1:   # a word alone only as a thing's name ("Thresholds", "Triage", "Consultation")
        return not plain[0] and not judging[0] and _names_a_thing(words[0])
    if all(plain) or any(judging[1:]) or any(is_plural(word) for word in words[:-1]) \
            or words[-1].endswith(("'s", "s'")) or words[-1] in MEASURE_WORDS:
        return False
    return not judging[0] or any(key in topic for key in keys[1:])


def _plain(key: str, word: str, topic: set[str]) -> bool:
    """The topic's word or one every report uses: nothing a group of findings shares."""
    return key in topic or word.split("'")[0] in EVERYDAY_WORDS


def _judging(word: str) -> bool:
    """A word saying how well, not what (ofsted.findings.JUDGING_WORDS)."""
    return word.split("'")[0] in JUDGING_WORDS


# The endings of a noun naming a thing done or had ("consultation", "assessment", "triage", "mentoring").
_NOUN_ENDINGS = ("tion", "sion", "ment", "ance", "ence", "ship", "ness", "age", "ity", "ism")
MIN_LABEL_LETTERS = 5   # a word alone shorter than this names too little to label a group ("care", "plan", "team")
_PAIRED = " &"   # the end of the key of two things named together (no label key holds a space before "&")


def _names_a_thing(word: str) -> bool:
    """Whether a word alone can name what a group of findings shares: a noun by its ending, plural or of a thing done
    (_NOUN_ENDINGS, so no word of -ing: "missing", "keeping"), of MIN_LABEL_LETTERS or more, not a measure nor a shell
    noun ("reasons", "efforts": text.words.SHELL_NOUNS) nor a compound ("long-standing"), which as often describe."""
    return len(word) >= MIN_LABEL_LETTERS and word not in MEASURE_WORDS and word not in SHELL_NOUNS \
        and not re.search(r"['’\-‐]", word) and (is_plural(word) or word.endswith(_NOUN_ENDINGS))


def group_items(items: list[DigestItem], topic: Iterable[str],
                library_share: Callable[[str], float] | None = None) -> tuple[DigestGroup, ...]:
    """Today's inspection reports' items grouped by a phrase their sentences share (_phrases), greedily: the phrase
    most uncovered items print (weighed by _says_more), then the next, up to MAX_GROUPS; the rest under OTHER_LABEL.
    After them, each apart: those naming only another kind of what was asked (Finding.other_kind, OTHER_KIND_LABEL),
    those from reports under a framework Ofsted has replaced (OLDER_LABEL: how a service was, from a council whose
    newer reports do not speak to it), and papers' and articles' accounts (ACCOUNTS_LABEL). Each label is the phrase
    as the sentences most often print it whole. A phrase most sentences print only within a longer one
    (Phrase.whole: "stable foster" of "stable foster homes" and "stable foster placements", MIN_WHOLE_SHARE) is part
    of a name, not one, and labels no group; nor does one the library prints about as often as these items do
    (library_share: the share of the library's passages printing a phrase, MIN_LABEL_LIFT)."""
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
    groups: list[DigestGroup] = []
    spent: set[str] = set()   # phrases that made no group: a name too few sentences print as named
    while uncovered and len(groups) < MAX_GROUPS:
        tally = Counter(key for i in uncovered for key in phrases[i]
                        if key in whole and counts[key] <= limit and key not in spent)
        tally = Counter({key: n for key, n in tally.items() if n >= (MIN_GROUP if " " in key else MIN_WORD_GROUP)})
        # a word alone only for what no phrase groups: "Education" would take "Missing education" and "Home education"
        tally = Counter({key: n for key, n in tally.items() if " " in key}) or tally
        best = max(tally, key=lambda key: (tally[key] * _says_more(key, label_topic), tally[key], key), default=None)
        if best is None:
            break
        members = sorted(i for i in uncovered if best in phrases[i])
        printed = [phrases[i][best] for i in members]
        written = Counter(p.written for p in printed if p.whole) or Counter(p.written for p in printed)
        # a phrase one sentence prints in lower case is no name, however another capitalises it
        written = (Counter({w: n for w, n in written.items() if w == w.lower()}) or written).most_common(1)[0][0]
        if written != written.lower():   # a name: the sentences printing it, not another of its stems ("Adopt Southwest")
            members = [i for i in members if phrases[i][best].written.lower() == written.lower()]
            if len(members) < MIN_GROUP:
                spent.add(best)
                continue
        if library_share is not None and counts[best] < MIN_LABEL_LIFT * len(items) * library_share(written):
            spent.add(best)   # printed about as often everywhere: it says nothing these sentences share
            continue
        uncovered -= set(members)
        # a word alone that names part of a group's label joins that group ("Contacts" of "Contacts and referrals")
        named_in = next((g for g, group in enumerate(groups) if " " not in best
                         and best in {_label_key(w) for w in _TOKEN.findall(group.label.lower())}), None)
        if named_in is not None:
            groups[named_in] = DigestGroup(groups[named_in].label, tuple(_ordered(
                [*groups[named_in].items, *(items[i] for i in members)])))
            continue
        groups.append(DigestGroup(written[0].upper() + written[1:], tuple(_ordered([items[i] for i in members]))))
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
    telling = [{word_stem(w) for w in words if word_stem(w) not in topic and w not in EVERYDAY_WORDS and w not in JUDGING_WORDS}
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
    words = key.removesuffix(_PAIRED).split()
    return len(words) / 2 * (2.0 if topic.intersection(words) else 1.5)


def _ordered(items: list[DigestItem]) -> list[DigestItem]:
    """The best answers first (within a group of today's reports, of earlier frameworks' or of papers' and articles';
    across such kinds, should a caller mix them, reports before accounts and today's framework before earlier ones)."""
    return sorted(items, key=lambda item: (not item.primary, item.superseded, -item.finding.score, item.council))
