"""Money: find amounts in text and normalise them to US dollars.

Amounts are found with one regular expression over the text (spaCy's MONEY
label misses "Rs 500 crore" and "PKR 2 trillion" often enough that a rule is
both faster and more complete, see ``shared/reference/STACK.md`` section 5).
Conversion uses, in order: a dollar figure the text itself states next to the
amount ("Rs 500 crore (about $60 million)"), else the annual-average rate of
the year the text is dated to, from ``data/currency_rates.tsv``.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable

from entente.records import Money

SCALES: dict[str, float] = {
    "thousand": 1e3, "k": 1e3, "lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "million": 1e6,
    "millions": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6, "crore": 1e7, "crores": 1e7, "cr": 1e7,
    "billion": 1e9, "billions": 1e9, "bn": 1e9, "b": 1e9, "bln": 1e9, "trillion": 1e12,
    "tn": 1e12, "trn": 1e12,
}

# Written before the number. "RUPEE" and "YEN_OR_YUAN" need context to decide.
PREFIXES: dict[str, str] = {
    "US$": "USD", "U.S.$": "USD", "USD": "USD", "$": "USD", "€": "EUR", "EUR": "EUR", "£": "GBP",
    "GBP": "GBP", "₹": "INR", "INR": "INR", "PKR": "PKR", "Rs.": "RUPEE", "Rs": "RUPEE", "₨": "RUPEE",
    "CNY": "CNY", "RMB": "CNY", "¥": "YEN_OR_YUAN", "JPY": "JPY", "SAR": "SAR", "AED": "AED",
    "QAR": "QAR", "Tk": "BDT", "BDT": "BDT", "AFN": "AFN", "RUB": "RUB", "TRY": "TRY",
}
# Written after the number (lower-cased when matched).
SUFFIXES: dict[str, str] = {
    "us dollars": "USD", "u.s. dollars": "USD", "american dollars": "USD", "dollars": "USD",
    "dollar": "USD", "euros": "EUR", "euro": "EUR", "pounds sterling": "GBP", "pounds": "GBP",
    "sterling": "GBP", "pakistani rupees": "PKR", "pakistan rupees": "PKR", "indian rupees": "INR",
    "rupees": "RUPEE", "rupee": "RUPEE", "yuan": "CNY", "renminbi": "CNY", "yen": "JPY",
    "riyals": "SAR", "saudi riyals": "SAR", "dirhams": "AED", "dirham": "AED", "rubles": "RUB",
    "roubles": "RUB", "taka": "BDT", "afghanis": "AFN", "lira": "TRY", "liras": "TRY",
}
# Currencies that share a name; the country context decides.
AMBIGUOUS: dict[str, dict[str, str]] = {
    "RUPEE": {"PAK": "PKR", "IND": "INR"},
    "YEN_OR_YUAN": {"CHN": "CNY", "JPN": "JPY"},
}
# A different dollar: never read these as US dollars.
OTHER_DOLLARS = re.compile(
    r"(Australian|Canadian|Hong Kong|Singapore|New Zealand|Taiwan|Zimbabwean?|Namibian)\s+$"
)
HEDGES = ("more than", "over", "about", "around", "nearly", "almost", "some", "roughly",
          "approximately", "up to", "at least", "an estimated", "close to", "upwards of")

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:" + "|".join(sorted(map(re.escape, SCALES), key=len, reverse=True)) + r")\b"
_PREFIX = "|".join(sorted(map(re.escape, PREFIXES), key=len, reverse=True))
_SUFFIX = "|".join(sorted(map(re.escape, SUFFIXES), key=len, reverse=True))
# Every amount starts with a prefix's first character or a digit. Checking that first (a
# lookahead; it finds nothing new and loses nothing) spares the lookbehinds and the
# alternation at every other position: measured 2-3x faster over the sample corpus.
_FIRST = re.escape("".join(sorted({p[0] for p in PREFIXES})))
AMOUNT = re.compile(
    rf"(?=[{_FIRST}\d])(?:"
    rf"(?P<pre>(?<![A-Za-z])(?:{_PREFIX}))\s?(?P<num1>{_NUM})(?:\s?(?P<scale1>{_SCALE}))?"
    rf"|(?<![\w.$€£₹¥])(?P<num2>{_NUM})(?:\s?(?P<scale2>{_SCALE}))?\s(?P<suf>(?i:{_SUFFIX}))\b"
    r")"
)
HEDGE = re.compile(r"(?i)\b(?:" + "|".join(map(re.escape, HEDGES)) + r")\s+$")
STATED = re.compile(r"^\s*[(,–—-]?\s*(?:or\s+)?(?:about|around|roughly|approximately|nearly|some|"
                    r"equivalent to|worth|almost|over)?\s*$")


@dataclass(frozen=True, slots=True)
class RawAmount:
    """An amount as written: value in units of ``currency`` (maybe ambiguous)."""

    text: str
    start: int
    end: int
    value: float
    currency: str
    approximate: bool


def find_amounts(text: str) -> list[RawAmount]:
    """Every money amount in ``text``, in order, with its offsets."""
    found = []
    for m in AMOUNT.finditer(text):
        if m.group("pre") == "$" and OTHER_DOLLARS.search(text[max(0, m.start() - 30): m.start()]):
            continue
        num, scale = (m.group("num1"), m.group("scale1")) if m.group("pre") else (m.group("num2"), m.group("scale2"))
        code = PREFIXES[m.group("pre")] if m.group("pre") else SUFFIXES[m.group("suf").lower()]
        if not m.group("pre") and OTHER_DOLLARS.search(text[max(0, m.start() - 30): m.end() - len(m.group("suf"))]):
            continue
        value = float(num.replace(",", "")) * (SCALES[scale.lower()] if scale else 1.0)
        if value <= 0:
            continue
        start = m.start()
        hedge = HEDGE.search(text[max(0, start - 20): start])
        if hedge:
            start -= len(hedge.group(0))
        found.append(RawAmount(text[start: m.end()], start, m.end(), value, code, bool(hedge)))
    return found


@lru_cache(maxsize=1)
def annual_rates() -> dict[str, dict[int, float]]:
    """``{currency: {year: usd_per_unit}}`` from the packaged table."""
    table: dict[str, dict[int, float]] = {}
    path = resources.files("entente") / "data" / "currency_rates.tsv"
    with path.open(encoding="utf-8") as fh:
        lines = (line for line in fh if line.strip() and not line.startswith("#"))
        for row in csv.DictReader(lines, delimiter="\t"):
            table.setdefault(row["currency"], {})[int(row["year"])] = float(row["usd_per_unit"])
    return table


def resolve_currency(code: str, countries: Iterable[str]) -> str | None:
    """Decide an ambiguous currency from the countries around it (first wins).

    Returns ``None`` when the context does not say which one it is: a rupee in
    a text about neither Pakistan nor India is not converted on a guess.
    """
    options = AMBIGUOUS.get(code)
    if options is None:
        return code
    for country in countries:
        if country in options:
            return options[country]
    return None


def rate_for(currency: str, year: int | None) -> tuple[float, str] | None:
    """``(usd_per_unit, basis)`` for ``currency`` in ``year`` (nearest year known)."""
    if currency == "USD":
        return 1.0, "identity"
    years = annual_rates().get(currency)
    if not years:
        return None
    if year is None:
        year = max(years)
        return years[year], f"annual-average:{year} (undated text: latest year)"
    nearest = min(years, key=lambda y: (abs(y - year), -y))
    return years[nearest], f"annual-average:{nearest}"


def stated_usd(text: str, amount: RawAmount, following: list[RawAmount]) -> RawAmount | None:
    """A dollar figure the text gives right after a foreign amount, if any.

    "Rs 500 crore (about $60 million)" or "€300 million, or some $330 million".
    """
    if amount.currency == "USD" or not following:
        return None
    nxt = following[0]
    gap = text[amount.end: nxt.start]
    if nxt.currency == "USD" and len(gap) <= 25 and STATED.match(gap):
        return nxt
    return None


def to_money(raw: RawAmount, year: int | None, context: Iterable[str],
             stated: RawAmount | None = None) -> Money | None:
    """Convert ``raw`` to a :class:`~entente.records.Money` in US dollars.

    ``context`` is the countries around the amount, nearest first, used only to
    tell which rupee or which yen/yuan it is. Returns ``None`` when the
    currency cannot be told or has no known rate.
    """
    currency = resolve_currency(raw.currency, context)
    if currency is None:
        return None
    if stated is not None:
        rate, basis, usd = stated.value / raw.value, "stated", stated.value
    else:
        found = rate_for(currency, year)
        if found is None:
            return None
        rate, basis = found
        usd = raw.value * rate
    return Money(text=raw.text, start=raw.start, end=raw.end, amount=raw.value, currency=currency,
                 usd=round(usd, 2), rate=rate, rate_basis=basis,
                 approximate=raw.approximate or bool(stated and stated.approximate))
