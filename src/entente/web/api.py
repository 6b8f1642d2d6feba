"""The JSON API under ``/api`` (schema at ``/openapi.json``)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from entente.store import reads as queries
from entente.store.reads import clean
from entente.web.ingest import IngestRequest, authorise, ingest_documents
from entente.web.params import (Country, Limit, Offset, Since, Text, Until, ViewDataset, code, dyad_query, event_filter,
                                strict_query, window)
from entente.store.search import EventFilter

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
def overview(request: Request, dataset: ViewDataset = "entente") -> dict[str, Any]:
    return dataset_view(request, dataset, lambda con, chosen: _analytics().overview(con, dataset=chosen))


def dataset_view(request: Request, dataset: str, read) -> dict[str, Any]:
    """``read(con, filter)`` for the dataset asked for (400 naming the store's datasets when unknown), with
    ``dataset`` in the result saying which events it counts."""
    from entente.store.reads import check_dataset

    with request.app.state.store.read() as con:
        try:
            chosen = check_dataset(con, dataset)
        except ValueError as exc:
            raise HTTPException(400, str(exc)) from None
        return clean({**read(con, chosen), "dataset": chosen or "all"})


@router.get("/documents", summary="Documents, newest first")
def documents(request: Request, q: Text = None, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    with request.app.state.store.read() as con:
        return queries.list_documents(con, q=q, limit=limit, offset=offset)


@router.get("/documents/{doc_id:path}", summary="One document with its text, events and evidence spans")
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


def view_or_error(request: Request, query) -> Any:
    """The dyad view (:func:`entente.analytics.view.dyad_view`) for ``query``: 404 when the pair has
    no events in the window and dataset, 400 on a bad argument. The page and every dyad route use it."""
    from entente.analytics.view import EmptyDyad, dyad_view

    with request.app.state.store.read() as con:
        try:
            return dyad_view(con, query)
        except EmptyDyad as exc:
            raise HTTPException(404, str(exc)) from None
        except ValueError as exc:
            raise HTTPException(400, str(exc)) from None


Query_ = Annotated[Any, Depends(dyad_query)]


@router.get("/dyads/{a}/{b}", summary="The whole dyad view: verdict, periods, measures, series, deals, quotes,"
                                      " places, evidence (what the page, the CLI and the brief show)")
def dyad(request: Request, query: Query_) -> dict[str, Any]:
    return view_or_error(request, query).to_dict()


@router.get("/dyads/{a}/{b}/series", summary="Events, Goldstein and cooperation shares per period, both directions")
def series(request: Request, query: Query_) -> list[dict[str, Any]]:
    return view_or_error(request, query).to_dict()["series"]


@router.get("/dyads/{a}/{b}/character", summary="The pair's relationship measures over the window")
def character(request: Request, query: Query_) -> dict[str, Any]:
    view = view_or_error(request, query).to_dict()
    v = view["verdict"]
    return {"pair": v["pair"], "dataset": view["dataset"], "sectors": v["sectors"], "since": v["since"],
            "until": v["until"], "events": v["events"], "reports": v["reports"], "measures": v["measures"],
            "directional": view["directional"]}


@router.get("/dyads/{a}/{b}/verdict", summary="The verdict, its measures per period, the change and top events")
def verdict(request: Request, query: Query_) -> dict[str, Any]:
    return view_or_error(request, query).to_dict()["verdict"]


@router.get("/dyads/{a}/{b}/summary",
            summary="What `entente dyad` prints first: the verdict (measures, periods, top evidence) and the series")
def summary(request: Request, query: Query_) -> dict[str, Any]:
    view = view_or_error(request, query).to_dict()
    return {"pair": [view["a"], view["b"]], "dataset": view["dataset"], "verdict": view["verdict"],
            "series": view["series"]}


@router.get("/dyads/{a}/{b}/deals", summary="Agreements, aid and deals between the pair, with evidence")
def deals(request: Request, query: Query_) -> list[dict[str, Any]]:
    return view_or_error(request, query).to_dict()["deals"]


@router.get("/dyads/{a}/{b}/quotes", summary="Quotes by one side about the other")
def quotes(request: Request, query: Query_) -> list[dict[str, Any]]:
    return view_or_error(request, query).to_dict()["quotes"]


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
            min_events: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
            dataset: ViewDataset = "entente") -> dict[str, Any]:
    since, until = window(since, until)
    return dataset_view(request, dataset, lambda con, chosen: _analytics().network(
        con, since=since, until=until, min_events=min_events, dataset=chosen))


class CorrectionRequest(BaseModel):
    """One analyst's correction of one event (see ``entente correct``)."""

    model_config = ConfigDict(extra="forbid")
    kind: Literal["type", "direction", "date", "duplicate", "not_event"]
    who: str = Field(min_length=1, max_length=100)
    cameo: str | None = Field(default=None, pattern=r"^\d{2,4}$")
    date: str | None = Field(default=None, max_length=10)
    duplicate_of: str | None = Field(default=None, pattern=r"^[\w.:-]{1,200}$")
    note: str | None = Field(default=None, max_length=1000)


@router.post("/events/{event_id}/corrections", summary="Flag an event as miscoded (token-gated, like ingest)",
             dependencies=[Depends(authorise)],
             responses={401: {"description": "Missing or wrong bearer token", **ERROR},
                        403: {"description": "Writes are disabled on this server", **ERROR}})
def correct(request: Request, event_id: EventId, body: CorrectionRequest) -> dict[str, Any]:
    from entente.store.corrections import add_correction

    store = request.app.state.store
    with store.write_lock:
        try:
            return clean(add_correction(store.writer(), event_id, body.kind, who=body.who, cameo=body.cameo,
                                        date=body.date, duplicate_of=body.duplicate_of, note=body.note))
        except ValueError as exc:
            raise HTTPException(404 if "no event" in str(exc) else 400, str(exc)) from None


@router.get("/corrections", summary="The analysts' corrections, oldest first, each with the event as coded")
def corrections(request: Request, event: Annotated[str | None, Query(pattern=r"^[\w.:-]{1,200}$")] = None
                ) -> list[dict[str, Any]]:
    from entente.store.corrections import list_corrections

    with request.app.state.store.read() as con:
        return clean(list_corrections(con, event_id=event))


@router.post("/ingest", summary="Extract JSON documents into the store (off unless the server allows writes)",
             dependencies=[Depends(authorise)],
             responses={401: {"description": "Missing or wrong bearer token", **ERROR},
                        403: {"description": "Writes are disabled on this server", **ERROR}})
def ingest(request: Request, body: IngestRequest) -> dict[str, Any]:
    return ingest_documents(request.app.state.store, body)
