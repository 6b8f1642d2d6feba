"""The dashboard in real headless Chromium (Debian's package, driven by Playwright's Python client).

The setup installs Chromium with scripts/install_browser.sh when it is missing
(as root, as in CI); it skips, saying why, only when that is impossible.
Screenshots go to test-output/.
"""

from __future__ import annotations

import socket
import subprocess
import threading
import time

import pytest

from entente.report import CHROMIUM_FLAGS, find_chromium
from entente.web import create_app
from tests.web.conftest import ROOT, XSS_ID

OUT = ROOT / "test-output"


def _chromium() -> str:
    found = find_chromium()
    if found is None:
        script = ROOT / "scripts" / "install_browser.sh"
        done = subprocess.run(["bash", str(script)], capture_output=True, text=True, timeout=900)
        found = find_chromium()
        if found is None:
            pytest.skip(f"Chromium is not installed and could not be installed: {done.stderr.strip()[-300:]}")
    return found


def _serve(app):
    """Serve ``app`` with uvicorn on a free loopback port, in a thread; yields its URL."""
    uvicorn = pytest.importorskip("uvicorn")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(100):
        if server.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def live_url(store):
    """The app served by uvicorn on a free loopback port, in a thread."""
    yield from _serve(create_app(store))


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")
    executable = _chromium()
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, headless=True, args=list(CHROMIUM_FLAGS))
        yield b
        b.close()


@pytest.fixture()
def page(browser, live_url):
    """A page that refuses (and records) every request leaving the local server."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    pg = context.new_page()
    pg.outside = []
    pg.dialogs = []
    pg.errors = []

    def guard(route):
        if route.request.url.startswith(live_url) or route.request.url.startswith("data:"):
            route.continue_()
        else:
            pg.outside.append(route.request.url)
            route.abort()

    pg.route("**/*", guard)
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    context.close()


def _shot(pg, name: str) -> None:
    OUT.mkdir(exist_ok=True)
    pg.screenshot(path=str(OUT / name), full_page=True)


def test_browser_dashboard_and_dyad_page(page, live_url):
    page.goto(live_url + "/")
    assert page.locator("table.pairs tbody tr").count() > 0
    _shot(page, "overview.png")
    page.locator("a.pair-link", has_text="PAK – USA").first.click()
    page.wait_for_load_state()
    assert "/dyad/" in page.url
    assert page.locator("svg.chart circle.point").count() > 0
    assert page.locator("svg.chart polyline.line").count() > 0
    assert page.locator("svg.map circle.place").count() > 0
    box = page.locator("svg.map").bounding_box()
    assert box and box["width"] > 100 and box["height"] > 50
    assert page.locator(".verdict-word").inner_text().strip()
    _shot(page, "dyad.png")
    assert page.outside == [] and page.errors == []


def test_browser_click_event_highlights_evidence(page, live_url):
    page.goto(live_url + "/dyad/USA/PAK")
    link = page.locator("a.event-link").first
    evidence = link.inner_text().strip()
    link.click()
    page.wait_for_load_state()
    mark = page.locator("mark#mark")
    assert mark.count() >= 1 and mark.first.is_visible()
    assert mark.first.inner_text().strip() == evidence
    assert "?event=" in page.url
    _shot(page, "evidence.png")
    assert page.outside == []


def test_browser_stored_xss_renders_as_text(page, live_url):
    page.goto(f"{live_url}/documents/{XSS_ID}")
    text = page.locator("#text").inner_text()
    assert "<script>window.__xss = 1; alert('xss')</script>" in text
    assert '<iframe src="javascript:alert(3)"></iframe>' in text
    assert page.locator("h1").inner_text().startswith("<img src=x")
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("#text script, #text iframe, h1 img").count() == 0
    page.goto(f"{live_url}/search?q=billion")
    assert page.evaluate("typeof window.__xss") == "undefined"
    _shot(page, "xss.png")
    assert page.dialogs == []


def test_browser_network_and_search(page, live_url):
    page.goto(live_url + "/network")
    assert page.locator("svg.network circle.node").count() >= 3
    assert page.locator("svg.network line.edge").count() >= 2
    _shot(page, "network.png")
    page.goto(live_url + "/search")
    page.fill("input[name=q]", "billion")
    page.click("form.search button")
    page.wait_for_load_state()
    assert "q=billion" in page.url and page.locator("table.events tbody tr").count() > 0
    assert page.outside == []


def test_browser_chart_point_opens_its_periods_events_and_the_form_changes_the_view(page, live_url):
    page.goto(live_url + "/dyad/USA/PAK")
    page.locator("svg.chart circle.point").last.click()  # drawn last: on top
    page.wait_for_load_state()
    assert "/search?" in page.url and "since=" in page.url and "until=" in page.url
    assert page.locator("table.events tbody tr").count() > 0
    page.goto(live_url + "/dyad/USA/PAK")
    whole = page.locator(".verdict-reason").inner_text()
    page.fill("input[name=since]", "2018")
    page.locator("form.view-form button").click()
    page.wait_for_load_state()
    assert "since=2018" in page.url and page.locator(".verdict-reason").inner_text() != whole
    page.locator("a.brief-link").click()
    page.wait_for_load_state()
    assert "/brief?" in page.url and "since=2018" in page.url and "Verdict:" in page.content()


def test_browser_search_marks_whole_words(page, live_url):
    page.goto(live_url + "/search?q=aid")
    marks = page.locator("table.events mark")
    assert marks.count() > 0
    assert {m.lower() for m in marks.all_inner_texts()} == {"aid"}


@pytest.fixture()
def writable_url(store_copy):
    """A writable server (token-gated corrections) over a private copy of the store."""
    app = create_app(store_copy, allow_writes=True, token="browser-test-token-0123456789")
    yield from _serve(app)
    app.state.store.close()


def test_browser_correction_flow(browser, writable_url):
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.goto(writable_url + "/dyad/USA/PAK")
    assert "0 analyst corrections applied" in page.locator(".corrections").inner_text()
    page.locator("table.top-events a").first.click()
    page.wait_for_load_state()
    event_id = page.url.split("event=")[1].split("#")[0]
    page.goto(f"{writable_url}/events/{event_id}")
    page.select_option("form.correction-form select[name=kind]", "not_event")
    page.fill("form.correction-form input[name=note]", "a rumour, never happened")
    page.fill("form.correction-form input[name=who]", "analyst-in-browser")
    page.fill("form.correction-form input[name=token]", "wrong-token")
    page.locator("form.correction-form button").click()
    page.wait_for_selector("text=Not recorded")
    page.fill("form.correction-form input[name=token]", "browser-test-token-0123456789")
    with page.expect_navigation():
        page.locator("form.correction-form button").click()
    listed = page.locator("ul.corrections").inner_text()
    assert "analyst-in-browser" in listed and "not event" in listed and "a rumour" in listed
    page.goto(writable_url + "/dyad/USA/PAK")
    assert "1 analyst correction applied" in page.locator(".corrections").inner_text()
    context.close()
