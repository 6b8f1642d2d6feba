"""The dyad chart on a dated axis (entente.report.svg.series_chart)."""

from __future__ import annotations

import re

from entente.report.svg import series_chart


def _row(period: str, direction: str, events: int, mean: float | None) -> dict:
    return {"period": period, "direction": direction, "events": events, "mean_goldstein": mean}


SERIES = [
    _row("2010-01-01", "USA>PAK", 2, 3.0), _row("2010-01-01", "PAK>USA", 1, 1.0),
    _row("2011-01-01", "USA>PAK", 4, -5.0), _row("2011-01-01", "PAK>USA", 0, None),
    # nothing in 2012-2017: a gap
    _row("2018-01-01", "USA>PAK", 1, 2.0), _row("2018-01-01", "PAK>USA", 3, 4.0),
    _row("2019-01-01", "USA>PAK", 2, 1.0), _row("2019-01-01", "PAK>USA", 2, 2.0),
]


def _points(svg: str) -> list[tuple[float, str]]:
    found = re.findall(r'<circle class="point" cx="([\d.]+)"[^>]*><title>([^<]*)', svg)
    return [(float(x), title) for x, title in found]


def test_chart_spaces_periods_by_their_dates_and_breaks_lines_at_gaps():
    svg = str(series_chart(SERIES, "USA", "PAK", width=720, granularity="year"))
    xs = {title.split(" ")[0]: x for x, title in _points(svg) if "USA → PAK" in title}
    assert set(xs) == {"2010", "2011", "2018", "2019"}
    one_year = xs["2011"] - xs["2010"]
    assert abs((xs["2018"] - xs["2011"]) - 7 * one_year) < 1.0  # seven years apart, not one slot
    usa_lines = [line for line in re.findall(r'<polyline class="line" points="([^"]+)"[^>]*stroke="#1f6fb2"', svg)]
    assert len(usa_lines) == 2 and all(len(line.split()) == 2 for line in usa_lines)  # 2010-11 and 2018-19


def test_chart_has_an_event_scale_readable_labels_and_links_on_the_page_only():
    page = str(series_chart(SERIES, "USA", "PAK", granularity="year", link="/search?a=USA&b=PAK"))
    assert "mean_goldstein" not in page and "Mean Goldstein weight per year" in page
    assert ">events</text>" in page and re.search(r">[1-9]\d*</text>", page)
    links = re.findall(r'<a href="([^"]+)"><circle', page)
    assert "/search?a=USA&amp;b=PAK&amp;since=2018-01-01&amp;until=2018-12-31" in links
    brief = str(series_chart(SERIES, "USA", "PAK", granularity="year"))
    assert "<a " not in brief and brief.count('class="point"') == page.count('class="point"')
