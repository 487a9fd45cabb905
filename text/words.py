"""Words with no meaning of their own inside a name: an acronym's initials skip them ("Looked After Children"
is LAC, "children in need of help" is no acronym of its own), and the glossary leaves them out of a term; and how a
count reads in words (plural), and whether a word is one (is_plural)."""
from __future__ import annotations

import re

MINOR_WORDS = frozenset("a an and for in of on the to".split())

# Words that relate one thing to another ("a support network around the child"): a phrase naming a thing ends at one
# (index.search.grouping's group labels). Those STOPWORDS already has are here too, so this list stands alone.
PREPOSITIONS = frozenset("""about above across after against along among around at before behind below beneath
beside besides between beyond by despite down during except for from in inside into like near of off on onto out
outside over past per since through throughout till to toward towards under underneath until up upon via with within
without""".split())

# Words that measure or time what a phrase names rather than name it ("a small number of", "the vast majority", "at
# the right time", "wherever possible", "next steps"): a group's label never ends on one (index.search.grouping).
MEASURE_WORDS = frozenset("""majority minority number numbers proportion handful range amount extent degree time times
opportunity opportunities steps possible""".split())

# Nouns that say nothing alone, taking their meaning from what is said of them ("shell nouns": the reasons why, the
# efforts to, the systems for, "in relation to"), and the roles every finding names (leaders, managers, partners): a
# word alone among them labels no group of findings (index.search.grouping; the reports' everyday words, such as
# "services" and "needs", are ofsted.vocabulary.EVERYDAY_WORDS).
SHELL_NOUNS = frozenset("""reason reasons effort efforts rates post posts system systems arrangement arrangements
process processes aspect aspects issue issues matter matters problem problems difficulty difficulties challenge
challenges situation situations circumstance circumstances factor factors example examples option options outcome
outcomes concern concerns decision decisions action actions resource resources activity activities environment
environments approach approaches way ways thing things case cases level levels intervention interventions improvement
improvements development developments relation relations provision leaders leadership managers partners""".split())

# Words a line cannot end on and be a heading: it runs on into the next line ("Inspection of the Royal Borough of",
# "Leaders have worked with"), ingest.cleaning.
CONTINUING_WORDS = MINOR_WORDS | PREPOSITIONS | frozenset("""or but nor that which who whose whom as than are is was were
be been being has have had will would can could should may must their its his her our your this these those""".split())


def plural(n: int, noun: str) -> str:
    """'1 report', '10 passages': a count in words, the one place every screen and summary says it."""
    return f"{n} {noun}" if n == 1 else f"{n} {plural_of(noun)}"


def speak(n: int) -> str:
    """The verb after a count of reports or councils: "1 report of 3 speaks to it", "2 councils … speak to it"."""
    return "speaks" if n == 1 else "speak"


_PLURAL_WITHOUT_S = ("children", "people")


def plural_of(noun: str) -> str:
    """A regular noun's plural ("academy": "academies", "model": "models"); one already plural stays ("hubs",
    "children", "people", "staff")."""
    if noun.endswith("s") and not noun.endswith("ss") or noun in _PLURAL_WITHOUT_S or noun == "staff":
        return noun
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "i", "o", "u"):
        return noun[:-1] + "ies"
    return noun + ("es" if noun.endswith(("ch", "sh", "x", "ss")) else "s")


def noun_forms(noun: str) -> frozenset[str]:
    """A regular noun's singular and plural, in lower case ("visitors": visitor, visitors; "academy": academy,
    academies): the noun itself, not the other words of its stem ("visited", "networking")."""
    word = noun.lower()
    if word.endswith("ies") and len(word) > 4:
        singular = word[:-3] + "y"
    elif word.endswith(("ches", "shes", "xes", "sses")):
        singular = word[:-2]
    elif is_plural(word) and word not in _PLURAL_WITHOUT_S:
        singular = word[:-1]
    else:
        singular = word
    return frozenset({singular, plural_of(singular), word})


def noun_pattern(noun: str) -> re.Pattern:
    """The noun, singular or plural (noun_forms), as a whole word in any case."""
    return re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(noun_forms(noun)))) + r")\b", re.IGNORECASE)


def is_plural(word: str) -> bool:
    """A plural noun by its ending (no possessive): "workers", "children", not "process", "focus" or "analysis"."""
    return "'" not in word and (word in _PLURAL_WITHOUT_S or
                                (len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))))


# A word after one of these and a hyphen is another word: a "multi-agency" meeting says nothing of agency staff, nor
# "extra-familial" harm of families (index.search.highlight, index.search.ideas).
COMPOUND_PREFIXES = "multi|inter|non|cross|sub|co|pre|post|anti|self|extra|intra"
