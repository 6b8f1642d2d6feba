"""Analytics fixtures: small hand-made stores whose measures can be computed by hand,
and one real store ingested from the sample corpus once per session."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from entente.store import connect, derive_columns

ROOT = Path(__file__).resolve().parents[2]

_EVENT_DEFAULTS: dict[str, Any] = {
    "dataset": "entente", "cameo": "040", "plover": "CONSULT", "goldstein": 1.0, "quad_class": 1,
    "is_symmetric": False, "reports": 1, "about": [], "modality": "asserted",
}


def event(event_id: str, source: str, target: str, day: str, **fields: Any) -> dict[str, Any]:
    """An events row: ``day`` ISO; every other column from ``fields`` or the defaults."""
    row = {**_EVENT_DEFAULTS, "event_id": event_id, "source": source, "target": target, "date": day,
           "day": date.fromisoformat(day), "doc_id": f"doc-{event_id}", **fields}
    row.setdefault("root", (row["cameo"] or "")[:2])
    row.setdefault("evidence", f"Evidence sentence of {event_id}.")
    row.setdefault("evidence_start", 0)
    row.setdefault("evidence_end", 60)
    row.setdefault("url", f"https://example.org/{row['doc_id']}")
    return row


def build_store(path: Path, events: list[dict[str, Any]], *, mentions: list[tuple] = (),
                evidence: list[tuple] = (), quotes: list[dict[str, Any]] = (),
                published: dict[str, str] | None = None) -> Path:
    """A store at ``path`` with ``events``, one document per ``doc_id``, and extra rows."""
    con = connect(path)
    docs = sorted({e["doc_id"] for e in events if e["doc_id"]} | {q["doc_id"] for q in quotes})
    for doc in docs:
        con.execute("INSERT INTO documents (doc_id, content_hash, title, url, published, text)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    [doc, f"hash-{doc}", f"Title of {doc}", f"https://example.org/{doc}",
                     (published or {}).get(doc, "2020-01-01"), "text"])
    for e in events:
        cols = list(e)
        con.execute(f"INSERT INTO events ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                    [e[c] for c in cols])
    for m in mentions:  # (doc_id, kind, text, start, end, country)
        con.execute('INSERT INTO mentions (doc_id, kind, text, start, "end", country) VALUES (?, ?, ?, ?, ?, ?)',
                    list(m))
    for v in evidence:  # (event_id, doc_id, text, start, end)
        con.execute('INSERT INTO evidence VALUES (?, ?, ?, ?, ?)', list(v))
    for q in quotes:
        con.execute('INSERT INTO quotes (doc_id, speaker, speaker_country, text, start, "end", countries)'
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [q["doc_id"], q["speaker"], q["speaker_country"], q["text"], q.get("start", 0),
                     q.get("end", len(q["text"])), q.get("countries", [])])
    derive_columns(con)  # rows written by hand: the merged flag and country lists, as writers set them
    con.close()
    return path


def dyad_events_by_hand() -> list[dict[str, Any]]:
    """USA–PAK in 2020 (six events, one reported twice) plus India and China around them."""
    return [
        event("e1", "USA", "PAK", "2020-01-10", cameo="057", plover="SUPPORT", goldstein=8.0, is_symmetric=True,
              about=["defence"], reports=2, cluster_id="e1"),
        event("e1b", "PAK", "USA", "2020-01-11", cameo="057", plover="SUPPORT", goldstein=8.0, is_symmetric=True,
              about=["defence"], reports=2, cluster_id="e1"),
        event("e2", "PAK", "USA", "2020-01-20", cameo="042", goldstein=1.9),
        event("e3", "USA", "PAK", "2020-03-05", cameo="163", plover="SANCTION", goldstein=-8.0, quad_class=4,
              about=["tariff"]),
        event("e4", "USA", "PAK", "2020-05-01", cameo="071", plover="AID", goldstein=7.4, quad_class=2,
              amount_usd=1e9, trigger="assistance"),
        event("e5", "PAK", "USA", "2020-05-15", cameo="061", plover="COOPERATE", goldstein=6.4, quad_class=2,
              trigger="sell", about=["oil"]),
        event("e6", "PAK", "USA", "2020-07-01", cameo="112", plover="ACCUSE", goldstein=-2.0, quad_class=3),
        event("e7", "IND", "PAK", "2020-02-01", cameo="195", plover="ASSAULT", goldstein=-10.0, quad_class=4),
        event("e8", "USA", "IND", "2020-02-02", cameo="057", plover="SUPPORT", goldstein=8.0),
        event("e9", "IND", "USA", "2020-04-01", cameo="042", goldstein=1.9),
        event("e10", "CHN", "PAK", "2020-06-01", cameo="071", plover="AID", goldstein=7.4, quad_class=2),
    ]


def build_dyad_store(path: Path) -> Path:
    """The hand-made store of :func:`dyad_events_by_hand` with mentions, evidence and quotes."""
    return build_store(
        path, dyad_events_by_hand(),
        mentions=[("doc-e3", "actor", "Beijing", 10, 17, "CHN"),     # a third country in e3's sentence
                  ("doc-e3", "actor", "Islamabad", 20, 29, "PAK"),   # a party, not a third country
                  ("doc-e4", "actor", "IMF", 5, 8, "IMF"),           # an organisation, not a country
                  ("doc-e4", "place", "Lahore", 200, 206, "PAK"),
                  ("doc-e1", "country", "Afghanistan", None, None, "AFG")],  # named in the document only
        evidence=[("e3", "doc-e3", "Evidence sentence of e3.", 0, 60),
                  ("e4", "doc-e4", "Evidence sentence of e4.", 0, 60)],
        quotes=[{"doc_id": "doc-e2", "speaker": "Donald Trump", "speaker_country": "USA",
                 "text": "Pakistan is a great partner and a friend"},
                {"doc_id": "doc-e3", "speaker": "Imran Khan", "speaker_country": "PAK",
                 "text": "We reject these lies", "countries": ["USA"]},
                {"doc_id": "doc-e8", "speaker": "Joe Biden", "speaker_country": "USA", "text": "India is a friend"},
                {"doc_id": "doc-e6", "speaker": "Imran Khan", "speaker_country": "PAK",
                 "text": "Washington keeps its promises", "start": 10, "end": 40}],
        published={"doc-e2": "2020-01-20", "doc-e3": "2020-03-05", "doc-e6": "2020-07-01"})


# Actor codes (source_code, target_code) for the events of dyad_events_by_hand; the others keep
# NULL, as rows of older versions and imported datasets do. With sectors GOV,MIL the USA–PAK
# dyad keeps e1 (and its second report e1b), e2 and e4: e3 names no PAK sector, e5's PAK side is
# business, e6 has no codes.
SECTOR_CODES = {"e1": ("USAGOV", "PAKGOV"), "e1b": ("PAKGOV", "USAGOV"), "e2": ("PAKMIL", "USAMIL"),
                "e3": ("USAGOV", "PAK"), "e4": ("USAGOV", "PAKMILGOV"), "e5": ("PAKBUS", "USAGOV"),
                "e7": ("INDMIL", "PAKMIL"), "e8": ("USAGOV", "INDGOV"), "e10": ("CHNGOV", "PAKGOV")}


def build_sector_store(path: Path) -> Path:
    """The events of :func:`dyad_events_by_hand` with :data:`SECTOR_CODES`, plus a domestic event (PAKMIL>PAKCOP)."""
    events = [{**e, **dict(zip(("source_code", "target_code"), SECTOR_CODES.get(e["event_id"], ())))}
              for e in dyad_events_by_hand()]
    events.append(event("e11", "PAK", "PAK", "2020-04-01", cameo="173", plover="ASSAULT", goldstein=-5.0,
                        quad_class=4, source_code="PAKMIL", target_code="PAKCOP"))
    return build_store(path, events)


@pytest.fixture(scope="session")
def sector_con(tmp_path_factory):
    import duckdb

    con = duckdb.connect(str(build_sector_store(tmp_path_factory.mktemp("sectors") / "sectors.duckdb")),
                         read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="session")
def dyad_db(tmp_path_factory) -> Path:
    return build_dyad_store(tmp_path_factory.mktemp("dyad") / "dyad.duckdb")


@pytest.fixture(scope="session")
def dyad_con(dyad_db):
    import duckdb

    con = duckdb.connect(str(dyad_db), read_only=True)
    yield con
    con.close()


