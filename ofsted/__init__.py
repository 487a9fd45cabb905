"""The Ofsted vocabulary, in one place: councils, report types, judgements and their labels, grades, and
how a report's first pages print them.

Both the library's halves import it: `ingest/` reads reports with it (ofsted.reading), `index/` reads
questions and shows answers with it. It imports neither.

- `councils`     every spelling of a council to one key; the councils named in a text
- `report_types` the kinds of document, as keys and in words
- `judgements`   the judgement areas of each framework, their labels, and how questions name them
- `grades`       Ofsted's four grades, in order and in words
- `reading`      what page 1 of a report prints (titles, dates, judgement tables) and how it is read
- `front_matter` where a report's cover block, judgement table and contents list lie on its pages
- `vocabulary`   terms reworded over the years ("family and friends carers", "kinship carers")
"""
