"""The index's acronyms, gathered from the definitions its documents print (ingest.acronyms), used to
give a question the other form of a term it names: 'IROs' also searches 'independent reviewing officers',
'personal advisers' also searches 'PA'. Terms Ofsted reworded over the years (ofsted.vocabulary) are
treated the same way: 'family and friends carers' also searches 'kinship carers', and the other way round.

Terms made only of words a search ignores ('Ofsted inspectors (OI)') are left out. An acronym is
recognised in a question only when written in capitals ('MASH', 'IROs'), since many are
ordinary words in lower case ('mash', 'send'). A spelled-out term is recognised by its words' stems
(index.search.highlight.word_key), so 'personal adviser' and 'personal advisors' both find 'PA'; a reworded term's
words in either order ('placements stable' is 'stable placements'), an acronym's only in theirs ('protect children'
is no child protection).
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable

from index.search.highlight import word_key
from index.search.query import FRAME_WORDS, STOPWORDS
from models import Document
from ofsted.vocabulary import SAME_IDEA
from text.words import MINOR_WORDS

_CAPITALS = re.compile(r"\b([A-Z]{2,6})s?\b")
_WORD = re.compile(r"[A-Za-z]+")
_IGNORED_STEMS = {word_key(word) for word in STOPWORDS | MINOR_WORDS}


class Glossary:
    """Acronym <-> words, each acronym with the spelling most documents give it."""

    def __init__(self, documents: Iterable[Document]):
        spellings: Counter[tuple[str, str]] = Counter()
        for document in documents:
            spellings.update(document.metadata.acronyms.items())
        for acronym, words in list(spellings):  # 'Ofsted inspectors (OI)': nothing a question searches for
            if {word_key(word) for word in words.split()} <= _IGNORED_STEMS:
                del spellings[(acronym, words)]
        self.words_for: dict[str, str] = {}
        for (acronym, words), _ in spellings.most_common():
            self.words_for.setdefault(acronym, words)
        self._by_stems: dict[tuple[str, ...], str] = {}
        for (acronym, words), _ in spellings.most_common():
            self._by_stems.setdefault(_stems(words), acronym)
        # A reworded term, either way round: (its stems, the wording used, the other wording).
        self._rewordings = [(_stems(used), used, other) for pair in SAME_IDEA for used, other in (pair, pair[::-1])]
        # A question's terms are asked for three times per search (expansions, other_form, spelled_out).
        self.terms_named = functools.lru_cache(maxsize=256)(self._terms_named)

    def _terms_named(self, question: str) -> tuple[tuple[str, str, bool], ...]:
        """(short form, words, whether the question used the short form) for each term it names: an
        acronym and its words, or a reworded term's other wording and the wording the question uses."""
        named = [(acronym, self.words_for[acronym], True) for acronym in _CAPITALS.findall(question)
                 if acronym in self.words_for]
        question_stems = _stems(question)
        named += [(acronym, self.words_for[acronym], False) for term_stems, acronym in self._by_stems.items()
                  if _contains(question_stems, term_stems)]   # in order: "protect children" is no child protection
        named += [(other, used, False) for term_stems, used, other in self._rewordings
                  if _contains(question_stems, term_stems, any_order=True)]   # "placements stable"
        return tuple(dict.fromkeys(named))

    def expansions(self, question: str) -> list[str]:
        """Keywords to add to the question's: the words of each acronym it uses, and the acronym of each
        term it spells out (lower case, as the keyword index stores them)."""
        added: list[str] = []
        for acronym, words, used_acronym in self.terms_named(question):
            added += [w for w in words.split() if w not in MINOR_WORDS] if used_acronym else _words(acronym)
        return list(dict.fromkeys(added))

    def reworded(self, question: str) -> set[str]:
        """The words of the other wording of each reworded term the question names (not an acronym's)."""
        return {word for short, _, used_acronym in self.terms_named(question)
                if not used_acronym and short not in self.words_for for word in _words(short)}

    def printed(self, question: str) -> list[str]:
        """Each term the question spells out, as it prints it ("multi-agency safeguarding hub", "placements stable")."""
        return list(dict.fromkeys(span for _, words, used_acronym in self.terms_named(question)
                                  if not used_acronym and (span := _printed(question, words))))

    def in_other_words(self, question: str) -> str:
        """The question with each term it names put in its other wording ("… front door and MASH?" for "… front door
        and multi-agency safeguarding hub?"), so that what it sets side by side stays side by side."""
        worded = question
        for short, words, used_acronym in self.terms_named(question):
            if used_acronym:   # a term's own "and" coordinates nothing: "family friends carers"
                worded = re.sub(rf"\b{re.escape(short)}s?\b", " ".join(_words(words)), worded)
            elif span := _printed(worded, words):
                worded = worded.replace(span, " ".join(_words(short)), 1)
        return worded

    def other_wordings(self, question: str) -> list[str]:
        """The other wording of each term the question names: an acronym's words where it uses the acronym, the
        acronym where it spells it out, a reworded term's other wording ("stable homes" for "stable placements")."""
        return [words if used_acronym else short for short, words, used_acronym in self.terms_named(question)]

    def spelled_out(self, question: str) -> list[list[str]]:
        """The words of each acronym the question uses, as the documents spell it out."""
        return [_WORD.findall(words.lower()) for _, words, used_acronym in self.terms_named(question) if used_acronym]

    def other_form(self, topic: list[str], question: str) -> list[str]:
        """The topic words with each acronym the question uses put as its words ("UASC" as unaccompanied
        asylum seeking children), and each term it spells out put as its acronym ("independent reviewing
        officers" as "iro"): a sentence holding either form holds the idea. Words match by stem
        (index.search.highlight.word_key); a term's words that a topic never holds (stopwords) are left out."""
        other = list(topic)
        for acronym, words, used_acronym in self.terms_named(question):
            spelled = [w for w in _WORD.findall(words.lower()) if w not in MINOR_WORDS and w not in STOPWORDS
                       and w not in FRAME_WORDS]
            spelled_stems = {word_key(w) for w in spelled}
            held = {word_key(w) for w in other}
            if used_acronym and word_key(acronym.lower()) in held:
                at = next(i for i, w in enumerate(other) if word_key(w) == word_key(acronym.lower()))
                other[at:at + 1] = [w for w in spelled if word_key(w) not in held]
            elif not used_acronym and spelled_stems and spelled_stems <= held:
                other = [w for w in other if word_key(w) not in spelled_stems]
                other += [w for w in _words(acronym) if word_key(w) not in {word_key(o) for o in other}]
        return other


def _words(term: str) -> list[str]:
    """A term's words as keywords: lower case, without 'and', 'of' and the like."""
    return [w for w in _WORD.findall(term.lower()) if w not in MINOR_WORDS]


def _printed(question: str, words: str) -> str | None:
    """The term as the question prints it: its words by stem, in any order, side by side but for minor words."""
    stems = sorted(_stems(words))
    tokens = [token for token in _WORD.finditer(question) if token.group().lower() not in MINOR_WORDS]   # as _stems
    keys = [word_key(token.group().lower()) for token in tokens]
    for first in range(len(tokens) - len(stems) + 1 if stems else 0):
        if sorted(keys[first:first + len(stems)]) == stems:
            return question[tokens[first].start():tokens[first + len(stems) - 1].end()]
    return None


def _stems(text: str) -> tuple[str, ...]:
    return tuple(word_key(word) for word in _WORD.findall(text.lower()) if word not in MINOR_WORDS)


def _contains(sequence: tuple[str, ...], part: tuple[str, ...], any_order: bool = False) -> bool:
    """Whether the words stand side by side in this order, or in any ("placements stable", "stable placements")."""
    width = len(part)
    key = sorted if any_order else tuple
    return width > 0 and any(key(sequence[i:i + width]) == key(part) for i in range(len(sequence) - width + 1))
