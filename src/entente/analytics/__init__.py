"""Dyad analytics over the store: pure functions from a DuckDB connection to JSON-ready data.

Definitions of every measure and the verdict rules: ``docs/measures.md``.
"""

from entente.analytics.character import character, event_domain
from entente.analytics.ledger import deals_ledger, quotes_about
from entente.analytics.network import network, overview
from entente.analytics.series import dyad_events, dyad_series
from entente.analytics.summary import dyad_summary
from entente.analytics.verdict import VERDICTS, load_thresholds, verdict

__all__ = ["VERDICTS", "character", "deals_ledger", "dyad_events", "dyad_series", "dyad_summary", "event_domain", "load_thresholds",
           "network", "overview", "quotes_about", "verdict"]
