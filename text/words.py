"""Words with no meaning of their own inside a name: an acronym's initials skip them ("Looked After Children"
is LAC, "children in need of help" is no acronym of its own), and the glossary leaves them out of a term."""
from __future__ import annotations

MINOR_WORDS = frozenset("a an and for in of on the to".split())

# Words that relate one thing to another ("a support network around the child"): a phrase naming a thing ends at one
# (index.search.digest's group labels). Those STOPWORDS already has are here too, so this list stands alone.
PREPOSITIONS = frozenset("""about above across after against along among around at before behind below beneath
beside besides between beyond by despite down during except for from in inside into like near of off on onto out
outside over past per since through throughout till to toward towards under underneath until up upon via with within
without""".split())
