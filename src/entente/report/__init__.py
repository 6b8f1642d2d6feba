"""The analyst's brief: one self-contained HTML page per pair, and its PDF.

``render_brief`` reads the store through :mod:`entente.analytics` and renders
``templates/brief.html`` (Jinja2, autoescaped) with an inline SVG chart and
map, so the file opens anywhere with no network. ``print_pdf`` prints it with
headless Chromium.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import tempfile
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader

from entente.report import svg
from entente.settings import settings

CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars")


PAPERS = {"a4": "A4", "letter": "letter"}
# The brief's chart fills half the page's width (~90 mm): drawn 400 units wide, its 11-unit labels
# print at about 7 pt.
CHART_WIDTH, CHART_HEIGHT = 400, 230


def render_brief(view: dict[str, Any], paper: str = "a4") -> str:
    """A one-page analyst's note on a pair.

    view (dict): the dyad view as data (:meth:`entente.analytics.view.DyadView.to_dict`), the same the CLI
        and the dashboard render.
    paper (str): "a4" or "letter": the page it is laid out to print on, on one sheet.
    RETURNS (str): self-contained HTML: verdict, measures per period and their change, chart, map, deals,
        quotes, sources.
    """
    a, b, v = view["a"], view["b"], view["verdict"]
    data = {**view, "generated": date.today().isoformat()}
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {', '.join(PAPERS)}, not {paper!r}")
    data["top_deals"] = sorted(view["deals"], key=lambda d: -(d.get("amount_usd") or 0))[:3]
    data["top_quotes"] = view["quotes"][:3]
    data["measure_rows"] = _measure_rows(v)
    env = Environment(loader=FileSystemLoader(str(resources.files("entente.report") / "templates")), autoescape=True)
    chart = svg.series_chart(view["series"], a, b, width=CHART_WIDTH, height=CHART_HEIGHT,
                             granularity=view["query"]["granularity"])
    return env.get_template("brief.html").render(data=data, paper=PAPERS[paper], chart=chart,
                                                 map=svg.place_map(view["places"], width=660))


def _measure_rows(verdict: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per measure: its value in each verdict period, the change the verdict gives, and whether
    that change is warming or cooling (``data/measure_meaning.tsv``)."""
    periods = verdict.get("periods") or []
    toward = measure_meaning()
    rows = []
    for name, m in (verdict.get("measures") or {}).items():
        change = (verdict.get("change") or {}).get(name)
        way = toward.get(name, "none")
        meaning = "" if change in (None, 0) or way == "none" else (
            "warming" if (change > 0) == (way == "up") else "cooling")
        rows.append({"name": name, "values": [_value((p.get("measures") or {}).get(name)) for p in periods],
                     "value": _value(m), "change": change, "meaning": meaning,
                     "definition": m.get("definition") if isinstance(m, dict) else None})
    return rows


@lru_cache(maxsize=1)
def measure_meaning() -> dict[str, str]:
    """``{measure: "up" | "down" | "none"}``: which way a measure moves a pair toward soulmates."""
    text = (resources.files("entente") / "data" / "measure_meaning.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return {r["name"]: r["toward"] for r in csv.DictReader(lines, delimiter="\t")}


def _value(m: Any) -> Any:
    return m.get("value") if isinstance(m, dict) else m


def find_chromium() -> str | None:
    """The Chromium binary: ``$ENTENTE_CHROMIUM``, else chromium/chromium-browser/google-chrome on PATH."""
    env = settings().chromium
    if env and Path(env).exists():
        return env
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _run_chromium(args: list[str], timeout: int = 120) -> None:
    binary = find_chromium()
    if binary is None:
        raise RuntimeError("Chromium is not installed; run scripts/install_browser.sh (Debian: apt-get install"
                           " chromium) or set ENTENTE_CHROMIUM")
    with tempfile.TemporaryDirectory(prefix="entente-chromium-") as profile:
        cmd = [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"Chromium failed ({done.returncode}): {done.stderr[-800:]}")


def print_pdf(html: str | Path, pdf: str | Path) -> Path:
    """Print an HTML file to PDF with headless Chromium; RETURNS (Path): the PDF."""
    pdf = Path(pdf).resolve()
    pdf.parent.mkdir(parents=True, exist_ok=True)
    _run_chromium(["--no-pdf-header-footer", f"--print-to-pdf={pdf}", Path(html).resolve().as_uri()])
    if not pdf.exists() or pdf.stat().st_size == 0:
        raise RuntimeError(f"Chromium wrote no PDF at {pdf}")
    return pdf


def screenshot(url: str, png: str | Path, *, width: int = 1280, height: int = 1600) -> Path:
    """Save a PNG of ``url`` (a file or localhost page) with headless Chromium."""
    png = Path(png).resolve()
    png.parent.mkdir(parents=True, exist_ok=True)
    _run_chromium([f"--window-size={width},{height}", f"--screenshot={png}", url])
    return png
