"""Whether a sentence of a report states a strength or a shortfall: Ofsted writes both, often of the same
practice ("Supervision is regular, but it is not always reflective"), and a manager reading what councils
do about something needs to tell the two apart at a glance.

The cues are the words inspection reports use to judge practice. A judging word negated ("not always
effective", "not consistently regular", with the word after the qualifier) counts as a shortfall, not a strength. A sentence with cues of both kinds is
`MIXED`; one with neither is `NEUTRAL` (a description: "Supervision takes place monthly."). This is a
reading aid, never a grade: the grade shown beside it is the report's own.
"""
from __future__ import annotations

import re

STRENGTH, SHORTFALL, MIXED, NEUTRAL = "strength", "shortfall", "mixed", "neutral"
STANCES = (STRENGTH, SHORTFALL, MIXED, NEUTRAL)

_STRENGTH_WORDS = """strong strongly strength strengths effective effectively good well improved improving
robust consistent consistently regular regularly timely thorough comprehensive purposeful reflective embedded
appropriate appropriately positive positively impressive excellent outstanding skilled skilful clear clearly
high-quality good-quality sustained secure securely prompt promptly rigorous rigorously focused confident confidently
valued benefit benefits benefited helpful helps effectively successful successfully strengthened
enhanced innovative creative proactive proactively exceptional exceptionally highly well-established
well-supported well-led thriving thrive thrives attentive meaningful ambitious aspirational dedicated tenacious
nurturing swift swiftly proportionate manageable success succeeded stronger""".split()
_SHORTFALL_WORDS = """inconsistent inconsistently variable variability lack lacks lacking lacked weak weaker
weakness weaknesses poor poorly insufficient insufficiently limited delay delays delayed drift fail fails
failed failing absent gap gaps unclear infrequent infrequently shortfall shortfalls deficit deficits
declined declining deteriorated deteriorating deterioration worsened worsening inadequate ineffective ineffectively unsafe
unnecessary overly overdue missed superficial vague generic slow slower sporadic patchy uneven inaccurate
incomplete inadequacies failings failures unfavourable unfavourably unlawful unlawfully""".split()
# Phrases that state a shortfall whatever else the sentence says (but a negation in an aim or a condition, below).
# A negation and the rest of its clause: "not effective, reflective or frequent enough" says nothing good.
# "Without" a check or a safeguard is one too ("contacts are closed without ensuring that parents are directed to
# support", "without sufficient oversight"), but not "without delay", "without drift or delay" or "without fail"
# (_NO_LACK), which say something was done well, nor a doing meant well ("without ongoing statutory involvement",
# "without disrupting service stability").
_NO_LACK = r"(?:undue\s+|any\s+)?(?:delays?|drift|fail)(?:\s+or\s+(?:undue\s+)?(?:delays?|drift))?\b"
_NEGATED = (r"(?:\b(?:(?:is|are|was|were|does|do|did|has|have|had)\s+)?(?:not|never|no\s+longer|cannot)\b|\b\w+n['’]t\b|"
            r"\bwithout\s+(?!" + _NO_LACK + r")(?:sufficient|adequate|appropriate|proper|full|any|clear|ensuring|"
            r"considering|checking|assessing|understanding|recording|reviewing|consulting|seeking|involving)\b)")
_NEGATION = re.compile(_NEGATED, re.IGNORECASE)
_SHORTFALL_PHRASES = re.compile(
    _NEGATED + r"[^.;:!?]*?(?=\b(?:but|although|however|though|while|whereas|yet)\b|[.;:!?]|$)|"
    r"\btoo\s+(?:many|much|long|few|little|slow|variable|often|high|late|vague|narrow|large|heavy|quickly|soon)\b|"
    r"\brequires?\s+improvement\b|\bneeds?\s+to\s+(?:improve|strengthen|be\s+(?:improved|stronger|better|more\s+\w+))\b|"
    # what remains to be done, and what could be better: "More needs to be done to …", "further work is required",
    # "there is more to do for those aged 19 to 21", "this remains an area for further development",
    # "while reflective supervision records could improve", "children would benefit from …"
    r"\b(?:more|further)\s+(?:work\s+)?(?:needs\s+to\s+be\s+done|is\s+(?:needed|required)|remains\s+to\s+be\s+done)\b|"
    # "greater consistency in quality is required", "areas requiring continued focus and development"
    # (not a condition or a question: "where more intensive support is required, …", "what further action is needed")
    r"(?<!where\s)(?<!when\s)(?<!if\s)(?<!what\s)"
    r"\b(?:greater|more|further|better|increased)\s+(?:[\w-]+\s+){0,5}?(?:is|are)\s+(?:still\s+)?(?:needed|required)\b|"
    r"\b(?:requir(?:e|es|ing)|need(?:s|ing)?)\s+(?:continued|further|more|additional|greater)\s+"
    r"(?:focus|attention|work|development|improvement)\b|"
    r"\b(?:is|remains)\s+more\s+to\s+do\b|"
    r"\b(?:remains?|is|are)\s+(?:still\s+)?(?:an\s+)?areas?\s+for\s+(?:further\s+)?(?:development|improvement)\b|"
    r"\bcould\s+(?:be\s+)?(?:improve|improved|better|stronger|strengthened)\b|\bwould\s+benefit\s+from\b|"
    r"\b(?:little|limited|no)\s+(?:the\s+)?success\b|"
    # what is still hard: "challenges remain in securing a … permanent workforce", "sufficiency remains a challenge",
    # "an ongoing challenge" (not the challenge managers give: "supervision provides effective challenge")
    r"\bchallenges\s+remain\b|\b(?:remains?|is|are)\s+(?:an?\s+)?(?:(?:ongoing|significant|considerable|key|real|"
    r"particular)\s+)?challenges?\b(?!\s+(?:to|for)\s+(?:partners|practitioners|staff|managers|workers))",
    re.IGNORECASE)
# A concern as inspectors judge one ("This remains a concern.", "areas of concern", "Inspectors had serious concerns
# about the response …"), not the concerns about a child a front door answers ("They follow up any concerns raised
# quickly.", "adults of concern", "when they are concerned that a child needs help"), nor one in a condition ("When
# there are serious concerns about a child, …": _in_a_condition).
_CONCERN = re.compile(
    r"\b(?:(?:areas?|cause|matters?)\s+(?:of|for)\s+concern|(?:serious|significant|grave|considerable)\s+concerns?|"
    r"(?:remains?|remained|is|are|was|were)\s+(?:a|an)\s+(?:[\w-]+\s+)?concern|concerns?\s+(?:remain|remains|persist)|"
    r"(?:is|are|was|were)\s+concerning)\b",
    re.IGNORECASE)
_CONDITION_BEFORE = re.compile(r"\b(?:when|where|if|unless|whether)\b[^,.;:]*$", re.IGNORECASE)


def _in_a_condition(sentence: str, start: int) -> bool:
    """Whether what starts at `start` is in a clause opened by "when", "where", "if" …: a state, not a judgement."""
    return _CONDITION_BEFORE.search(sentence, 0, start) is not None


# A negation naming a state or an aim judges nothing: in an aim ("so that children do not …", "to ensure that …",
# "the risk of care leavers not engaging"), or in a condition that a comma ends before the sentence's own clause
# ("When care leavers are not in education, employment or training, their advisers …"; not "When visits happen they
# are not recorded well."). Its subject is a few words, with no "but" or "while" among them (at six, "the response
# to children at risk of sexual exploitation or going missing is not thorough enough" read as an aim).
_SUBJECT = r"(?:(?!(?:but|although|however|though|while|whereas|yet)\b)[\w’'-]+\s+){0,4}$"
_IN_AN_AIM = re.compile(r"\b(?:ensure|ensures|ensuring|so\s+that|risk\s+of)\s+(?:that\s+)?" + _SUBJECT, re.IGNORECASE)
_IN_A_CONDITION = re.compile(r"\b(?:when|if|unless)\s+" + _SUBJECT, re.IGNORECASE)
# ... and an aim said as "not to" do something ("supporting care leavers not to feel isolated", "a decision not to
# proceed"), to the comma or "and" that ends it ("When the plan is for children not to return home, life story work is
# not …"); not a standard missed ("not to the required standard"), a thing left undone ("an oversight not to have
# conducted …"), nor how things tend or were found to be ("tend not to be so positive", "found not to be up to date").
_NOT_TO_DO = re.compile(r"not\s+to\s+(?!(?:the|a|an|their|its|his|her|this|that|these|those|all|any|some|every|each|"
                        r"have)\b)", re.IGNORECASE)
_TENDS = re.compile(r"\b(?:tends?|tended|seems?|seemed|appears?|appeared|found|judged|considered|shown|"
                    r"continues?|continued|likely)\s+$", re.IGNORECASE)   # "… were found not to be up to date"
_AIM_ENDS = re.compile(r",|\band\b", re.IGNORECASE)
_WORD = re.compile(r"[a-z][a-z'-]*")
# A strength said as a comparison: "EET rates compare favourably against statistical neighbours" (not "favourable
# conditions", nor "less favourable than their peers").
_COMPARES_WELL = re.compile(r"\bcompar(?:e|es|ed|ing)\s+(?:very\s+)?favourably\b", re.IGNORECASE)
# ... and as what did not happen: "seen without delay", "visited without fail" (no delay, no failing).
_WITHOUT_A_LACK = re.compile(r"\bwithout\s+" + _NO_LACK, re.IGNORECASE)
_STRENGTH = frozenset(_STRENGTH_WORDS)
_SHORTFALL = frozenset(_SHORTFALL_WORDS)
# How well something is done, not what is done: no label of a group of findings (index.search.grouping) is one alone.
JUDGING_WORDS = _STRENGTH | _SHORTFALL


def _reach(sentence: str, match: re.Match) -> int | None:
    """How far a negation that judges nothing reaches, or None for a shortfall phrase that judges: in an aim
    (_IN_AN_AIM) its whole clause; in a condition (_IN_A_CONDITION) to the comma that ends it, the sentence's own clause
    following, to be read for itself."""
    if not _NEGATION.match(match.group()):
        return None
    if _IN_AN_AIM.search(sentence, 0, match.start()) is not None:
        return match.end()
    if "," in match.group() and _IN_A_CONDITION.search(sentence, 0, match.start()) is not None:
        return match.start() + match.group().index(",")
    if _NOT_TO_DO.match(match.group()) and _TENDS.search(sentence, 0, match.start()) is None:
        # to the comma or "and" that ends the aim: "helped not to fall into debt and are not always visited"
        end = _AIM_ENDS.search(match.group(), len("not to"))
        return match.start() + end.start() if end else match.end()
    return None


def without_shortfall_phrases(sentence: str) -> str:
    """The sentence with what its shortfall phrases say cut out ("requires improvement", "has not improved", and a
    negation in an aim or a condition): what it says is left."""
    text = sentence
    for match in reversed(list(_SHORTFALL_PHRASES.finditer(sentence))):
        text = text[:match.start()] + " " + text[match.end():]
    return text


def stance(sentence: str) -> str:
    """STRENGTH, SHORTFALL, MIXED or NEUTRAL: what the sentence says of the practice it describes."""
    # a condition's negation reaches to its comma only: what follows is read again ("when brothers and sisters are not
    # placed together, the rationale for this decision is not clearly documented")
    reaches = [(match, _reach(sentence, match)) for match in _SHORTFALL_PHRASES.finditer(sentence)]
    for match, reach in list(reaches):
        if reach is not None and reach < match.end():
            reaches += [(again, _reach(sentence, again))
                        for again in _SHORTFALL_PHRASES.finditer(sentence, reach + 1, match.end())]
    negated = [match for match, reach in reaches if reach is None]
    text = sentence.lower()
    # a negated judging word is no strength, nor one in a state or an aim a shortfall: each cut to where it reaches
    for match, reach in sorted(reaches, key=lambda found: found[0].start(), reverse=True):
        text = text[:match.start()] + " " + text[reach if reach is not None else match.end():]
    well_without = len(_WITHOUT_A_LACK.findall(text))
    text = _WITHOUT_A_LACK.sub(" ", text)
    words = _WORD.findall(text)
    strengths = sum(word in _STRENGTH for word in words) + len(_COMPARES_WELL.findall(text)) + well_without
    concerns = sum(1 for m in _CONCERN.finditer(sentence) if not _in_a_condition(sentence, m.start()))
    shortfalls = len(negated) + sum(word in _SHORTFALL for word in words) + concerns
    if strengths and shortfalls:
        return MIXED
    return STRENGTH if strengths else SHORTFALL if shortfalls else NEUTRAL
