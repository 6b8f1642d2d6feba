"""The FastAPI app factory: JSON API, dashboard pages, security headers, error mapping.

The web layer is a thin skin over :mod:`entente.store.reads` and
:mod:`entente.analytics`; every HTML page has a ``.json`` twin served by the
same view function.
"""

from __future__ import annotations

import json
import hmac
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Iterable
from urllib.parse import parse_qsl, urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup, escape
from starlette.exceptions import HTTPException as StarletteHTTPException

from entente import __version__
from entente.store import StoreOutdated
from entente.web.db import BUSY, Store, StoreBusy, StoreMissing

# No inline scripts or styles anywhere: every script and sheet is a file under /static.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self';"
       " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "geolocation=(), camera=(), microphone=()",
}


def create_app(db_path: str | Path, *, allow_writes: bool = False, token: str | None = None,
               hosts: Iterable[str] | None = None) -> FastAPI:
    """Build the app over the store at ``db_path``.

    db_path (str | Path): the DuckDB store; fixed here, never taken from a request.
    allow_writes (bool): enable ``POST /api/ingest`` (then the app is the store's single writer).
    token (str): the bearer token write requests must carry; required with ``allow_writes``.
    hosts (iterable): the only ``Host`` names (without port) requests may carry (DNS rebinding: a page
        elsewhere cannot reach a loopback server under its own name); ``None``: any.
    RETURNS (FastAPI): the ASGI app.
    """
    if allow_writes and not token:
        raise ValueError("allow_writes needs a token (requests must send Authorization: Bearer <token>)")
    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        app.state.store.close()

    app = FastAPI(title="entente", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan,
                  openapi_url="/openapi.json",
                  description="Country-to-country event data with evidence, and per-pair relationship measures.")
    app.state.store = Store(db_path, writable=allow_writes)
    app.state.allow_writes = allow_writes
    app.state.token = token
    app.state.templates = _templates()

    from entente.web.api import router as api_router
    from entente.web.pages import router as page_router

    app.include_router(api_router)
    app.include_router(page_router)
    static = resources.files("entente.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    _install_handlers(app)
    app.add_middleware(DropEmptyFormFields)
    app.add_middleware(GuardRequests, hosts=frozenset(h.lower() for h in hosts) if hosts is not None else None,
                       token=token)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if request.url.path.startswith("/api") or request.url.path.endswith(".json"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    return app


LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
MAX_BODY = 60_000_000  # bytes: the largest ingest request (100 documents of 500,000 characters) fits


class GuardRequests:
    """Before a route reads anything: a ``Host`` outside ``hosts`` is refused (421); a body larger than
    :data:`MAX_BODY` is refused (413) by its ``Content-Length``, and a write without the right bearer
    token (401) before its body is read, so an unauthorised 100 MB upload costs the server nothing."""

    WRITES = ("/api/ingest", "/corrections")

    def __init__(self, app, hosts: frozenset[str] | None, token: str | None) -> None:
        self.app, self.hosts, self.token = app, hosts, token

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        host = headers.get("host", "").lower()
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        if self.hosts is not None and name not in self.hosts:
            allowed = ", ".join(sorted(self.hosts))
            await _refuse(send, 421, f"unknown host {host!r}: this server answers only to {allowed}")
            return
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > MAX_BODY:
            await _refuse(send, 413, f"request body of {int(length):,} bytes; at most {MAX_BODY:,}")
            return
        path = scope.get("path", "")
        if scope.get("method") == "POST" and path.endswith(self.WRITES) and self.token:
            scheme, _, given = headers.get("authorization", "").partition(" ")
            if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), self.token.encode()):
                await _refuse(send, 401, "a valid 'Authorization: Bearer <token>' header is required",
                              [(b"www-authenticate", b"Bearer")])
                return
        await self.app(scope, receive, send)


async def _refuse(send, status: int, message: str, extra: list[tuple[bytes, bytes]] | None = None) -> None:
    body = json.dumps({"error": message}).encode("utf-8")
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    headers += [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()] + (extra or [])
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class DropEmptyFormFields:
    """Pages: a search form sends every field, empty ones as ``name=``; those mean "no filter".

    The JSON API and the ``.json`` twins stay strict (an empty value there is a 422).
    """

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send):
        path = scope.get("path", "")
        if (scope["type"] == "http" and scope.get("query_string") and not path.startswith("/api")
                and not path.endswith(".json")):
            pairs = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
            scope = dict(scope, query_string=urlencode([(k, v) for k, v in pairs if v != ""]).encode("latin-1"))
        await self.app(scope, receive, send)


def _templates() -> Environment:
    folder = resources.files("entente.web") / "templates"
    # autoescape=True for every template: article text and titles are always escaped.
    env = Environment(loader=FileSystemLoader(str(folder)), autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["marked"] = marked
    env.filters["path_id"] = path_id
    return env


def path_id(value: str | None) -> str:
    """An id as one URL path segment, every reserved character escaped ("a/b" -> "a%2Fb", "./x" ->
    ".%2Fx"), so a browser neither splits it nor folds "./" away; the routes take the decoded id whole."""
    from urllib.parse import quote

    return quote(value or "", safe="")


def marked(text: str | None, q: str | None) -> Markup:
    """``text`` escaped, with every whole-word, any-case match of a word of the search ``q`` in ``<mark>``."""
    from entente.store.search import word_matcher

    text = text or ""
    found = word_matcher(q)
    if found is None:
        return escape(text)
    out, pos = [], 0
    for m in found.finditer(text):
        out += [escape(text[pos:m.start()]), Markup("<mark>"), escape(m.group()), Markup("</mark>")]
        pos = m.end()
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api") or path.endswith(".json") or path == "/openapi.json"


def error_response(request: Request, status: int, message: str, **extra) -> JSONResponse | HTMLResponse:
    """A JSON error ``{"error": message}`` for API/.json routes, an escaped HTML page otherwise."""
    headers = {"Retry-After": "2"} if status == 503 else None
    if _wants_json(request):
        return JSONResponse({"error": message, **extra}, status_code=status, headers=headers)
    html = request.app.state.templates.get_template("error.html").render(status=status, message=message)
    return HTMLResponse(html, status_code=status, headers=headers)


def _install_handlers(app: FastAPI) -> None:
    @app.exception_handler(StoreBusy)
    async def busy(request: Request, exc: StoreBusy):
        return error_response(request, 503, BUSY)

    @app.exception_handler(StoreMissing)
    async def missing(request: Request, exc: StoreMissing):
        return error_response(request, 503, str(exc))

    @app.exception_handler(StoreOutdated)
    async def outdated(request: Request, exc: StoreOutdated):
        return error_response(request, 503, str(exc).replace(str(request.app.state.store.path), "the store"))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        detail = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
                  for e in exc.errors()]
        summary = "; ".join(f"{'.'.join(str(p) for p in d['loc'])}: {d['msg']}" for d in detail)
        return error_response(request, 422, f"invalid request: {summary}", detail=detail)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else "error"
        response = error_response(request, exc.status_code, message)
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        return response
