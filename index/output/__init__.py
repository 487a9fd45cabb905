"""What a user takes away: the response and its JSON (`response`, `results`), citations and references
(`citation`), grades as a briefing quotes them (`grades`), briefings and their Word and Markdown exports
(`briefing`, `briefing_export`, `briefing_store`), the Compare table (`compare`) and the start page's
example questions (`examples`).
"""
