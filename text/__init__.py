"""Sentences and words: neutral helpers that reading a file (ingest/) and answering a question (index/search,
index/output) both use, so neither imports the other."""
