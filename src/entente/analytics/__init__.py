"""Dyad analytics over the store: pure functions from a DuckDB connection to JSON-ready data.

Definitions of every measure and the verdict rules: ``docs/measures.md``.
"""

from entente.analytics.character import character, event_domain
from entente.analytics.ledger import deals_ledger, quotes_about
from entente.analytics.network import network, overview
from entente.analytics.series import dyad_events, dyad_series
from entente.analytics.verdict import VERDICTS, load_thresholds, verdict
from entente.analytics.view import DyadQuery, DyadView, EmptyDyad, dyad_view

__all__ = ["VERDICTS", "DyadQuery", "DyadView", "EmptyDyad", "character", "deals_ledger", "dyad_events",
           "dyad_series", "dyad_view", "event_domain", "load_thresholds", "network", "overview", "quotes_about",
           "verdict"]
