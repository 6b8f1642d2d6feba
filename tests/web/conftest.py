"""Web fixtures: the sample store plus one hostile article, and an in-process httpx client."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import httpx
import pytest

from entente.web import create_app

from tests.conftest import sample_plus

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample" / "corpus.jsonl"
XSS_ID = "xss-probe"
XSS_SCRIPT = "<script>window.__xss = 1; alert('xss')</script>"
XSS_TITLE = "<img src=x onerror=\"window.__xss=2\">Aid <b>pledged</b>"
HOSTILE = {
    "id": XSS_ID,
    "title": XSS_TITLE,
    "published": "2024-05-06",
    "url": "https://example.org/hostile",
    "source": "<svg onload=alert(1)>",
    "text": (f"{XSS_SCRIPT} The United States pledged $1 billion in aid to Pakistan on Monday, officials in "
             "Islamabad said. <iframe src=\"javascript:alert(3)\"></iframe> Pakistan welcomed the aid."),
}


class Client:
    """A small synchronous face over ``httpx.AsyncClient(transport=ASGITransport(app))``."""

    def __init__(self, app) -> None:
        self.app = app

    def request(self, method: str, url: str, **kw) -> httpx.Response:
        async def go() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
                return await c.request(method, url, **kw)
        return asyncio.run(go())

    def get(self, url: str, **kw) -> httpx.Response:
        return self.request("GET", url, **kw)

    def post(self, url: str, **kw) -> httpx.Response:
        return self.request("POST", url, **kw)


@pytest.fixture(scope="session")
def store(sample_db, tmp_path_factory) -> Path:
    """The sample store plus one article full of markup."""
    return sample_plus(sample_db, tmp_path_factory.mktemp("webstore"), HOSTILE)


@pytest.fixture(scope="session")
def app(store):
    return create_app(store)


@pytest.fixture()
def client(app) -> Client:
    return Client(app)


@pytest.fixture()
def store_copy(store, tmp_path) -> Path:
    """A private copy of the store (for tests that write or lock it)."""
    copy = tmp_path / "copy.duckdb"
    shutil.copy(store, copy)
    return copy
