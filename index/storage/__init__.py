"""Where the library keeps what it has read, and how text becomes vectors.

`store` (SQLite: documents, pages, passages with offsets and vectors, the FTS5 keyword index; one writer
at a time), `keywords` (BM25 over FTS5's postings), `vectors` (the FAISS file, a cache rebuilt from the
vectors in SQLite), `atomic` (the one way a file is replaced), `embedder` and `onnx_model` (the model
that turns passages and questions into vectors), `passage_path` (which way this machine embeds passages
fastest, measured once).
"""
