"""Hits and documents as plain JSON objects: the contract other tools read (keep these field names)."""
from __future__ import annotations

from index.output.citation import citation, reference_title
from models import Document, Hit


def hit_to_dict(hit: Hit) -> dict:
    meta = hit.document.metadata
    return {
        "rank": hit.rank,
        "score": hit.score,
        "text": hit.chunk.text,
        "source": hit.document.source,
        "page": hit.chunk.page,
        "title": reference_title(hit.document),
        "citation": citation(hit),
        "doc_id": hit.document.doc_id,
        "end_page": hit.chunk.end_page,
        "start": hit.chunk.start,
        "end": hit.chunk.end,
        "highlights": [[h.start, h.end] for h in hit.highlights],
        "match": hit.match,
        "council": meta.council,
        "published": meta.published,
        "published_source": meta.published_source,
        "report_type": meta.report_type,
    }


def document_to_dict(document: Document) -> dict:
    meta = document.metadata
    return {
        "doc_id": document.doc_id,
        "source": document.source,
        "sources": document.sources,
        "title": meta.title,
        "council": meta.council,
        "publisher": meta.publisher,
        "author": meta.author,
        "report_type": meta.report_type,
        "published": meta.published,
        "published_source": meta.published_source,
        "inspection_start": meta.inspection_start,
        "inspection_end": meta.inspection_end,
        "corrections": {name: {"editor": c.editor, "at": c.at, "read": c.read} for name, c in meta.corrections.items()},
        "judgements": {name: {"grade": j.grade, "page": j.page} for name, j in meta.judgements.items()},
        "kind": document.kind,
        "pages": document.n_pages,
        "chunks": document.n_chunks,
        "added_at": document.added_at,
    }
