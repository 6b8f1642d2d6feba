"""Server-side SVG: the dyad chart, the map of places and the network graph.

Every function returns :class:`markupsafe.Markup`; every piece of text that
comes from the store is escaped here, so templates may embed the result.
Colours are presentation attributes, not ``style=`` (the dashboard's CSP
forbids inline styles).
"""

from __future__ import annotations

import math
from typing import Any, Iterable, Sequence

from markupsafe import Markup, escape

from entente.report.worldmap import world_path

COLOURS = {"A>B": "#1f6fb2", "B>A": "#d95f02"}


def _f(v: float) -> str:
    return f"{v:.1f}"


def series_chart(series: Sequence[dict[str, Any]], a: str, b: str, *, value: str = "mean_goldstein",
                 width: int = 720, height: int = 260) -> Markup:
    """Cooperation/conflict over time in both directions, with event counts as bars.

    series (list): rows of ``dyad_series`` (period, direction, events, mean_goldstein...).
    RETURNS (Markup): an ``<svg>`` element.
    """
    series = [{**r, "period": str(r["period"]), "direction": _direction(r.get("direction"), a, b)} for r in series]
    periods = sorted({r["period"] for r in series})
    labels = _period_labels(periods)
    left, right, top, bottom = 44, 12, 24, 40
    w, h = width - left - right, height - top - bottom
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {width} {height}"'
             f' width="{width}" height="{height}" aria-label="{escape(a)} and {escape(b)} over time">',
             f"<title>{escape(a)}–{escape(b)}: {escape(value)} by period and direction</title>"]
    if not periods:
        parts.append(f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle" fill="#666">no events</text></svg>')
        return Markup("".join(parts))
    vals = [v for r in series if (v := _num(r.get(value))) is not None]
    lo, hi = min(vals + [-1.0]), max(vals + [1.0])
    lo, hi = math.floor(lo), math.ceil(hi)
    counts = [int(r.get("events") or 0) for r in series]
    cmax = max(counts + [1])
    step = w / len(periods)
    x = {p: left + step * (i + 0.5) for i, p in enumerate(periods)}

    def y(v: float) -> float:
        return top + h * (hi - v) / (hi - lo)

    parts.append(f'<rect x="{left}" y="{top}" width="{w}" height="{h}" fill="#fafafa" stroke="#ccc"/>')
    for tick in _ticks(lo, hi):
        parts.append(f'<line x1="{left}" x2="{left + w}" y1="{_f(y(tick))}" y2="{_f(y(tick))}" stroke="#e3e3e3"/>'
                     f'<text x="{left - 4}" y="{_f(y(tick) + 4)}" text-anchor="end" font-size="10" fill="#555">'
                     f"{tick:g}</text>")
    parts.append(f'<line x1="{left}" x2="{left + w}" y1="{_f(y(0))}" y2="{_f(y(0))}" stroke="#888"/>')
    bar = max(step * 0.35, 1.0)
    for i, direction in enumerate(("A>B", "B>A")):
        rows = {str(r["period"]): r for r in series if r.get("direction") == direction}
        colour = COLOURS[direction]
        for p, r in rows.items():
            bh = h * 0.3 * int(r.get("events") or 0) / cmax
            bx = x[p] - bar + i * bar
            parts.append(f'<rect class="bar" x="{_f(bx)}" y="{_f(top + h - bh)}" width="{_f(bar)}" height="{_f(bh)}"'
                         f' fill="{colour}" fill-opacity="0.18">'
                         f'<title>{escape(labels[p])} {escape(_label(direction, a, b))}:'
                         f' {int(r.get("events") or 0)} events</title></rect>')
        pts = [(x[p], y(v)) for p in periods if p in rows and (v := _num(rows[p].get(value))) is not None]
        if len(pts) > 1:
            d = " ".join(f"{_f(px)},{_f(py)}" for px, py in pts)
            parts.append(f'<polyline class="line" points="{d}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for p in periods:
            if p in rows and (v := _num(rows[p].get(value))) is not None:
                parts.append(f'<circle class="point" cx="{_f(x[p])}" cy="{_f(y(v))}" r="3.5" fill="{colour}">'
                             f"<title>{escape(labels[p])} {escape(_label(direction, a, b))}: {v:.2f}</title></circle>")
    every = max(1, len(periods) // 8)
    for i, p in enumerate(periods):
        if i % every == 0:
            parts.append(f'<text x="{_f(x[p])}" y="{top + h + 14}" text-anchor="middle" font-size="10"'
                         f' fill="#555">{escape(labels[p])}</text>')
    for i, direction in enumerate(("A>B", "B>A")):
        lx = left + 10 + i * 160
        parts.append(f'<rect x="{lx}" y="{height - 14}" width="10" height="10" fill="{COLOURS[direction]}"/>'
                     f'<text x="{lx + 14}" y="{height - 5}" font-size="11">{escape(_label(direction, a, b))}</text>')
    parts.append(f'<text x="{left}" y="14" font-size="11" fill="#333">{escape(value)} (line) and events (bars);'
                 " above 0 = cooperation, below 0 = conflict</text></svg>")
    return Markup("".join(parts))


def _direction(value: Any, a: str, b: str) -> str:
    """``"USA>PAK"`` or ``"A>B"`` -> ``"A>B"``/``"B>A"``."""
    value = str(value or "")
    return "B>A" if value in ("B>A", f"{b}>{a}") else "A>B"


def _period_labels(periods: Sequence[str]) -> dict[str, str]:
    """Shortest honest label: ``2006`` for whole years, ``2006-03`` for months, else the day."""
    days = {p: p[:10] for p in periods}
    if all(d.endswith("-01-01") for d in days.values()):
        return {p: d[:4] for p, d in days.items()}
    if all(d.endswith("-01") for d in days.values()):
        return {p: d[:7] for p, d in days.items()}
    return days


def _label(direction: str, a: str, b: str) -> str:
    return f"{a} → {b}" if direction == "A>B" else f"{b} → {a}"


def _num(v: Any) -> float | None:
    if v is None:
        return None
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) or math.isinf(f) else f


def _ticks(lo: float, hi: float) -> list[float]:
    span = hi - lo
    step = 1 if span <= 4 else 2 if span <= 10 else 5
    first = math.ceil(lo / step) * step
    return [first + i * step for i in range(int((hi - first) // step) + 1)]


def place_map(places: Iterable[dict[str, Any]], *, width: int = 720, outline: bool = True) -> Markup:
    """Event places as circles on the world's country outlines (equirectangular).

    places (iterable): dicts with ``name``, ``lat``, ``lon`` and a ``count``.
    RETURNS (Markup): an ``<svg>`` element; the outline is a graticule when no outline package is installed.
    """
    height = width // 2
    pts = [p for p in places if _num(p.get("lat")) is not None and _num(p.get("lon")) is not None]
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="map" role="img" viewBox="0 0 360 180"'
             f' width="{width}" height="{height}" aria-label="map of event places">',
             "<title>Places named in the reports</title>",
             '<rect x="0" y="0" width="360" height="180" fill="#eef4f8"/>']
    for meridian in range(-180, 181, 30):
        parts.append(f'<line x1="{meridian + 180}" x2="{meridian + 180}" y1="0" y2="180" stroke="#d5e0e8"'
                     ' stroke-width="0.3"/>')
    for parallel in range(-90, 91, 30):
        parts.append(f'<line x1="0" x2="360" y1="{90 - parallel}" y2="{90 - parallel}" stroke="#d5e0e8"'
                     ' stroke-width="0.3"/>')
    d = world_path() if outline else ""
    if d:
        parts.append(f'<path class="land" d="{d}" fill="#dcd6c8" stroke="#9a9384" stroke-width="0.15"'
                     ' fill-rule="evenodd"/>')
    cmax = max([int(p.get("count") or 1) for p in pts] + [1])
    for p in pts:
        # pts keeps the rows whose lat and lon _num reads as finite numbers
        lat, lon, n = float(p["lat"]), float(p["lon"]), int(p.get("count") or 1)
        r = 1.2 + 2.8 * math.sqrt(n / cmax)
        parts.append(f'<circle class="place" cx="{_f(lon + 180)}" cy="{_f(90 - lat)}" r="{r:.2f}" fill="#c0392b"'
                     f' fill-opacity="0.75" stroke="#fff" stroke-width="0.3"><title>{escape(p.get("name") or "")}'
                     f" ({n})</title></circle>")
    parts.append("</svg>")
    return Markup("".join(parts))


def network_graph(network: dict[str, Any], *, size: int = 640) -> Markup:
    """Countries on a circle, edges weighted by events and coloured by mean Goldstein.

    network (dict): ``{"nodes": [{"id","events"}], "edges": [{"source","target","events","mean_goldstein"}]}``.
    RETURNS (Markup): an ``<svg>`` element with links to each node's events and each edge's dyad page.
    """
    nodes = sorted(network.get("nodes", []), key=lambda n: -int(n.get("events") or 0))
    c, radius = size / 2, size / 2 - 60
    pos = {}
    for i, n in enumerate(nodes):
        angle = 2 * math.pi * i / max(len(nodes), 1) - math.pi / 2
        pos[n["id"]] = (c + radius * math.cos(angle), c + radius * math.sin(angle))
    emax = max([int(e.get("events") or 0) for e in network.get("edges", [])] + [1])
    nmax = max([int(n.get("events") or 0) for n in nodes] + [1])
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="network" role="img" viewBox="0 0 {size} {size}"'
             f' width="{size}" height="{size}" aria-label="country network">', "<title>Country network</title>"]
    for e in network.get("edges", []):
        if e["source"] not in pos or e["target"] not in pos:
            continue
        (x1, y1), (x2, y2) = pos[e["source"]], pos[e["target"]]
        g = _num(e.get("mean_goldstein")) or 0.0
        colour = "#1a9850" if g > 0.5 else "#d73027" if g < -0.5 else "#888888"
        wid = 0.8 + 6 * int(e.get("events") or 0) / emax
        href = f"/dyad/{escape(e['source'])}/{escape(e['target'])}"
        parts.append(f'<a href="{href}"><line class="edge" x1="{_f(x1)}" y1="{_f(y1)}" x2="{_f(x2)}" y2="{_f(y2)}"'
                     f' stroke="{colour}" stroke-opacity="0.6" stroke-width="{wid:.1f}"><title>{escape(e["source"])}'
                     f' – {escape(e["target"])}: {int(e.get("events") or 0)} events, mean Goldstein {g:.2f}</title>'
                     "</line></a>")
    for n in nodes:
        x, y = pos[n["id"]]
        r = 6 + 16 * math.sqrt(int(n.get("events") or 0) / nmax)
        href = f"/search?country={escape(n['id'])}"
        parts.append(f'<a href="{href}"><circle class="node" cx="{_f(x)}" cy="{_f(y)}" r="{r:.1f}" fill="#34495e">'
                     f"<title>{escape(n['id'])}: {int(n.get('events') or 0)} events</title></circle>"
                     f'<text x="{_f(x)}" y="{_f(y - r - 4)}" text-anchor="middle" font-size="12">'
                     f"{escape(n['id'])}</text></a>")
    parts.append("</svg>")
    return Markup("".join(parts))
