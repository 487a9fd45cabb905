"""Terms whose wording Ofsted and councils changed while the idea stayed: a question in one wording must
find reports printed in the other.

Acronyms are learned from the reports themselves (ingest.acronyms); these pairs are not, since no report
defines one term by the other. Each pair is one idea in the words of two periods or two traditions: the
national kinship care strategy (2023) made "kinship carers" of what earlier reports call "family and friends
carers", and later reports speak of workloads where earlier ones counted caseloads. A pair is listed only
when both forms name the same thing wherever they appear in a report; near-synonyms that also mean
something else ("children in care" and "looked after children" are, but "care" alone is in most passages
and would swamp a keyword search) stay out.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

SAME_IDEA: tuple[tuple[str, str], ...] = (
    ("family and friends carers", "kinship carers"),
    ("family and friends care", "kinship care"),
    ("family and friends foster carers", "kinship foster carers"),
    ("friends and family carers", "kinship carers"),
    ("friends and family care", "kinship care"),
    ("caseloads", "workloads"),
    ("stable placements", "stable homes"),   # since 2023 Ofsted writes of children's "homes", not "placements"
    ("run away", "go missing"),   # the reports' children who run away are those who go missing (507 passages to 6)
    # The council's "front door" is the service its multi-agency safeguarding hub runs: later reports name the hub
    # where earlier ones wrote of the front door (a question on screening at the front door is answered by the MASH).
    ("front door", "multi-agency safeguarding hub"),
)

# "Work" as a job: helping care leavers "into work" or to "find work" is into employment, not the work of a council
# ("impact on the work of the local authority", "sensitive work"), which every report prints of everything. A question
# is read with "employment" in its place (index.search.query.analyse). Not "back to work" (a worker's return).
_WORK_AS_A_JOB = re.compile(
    r"\b(into|find|finding|finds|get|getting|gets|secure|securing)\s+(?:paid\s+)?work\b"
    # not work done ("did inspectors find work with disabled children effective?", "work-based learning")
    r"(?![-‐\w]|\s+(?:with|on|done|right|of|in|to|for|by|at|well|closely|effectively|together)\b)",
    re.IGNORECASE)


def work_as_employment(question: str) -> str:
    """The question with "work" meaning a job put as "employment" ("care leavers into work": into employment)."""
    return _WORK_AS_A_JOB.sub(r"\1 employment", question)


# An inspection named by what it looked at: "shortfalls, identified by a focused visit to the integrated front door in
# March 2023" speaks of the visit, not of the front door (text.sentences.without_asides). To the next comma or the end.
INSPECTION_OF = re.compile(r"\b(?:focused|monitoring)\s+visits?\s+(?:to|of|on)\b[^,;:().!?]*|"
                           r"\bjoint\s+targeted\s+area\s+inspections?\s+(?:\(JTAI\)\s+)?(?:of|on|into)\b[^,;:().!?]*",
                           re.IGNORECASE)

# The reports' words for a council's social work staff: "recruiting and keeping social workers" is answered by
# "recruitment and retention of staff" and "a stable, permanent workforce", and "agency social workers" by "agency
# staff" (index.search.findings holds a verb's idea beside any of them, and an idea naming social workers after what
# qualifies them with any other in their place). Not "practitioners", whose stem is practice's ("practice leaders" are
# no staff leaders).
WORKFORCE_NAMES = ("social workers", "staff", "workforce")
# ... and, after what qualifies them, the head of their first name alone: "agency workers" (the noun, not "worked")
WORKFORCE_HEAD = "workers"
# What the reports say of a council's workforce as kinds of it: "agency staff" are its agency social workers, where
# "school staff" are no social workers of the council.
WORKFORCE_KINDS = frozenset("agency locum interim temporary permanent newly qualified experienced frontline".split())

# Whom every report is about: "children with disabilities" are disabled children, any sentence on them is on children;
# "parents with learning disabilities" are parents, whom a sentence on children's learning disabilities is not about
# (index.search.ideas.qualified_heads).
EVERYONES_SUBJECT = frozenset("children child young people person persons families family".split())

# Words the reports use of every subject they write about: a phrase made of nothing else ("social workers",
# "young people") names no practice, so it never labels a group of findings (index.search.grouping), and names no topic
# once the councils' verb is set apart ("recruiting and keeping social workers" asks of the recruiting,
# index.search.findings).
EVERYDAY_WORDS = EVERYONES_SUBJECT | frozenset("""childrens parents carers
social workers worker work working staff practitioners professionals council councils local authority authority's
services service practice support supported supporting help helped area areas team teams time times number
including range well good also need needs experience experiences""".split())

# Verbs the reports use of every practice ("workers provide …", "children live …", "care leavers benefit …"), verbs
# that are never the name of one ("reduce risks", "the designated officer responds", "requiring improvement"), and the
# modal verbs ("children may …"): a phrase running into one is a clause, not the name of a practice, so it never labels
# a group of findings.
EVERYDAY_VERBS = frozenset("""provide provides provided providing include includes included including live lives
lived living receive receives received receiving ensure ensures ensured ensuring make makes made making take takes
taken took attend attends attended remain remains remained understand understands understood use uses used using
know knows known see sees seen seek seeks sought get gets got give gives given enable enables enabled allow allows
allowed mean means meant result results resulted lead leads led need needs needed want wants wanted say says said
told feel feels felt become becomes became continue continues continued start starts started identify identifies
identified identifying monitor monitors monitored involve involves involved keep keeps kept
reduce reduces reduced reducing improve improves improving respond responds responded recognise recognises
recognised underpin underpins underpinned escalate escalates escalated come comes came coming carry carries carried
participate participates participated assess assesses raise raises raised build builds built works worked offers
offered helps protect protects require requires required requiring sustain sustains sustained enter enters entered
leave leaves safeguard safeguards manage manages enabling supporting
may might must shall""".split())


# Roles whose names hold a word of another idea: a fostering service's "supervising social workers" support foster
# carers, and a sentence naming them says nothing of how social workers are supervised; the council as "corporate
# parent" says nothing of parents; its "virtual school" (a service for the education of children in care) nothing of
# how it works with schools. "Partner agencies", a regional adoption agency and an agency decision-maker are
# organisations: they say nothing of agency staff, the temporary social workers a council hires through an agency,
# which is the reports' only other sense of the word ("agency staff", "agency workers", "reliance on agency"; a
# quarter of the dev library's passages print "agency", most as partner agencies or multi-agency work). Read as what
# they are when judging whether a sentence holds a question's topic (never in what is quoted), unless the question
# names the role itself.
_AGENCY_STAFF = (r"staff|workers?|workforce|social\s+work(?:ers?)?|practitioners?|(?:team\s+)?managers?|colleagues|"
                 r"rates?|spend|costs?|numbers|use|usage|cover|locums?|and\s+interim")
_ROLE_NAMES = ((re.compile(r"\bsupervising\s+social\s+workers?\b", re.IGNORECASE), "fostering workers"),
               (re.compile(r"\bsupervision\s+orders?\b", re.IGNORECASE), "court orders"),
               (re.compile(r"\bcorporate\s+parent(?:s|ing)?\b", re.IGNORECASE), "corporate role"),
               # children's time with their families watched over: no supervision of staff ("Some family time is
               # supervised", "supervised contact", "supervision of family time")
               (re.compile(r"\bsupervis(?:ed|ing|ion\s+of)\s+(?:family\s+time|(?:family\s+)?contact|visits?|sessions?)\b|"
                           r"\b(?:family\s+time|contact|visits?|sessions?)\s+(?:is|are|was|were|being|to\s+be)\s+"
                           r"(?:\w+\s+)?supervised\b|\b(?:family\s+time|contact)\s+supervisi?o(?:n|rs?)\b", re.IGNORECASE),
                "observed family time"),
               (re.compile(r"\bvirtual\s+schools?\b", re.IGNORECASE), "virtual education service"),
               (re.compile(rf"\bagencies\b|(?<![-‐])(?<!\bof\s)(?<!\bon\s)(?<!\band\s)\bagency\b"
                           rf"(?!\s+(?:{_AGENCY_STAFF})\b)", re.IGNORECASE), "organisation"))

# Children who go missing from home or care (runaways, with their return home interviews) are not children missing
# education (off any school's roll, or educated at home): two subjects the reports keep apart. Read as runaways only
# for a question about education, which is how a question about missing education says so; any other question about
# missing children ("when children are reported missing") means runaways, and children missing education are read as
# off a school's roll for it.
# (whole, with where from and the interviews on their return: "go missing from home" read as a runaway leaves no "home"
# to answer a question about children educated at home)
_FROM_HOME = r"\s+from\s+(?:their\s+)?(?:homes?|care|placements?)(?:\s+(?:or|and)\s+(?:care|home))?"
_MISSING_FROM_HOME = re.compile(rf"\b(?:go|goes|going|went|gone)\s+missing(?:{_FROM_HOME})?\b|\bmissing\s+(?:episodes?|"
                                rf"coordinator|person|team)\b|\bmissing{_FROM_HOME}\b|\breturn\s+home\s+interviews?\b",
                                re.IGNORECASE)
_ASKS_OF_EDUCATION = re.compile(r"\beducat|\bschool", re.IGNORECASE)
_ASKS_OF_MISSING = re.compile(r"\bmissing\b|\bran\s+away\b|\brun(?:s|ning)?\s+away\b|\brunaways?\b", re.IGNORECASE)
_MISSING_EDUCATION = re.compile(r"\b(?:(?:go|goes|going|went|gone)\s+)?missing\s+(?:out\s+on\s+|from\s+)?(?:full[-\s]time\s+)?"
                                r"(?:education|school(?:ing|s)?)\b", re.IGNORECASE)


def without_role_names(text: str, asked: str = "") -> str:
    """The text with role names (_ROLE_NAMES) the question (asked) does not name read as what they are, runaways as
    runaways when it asks of education and children missing education as off roll when it asks of runaways, for
    judging its topic, not for showing."""
    for name, reading in _ROLE_NAMES:
        if not name.search(asked):
            text = name.sub(reading, text)
    if _ASKS_OF_EDUCATION.search(asked) and not _MISSING_FROM_HOME.search(asked):
        text = _MISSING_FROM_HOME.sub("runaway", text)
    elif _ASKS_OF_MISSING.search(asked) and not _ASKS_OF_EDUCATION.search(asked):
        text = _MISSING_EDUCATION.sub("off roll", text)
    return text


# How soon something is done, in a question ("… health assessments on time?", "how quickly …") and in a report's
# sentence ("initial health assessments are not timely", "delays in …", "within timescales"): a question asking it is
# answered first by a council's sentence that says it, not by one on the same topic that does not.
TIMELINESS = re.compile(r"\b(?:on|in)\s+time\b|\btimel(?:y|iness)\b|\btimescales?\b|\bquick(?:ly|er)?\b|\bprompt(?:ly)?\b|"
                        r"\bswift(?:ly)?\b|\bdelay(?:s|ed)?\b|\bwithout\s+delay\b|\bhow\s+long\b|\boverdue\b|\bwait(?:s|ing)?\b",
                        re.IGNORECASE)


def says_how_soon(text: str) -> bool:
    """Whether the text speaks of how soon something is done (TIMELINESS)."""
    return TIMELINESS.search(text) is not None



# What changed, asked and said: a question asking how councils changed something ("How have councils improved
# supervision?", "… cut their use of agency social workers?", "… brought down caseloads?": the councils' verb,
# QueryAnalysis.action_terms) is answered first by a council's sentence saying that it changed so ("the quality of
# supervision of social work has improved", "caseloads have reduced"), not by one only describing it as it is.
_ASKS_MORE = re.compile(r"improv\w*|strengthen\w*|enhanc\w*|develop\w*|transform\w*|rais\w*|increas\w*|boost\w*",
                        re.IGNORECASE)
_ASKS_LESS = re.compile(r"cut|cutting|reduc\w*|lower\w*|decreas\w*", re.IGNORECASE)
_BRINGS = re.compile(r"bring\w*|brought|get|gets|getting|got", re.IGNORECASE)   # … down
# A change said done or under way, not asked for ("requires improvement", "aim to reduce"; a negated one, "has not
# improved", is cut before these are looked for: FindingReader.says_change).
_SAYS_MORE = re.compile(r"\b(?:improved|improving|(?<!for\s)improvements?|strengthened|strengthening|enhanced|introduced|"
                        r"developed|embedded|transformed|redesign(?:ed|ing)?|established|increased|invested)\b", re.IGNORECASE)
_SAYS_LESS = re.compile(r"\b(?:reduced|reducing|reductions?|decreased|decreasing|fallen|fell|lowered|no\s+longer|"
                        r"converted|converting|brought\s+down)\b", re.IGNORECASE)


def change_asked(verbs: Iterable[str]) -> re.Pattern | None:
    """The words of a sentence saying the change the councils' verbs ask about (more or better, or less), or None
    when they ask of no change ("use", "support", "track")."""
    verbs = set(verbs)
    if any(_ASKS_LESS.fullmatch(v) for v in verbs) or ("down" in verbs and any(_BRINGS.fullmatch(v) for v in verbs)):
        return _SAYS_LESS
    if any(_ASKS_MORE.fullmatch(v) for v in verbs):
        return _SAYS_MORE
    return None
