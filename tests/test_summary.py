"""Summaries over extraction records."""

from entente.summary import format_summary, summarize


def test_summary_counts_money_by_unordered_pair():
    records = [
        {"countries": ["USA", "PAK"], "actors": [{"name": "Exim Bank", "country": "USA"}],
         "money": [{"usd": 1e9, "parties": ["USA", "PAK"]}]},
        {"countries": ["PAK", "USA"], "actors": [],
         "money": [{"usd": 2e9, "parties": ["PAK", "USA"]}, {"usd": 5.0, "parties": []}]},
    ]
    s = summarize(records)
    assert s["documents"] == 2
    pairs = {p: (n, usd) for p, n, usd in s["money_by_pair"]}
    assert pairs["PAK–USA"] == (2, 3e9)
    assert pairs["(no country)"] == (1, 5.0)
    assert "PAK–USA" in format_summary(s)
