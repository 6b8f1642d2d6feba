"""The JSON API under ``/api`` (schema at ``/openapi.json``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request

from entente.web import queries
from entente.web.db import clean
from entente.web.ingest import IngestRequest, authorise, ingest_documents
from entente.web.params import (Country, CountryPath, Granularity, Limit, Offset, Rival, Sectors, Since, Text, Until,
                                Dataset, code, event_filter, pair, sector_codes, strict_query, window)
from entente.web.queries import EventFilter

ERROR = {"content": {"application/json": {"schema": {
    "type": "object", "properties": {"error": {"type": "string"}}, "required": ["error"]}}}}
RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"description": "Bad request (unknown parameter, impossible date, bad pair)", **ERROR},
    404: {"description": "Not found", **ERROR},
    503: {"description": "The store is being written by another process; retry", **ERROR},
}
router = APIRouter(prefix="/api", tags=["api"], dependencies=[Depends(strict_query)], responses=RESPONSES)

EventId = Annotated[str, Path(pattern=r"^[\w.:-]{1,200}$", description="Event id.")]
DocId = Annotated[str, Path(min_length=1, max_length=300, pattern=r"^[^\x00-\x1f\x7f]+$", description="Document id.")]


def _analytics():
    import entente.analytics as analytics
    return analytics


@router.get("/overview", summary="Documents, events, countries and pairs by activity")
def overview(request: Request) -> dict[str, Any]:
    with request.app.state.store.read() as con:
        return clean(_analytics().overview(con))


@router.get("/documents", summary="Documents, newest first")
def documents(request: Request, q: Text = None, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    with request.app.state.store.read() as con:
        return queries.list_documents(con, q=q, limit=limit, offset=offset)


@router.get("/documents/{doc_id}", summary="One document with its text, events and evidence spans")
def document(request: Request, doc_id: DocId,
             event: Annotated[str | None, Query(pattern=r"^[\w.:-]{1,200}$",
                                                description="Mark this event's evidence.")] = None) -> dict[str, Any]:
    with request.app.state.store.read() as con:
        found = queries.document_detail(con, doc_id, event)
    if found is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    return found


@router.get("/events", summary="Events by country, pair, type, date, evidence text or dataset")
def events(request: Request, f: Annotated[EventFilter, Depends(event_filter)]) -> dict[str, Any]:
    with request.app.state.store.read() as con:
        return queries.search_events(con, f)


@router.get("/events/{event_id}", summary="One event with every report's evidence sentence and document")
def event(request: Request, event_id: EventId) -> dict[str, Any]:
    return event_or_404(request, event_id)


def event_or_404(request: Request, event_id: str) -> dict[str, Any]:
    """The event with its reports and documents, or a 404 naming it (API and page share this)."""
    with request.app.state.store.read() as con:
        found = queries.event_detail(con, event_id)
    if found is None:
        raise HTTPException(404, f"no event {event_id!r}")
    return found


@router.get("/dyads/{a}/{b}/series", summary="Events, Goldstein and cooperation shares per period, both directions")
def series(request: Request, a: CountryPath, b: CountryPath, since: Since = None, until: Until = None,
           granularity: Granularity = "month", dataset: Dataset = None,
           sectors: Sectors = None) -> list[dict[str, Any]]:
    a, b = pair(a, b)
    since, until = window(since, until)
    chosen = sector_codes(sectors)
    with request.app.state.store.read() as con:
        return clean(_analytics().dyad_series(con, a, b, since=since, until=until, granularity=granularity,
                                              dataset=dataset, sectors=chosen))


@router.get("/dyads/{a}/{b}/character", summary="The pair's relationship measures over a window")
def character(request: Request, a: CountryPath, b: CountryPath, since: Since = None, until: Until = None,
              rival: Rival = None, sectors: Sectors = None) -> dict[str, Any]:
    a, b = pair(a, b)
    since, until = window(since, until)
    chosen = sector_codes(sectors)
    with request.app.state.store.read() as con:
        return clean(_analytics().character(con, a, b, since=since, until=until, rival=code(rival),
                                            sectors=chosen))


@router.get("/dyads/{a}/{b}/verdict", summary="The verdict, its measures per period, the change and top events")
def verdict(request: Request, a: CountryPath, b: CountryPath, rival: Rival = None,
            sectors: Sectors = None) -> dict[str, Any]:
    a, b = pair(a, b)
    chosen = sector_codes(sectors)
    with request.app.state.store.read() as con:
        return clean(_analytics().verdict(con, a, b, rival=code(rival), sectors=chosen))


@router.get("/dyads/{a}/{b}/summary",
            summary="What `entente dyad` prints first: the verdict (measures, periods, top evidence) and the series")
def summary(request: Request, a: CountryPath, b: CountryPath, since: Since = None, until: Until = None,
            granularity: Granularity = "year", rival: Rival = None, sectors: Sectors = None) -> dict[str, Any]:
    a, b = pair(a, b)
    since, until = window(since, until)
    chosen = sector_codes(sectors)
    with request.app.state.store.read() as con:
        return clean(_analytics().dyad_summary(con, a, b, since=since, until=until, granularity=granularity,
                                               rival=code(rival), sectors=chosen))


@router.get("/dyads/{a}/{b}/deals", summary="Agreements, aid and deals between the pair, with evidence")
def deals(request: Request, a: CountryPath, b: CountryPath, since: Since = None,
          until: Until = None, sectors: Sectors = None) -> list[dict[str, Any]]:
    a, b = pair(a, b)
    since, until = window(since, until)
    chosen = sector_codes(sectors)
    with request.app.state.store.read() as con:
        return clean(_analytics().deals_ledger(con, a, b, since=since, until=until, sectors=chosen))


@router.get("/dyads/{a}/{b}/quotes", summary="Quotes by one side about the other")
def quotes(request: Request, a: CountryPath, b: CountryPath, since: Since = None,
           until: Until = None) -> list[dict[str, Any]]:
    a, b = pair(a, b)
    since, until = window(since, until)
    with request.app.state.store.read() as con:
        return clean(_analytics().quotes_about(con, a, b, since=since, until=until))


@router.get("/places", summary="Places named in the reports, with coordinates and mention counts")
def places(request: Request, a: Country = None, b: Country = None, country: Country = None, since: Since = None,
           until: Until = None, limit: Limit = 500) -> list[dict[str, Any]]:
    if bool(a) != bool(b):
        raise HTTPException(400, "a pair needs both a and b")
    since, until = window(since, until)
    with request.app.state.store.read() as con:
        return queries.places(con, a=code(a), b=code(b), country=code(country), since=since, until=until,
                              limit=limit)


@router.get("/network", summary="Countries and the pairs between them, weighted by events")
def network(request: Request, since: Since = None, until: Until = None,
            min_events: Annotated[int, Query(ge=1, le=1_000_000)] = 1) -> dict[str, Any]:
    since, until = window(since, until)
    with request.app.state.store.read() as con:
        return clean(_analytics().network(con, since=since, until=until, min_events=min_events))


@router.post("/ingest", summary="Extract JSON documents into the store (off unless the server allows writes)",
             dependencies=[Depends(authorise)],
             responses={401: {"description": "Missing or wrong bearer token", **ERROR},
                        403: {"description": "Writes are disabled on this server", **ERROR}})
def ingest(request: Request, body: IngestRequest) -> dict[str, Any]:
    return ingest_documents(request.app.state.store, body)
