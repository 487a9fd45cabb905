"""English councils with children's services: one matching key per council, however it is written.

Ofsted prints the same council as "Derby City", "Derby local authority" or "Derby City Council", and
the CSV of inspection history as "derby"; "Telford & Wrekin" and "Telford and Wrekin Council" are
one council too. `council_key` reduces every spelling to one key, and the gazetteer below lets press
articles and committee papers, which name their council in passing, be attributed to one.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable

# The 153 local authorities that Ofsted inspects for children's services (names as Ofsted prints them).
ENGLISH_COUNCILS = (
    "Barking and Dagenham", "Barnet", "Barnsley", "Bath and North East Somerset", "Bedford", "Bexley",
    "Birmingham", "Blackburn with Darwen", "Blackpool", "Bolton", "Bournemouth, Christchurch and Poole",
    "Bracknell Forest", "Bradford", "Brent", "Brighton and Hove", "Bristol", "Bromley", "Buckinghamshire",
    "Bury", "Calderdale", "Cambridgeshire", "Camden", "Central Bedfordshire", "Cheshire East",
    "Cheshire West and Chester", "City of London", "Cornwall", "Coventry", "Croydon", "Cumberland",
    "Darlington", "Derby", "Derbyshire", "Devon", "Doncaster", "Dorset", "Dudley", "Durham", "Ealing",
    "East Riding of Yorkshire", "East Sussex", "Enfield", "Essex", "Gateshead", "Gloucestershire",
    "Greenwich", "Hackney", "Halton", "Hammersmith and Fulham", "Hampshire", "Haringey", "Harrow",
    "Hartlepool", "Havering", "Herefordshire", "Hertfordshire", "Hillingdon", "Hounslow", "Isle of Wight",
    "Isles of Scilly", "Islington", "Kensington and Chelsea", "Kent", "Kingston upon Hull",
    "Kingston upon Thames", "Kirklees", "Knowsley", "Lambeth", "Lancashire", "Leeds", "Leicester",
    "Leicestershire", "Lewisham", "Lincolnshire", "Liverpool", "Luton", "Manchester", "Medway", "Merton",
    "Middlesbrough", "Milton Keynes", "Newcastle upon Tyne", "Newham", "Norfolk", "North East Lincolnshire",
    "North Lincolnshire", "North Northamptonshire", "North Somerset", "North Tyneside", "North Yorkshire",
    "Northumberland", "Nottingham", "Nottinghamshire", "Oldham", "Oxfordshire", "Peterborough", "Plymouth",
    "Portsmouth", "Reading", "Redbridge", "Redcar and Cleveland", "Richmond upon Thames", "Rochdale",
    "Rotherham", "Rutland", "Salford", "Sandwell", "Sefton", "Sheffield", "Shropshire", "Slough", "Solihull",
    "Somerset", "South Gloucestershire", "South Tyneside", "Southampton", "Southend-on-Sea", "Southwark",
    "St Helens", "Staffordshire", "Stockport", "Stockton-on-Tees", "Stoke-on-Trent", "Suffolk", "Sunderland",
    "Surrey", "Sutton", "Swindon", "Tameside", "Telford and Wrekin", "Thurrock", "Torbay", "Tower Hamlets",
    "Trafford", "Wakefield", "Walsall", "Waltham Forest", "Wandsworth", "Warrington", "Warwickshire",
    "West Berkshire", "West Northamptonshire", "West Sussex", "Westminster", "Westmorland and Furness",
    "Wigan", "Wiltshire", "Windsor and Maidenhead", "Wirral", "Wokingham", "Wolverhampton", "Worcestershire",
    "York",
    # Abolished or renamed since 2009, still named by older reports and articles.
    "Bournemouth", "Poole", "Cumbria", "Northamptonshire", "Cheshire", "Bedfordshire",
)
# The councils an abolished one's children's services passed to: a manager still says "Northamptonshire" (or
# "Northants") and means the councils that serve it now, so a library with none of the county's own reports answers
# from theirs (held_council_mentions), not "no report on Northamptonshire".
SUCCESSORS = {"Northamptonshire": ("West Northamptonshire", "North Northamptonshire"),
              "Cumbria": ("Cumberland", "Westmorland and Furness"),
              "Cheshire": ("Cheshire East", "Cheshire West and Chester"),
              "Bedfordshire": ("Bedford", "Central Bedfordshire"),
              "Bournemouth": ("Bournemouth, Christchurch and Poole",), "Poole": ("Bournemouth, Christchurch and Poole",)}

# Words that say what kind of council it is, not which one: before its name, as a key leaves them out and as a name
# shown to a reader does ("the London Borough of Hounslow" is Hounslow, "City of York" York only as a key).
_KIND_BEFORE = r"council\s+of\s+the\s+|(?:london|royal|metropolitan)\s+borough\s+of\s+(?:the\s+)?"
_PREFIX = re.compile(r"^(?:the\s+)?(?:" + _KIND_BEFORE + r"|county\s+(?:of\s+)?|city\s+of\s+)")
_SUFFIX = re.compile(
    r"(?:\s+(?:council|county|city|borough|metropolitan|district|safeguarding\s+children\s+board|"
    r"local\s+authority|children\s*s\s+services|city\s+of|county\s+of))+$"
)
_DISPLAY_PREFIX = re.compile(r"^(?:the\s+)?(?:" + _KIND_BEFORE + r")", re.IGNORECASE)
_DISPLAY_SUFFIX = re.compile(
    r"(?:\s+(?:county|city|borough|metropolitan|district)\s+council|\s+council|\s+(?:metropolitan|district|borough))+$"
    r"|\s+safeguarding\s+children\s+board$",
    re.IGNORECASE,
)
# Short forms in use that the rules above cannot reach.
_ALIASES = {"east riding": "east riding of yorkshire", "hull": "kingston upon hull",
            "county durham": "durham", "city of london": "london", "bristol city of": "bristol",
            "london corporation": "london"}  # the City of London, as Ofsted's judgement tables name it


@functools.lru_cache(maxsize=4096)
def council_key(name: str) -> str:
    """One key per council: 'Derby City Council', 'Derby City' and 'derby' -> 'derby'. Kept: a rating
    question looks up every report's council."""
    key = name.lower().replace("&", " and ").replace("’", "'")
    key = re.sub(r"[^a-z]+", " ", key.replace("'", "")).strip()
    key = _ALIASES.get(key, key)
    for pattern in (_PREFIX, _SUFFIX, _PREFIX):
        key = pattern.sub("", key).strip()
    return _ALIASES.get(key, key)


def display_name(name: str) -> str:
    """The council as people write it: 'London Borough of Hounslow' -> 'Hounslow'; 'Derby City' stays.
    Ofsted's own spelling where a report differs from it: 'St. Helens' -> 'St Helens', 'london corporation'
    -> 'City of London'."""
    name = " ".join(re.sub(r"\bSt\.\s*", "St ", name.replace("&", "and")).split()).strip(" ,.")
    if council_key(name) == "london":
        return "City of London"
    name = _DISPLAY_SUFFIX.sub("", _DISPLAY_PREFIX.sub("", name)).strip(" ,")
    return name[:1].upper() + name[1:]


_GAZETTEER = sorted(ENGLISH_COUNCILS, key=len, reverse=True)
_MENTION = re.compile(
    r"\b(" + "|".join(re.escape(c).replace(r"\ and\ ", r"\s+(?:and|&)\s+").replace(r"\ ", r"\s+")
                      .replace(r"St\s+", r"St\.?\s+") for c in _GAZETTEER) + r")\b"
)


def council_named_in(text: str) -> str | None:
    """The council a free text is about: the one named most often, if no other is named as often."""
    counts = Counter(council_key(m.group(1)) for m in _MENTION.finditer(text))
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    key = ranked[0][0]
    return next(c for c in ENGLISH_COUNCILS if council_key(c) == key)


# Everyday names of councils that the gazetteer's full names do not cover.
SHORT_NAMES = {"Hull": "Kingston upon Hull", "BCP": "Bournemouth, Christchurch and Poole", "East Riding":
               "East Riding of Yorkshire", "B&NES": "Bath and North East Somerset", "BANES": "Bath and North East Somerset",
               "Telford": "Telford and Wrekin", "Stoke": "Stoke-on-Trent", "Southend": "Southend-on-Sea",
               "Newcastle": "Newcastle upon Tyne", "Windsor": "Windsor and Maidenhead", "Brighton": "Brighton and Hove",
               "Blackburn": "Blackburn with Darwen", "Redcar": "Redcar and Cleveland", "Stockton": "Stockton-on-Tees",
               "Barking": "Barking and Dagenham", "Hammersmith": "Hammersmith and Fulham",
               "Kensington": "Kensington and Chelsea", "Richmond": "Richmond upon Thames", "Kingston": "Kingston upon Thames",
               "County Durham": "Durham", "Westmorland": "Westmorland and Furness", "RBWM": "Windsor and Maidenhead",
               "Bracknell": "Bracknell Forest", "Cheshire West": "Cheshire West and Chester",
               "West Northants": "West Northamptonshire", "North Northants": "North Northamptonshire",
               # the counties' abbreviations in everyday (and Royal Mail's old) use, and Scilly for its isles
               "Northants": "Northamptonshire", "Notts": "Nottinghamshire", "Herts": "Hertfordshire",
               "Bucks": "Buckinghamshire", "Cambs": "Cambridgeshire", "Staffs": "Staffordshire", "Lincs": "Lincolnshire",
               "Leics": "Leicestershire", "Glos": "Gloucestershire", "Gloucs": "Gloucestershire", "Oxon": "Oxfordshire",
               "Wilts": "Wiltshire", "Worcs": "Worcestershire", "Warks": "Warwickshire", "Hants": "Hampshire",
               "Lancs": "Lancashire", "Shrops": "Shropshire", "N Yorks": "North Yorkshire",   # not "Derbys": Derby's
               "N. Yorks": "North Yorkshire", "North Yorks": "North Yorkshire", "Scilly": "Isles of Scilly"}
# A council's name used as the name of a thing ("the Southwark judgment", "the Leeds model") is not a question
# about that council.
_NAME_OF_A_THING = re.compile(r"\s*(?:judg(?:e)?ment|ruling|case|model|approach|way|pilot|protocol|principles?)\b",
                              re.IGNORECASE)
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|this|that)\s+$", re.IGNORECASE)
_BY_KEY = {council_key(name): name for name in reversed(ENGLISH_COUNCILS)}  # the first spelling of each wins
_SHORT_MENTION = re.compile(r"\b(" + "|".join(re.escape(n) for n in sorted(SHORT_NAMES, key=len, reverse=True)) + r")\b")


def names_a_thing(text: str, start: int, end: int) -> bool:
    """Whether the council's name at text[start:end] names a thing ("the Leeds model", "the Southwark
    judgment"): a determiner before it and such a word after. "Wigan's approach" is the council's own, and
    in "how does Leeds approach …" the word is a verb."""
    possessive = text[end - 1:end] == "'" or text[end - 2:end] == "'s" or text[end:end + 2] == "'s"
    return (not possessive and _DETERMINER_BEFORE.search(text, 0, start) is not None
            and _NAME_OF_A_THING.match(text, end) is not None)


def council_name(key: str) -> str:
    """A council key written as the council's name: 'cheshire west and chester' -> 'Cheshire West and Chester'."""
    return _BY_KEY.get(key) or key.title()


def councils_mentioned(text: str) -> list[str]:
    """The English councils a question names, as written with capitals, each once, in order of mention:
    full names ("Telford and Wrekin"), possessives ("Wigan's") and everyday short names ("Hull", "BCP")."""
    text = text.replace("’", "'")
    names: list[str] = []
    for start, end, written in council_spans(text):
        if names_a_thing(text, start, end):
            continue
        name = _BY_KEY.get(council_key(written), written)
        if name not in names:
            names.append(name)
    return names


def council_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, council) of each council name written in the text, full or everyday, in order; where two
    overlap the longer is meant ("Cheshire West" is Cheshire West and Chester, not the old county of Cheshire)."""
    found = [(m.start(), m.end(), m.group(1)) for m in _MENTION.finditer(text)]
    found += [(m.start(), m.end(), SHORT_NAMES[m.group(1)]) for m in _SHORT_MENTION.finditer(text)]
    spans: list[tuple[int, int, str]] = []
    for start, end, name in sorted(found, key=lambda span: span[0] - span[1]):   # longest first
        if not any(s < end and start < e for s, e, _ in spans):
            spans.append((start, end, name))
    return sorted(spans)


# Councils whose names are also ordinary words: read as a council only when capitalised.
_ORDINARY_WORDS = frozenset({"reading", "bury", "derby", "sutton", "poole", "bath"})


def held_council_mentions(text: str, known_keys: Iterable[str]) -> list[tuple[str, int, int]]:
    """(key, start, end) of each council of known_keys the text names, in the order it names them (a rating
    question's grade card is the first's), where it is written. One reading for the keyword and the meaning sides
    of a search, which both leave the name out inside that council's reports.

    Longer names are matched first, so 'North Lincolnshire' is not also 'Lincolnshire'. Possessives count
    ("Wigan's", and "Wigans" where that cannot be another word), "&" for "and", and so do everyday names of a
    council ("Hull", "BCP", "B&NES"); a council's name used as the name of a thing ("the Leeds model") does not,
    nor one that is an ordinary word unless it is written as a name ("children's reading" is not Reading)."""
    known = set(known_keys)
    text = text.replace("’", "'")
    found: dict[str, tuple[int, int]] = {}   # key -> where the text names it
    for key in sorted(known, key=len, reverse=True):
        for match in _name_pattern(key).finditer(text) if key else ():
            written = match.group(0)
            as_a_name = written[0].isupper()
            bare_possessive = written.lower().endswith("s") and not written.endswith("'s") and not key.endswith("s")
            if (as_a_name or key not in _ORDINARY_WORDS and not bare_possessive) \
                    and not names_a_thing(text, match.start(), match.end()) \
                    and not any(s <= match.start() < e for s, e in found.values()):
                found[key] = match.span()
                break
    for start, end, name in council_spans(text):   # everyday names: "Hull", "B&NES", "West Northants"
        key = council_key(name)
        if key not in known and not names_a_thing(text, start, end):   # "Northants": the councils serving it now
            for successor in _held_successors(name, known):
                found.setdefault(successor, (start, end))
        elif key not in found and not names_a_thing(text, start, end):
            found[key] = (start, end)
    return sorted(((key, *span) for key, span in found.items()), key=lambda mention: mention[1])


@functools.lru_cache(maxsize=1024)
def _name_pattern(key: str) -> re.Pattern:
    """A council key as words in a text, any case, any punctuation between them, possessive or not, also
    without its apostrophe ("Wigans care leavers") where that cannot be another word ("Derbys", "Readings")."""
    bare = "|s" if key not in _ORDINARY_WORDS and len(key) >= 5 and not key.endswith("s") else ""
    words = r"\W+".join(r"(?:and|&)" if word == "and" else re.escape(word) for word in key.split())
    return re.compile(r"(?<![\w])" + _NAME_BEFORE + words + _NAME_AFTER + rf"(?:'s?{bare})?(?![\w])", re.IGNORECASE)


# The words a council's name may carry around its key, written as a name: "Derby City's care leavers", "Kent County
# Council", "the London Borough of Hounslow", "City of York" (left in, "city" was read as the question's topic); and
# "council" after it in any case ("Derby city council"). Not "Durham county lines".
_NAME_BEFORE = (r"(?:(?:the\s+)?(?-i:City|County|London\s+Borough|Royal\s+Borough)\s+of\s+(?:the\s+)?"
                r"|(?-i:County)\s+)?")   # "County Durham"
_NAME_AFTER = r"(?:\s+(?-i:City|County|Borough|District|Metropolitan\s+Borough)(?:\s+[Cc]ouncil)?" \
              r"|\s+(?:city\s+|county\s+|borough\s+)?council)?"   # "Derby city council"


def missing_councils(text: str, known_keys: Iterable[str]) -> list[str]:
    """English councils the text names (capitalised, as a name is written) that known_keys lacks."""
    known = set(known_keys)
    return [name for name in councils_mentioned(text) if council_key(name) not in known and not _held_successors(name, known)]


def _held_successors(name: str, known: set[str]) -> list[str]:
    """The keys of the councils now serving an abolished council's area (SUCCESSORS) that known holds."""
    return [key for successor in SUCCESSORS.get(name, ()) if (key := council_key(successor)) in known]
