"""Read a question before searching it: which councils, years, judgements and kinds of document it
names, and its topic words.

A question that names a council or a year asks about one report; one that names neither asks across
councils. The two need different handling (see index.search.searcher): the council and year choose which
reports are searched, the topic words rank passages within them. Councils are recognised from the
ones the index holds (however the question writes them: "Hull", "BCP", "Wigan's") and, so that the
app can say "the library has no report on Leicester", from the list of English councils.
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from ofsted.councils import council_key, held_council_mentions, missing_councils
from ofsted.grades import GRADE_KEYWORDS, GRADE_WORDS, grade_of
from ofsted.improvement import IMPROVEMENT_WORDS, names_improvements
from index.search.highlight import word_key
from ofsted.judgements import SIF_TO_ILACS, judgement_asked, judgement_words, label
from ofsted.sections import VERDICT_AREAS
from ofsted.vocabulary import work_as_employment

# A question is a sentence or two; a longer one is a paste gone wrong (or an attempt to tie up the server), refused
# before it is read. The chat box takes no more either (app_ui/pages/ask.py).
MAX_QUESTION_CHARS = 2000

_MARKUP = re.compile(r"<[^<>]{0,200}>")


def without_markup(question: str) -> str:
    """A question pasted from a web page or an email with its tags ("<b>supervision</b>") and entities ("&amp;")
    read as the words it contains."""
    return html.unescape(_MARKUP.sub(" ", question)) if "<" in question or "&" in question else question


_YEAR = re.compile(r"\b(19[89]\d|20\d\d)\b")
_YEAR_SPAN = re.compile(r"\b(20\d\d)\s*[-–/]\s*(\d\d)\b")   # a financial or school year: "2020-21"
_GRADE = re.compile(rf"\b({GRADE_WORDS})\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][a-z]+)?")
# A hyphenated compound ("opt-out", "step-down", "drop-in"): its short words are no stopwords there, since
# they are what tells "opt-out" from "opt-in".
_COMPOUND = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+")   # from a word's start: linear in the text
_POSSESSIVE = re.compile(r"(?<=[A-Za-z])['’]s\b|(?<=s)['’](?!\w)")   # "Wigan's", "councils'"; not "didn't"
# Question words and fillers that carry no topic, and words every report in the corpus uses of itself
# ("Ofsted", "inspection", "report"): searching for them only favours title pages.
STOPWORDS = frozenset("""
a about after again against all also am an and any are as at be been before being between both but by
can could did do does doing during each few for from further had has have having how i if in into is it
its itself just me more most my no nor not now of off on once only or other our out over own same she
should so some such than that the their them then there these they this those through to too under
until up very was we were what when where which while who whom why will with would you your
tell show give find say said get gets got getting done describe explain list please anything something
whats hows whos wheres
didn doesn don isn wasn weren hasn haven hadn won couldn shouldn wouldn aren
ofsted inspection inspections inspected inspectors report reports rating rate rated
""".split())
# Words that frame a question about one council's services rather than name its topic, among them the
# verbs of "how does Wigan handle referrals?": rare in reports, they outweighed the topic and, absent from
# the council's reports, made a covered topic look unanswered. "Compare Derby and Wigan on care leavers"
# asks about care leavers, not about passages that say "comparable".
FRAME_WORDS = frozenset("""
council councils authority authorities local la las services service according well good better worse much many across
happen happening happened latest recent recently last year years whether really found find
handle handles handled handling tackle tackles tackled tackling deal deals dealt dealing cope copes coped coping
fare fares fared faring
compare compared comparing comparison differ differs difference differences versus vs
""".split())
# Words that ask about a report as a whole ("What did Ofsted find in Lewisham's most recent inspection?",
# "Summarise Sutton's 2025 report"): with nothing else asked, its summary answers.
SUMMARY_WORDS = frozenset("""summarise summarize summarised summary summaries overview overall findings finding key
main headline headlines conclusion conclusions concluded conclude verdict most happened""".split())
# Words that ask for a grade. A grade word alone does not ("how good are plans?"), unless the question
# asks which councils had it ("which councils are outstanding for care leavers?").
# "the quality of plans": the question is about plans; quality is how it is asked ("quality assurance" stays).
_FRAMED_NOUNS = ("quality", "standard", "standards", "effectiveness")
_FRAMING = re.compile(rf"\b({'|'.join(_FRAMED_NOUNS)})\s+of\b", re.IGNORECASE)
# What the councils do to the topic: the verb whose subject they are ("how do councils *keep* placements stable?",
# "what have councils done to *cut* their use of agency staff?", "how has Derby *improved* supervision?"), and the
# light noun the topic hangs from ("their *use* of agency staff", "the *quality* of supervision"). A report's
# sentence on the topic says it with its own words ("reliance on agency staff has reduced"), so these are not the
# topic a council's finding must hold, only words it may also hold.
# The verb may be phrasal ("brought down caseloads", "make sure children …", "set up a hub") or two verbs of one
# action in one form ("recruiting and keeping social workers"): every word of it is the action. Two words of no
# verb's form stay the topic: "support and challenge schools" asks of challenge, "have strong and stable
# leadership" of stability.
# "Have" is a helper only before a participle ("which councils have reduced caseloads?"); before anything else it is
# the verb itself, which says nothing ("which councils have strong leadership?" asks of strong leadership). A
# particle or preposition before "and" makes the next word a verb too ("listen to and act on children's views": the
# Children Act is no answer; "set up and run").
_PARTICIPLE = (r"(?=[a-z]+(?:ed|en|wn)\b|(?:done|made|brought|cut|set|put|kept|got|built|run|found|met|led|held|"
               r"sought|taught|begun|become|dealt|spent|sent|won)\b)")
_THEN_ACTS = re.compile(r"\s+(?:(?:(?:have|has|had)\s+" + _PARTICIPLE + r")|"
                        r"(?:do|does|did|are|is|were|was|can|could|should|will|would)\s+)?(?:been\s+)?"
                        r"(?:(?:done|do|doing|trying|working|acted|acting)\s+to\s+)?(?:better\s+)?([a-z]+)"
                        r"(?:\s+(down|up|out|off|back|sure|certain)\b)?"
                        r"(?:(?<=ing)\s+(?:and|or)\s+([a-z]+ing)\b|(?<=ed)\s+(?:and|or)\s+([a-z]+ed)\b"
                        r"|\s+(?:to|on|for|with|after)\s+and\s+([a-z]+)\b|(?(2)\s+and\s+([a-z]+)\b|(?!)))?\b",
                        re.IGNORECASE)
# A purpose clause's "to" (QueryAnalysis.purpose_at): before a verb of what councils do something for ("to keep
# children safe", "to find adopters"), never a noun ("access to dental care", "an approach to domestic abuse", "up to
# age 25", "transfer cases to adult services"). A closed list: a word after "to" cannot tell a verb from a noun.
PURPOSE_VERBS = frozenset("""keep improve find deliver train develop share manage help support make reduce protect
prevent stop ensure recruit retain meet tackle identify track get give cut raise build address strengthen increase
promote understand involve engage plan monitor provide offer secure achieve avoid divert safeguard encourage enable
bring drive create sustain maintain hear capture inform assess reunite reconnect control learn tell check""".split())
_PURPOSE = re.compile(rf"\s+(?:in\s+order\s+)?to\s+({'|'.join(sorted(PURPOSE_VERBS))})\b", re.IGNORECASE)
_LIGHT_NOUN = re.compile(rf"\b({'|'.join(_FRAMED_NOUNS + ('use', 'usage', 'level', 'levels', 'range'))})\s+of\b",
                         re.IGNORECASE)   # the framing nouns, and those a finding may word otherwise
# A question asking for a figure ("How many children are in care in Wandsworth?", "What percentage of care
# leavers …"): the words that ask for it frame the question; a sentence giving a figure answers it.
FIGURE_ASKED = re.compile(r"\bhow\s+many\b|\bby\s+how\s+much\b|"
                          r"\bwhat\s+(?:percentages?|proportions?|shares?|numbers?|fractions?)\b", re.IGNORECASE)
# A question about how one council's service has changed across its reports ("How has Derby's service for care
# leavers changed over time?", "… since 2017", "Looking across Harrow's inspection reports, how have … developed?",
# "and over time?"): answered by a timeline, one entry per report. Its words frame the question, they are no topic.
OVER_TIME = re.compile(
    r"\bover\s+(?:time|the\s+years|recent\s+years|the\s+last\s+\w+\s+years)\b|\bsince\s+(?:19[89]\d|20\d\d)\b|"
    r"\b(?:looking\s+)?across\s+(?:(?:its|their|the|all|successive|[A-Z][\w&-]*(?:\s+[\w&-]+){0,4}?['’]s?)\s+)?"
    r"(?:inspections|inspection\s+reports|reports)\b|"
    r"\bfrom\s+one\s+inspection\s+to\s+(?:the\s+next|another)\b|\binspection\s+to\s+inspection\b|"
    r"\b(?:changed|developed|evolved|progressed)\b|\btrends?\b|\btimeline\b|\bhistory\s+of\s+(?:its|their)\b",
    re.IGNORECASE)
# "What did inspectors say …?", "What has Ofsted found …?", "… across its inspections", and how good something is ("Is
# life story work in Derby any good?", "How well does Wigan …?": the inspectors' judgement): the inspection reports' own
# words are asked, before a committee paper's or a press article's account of them.
ASKS_INSPECTORS = re.compile(r"\b(?:ofsted|inspectors?|inspections?|inspected)\b|\bany\s+good\b|"
                             r"\bhow\s+(?:good|well|effective|effectively|strong)\b", re.IGNORECASE)
# "inspectors' views of …", "Ofsted's findings on …": who judged and that they judged, not what.
_JUDGED_BY = re.compile(r"\b(?:inspectors|ofsted)['’]?s?\s+(?:views?|findings?|judgements?|view|verdicts?)\s+(?:of|on|about)\b",
                        re.IGNORECASE)
_SINCE = re.compile(r"\bsince\s+(19[89]\d|20\d\d)\b", re.IGNORECASE)
# "Bromley's children's services": the whole service the report is about, no topic within it.
_THE_SERVICE = re.compile(r"\bchildren['’]?s\s+(?:social\s+care\s+)?services\b|\bchildren['’]?s\s+social\s+care\b",
                          re.IGNORECASE)
RATING_WORDS = frozenset("rate rated rating ratings grade grades graded judge judged judgement judgment judgements "
                          "score scored award awarded effectiveness verdict".split())
# "How did Barnet do on leaders' impact?": with a judgement named, a question of how a council did is one of grade.
_HOW_DID = re.compile(r"\bhow\s+(?:did|does|has|have|was)\b.{0,60}?\b(?:do|fare|fared|perform|performed|score)\b",
                      re.IGNORECASE)
_WHICH = re.compile(r"^\s*(which|what)\s+(councils|local\s+authorities|authorities|las)\b", re.IGNORECASE)
# A question after the one council, or the one place, where something is done ("Which council uses an opt-out
# model …?", "Where did children ask for a fireplace …?"): one report's sentence answers it, not a survey.
_LEAD = r"^\s*(?:(?:and|but|so|then)\s+)?(?:in\s+)?"
WHICH_COUNCIL = re.compile(_LEAD + r"(?:which|what)\s+(?:council|local\s+authority|authority|la)\b", re.IGNORECASE)
# Who does what is asked (QueryAnalysis.action_terms): the councils, anywhere; "which council" and "who" only where
# they open the question ("Which council pays …", "Who runs adoption …"), never a relative clause ("young people who
# are homeless") or a council that only names a thing ("what council tax …").
_DOERS = re.compile(rf"\b(?:councils|local\s+authorities|authorities|LAs|areas|they)(?=\s)|"
                    rf"{_LEAD}(?:which\s+(?:council|local\s+authority)|who)(?=\s)", re.IGNORECASE)
_ONE_PLACE = re.compile(rf"{WHICH_COUNCIL.pattern}|{_LEAD}(?:which|what)\s+area\b|^\s*where\b", re.IGNORECASE)
# Words a rating question uses besides the rating itself ("what grade did Derby's children's services get?").
_RATING_CONTEXT = RATING_WORDS | GRADE_KEYWORDS | frozenset("""children childrens
services social care ilacs overall get got give gave given receive received do did latest most recent""".split())
# A question about councils in general rather than one: "how have councils improved supervision?"
_ACROSS = re.compile(r"\b(councils|authorities|local authorities|LAs|across|nationally|England|everywhere|other areas)\b")
# The kinds of document a question can ask for by name ("Dudley's select committee", "the CYP Now article").
_KIND_NAMES = (
    ("committee_paper", re.compile(
        r"\b(?:select|scrutiny|cabinet|overview\s+and\s+scrutiny)\s+(?:committee|panel|board|paper|report|update)s?\b"
        r"|\bcommittee\s+(?:paper|report|update)s?\b|\bcouncil\s+papers?\b(?!\s+over)", re.IGNORECASE)),
    ("press_article", re.compile(   # "Community Care" the magazine only as a name, and not the Act
        r"(?i:(?<!uncrc\s)\b(?:(?:press|news|newspaper|magazine)\s+)?(?:article|press\s+report|news\s+story)s?\b(?!\s*\d)|"
        r"\bCYP\s*Now\b|\bChildren\s+and\s+Young\s+People\s+Now\b)|\bCommunity\s+Care\b(?!\s+Act)")),
)


class QuestionKind(StrEnum):
    """What a question asks for, which decides how it is answered (QueryAnalysis.kind)."""

    RATING = "rating"            # a named council's grade: the grade card
    SUMMARY = "summary"          # what one council's report found, with no topic: its summary
    GRADE_LIST = "grade_list"    # the councils with a grade: a list of them
    THEME = "theme"              # a topic across councils: the digest
    TOPIC = "topic"              # one report's topic, or one fact: the ranked passages and a quote


@dataclass
class QueryAnalysis:
    text: str
    terms: list[str]                      # lower-case keywords, stopwords out, in order
    council_keys: list[str] = field(default_factory=list)  # councils named that the index holds
    years: list[int] = field(default_factory=list)
    asks_rating: bool = False
    judgement: str | None = None          # the judgement area named (ofsted.judgements key)
    grade: str | None = None              # the one grade a rating question names ("judged outstanding")
    missing_councils: list[str] = field(default_factory=list)  # English councils named that the index lacks
    council_written: tuple[tuple[int, int], ...] = ()  # where the text writes each council of council_keys
    report_types: tuple[str, ...] = ()    # kinds of document named ("the select committee's report")
    across_councils: bool = False         # "how have councils ...": a theme, not one report
    seeks_one_place: bool = False         # "which council …?", "where did …?": one report's sentence answers it
    asks_figure: bool = False             # "how many …?", "what percentage …?": a sentence giving a figure answers it
    names_improvements: bool = False      # uses words that ask for a report's list of what must improve
    asks_over_time: bool = False          # "how has … changed over time?": one council's reports, in date order
    asks_inspectors: bool = False         # "what did inspectors say …?", "how good is …?": the inspection reports' words
    since: int | None = None              # "since 2017": the reports from that year on (not that year's alone)

    @property
    def is_specific(self) -> bool:
        """Names a year (a council named scopes the search instead, index.search.scope): breadth matters less."""
        return bool(self.years)

    @cached_property
    def _place_words(self) -> set[str]:
        """The words of the councils (held or not) and years the question names, as full names, everyday
        names ("B&NES", "Stoke") or possessives without the apostrophe ("Wigans")."""
        place = {word for key in self.council_keys for word in key.split()}
        place |= {word + "s" for word in place}
        place |= {word for start, end in self.council_written
                  for word in keywords(self.text[start:end])}   # as written: "B&NES", "West Northants", "Wigans"
        place |= {word for name in self.missing_councils for word in council_key(name).split()}
        return place | {str(year) for year in self.years}

    @cached_property
    def _framing(self) -> set[str]:
        """Words that frame this question rather than name its topic: FRAME_WORDS, "quality" in "the quality
        of plans", and the service itself ("Bromley's children's services")."""
        framing = FRAME_WORDS | {m.group(1).lower() for m in _FRAMING.finditer(self.text)}
        framing |= {word for m in FIGURE_ASKED.finditer(self.text) for word in keywords(m.group(0))}
        framing |= {word for m in _JUDGED_BY.finditer(self.text) for word in keywords(m.group(0))}
        if self.asks_over_time:
            framing |= {word for m in OVER_TIME.finditer(self.text) for word in keywords(m.group(0))}
        return framing | {word for m in _THE_SERVICE.finditer(self.text) for word in keywords(m.group(0))}

    @cached_property
    def action_terms(self) -> frozenset[str]:
        """The councils' verb, whole (_THEN_ACTS: "make sure", "recruiting and keeping"), and the light nouns the
        topic hangs from (_DOERS, _LIGHT_NOUN): "cut" and "use" in "what have councils done to cut their use of agency
        social workers?"."""
        ends = [m.end() for m in _DOERS.finditer(self.text)]
        ends += [end for key, (start, end) in zip(self.council_keys, self.council_written)   # not "Derby's care leavers"
                 if not re.search(r"['’]s?$", self.text[start:end]) and not (self.text[end - 1:end] == "s" != key[-1])]
        verbs = {word.lower() for end in ends if (m := _THEN_ACTS.match(self.text, end)) for word in m.groups() if word}
        light = {m.group(1).lower() for m in _LIGHT_NOUN.finditer(self.text)}
        return frozenset(word for word in verbs | light if word not in STOPWORDS)

    @cached_property
    def _purpose(self) -> re.Match | None:
        """A clause saying what the topic is for ("How do councils work with schools *to keep children safe*?", "use
        family hubs *to deliver early help*"): "to" and a verb of PURPOSE_VERBS after the councils' verb and at least
        one word of its object, with a word after it ("respond to children", "give to special guardians", "done to
        cut", "somewhere suitable to live" and "access to dental care" have none)."""
        for doer in _DOERS.finditer(self.text):
            acted = _THEN_ACTS.match(self.text, doer.end())
            if acted is None:
                continue
            for to in _PURPOSE.finditer(self.text, acted.end()):
                between = [t for t in keywords(self.text[acted.end():to.start()]) if t not in self.action_terms]
                if between and keywords(self.text[to.end():]):
                    return to
        return None

    @property
    def purpose_at(self) -> int | None:
        """Where the purpose clause begins (the space before "to"), or None."""
        return self._purpose.start() if self._purpose else None

    @cached_property
    def purpose_terms(self) -> frozenset[str]:
        """The keywords of the purpose clause from its verb on that its object does not print (by stem): what the
        topic is for, which a finding may hold, not what it must ("improve" of "use practice leaders to improve
        social work", whose "social work" the object's "practice" does not print either)."""
        if self._purpose is None:
            return frozenset()
        before = {word_key(t) for t in keywords(self.text[:self._purpose.start()])}
        return frozenset(t for t in keywords(self.text[self._purpose.start(1):]) if word_key(t) not in before)

    @cached_property
    def topic_terms(self) -> list[str]:
        """The keywords that say what is asked about: not the council's name, the year or framing words."""
        topic = [t for t in self.terms if t not in self._place_words and t not in self._framing]
        return topic or [t for t in self.terms if t not in self._place_words]

    def _asks_nothing_but(self, words: frozenset[str]) -> bool:
        """Whether every keyword but the place, year and framing words is one of these."""
        return all(t in words or t in self._framing or t in self._place_words for t in self.terms)

    @cached_property
    def asks_grade(self) -> bool:
        """Asks for a grade: rating words, and either a judgement named or nothing else asked about
        ("how was Derby rated?"; not "what is Wigan's recycling rate?"). Or a council and a grade with
        nothing else but a judgement ("Is Shropshire outstanding?", "Is Wigan good for care leavers?")."""
        other = [t for t in self.topic_terms if t not in _RATING_CONTEXT]
        if not self.asks_rating:
            judged = set(keywords(judgement_words(self.text)))
            return bool(self.council_keys and _GRADE.search(self.text)) and not [t for t in other if t not in judged]
        return self.judgement is not None or not other

    @cached_property
    def asks_summary(self) -> bool:
        """Asks what one council's report found, with no topic: "What did Ofsted find in Wigan's 2022
        inspection?" (a question of two councils, a grade or a kind of document is not one)."""
        return (len(self.council_keys) == 1 and not self.asks_grade and not self.report_types
                and self._asks_nothing_but(SUMMARY_WORDS))

    @cached_property
    def asks_improvements(self) -> bool:
        """Asks for a report's list of what must improve, and nothing narrower: "What are Wigan's areas for
        improvement?" (not "What should be done to improve supervision in Wigan?")."""
        return self.names_improvements and self._asks_nothing_but(IMPROVEMENT_WORDS | SUMMARY_WORDS)

    @property
    def graded_judgement(self) -> str:
        """The judgement a rating question asks about: overall effectiveness unless it names one."""
        return self.judgement or "overall_effectiveness"

    @cached_property
    def kind(self) -> QuestionKind:
        """rating (a named council's grade), summary (what its report found), grade_list (councils with a
        grade), theme (across councils) or topic (one report, or one fact)."""
        if self.asks_grade and self.council_keys:
            return QuestionKind.RATING
        if self.asks_summary:
            return QuestionKind.SUMMARY
        if self.asks_grade and self.grade:   # "which councils were judged inadequate (for care leavers)?"
            return QuestionKind.GRADE_LIST
        if not self.council_keys and not self.years and not self.report_types and self.across_councils:
            return QuestionKind.THEME
        return QuestionKind.TOPIC


def keywords(text: str) -> list[str]:
    seen: dict[str, None] = {}
    text = _POSSESSIVE.sub("", text.replace("’", "'")).lower()
    in_compounds = {part for compound in _COMPOUND.findall(text) for part in compound.split("-")}
    for word in _WORD.findall(text):
        word = word.split("'")[0]
        if (word not in STOPWORDS or word in in_compounds) and len(word) > 1:
            seen.setdefault(word, None)
    return list(seen)


def analyse(question: str, known_council_keys: Iterable[str]) -> QueryAnalysis:
    question = work_as_employment(question)   # "care leavers into work" asks of employment
    known = list(known_council_keys)
    mentions = held_council_mentions(question, known)
    councils = [key for key, _, _ in mentions]
    return QueryAnalysis(
        text=question,
        terms=keywords(_without_kind_names(_YEAR_SPAN.sub(r"\1", question))),
        council_keys=councils,
        years=_years(_SINCE.sub(" ", question)),
        asks_rating=bool(RATING_WORDS.intersection(_WORD.findall(question.lower()))
                         or (_GRADE.search(question) and _WHICH.search(question))
                         or len({grade_of(m.group(1)) for m in _GRADE.finditer(question)}) > 1
                         or bool(judgement_asked(question) and _HOW_DID.search(question))),
        judgement=judgement_asked(question),
        grade=_grade_named(question),
        missing_councils=missing_councils(question, known),
        council_written=tuple((start, end) for _, start, end in mentions),
        report_types=tuple(kind for kind, pattern in _KIND_NAMES if pattern.search(question)),
        across_councils=bool(_ACROSS.search(question)),
        seeks_one_place=bool(_ONE_PLACE.search(question)) and not _ACROSS.search(question),
        asks_figure=bool(FIGURE_ASKED.search(question)),
        names_improvements=names_improvements(question),
        asks_over_time=bool(OVER_TIME.search(question)),
        asks_inspectors=bool(ASKS_INSPECTORS.search(question)),
        since=int(since.group(1)) if (since := _SINCE.search(question)) else None,
    )


def _without_kind_names(question: str) -> str:
    """The question without the names of kinds of document it uses ("Dudley's select committee", "the CYP Now
    article"): they choose the papers searched, like a council's name, and are no topic ("What did Community
    Care say about care leavers?" is about care leavers)."""
    for _, pattern in _KIND_NAMES:
        question = pattern.sub(" ", question)
    return question


def _years(question: str) -> list[int]:
    """Years named: "2019", and both years of "2020-21" (reports published in either speak of it)."""
    years = {int(y) for y in _YEAR.findall(question)}
    for first, second in _YEAR_SPAN.findall(question):
        if int(second) == (int(first) + 1) % 100:
            years.add(int(first[:2] + second))
    return sorted(years)


def _grade_named(question: str) -> str | None:
    """The grade a question asks about, when it names exactly one ("which councils were judged outstanding")."""
    named = {grade_of(m.group(1)) for m in _GRADE.finditer(question)}
    return named.pop() if len(named) == 1 else None


# Words that leave a question about a judgement area as a whole: "Derby's service for care leavers", "support for
# children in care", "the experience of care leavers", besides the area's own names in either framework ("impact of
# leaders", "leadership, management and governance", "looked after"). Any other word ("care leavers who are parents",
# "the number of children in care") names a topic within it.
_WHOLE_AREA_WORDS = "service support supported supporting experience progress quality"


def area_asked(query: QueryAnalysis) -> str | None:
    """The judgement area a question asks of as a whole, when its report sections give a verdict on it
    (ofsted.sections.VERDICT_AREAS): "How has Derby's service for care leavers changed over time?", "How has
    leadership in Wigan changed?"; None for a topic within one ("care leavers' accommodation")."""
    area = judgement_asked(query.text)
    if area not in VERDICT_AREAS:
        return None
    whole = _stems(" ".join([judgement_words(query.text), _WHOLE_AREA_WORDS, label(area)]
                            + [label(sif) for sif, ilacs in SIF_TO_ILACS.items() if ilacs == area]))
    return area if _stems(" ".join(query.topic_terms)) <= whole else None


def _stems(text: str) -> set[str]:
    """Words without a plural's s ("experiences", "leaders"), to compare a question's words with names."""
    return {word[:-1] if word.endswith("s") and not word.endswith("ss") else word
            for word in _WORD.findall(text.lower())}
