"""Read a question before searching it: which councils, years and judgements it names, and its keywords.

A question that names a council or a year asks about one report; one that names neither asks across
councils. The two need different ranking (see index.search), so this is decided first, from the
councils the index actually holds rather than a fixed list.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from index.judgements import judgement_asked

_YEAR = re.compile(r"\b(19[89]\d|20\d\d)\b")
_GRADE = re.compile(r"\b(outstanding|good|requires\s+improvement|inadequate)\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][a-z]+)?")
# Question words and fillers that carry no topic, and words every report in the corpus uses of itself
# ("Ofsted", "inspection", "report"): searching for them only favours title pages.
STOPWORDS = frozenset("""
a about after again against all also am an and any are as at be been before being between both but by
can could did do does doing during each few for from further had has have having how i if in into is it
its itself just me more most my no nor not now of off on once only or other our out over own same she
should so some such than that the their them then there these they this those through to too under
until up very was we were what when where which while who whom why will with would you your
tell show give find say said get got describe explain list please anything something
ofsted inspection inspections inspected inspectors report reports rating rate rated
""".split())
_RATING_WORDS = frozenset("rate rated rating ratings grade grades graded judge judged judgement judgment judgements "
                          "outstanding inadequate good requires improvement score scored award awarded "
                          "effectiveness verdict".split())


@dataclass
class QueryAnalysis:
    text: str
    terms: list[str]                      # lower-case keywords, stopwords out, in order
    council_keys: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    asks_rating: bool = False
    judgement: str | None = None          # the judgement area named (index.judgements key)
    grade: str | None = None              # the one grade a rating question names ("judged outstanding")

    @property
    def is_specific(self) -> bool:
        """Names a council or a year: the answer lives in one report, so breadth matters less."""
        return bool(self.council_keys or self.years)


def keywords(text: str) -> list[str]:
    seen: dict[str, None] = {}
    for word in _WORD.findall(text.lower().replace("’", "'")):
        word = word.split("'")[0]
        if word not in STOPWORDS and len(word) > 1:
            seen.setdefault(word, None)
    return list(seen)


def find_councils(text: str, known_keys: Iterable[str]) -> list[str]:
    """Council keys named in the text, longest names first, so 'North Lincolnshire' is not also 'Lincolnshire'."""
    plain = " " + " ".join(_WORD.findall(text.lower().replace("&", " and ").replace("’", "'"))) + " "
    found: list[str] = []
    for key in sorted(set(known_keys), key=len, reverse=True):
        if key and f" {key} " in plain and not any(f" {key} " in f" {longer} " for longer in found):
            found.append(key)
            plain = plain.replace(f" {key} ", " ")
    return found


def analyse(question: str, known_council_keys: Iterable[str]) -> QueryAnalysis:
    terms = keywords(question)
    return QueryAnalysis(
        text=question,
        terms=terms,
        council_keys=find_councils(question, known_council_keys),
        years=sorted({int(y) for y in _YEAR.findall(question)}),
        asks_rating=bool(_RATING_WORDS.intersection(_WORD.findall(question.lower()))),
        judgement=judgement_asked(question),
        grade=_grade_named(question),
    )


def _grade_named(question: str) -> str | None:
    """The grade a question asks about, when it names exactly one ("which councils were judged outstanding")."""
    named = {m.group(1).lower().split()[0] for m in _GRADE.finditer(question)}
    return {"outstanding": "outstanding", "good": "good", "requires": "requires improvement",
            "inadequate": "inadequate"}.get(named.pop()) if len(named) == 1 else None

