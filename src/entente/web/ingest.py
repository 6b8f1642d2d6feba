"""``POST /api/ingest``: JSON documents (never paths) into the store, behind a bearer token.

Off unless the app was created with ``allow_writes=True``; then every request
must carry ``Authorization: Bearer <token>``. Documents go through the same
extraction and store functions as ``entente ingest``, one transaction each,
with entente's default coder options (no user dictionaries, the default
confidence threshold).
"""

from __future__ import annotations

import hmac
from functools import lru_cache
from typing import Annotated, Any

from fastapi import Header, HTTPException, Request
from pydantic import BaseModel, ConfigDict, Field, field_validator

from entente.records import Document
from entente.web.params import ISO

MAX_DOCUMENTS = 100
MAX_CHARS = 500_000


class IngestDocument(BaseModel):
    """One document to extract."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(min_length=1, max_length=300, pattern=r"^[^\x00-\x1f\x7f]+$")
    text: str = Field(min_length=1, max_length=MAX_CHARS)
    title: str | None = Field(default=None, max_length=1000)
    url: str | None = Field(default=None, max_length=2000, pattern=r"^https?://")
    source: str | None = Field(default=None, max_length=200)
    published: str | None = Field(default=None, pattern=ISO)

    @field_validator("published")
    @classmethod
    def _real_date(cls, value: str | None) -> str | None:
        """"2020-02-30" has the shape of a date but is none: refused (422) like any bad field."""
        if value and len(value) == 10:
            from datetime import date

            try:
                date.fromisoformat(value)
            except ValueError:
                raise ValueError(f"{value!r} is not a real date") from None
        return value


class IngestRequest(BaseModel):
    """A batch of documents."""

    model_config = ConfigDict(extra="forbid")
    documents: list[IngestDocument] = Field(min_length=1, max_length=MAX_DOCUMENTS)


def authorise(request: Request, authorization: Annotated[str | None, Header()] = None) -> None:
    """403 when writes are off; 401 without the right bearer token (compared in constant time)."""
    if not request.app.state.allow_writes:
        raise HTTPException(403, "writes are disabled; start the server with --allow-writes --token-env VAR")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(),
                                                               request.app.state.token.encode()):
        raise HTTPException(401, "a valid 'Authorization: Bearer <token>' header is required",
                            headers={"WWW-Authenticate": "Bearer"})


@lru_cache(maxsize=1)
def _nlp():
    from entente.nlp.pipeline import load_pipeline
    return load_pipeline()


def ingest_documents(store, body: IngestRequest) -> dict[str, Any]:
    """Extract and store the documents by the CLI's path (:func:`entente.pipeline.run`: the same
    admission, writer and merge); returns counts and every rejection with its reason."""
    from entente.pipeline import IngestReport, StoreSink, run

    docs = [Document(id=d.id, text=d.text, title=d.title, url=d.url, source=d.source, published=d.published,
                     published_from="record" if d.published else None, origin=f"api:{d.id}")
            for d in body.documents]
    with store.write_lock:
        report = run(docs, StoreSink(store.writer()), IngestReport(), nlp=_nlp())
    return {"added": report.added, "skipped": report.skipped, "rejected": [str(r) for r in report.rejected],
            "clusters": report.clusters}
