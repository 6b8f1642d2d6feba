"""The README's sample figures are what the sample store gives now (they cannot drift unnoticed)."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from entente.analytics import DyadQuery, dyad_view

README = Path(__file__).resolve().parents[2] / "README.md"


def _paragraph() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("On the sample corpus (`make demo`), US–Pakistan")
    return " ".join(text[start:text.index("\n\n", start)].split())


def _number(pattern: str, text: str) -> float:
    found = re.search(pattern, text)
    assert found, pattern
    return float(found.group(1).replace("−", "-").replace("+", ""))


def test_readme_usa_pak_paragraph_matches_the_sample_store(sample_db):
    con = duckdb.connect(str(sample_db), read_only=True)
    try:
        view = dyad_view(con, DyadQuery("USA", "PAK", granularity="year"))
    finally:
        con.close()
    text = _paragraph()
    v = view.verdict
    m = v["measures"]
    assert f"comes out **{v['verdict']}**" in text
    assert _number(r"warmth ([\d.]+)\) but", text) == round(m["warmth"]["value"], 2)
    assert _number(r"breadth ([\d.]+) <", text) == round(m["breadth"]["value"], 2)
    assert _number(r"swing rate ([\d.]+)\)", text) == round(m["volatility"]["swing_rate"], 2)
    first, last = v["periods"]
    assert f"{first['since'][:4]}–{first['until'][:4]} is {first['verdict']}" in text
    assert f"{last['since'][:4]}–{last['until'][:4]} is {last['verdict']}" in text
    assert _number(r"is estranged \(warmth ([\d.]+)\)", text) == round(first["measures"]["warmth"]["value"], 2)
    last_warmth = round(last["measures"]["warmth"]["value"], 2)
    assert _number(r"is strategic spouses \(warmth ([\d.]+)\)", text) == last_warmth
    net = {r["period"][:4]: r["net_cooperation"] for r in view.series if r["direction"] == "USA<>PAK"}
    for year, written in re.findall(r"(\d{4}) \(([−+][\d.]+)\)", text):
        places = len(written.split(".")[1]) if "." in written else 0
        value = float(written.replace("−", "-").replace("+", ""))
        assert round(net[year], places) == value, (year, written, net[year])
    assert max(net, key=lambda y: net[y]) == re.search(r"peaks in (\d{4})", text).group(1)
