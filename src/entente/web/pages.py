"""Dashboard pages; each one has a ``.json`` twin served by the same view function."""

from __future__ import annotations

from typing import Annotated, Any, Callable
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from entente.report import svg
from entente.store import reads as queries
from entente.web.api import RESPONSES, dataset_view, event_or_404, view_or_error
from entente.web.params import (Country, Limit, Offset, Since, Text, Until, ViewDataset, code, dyad_query, event_filter,
                                strict_query, window)
from entente.store.search import EventFilter

router = APIRouter(dependencies=[Depends(strict_query)], responses=RESPONSES, tags=["pages"])

DocId = Annotated[str, Path(min_length=1, max_length=300, pattern=r"^[^\x00-\x1f\x7f]+$")]
EventId = Annotated[str, Path(pattern=r"^[\w.:-]{1,200}$")]
Mark = Annotated[str | None, Query(pattern=r"^[\w.:-]{1,200}$", description="Mark this event's evidence.")]


def _twin(path: str, template: str, **kw) -> Callable:
    """Register ``view`` at ``path`` (HTML) and ``path.json`` (JSON, in the OpenAPI schema)."""
    def register(view: Callable[..., dict[str, Any]]) -> Callable:
        def as_json(*args, **kwargs):
            return JSONResponse(view(*args, **kwargs))

        def as_html(request: Request, *args, **kwargs):
            data = view(request, *args, **kwargs)
            ctx = _decorate(template, data)
            params = dict(request.query_params)
            json_path = "/index.json" if request.url.path == "/" else request.url.path + ".json"
            ctx["json_url"] = json_path + ("?" + urlencode(params) if params else "")
            ctx["query"] = lambda **kw: urlencode({**params, **kw})
            ctx["request_query"] = urlencode(params)
            ctx["writes"] = request.app.state.allow_writes
            html = request.app.state.templates.get_template(template).render(data=data, **ctx)
            return HTMLResponse(html)

        for fn, name in ((as_json, view.__name__ + "_json"), (as_html, view.__name__)):
            setattr(fn, "__signature__", _signature(view))  # read by inspect.signature (and FastAPI)
            fn.__name__ = name
            fn.__doc__ = view.__doc__
        json_path = "/index.json" if path == "/" else path + ".json"
        router.add_api_route(json_path, as_json, methods=["GET"], summary=(view.__doc__ or "").split("\n")[0], **kw)
        router.add_api_route(path, as_html, methods=["GET"], include_in_schema=False, response_class=HTMLResponse)
        return view
    return register


def _signature(fn):
    import inspect
    return inspect.signature(fn)


def _analytics():
    import entente.analytics as analytics
    return analytics


@_twin("/", "index.html")
def index(request: Request, dataset: ViewDataset = "entente") -> dict[str, Any]:
    """Overview: countries and pairs by activity (entente's own events unless ``dataset`` says otherwise)."""
    return dataset_view(request, dataset, lambda con, chosen: _analytics().overview(con, dataset=chosen))


@_twin("/dyad/{a}/{b}", "dyad.html")
def dyad(request: Request, query: Annotated[Any, Depends(dyad_query)]) -> dict[str, Any]:
    """A pair: the dyad view (verdict and its periods, measures, series both ways, deals, quotes, places and
    the evidence list), as the CLI and the brief show it."""
    return view_or_error(request, query).to_dict()


@router.get("/dyad/{a}/{b}/brief", response_class=HTMLResponse, include_in_schema=False)
def dyad_brief(request: Request, query: Annotated[Any, Depends(dyad_query)]) -> HTMLResponse:
    """The brief of exactly the view the dyad page shows (same window, periods, rival and dataset)."""
    from entente.report import render_brief

    return HTMLResponse(render_brief(view_or_error(request, query).to_dict()))


@_twin("/documents", "documents.html")
def documents(request: Request, q: Text = None, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Documents, newest first."""
    with request.app.state.store.read() as con:
        return queries.list_documents(con, q=q, limit=limit, offset=offset)


@_twin("/documents/{doc_id:path}", "document.html")
def document(request: Request, doc_id: DocId, event: Mark = None) -> dict[str, Any]:
    """A document's text, with one event's evidence marked."""
    with request.app.state.store.read() as con:
        found = queries.document_detail(con, doc_id, event)
    if found is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    return found


@_twin("/events/{event_id}", "event.html")
def event(request: Request, event_id: EventId) -> dict[str, Any]:
    """An event with every report's evidence sentence."""
    return event_or_404(request, event_id)


@_twin("/search", "search.html")
def search(request: Request, f: Annotated[EventFilter, Depends(event_filter)]) -> dict[str, Any]:
    """Event search."""
    with request.app.state.store.read() as con:
        result = queries.search_events(con, f)
    result["filters"] = {k: v for k, v in f.__dict__.items() if v not in (None, "") and k not in ("limit", "offset")}
    return result


@_twin("/dyad/{a}/{b}/deals", "deals.html")
def dyad_deals(request: Request, query: Annotated[Any, Depends(dyad_query)]) -> dict[str, Any]:
    """A pair's deals ledger (the dyad view's): every event with an amount, its status and evidence."""
    view = view_or_error(request, query).to_dict()
    return {"a": view["a"], "b": view["b"], "dataset": view["dataset"], "since": view["since"],
            "until": view["until"], "deals": view["deals"], "total": len(view["deals"])}


@_twin("/deals", "deals.html")
def deals(request: Request, country: Country = None, dataset: ViewDataset = "entente", limit: Limit = 50,
          offset: Offset = 0) -> dict[str, Any]:
    """Deals across every pair: events with an amount, largest first."""
    def read(con, chosen):
        return queries.list_deals(con, country=code(country), dataset=chosen, limit=limit, offset=offset)

    return dataset_view(request, dataset, read)


@_twin("/quotes", "quotes.html")
def quotes(request: Request, country: Country = None, q: Text = None, limit: Limit = 50,
           offset: Offset = 0) -> dict[str, Any]:
    """Quotes across every document, newest first, by speakers of a country and with words."""
    with request.app.state.store.read() as con:
        found = queries.list_quotes(con, country=code(country), q=q, limit=limit, offset=offset)
    return {**found, "country": code(country), "q": q}


@router.get("/search.csv", include_in_schema=False)
def search_csv(request: Request, f: Annotated[EventFilter, Depends(event_filter)]) -> Response:
    """The search page's list as CSV (raw numbers, one row per event)."""
    with request.app.state.store.read() as con:
        found = queries.search_events(con, f)["events"]
    return _csv(found, "events.csv")


@router.get("/documents.csv", include_in_schema=False)
def documents_csv(request: Request, q: Text = None, limit: Limit = 50, offset: Offset = 0) -> Response:
    """The documents page's list as CSV."""
    with request.app.state.store.read() as con:
        found = queries.list_documents(con, q=q, limit=limit, offset=offset)["documents"]
    return _csv(found, "documents.csv")


def _csv(rows: list[dict[str, Any]], name: str) -> Response:
    import csv
    import io

    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), extrasaction="ignore")
        writer.writeheader()
        writer.writerows({k: (" ".join(map(str, v)) if isinstance(v, list) else v) for k, v in r.items()}
                         for r in rows)
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@_twin("/network", "network.html")
def network(request: Request, since: Since = None, until: Until = None,
            min_events: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
            dataset: ViewDataset = "entente") -> dict[str, Any]:
    """The country network."""
    since, until = window(since, until)
    return dataset_view(request, dataset, lambda con, chosen: _analytics().network(
        con, since=since, until=until, min_events=min_events, dataset=chosen))


def _decorate(template: str, data: dict[str, Any]) -> dict[str, Any]:
    """Server-rendered SVG for the HTML pages (the JSON twin carries the data only)."""
    if template == "dyad.html":
        a, b, dataset = data["a"], data["b"], data["dataset"]
        link = f"/search?a={a}&b={b}" + (f"&dataset={dataset}" if dataset != "all" else "")
        return {"chart": svg.series_chart(data["series"], a, b, granularity=data["query"]["granularity"], link=link),
                "map": svg.place_map(data["places"])}
    if template == "network.html":
        return {"graph": svg.network_graph(data)}
    return {}
