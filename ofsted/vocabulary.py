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

SAME_IDEA: tuple[tuple[str, str], ...] = (
    ("family and friends carers", "kinship carers"),
    ("family and friends care", "kinship care"),
    ("family and friends foster carers", "kinship foster carers"),
    ("friends and family carers", "kinship carers"),
    ("friends and family care", "kinship care"),
    ("caseloads", "workloads"),
)

# Words the reports use of every subject they write about: a phrase made of nothing else ("social workers",
# "young people") names no practice, so it never labels a group of findings (index.search.digest).
EVERYDAY_WORDS = frozenset("""children child childrens young people person persons families family parents carers
social workers worker work working staff practitioners professionals council councils local authority authority's
services service practice support supported supporting help helped area areas team teams time times number
including range well good also need needs""".split())
