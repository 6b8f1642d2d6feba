"""The one-page brief: self-contained HTML with chart, map, sources; PDF through Chromium."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from entente.cli.brief import brief_cli
from entente.cli.dyad import dyad
from entente.report import find_chromium, render_brief

from tests.conftest import sample_plus

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def db(sample_db, tmp_path_factory) -> Path:
    return sample_plus(sample_db, tmp_path_factory.mktemp("brief"),
                       {"id": "brief-xss", "published": "2024-05-06", "title": "<script>alert(1)</script>",
                        "text": "<b>The United States pledged $1 billion in aid to Pakistan on Monday.</b>"})


@pytest.fixture(scope="module")
def html(db) -> str:
    return render_brief(dyad(db, "USA", "PAK"))


def test_brief_is_self_contained(html):
    assert html.startswith("<!doctype html>")
    assert not re.search(r"<(script|link|img|iframe)\b", html)
    loaded = html.replace('xmlns="http://www.w3.org/2000/svg"', "").replace('href="http', "")
    assert "http://" not in loaded and "src=" not in loaded


def test_brief_has_verdict_measures_chart_map(html):
    assert "Verdict:" in html and "warmth" in html and "Change" in html
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart"' in html and "<polyline" in html
    assert 'class="map"' in html and 'class="place"' in html and 'class="land"' in html


def test_brief_claims_carry_sources(html):
    assert html.count("Source:") >= 3
    assert "doc usa-pak-" in html and "https://example.org/entente-sample/" in html


def test_brief_escapes_article_text(html):
    assert "<script>alert(1)</script>" not in html
    assert "<b>The United States pledged" not in html


def test_brief_window_is_respected(db):
    html = render_brief(dyad(db, "usa", "pak", since="2018", until="2019"))
    assert "window 2018 to 2019" in html


def test_brief_cli_writes_html(db, tmp_path):
    out = tmp_path / "brief.html"
    result = CliRunner().invoke(brief_cli, ["USA", "PAK", "--db", str(db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Verdict:" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("args, words", [
    (["USA", "USA"], "two different"),
    (["USA", "PAK", "--since", "last year"], "not an ISO date"),
])
def test_brief_cli_rejects_bad_input(db, tmp_path, args, words):
    result = CliRunner().invoke(brief_cli, [*args, "--db", str(db), "-o", str(tmp_path / "b.html")])
    assert result.exit_code != 0 and words in result.output


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_brief_cli_prints_one_pdf_page(db, tmp_path, paper):
    if find_chromium() is None:
        pytest.skip("Chromium is not installed (scripts/install_browser.sh installs it)")
    pdf = tmp_path / "brief.pdf"
    result = CliRunner().invoke(brief_cli, ["USA", "PAK", "--db", str(db), "-o", str(tmp_path / "b.html"),
                                            "--pdf", str(pdf), "--paper", paper])
    assert result.exit_code == 0, result.output
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page[^s]", data)) == 1


def test_brief_tells_the_period_story_and_colours_change_by_meaning(db, html):
    periods = dyad(db, "USA", "PAK")["verdict"]["periods"]
    assert len(periods) == 2
    for p in periods:
        assert f"<li>{p['since']} to {p['until']}: <b>{p['verdict']}</b>, {p['events']} events" in html
    rows = dict(re.findall(r"<td[^>]*>(volatility|warmth)</td>.*?<span class=\"(\w*)\">", html, re.S))
    assert rows.get("volatility") == "cooling" and rows.get("warmth") == "warming"


def test_brief_says_so_when_a_list_is_empty(sample_db, tmp_path_factory):
    view = dyad(sample_db, "PAK", "AFG")
    page = render_brief({**view, "deals": [], "quotes": []})
    assert "No deals in the window." in page and "<li>No deals" not in page and "<ol>" not in page
