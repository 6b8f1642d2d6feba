"""Server-side SVG: the dyad chart, the map of places and the network graph.

Every function returns :class:`markupsafe.Markup`; every piece of text that
comes from the store is escaped here, so templates may embed the result.
Colours are presentation attributes, not ``style=`` (the dashboard's CSP
forbids inline styles).
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Any, Iterable, Sequence

from markupsafe import Markup, escape

from entente.report.worldmap import world_path

COLOURS = {"A>B": "#1f6fb2", "B>A": "#d95f02", "A<>B": "#555555"}


def _f(v: float) -> str:
    return f"{v:.1f}"


def series_chart(series: Sequence[dict[str, Any]], a: str, b: str, *, value: str = "mean_goldstein",
                 width: int = 720, height: int = 260, granularity: str | None = None,
                 link: str | None = None) -> Markup:
    """Cooperation and conflict over time on a dated axis: mean Goldstein both ways and for the pair
    (dashed), event counts as bars against their own scale (right), gaps where nothing was reported.

    series (list): rows of ``dyad_series`` (period, direction, events, mean_goldstein...), the
        combined ``A<>B`` rows included when there are any.
    granularity (str): "year", "quarter" or "month" (default: read from the periods).
    link (str): a URL prefix (``/search?a=USA&b=PAK``) that every point and bar links to with its
        period's ``since``/``until`` added; ``None`` (the brief) for no links.
    RETURNS (Markup): an ``<svg>`` element.
    """
    rows = [{**r, "period": str(r["period"])[:10], "direction": _direction(r.get("direction"), a, b)}
            for r in series]
    periods = sorted({r["period"] for r in rows})
    left, right, top, bottom = 44, 40, 26, 42
    w, h = width - left - right, height - top - bottom
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {width} {height}"'
             f' width="{width}" height="{height}" aria-label="{escape(a)} and {escape(b)} over time">',
             f"<title>{escape(a)}–{escape(b)}: mean Goldstein weight and events by period</title>"]
    if not periods:
        parts.append(f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle" fill="#666">no events</text></svg>')
        return Markup("".join(parts))
    grain = granularity or _grain(periods)
    start = {p: date.fromisoformat(p) for p in periods}
    end = {p: _next(start[p], grain) for p in periods}
    t0, t1 = min(start.values()), max(end.values())
    span = max((t1 - t0).days, 1)

    def x(day: date) -> float:
        return left + w * (day - t0).days / span

    vals = [v for r in rows if (v := _num(r.get(value))) is not None]
    lo, hi = math.floor(min(vals + [-1.0])), math.ceil(max(vals + [1.0]))

    def y(v: float) -> float:
        return top + h * (hi - v) / (hi - lo)

    counts = [int(r.get("events") or 0) for r in rows if r["direction"] in ("A>B", "B>A")]
    cmax = _nice(max(counts + [1]))
    parts.append(f'<rect x="{left}" y="{top}" width="{w}" height="{h}" fill="#fafafa" stroke="#ccc"/>')
    for tick in _ticks(lo, hi):
        parts.append(f'<line x1="{left}" x2="{left + w}" y1="{_f(y(tick))}" y2="{_f(y(tick))}" stroke="#e3e3e3"/>'
                     f'<text x="{left - 4}" y="{_f(y(tick) + 4)}" text-anchor="end" font-size="11" fill="#444">'
                     f"{tick:g}</text>")
    parts.append(f'<line x1="{left}" x2="{left + w}" y1="{_f(y(0))}" y2="{_f(y(0))}" stroke="#888"/>')
    bar_top = top + h * 0.6  # bars use the lowest 40 % of the plot, on the right-hand scale
    for n in (0, cmax // 2, cmax) if cmax > 1 else (0, cmax):
        by = top + h - (h - (bar_top - top)) * n / cmax
        parts.append(f'<text x="{left + w + 4}" y="{_f(by + 4)}" font-size="10" fill="#777">{n}</text>')
    parts.append(f'<text x="{left + w + 4}" y="{_f(bar_top - 8)}" font-size="10" fill="#777">events</text>')
    for i, direction in enumerate(("A>B", "B>A")):
        colour = COLOURS[direction]
        by_period = {r["period"]: r for r in rows if r["direction"] == direction}
        for p, r in by_period.items():
            n = int(r.get("events") or 0)
            slot = max(x(end[p]) - x(start[p]), 2.0)
            bw, bh = slot * 0.38, (top + h - bar_top) * n / cmax
            bx = x(start[p]) + slot * 0.1 + i * bw
            parts.append(_linked(link, start[p], end[p],
                                 f'<rect class="bar" x="{_f(bx)}" y="{_f(top + h - bh)}" width="{_f(bw)}"'
                                 f' height="{_f(bh)}" fill="{colour}" fill-opacity="0.25"><title>{_when(p, grain)}'
                                 f" {escape(_label(direction, a, b))}: {n} events</title></rect>"))
    for direction in ("A<>B", "A>B", "B>A"):
        colour = COLOURS.get(direction, "#555")
        by_period = {r["period"]: r for r in rows if r["direction"] == direction}
        points = [(p, v) for p in periods if p in by_period and (v := _num(by_period[p].get(value))) is not None]
        mid = {p: (x(start[p]) + x(end[p])) / 2 for p, _ in points}
        for run in _runs(points, start, end):  # a line only across periods that follow each other
            if len(run) > 1:
                d = " ".join(f"{_f(mid[p])},{_f(y(v))}" for p, v in run)
                dash = ' stroke-dasharray="4 3"' if direction == "A<>B" else ""
                parts.append(f'<polyline class="line" points="{d}" fill="none" stroke="{colour}"'
                             f' stroke-width="{1.5 if direction == "A<>B" else 2}"{dash}/>')
        for p, v in points:
            who = "both ways" if direction == "A<>B" else _label(direction, a, b)
            parts.append(_linked(link, start[p], end[p],
                                 f'<circle class="point" cx="{_f(mid[p])}" cy="{_f(y(v))}"'
                                 f' r="{2.5 if direction == "A<>B" else 3.5}" fill="{colour}">'
                                 f"<title>{_when(p, grain)} {escape(who)}: mean Goldstein {v:.2f},"
                                 f" {int(by_period[p].get('events') or 0)} events</title></circle>"))
    for year in _year_ticks(t0, t1):
        tx = x(date(year, 1, 1))
        parts.append(f'<line x1="{_f(tx)}" x2="{_f(tx)}" y1="{top + h}" y2="{top + h + 4}" stroke="#888"/>'
                     f'<text x="{_f(tx)}" y="{top + h + 16}" text-anchor="middle" font-size="11" fill="#444">'
                     f"{year}</text>")
    legend = (("A>B", _label("A>B", a, b)), ("B>A", _label("B>A", a, b)), ("A<>B", "both ways"))
    for i, (direction, name) in enumerate(legend):
        lx = left + 6 + i * min(150, (width - left) // 3)
        swatch = COLOURS.get(direction, "#555")
        parts.append(f'<rect x="{lx}" y="{height - 13}" width="10" height="10" fill="{swatch}"/>'
                     f'<text x="{lx + 14}" y="{height - 4}" font-size="11">{escape(name)}</text>')
    title = (f"Mean Goldstein weight per {grain} (lines: +10 cooperation … −10 conflict) and events (bars,"
             " right scale)" if width >= 600 else "Mean Goldstein (+10 cooperation, −10 conflict); bars: events")
    parts.append(f'<text x="{left}" y="15" font-size="12" fill="#333">{escape(title)}</text></svg>')
    return Markup("".join(parts))


def _grain(periods: Sequence[str]) -> str:
    days = [p[5:10] for p in periods]
    if all(d == "01-01" for d in days):
        return "year"
    if all(d in ("01-01", "04-01", "07-01", "10-01") for d in days):
        return "quarter"
    return "month"


def _next(day: date, grain: str) -> date:
    """The first day of the period after the one starting on ``day``."""
    months = {"year": 12, "quarter": 3}.get(grain, 1)
    m = day.month - 1 + months
    return date(day.year + m // 12, m % 12 + 1, 1)


def _when(period: str, grain: str) -> str:
    day = date.fromisoformat(period)
    if grain == "year":
        return str(day.year)
    if grain == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    return period[:7]


Point = tuple[str, float]


def _runs(points: list[Point], start: dict[str, date], end: dict[str, date]) -> list[list[Point]]:
    """``points`` cut where a period is missing (the next point does not start where this one ends)."""
    runs: list[list[Point]] = []
    for p, v in points:
        if runs and end[runs[-1][-1][0]] == start[p]:
            runs[-1].append((p, v))
        else:
            runs.append([(p, v)])
    return runs


def _nice(n: int) -> int:
    """``n`` rounded up to 1, 2 or 5 times a power of ten (a scale's top)."""
    if n <= 2:
        return max(n, 1)
    power = 10 ** int(math.log10(n))
    return next(k * power for k in (1, 2, 5, 10) if k * power >= n)


def _year_ticks(t0: date, t1: date) -> list[int]:
    first, last = t0.year + (t0 > date(t0.year, 1, 1)), t1.year
    years = [y for y in range(first, last + 1) if date(y, 1, 1) <= t1]
    step = next(k for k in (1, 2, 5, 10, 20, 50) if len(years) / k <= 12)
    return [y for y in years if y % step == 0]


def _linked(link: str | None, since: date, end: date, element: str) -> str:
    """``element`` inside a link to the events of its period (``link`` + since/until), when asked."""
    if not link:
        return element
    until = end - timedelta(days=1)
    href = f"{link}&since={since.isoformat()}&until={until.isoformat()}"
    return f'<a href="{escape(href)}">{element}</a>'


def _direction(value: Any, a: str, b: str) -> str:
    """``"USA>PAK"``, ``"A>B"`` or ``"USA<>PAK"`` -> ``"A>B"``/``"B>A"``/``"A<>B"``."""
    value = str(value or "")
    if "<>" in value:
        return "A<>B"
    return "B>A" if value in ("B>A", f"{b}>{a}") else "A>B"


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
