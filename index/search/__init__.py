"""From a question to an answer: `searcher.Searcher.ask` is the one front door.

Reading the question: `query` (councils, years, kinds, rating words, topic words), `conversation`
(follow-ups), `scope` (which reports a named council, year or kind chooses), `glossary` (acronyms).
Ranking: `searcher` (retrieves from the store), `ranking` (fuse, demote, focus, latest first, diversify:
pure steps), `rerank` (an optional cross-encoder).
Judging and showing: `relevance` (does anything answer it; cover pages and licence text), `highlight`,
`sentences`, `widening` (whole sentences across page breaks), `quotes` (the report's own words),
`answers` (grade cards and lists).
The answer across the library: `digest` (the digest's and timeline's records, each council's latest report),
`findings` (a report's finding on the topic), `ideas` (what a finding must hold), `grouping` (groups and labels).
"""
