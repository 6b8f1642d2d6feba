"""The deals ledger (every A–B event with an amount) and who said what about whom."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterable, Sequence

import duckdb

from entente.analytics.series import bounds, check_pair, dyad_events, events_by_id, within
from entente.dictionary import default_dictionary
from entente.store import dyads as store_dyads
from entente.store import period_start

STATUSES = ("announced", "signed", "disbursed", "cancelled")
_CANCEL_WORDS = ("suspend", "cancel", "halt", "freez", "froze", "withdr", "scrap", "terminat", "revok", "block")
# Words of an evidence sentence that make money a commitment, not a payment (whole words).
_COMMITMENT_RE = re.compile(r"\b(?:signed|memorandum|mou|framework agreement)\b", re.IGNORECASE)
_SIGN_WORDS = ("sign", "agreement", "conclud", "approv", "memorand", "understanding", "accord", "treaty")

# Stance words of quotes (matched as word starts, case-insensitive); documented in docs/measures.md.
COOPERATIVE_WORDS = ("thank", "grateful", "appreciat", "partner", "friend", "ally", "allies", "alliance",
                     "support", "welcom", "cooperat", "collaborat", "help", "peace", "agree", "deal",
                     "together", "sorry", "strengthen", "mediat", "praise", "commend", "invest", "trust")
CONFLICTUAL_WORDS = ("terror", "lie", "lies", "deceit", "accus", "threat", "sanction", "war", "betray",
                     "fight", "attack", "condemn", "concern", "reject", "hostil", "aggress", "punish",
                     "tariff", "foolish", "enemy", "enemies", "blame", "warn", "violat")
_COOP_RE = re.compile(r"\b(?:" + "|".join(COOPERATIVE_WORDS) + r")", re.IGNORECASE)
_CONFLICT_RE = re.compile(r"\b(?:" + "|".join(CONFLICTUAL_WORDS) + r")", re.IGNORECASE)


def deal_status(event: dict[str, Any]) -> str:
    """``cancelled``, ``announced``, ``signed`` or ``disbursed`` (rules in ``docs/measures.md``)."""
    cameo, plover = event.get("cameo") or "", event.get("plover") or ""
    words = " ".join([event.get("trigger") or "", *(event.get("about") or [])]).lower()
    if cameo.startswith("16") or plover == "SANCTION" or any(w in words for w in _CANCEL_WORDS):
        return "cancelled"
    if event.get("modality") == "future" or plover == "AGREE" or cameo.startswith("03"):
        return "announced"
    if cameo.startswith("057") or (plover == "SUPPORT" and any(w in words for w in _SIGN_WORDS)):
        return "signed"
    if cameo[:2] in ("06", "07") or plover in ("AID", "COOPERATE"):
        # An approved loan or facility, or an investment set down in a signed memorandum, is a
        # commitment, not money paid out.
        committed = "approv" in words or bool(_COMMITMENT_RE.search(event.get("evidence") or ""))
        return "signed" if committed else "disbursed"
    return "announced"


def deals_ledger(con: duckdb.DuckDBPyConnection, a: str, b: str, *, since: str | None = None,
                 until: str | None = None, dataset: str | None = None,
                 sectors: Iterable[str] | None = None,
                 events: Sequence[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Every A–B event with an amount in US dollars, oldest first, with status and evidence.

    ``sectors`` (``("GOV", "MIL")``): only events whose two sides both have one of them. ``events``: the
    pair's events already fetched with ``dyad_events(lean=True)`` (the same dataset and sectors); only the
    priced ones in the window are then read in full.
    """
    keep = ("event_id", "date", "direction", "plover", "cameo", "amount_usd", "evidence", "doc_id", "url",
            "title", "reports")
    if events is None:
        priced = dyad_events(con, a, b, since=since, until=until, dataset=dataset, priced=True, sectors=sectors)
    else:
        priced = events_by_id(con, [e["event_id"] for e in within(events, since, until)
                                    if e["amount_usd"] is not None])
    return [{**{k: e[k] for k in keep}, "status": deal_status(e)} for e in priced]


@lru_cache(maxsize=256)
def _names_re(code: str) -> re.Pattern[str] | None:
    forms = sorted((f for f, (iso3, _) in default_dictionary().country_forms.items() if iso3 == code),
                   key=len, reverse=True)
    if not forms:
        return None
    return re.compile(r"(?<![\w.])(?:" + "|".join(map(re.escape, forms)) + r")(?!\w)")


def names_country(text: str, code: str, coded: list[str] | None = None) -> bool:
    """True when ``text`` names ``code`` (by the store's coding or a dictionary name, demonym, capital)."""
    if coded and code in coded:
        return True
    pattern = _names_re(code)
    return bool(pattern and pattern.search(text or ""))


def quote_stance(text: str, coded_quads: list[int]) -> tuple[str, str]:
    """``(stance, basis)``: from events coded inside the quote, else from the stance word lists."""
    coop = sum(q in (1, 2) for q in coded_quads)
    conflict = sum(q in (3, 4) for q in coded_quads)
    basis = "events"
    if not coop and not conflict:
        coop, conflict, basis = len(_COOP_RE.findall(text)), len(_CONFLICT_RE.findall(text)), "words"
    if coop > conflict:
        return "cooperative", basis
    if conflict > coop:
        return "conflictual", basis
    return "neutral", basis


def quotes_about(con: duckdb.DuckDBPyConnection, a: str, b: str, *, since: str | None = None,
                 until: str | None = None) -> list[dict[str, Any]]:
    """Quotes by a speaker of A about B, or of B about A, oldest first."""
    a, b = check_pair(a, b)
    start, end = bounds(since, until)
    found = store_dyads.quotes_by(con, a, b)
    out = []
    for q in found:
        other = b if q["speaker_country"] == a else a
        day = period_start(q["published"])
        if (start or end) and (day is None or (start and day < start) or (end and day >= end)):
            continue
        if not names_country(q["text"], other, q["countries"]):
            continue
        stance, basis = quote_stance(q["text"], q["quads"] or [])
        out.append({"speaker": q["speaker"], "speaker_country": q["speaker_country"], "about": other,
                    "text": q["text"], "stance": stance, "stance_basis": basis, "doc_id": q["doc_id"],
                    "url": q["url"], "title": q["title"], "date": q["published"]})
    return out
