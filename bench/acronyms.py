"""What the glossary of acronyms does for questions about one council: the same questions with and without it.

    python -m bench.acronyms --index /tmp/bench_index

For every council in the index, four questions that name a term in one form ("independent reviewing
officers", "IROs", "multi-agency safeguarding hub", "personal advisers"); a result counts when it is from
that council's reports and names the term in either form. Prints how often the first result and the top
three count, without the glossary and with it. The questions are this script's, not an evaluation set's.
"""
from __future__ import annotations

import argparse
import re
from pathlib import Path

from index.opening import open_for_search
from index.search.glossary import Glossary

QUESTIONS = (
    ("How effective are independent reviewing officers in {council}?", r"\bIROs?\b|independent reviewing"),
    ("What do IROs do in {council}?", r"\bIROs?\b|independent reviewing"),
    ("How does the multi-agency safeguarding hub work in {council}?", r"\bMASH\b|safeguarding hub"),
    ("How do personal advisers support care leavers in {council}?", r"\bPAs?\b|personal advis"),
)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.acronyms", description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, required=True)
    args = parser.parse_args(argv)
    searcher = open_for_search(str(args.index))
    catalogue = searcher.catalogue()
    councils = sorted({d.metadata.council for d in catalogue.documents.values() if d.metadata.council})
    glossary = catalogue.glossary
    print(f"{len(glossary.words_for)} acronyms defined in the index's documents, {len(councils)} councils")
    for label, used in (("without the glossary", Glossary([])), ("with the glossary", glossary)):
        catalogue.glossary = used
        for question, term in QUESTIONS:
            first = top_three = 0
            for council in councils:
                hits = searcher.search(question.format(council=council), k=3)
                counts = [bool(re.search(term, hit.chunk.text, re.IGNORECASE)) and hit.document.metadata.council == council
                          for hit in hits]
                first += bool(counts and counts[0])
                top_three += sum(counts)
            print(f"{label}: {question.format(council='…')}  first {first}/{len(councils)}, "
                  f"top three {top_three}/{3 * len(councils)}")


if __name__ == "__main__":
    main()
