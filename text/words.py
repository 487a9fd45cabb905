"""Words with no meaning of their own inside a name: an acronym's initials skip them ("Looked After Children"
is LAC, "children in need of help" is no acronym of its own), and the glossary leaves them out of a term."""
from __future__ import annotations

MINOR_WORDS = frozenset("a an and for in of on the to".split())
