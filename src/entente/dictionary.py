"""The packaged actor dictionary: countries, organisations and people.

The data lives in ``entente/data/actors/*.tsv`` (documented in the README
there). This module reads it once into lookup tables; everything else works on
the returned :class:`ActorDictionary`, so tests and users can pass their own.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterator

from entente.settings import ACTORS_ENV, settings  # noqa: F401  (ACTORS_ENV re-exported)



@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    govt_metonyms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OrgEntry:
    name: str
    aliases: tuple[str, ...]
    country: str | None
    role: str | None


@dataclass(frozen=True, slots=True)
class PersonEntry:
    name: str
    aliases: tuple[str, ...]
    country: str | None
    role: str | None
    title: str | None
    start: str | None
    end: str | None

    def in_office(self, date: str | None) -> bool:
        """True when ``date`` (ISO, any precision) falls within the term.

        With no date to test, every term counts as possible.
        """
        if not date:
            return True
        return _not_after(self.start, date) and _not_after(date, self.end)

    @property
    def surname(self) -> str:
        return _surname(self.name) or self.name


@dataclass(frozen=True, eq=False)
class ActorDictionary:
    """Lookup tables built from the actor dictionary files."""

    countries: dict[str, Country]
    # surface form -> (iso3, kind) where kind is name|demonym|capital|metonym
    country_forms: dict[str, tuple[str, str]]
    orgs: dict[str, OrgEntry]
    people: dict[str, list[PersonEntry]]
    surnames: dict[str, list[PersonEntry]] = field(default_factory=dict)
    # Codes of international organisations (UN, IMF, NATO, ICC...): the
    # ``country`` of organisation rows that is not an ISO3 code.
    igo_codes: frozenset[str] = frozenset()

    def country_of(self, text: str) -> tuple[str, str] | None:
        """``(iso3, kind)`` when ``text`` names a country, demonym or capital."""
        return self.country_forms.get(text) or self.country_forms.get(_strip_the(text))

    def org(self, text: str) -> OrgEntry | None:
        return self.orgs.get(text) or self.orgs.get(_strip_the(text))

    def person(self, text: str, date: str | None = None) -> PersonEntry | None:
        """The dictionary person named ``text``, preferring a term covering ``date``."""
        entries = self.people.get(text, [])
        return _pick_term(entries, date)

    def person_by_surname(self, surname: str, date: str | None, title: str | None = None,
                          role: str | None = None) -> PersonEntry | None:
        """The one person with this surname in office on ``date`` (else ``None``).

        ``title`` ("Prime Minister") or ``role`` ("MIL") from the text narrow
        the holders down: in 2015 "Sharif" alone is ambiguous (Nawaz Sharif was
        prime minister, Raheel Sharif army chief), "Prime Minister Sharif" is not.
        """
        current = [e for e in self.surnames.get(surname, []) if e.in_office(date)]
        if title:
            current = [e for e in current if e.title and title.lower() in e.title.lower()] or current
        if role:
            current = [e for e in current if e.role == role] or current
        names = {e.name for e in current}
        if len(names) == 1:
            return current[0]
        if not current:
            # Out of office on that date: a surname only one person in the
            # dictionary has still names them ("Trump" in 2023).
            everyone = {e.name: e for e in self.surnames.get(surname, [])}
            if len(everyone) == 1:
                return _pick_term(self.people.get(next(iter(everyone)), []), date)
        return None

    def name(self, code: str) -> str:
        country = self.countries.get(code)
        return country.name if country else code


def _not_after(a: str | None, b: str | None) -> bool:
    """``a <= b`` for ISO dates of any precision; a missing bound is open."""
    if not a or not b:
        return True
    n = min(len(a), len(b))
    return a[:n] <= b[:n]


def _strip_the(text: str) -> str:
    for prefix in ("the ", "The ", "THE "):
        if text.startswith(prefix):
            return text[len(prefix):]
    return text


def _pick_term(entries: list[PersonEntry], date: str | None) -> PersonEntry | None:
    if not entries:
        return None
    current = [e for e in entries if e.in_office(date)]
    if current:
        return current[0]
    # Out of office on that date: the person is still who they are, so keep
    # their country, but the term closest before the date describes them best.
    before = [e for e in entries if date and (e.start or "") <= date]
    return max(before, key=lambda e: e.start or "") if before else entries[0]


NAME_SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"})


def _surname(name: str) -> str:
    """The last word of a name that is not a suffix ("Jr.", "III")."""
    words = [w for w in name.split() if w not in NAME_SUFFIXES]
    return words[-1] if len(words) > 1 else ""


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(p.strip() for p in (cell or "").split("|") if p.strip())


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        lines = (line for line in fh if line.strip() and not line.lstrip().startswith("#"))
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
            yield {k: (v or "").strip() for k, v in row.items() if k}


def load_dictionary(folder: str | Path | None = None) -> ActorDictionary:
    """Read the actor dictionary from ``folder`` (default: the packaged one)."""
    base = Path(folder) if folder else Path(str(resources.files("entente") / "data" / "actors"))
    countries: dict[str, Country] = {}
    forms: dict[str, tuple[str, str]] = {}
    for row in _rows(base / "countries.tsv"):
        c = Country(row["iso3"], row["name"], _split(row.get("aliases")), _split(row.get("demonyms")),
                    _split(row.get("capitals")), _split(row.get("govt_metonyms")))
        countries[c.iso3] = c
        for kind, names in (("metonym", c.govt_metonyms), ("capital", c.capitals),
                            ("demonym", c.demonyms), ("name", (c.name, *c.aliases))):
            for n in names:
                forms[n] = (c.iso3, kind)  # names win over demonyms and capitals
    orgs: dict[str, OrgEntry] = {}
    for row in _rows(base / "organisations.tsv"):
        o = OrgEntry(row["name"], _split(row.get("aliases")), row.get("country") or None, row.get("role") or None)
        for n in (o.name, *o.aliases):
            orgs.setdefault(n, o)
    people: dict[str, list[PersonEntry]] = defaultdict(list)
    surnames: dict[str, list[PersonEntry]] = defaultdict(list)
    for row in _rows(base / "people.tsv"):
        p = PersonEntry(row["name"], _split(row.get("aliases")), row.get("country") or None,
                        row.get("role") or None, row.get("title") or None,
                        row.get("start") or None, row.get("end") or None)
        for n in (p.name, *p.aliases):
            people[n].append(p)
        for surname in {_surname(n) for n in (p.name, *p.aliases)} - {""}:
            surnames[surname].append(p)
    igos = frozenset(o.country for o in orgs.values() if o.country and o.country not in countries)
    return ActorDictionary(countries, forms, orgs, dict(people), dict(surnames), igos)


@lru_cache(maxsize=1)
def default_dictionary() -> ActorDictionary:
    """The dictionary in ``$ENTENTE_ACTORS`` or the packaged one, loaded once per process."""
    return load_dictionary(settings().actors)
