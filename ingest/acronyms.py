"""The acronyms a document defines, read from the document itself: 'independent reviewing officers (IROs)'.

Reports spell a term out once and use the acronym from then on: in the 169 Ofsted reports 220 passages say
"IRO" without "independent reviewing officer", 242 say "MASH" without "multi-agency safeguarding hub". A
question in one form then misses passages in the other, so each document's definitions are kept with its
metadata and index.search.glossary adds the other form to a question's keywords.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from text.words import MINOR_WORDS

# An acronym of 2-6 capitals (a plural 's' allowed) in brackets; its words are looked for just before it.
_BRACKETED = re.compile(r"\(([A-Z]{2,6})s?\)")
_LOOK_BACK = 120  # characters: eight words and more
_WORD = re.compile(r"[A-Za-z]+")
_LOWER_WORD = re.compile(r"\b[a-z]+\b")


def find_acronyms(texts: Iterable[str]) -> dict[str, str]:
    """Acronym -> the words it stands for (lower case), for every acronym whose letters are the initials of
    the words before it. An acronym that the document also uses as an ordinary word ('par', 'send') is left
    out, since a question's word would then match it by chance."""
    texts = list(texts)
    found: Counter[tuple[str, str]] = Counter()
    for text in texts:
        for match in _BRACKETED.finditer(text):
            phrase = _spelled_out(text[max(0, match.start() - _LOOK_BACK):match.start()], match.group(1))
            if phrase:
                found[(match.group(1), phrase)] += 1
    acronyms: dict[str, str] = {}
    for (acronym, phrase), _ in found.most_common():
        acronyms.setdefault(acronym, phrase)
    ordinary = {word for text in texts for word in _LOWER_WORD.findall(text)}
    return {acronym: phrase for acronym, phrase in sorted(acronyms.items())
            if acronym.lower() not in ordinary and acronym.lower() + "s" not in ordinary}


def _spelled_out(preceding: str, acronym: str) -> str | None:
    """The shortest run of words ending the text whose initials, minor words aside, spell the acronym
    ('children and adolescent mental health services' for CAMHS, 'multi-agency' giving M and A)."""
    if not preceding.endswith((" ", "\n")):
        return None
    words = _WORD.findall(preceding)
    for count in range(1, len(words) + 1):
        candidate = words[-count:]
        if candidate[0].lower() in MINOR_WORDS:
            continue
        initials = "".join(word[0] for word in candidate if word.lower() not in MINOR_WORDS).upper()
        if initials == acronym:
            return " ".join(word.lower() for word in candidate)
        if len(initials) > len(acronym):
            return None
    return None
