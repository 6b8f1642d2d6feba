"""The packaged actor dictionary: valid codes, sane terms, working lookups."""

from __future__ import annotations

import re
from pathlib import Path

import pycountry

import entente
import pytest

from entente.dictionary import load_dictionary


def test_dictionary_country_codes_are_iso3(dictionary):
    for code in dictionary.countries:
        assert code == "XKX" or pycountry.countries.get(alpha_3=code), code
    assert len(dictionary.countries) >= 190


def test_dictionary_actor_countries_are_known_codes(dictionary):
    known = set(dictionary.countries) | dictionary.igo_codes
    assert {"UN", "IMF", "NATO", "EU"} <= dictionary.igo_codes
    orgs = {o.country for o in dictionary.orgs.values() if o.country}
    people = {p.country for entries in dictionary.people.values() for p in entries if p.country}
    assert orgs <= known, orgs - known
    assert people <= known, people - known


def test_dictionary_igo_codes_are_documented(dictionary):
    readme = (Path(entente.__file__).parent / "data" / "actors" / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([A-Z0-9]+)` \|", readme, flags=re.M))
    assert dictionary.igo_codes <= documented, dictionary.igo_codes - documented


def test_dictionary_terms_start_before_they_end(dictionary):
    for entries in dictionary.people.values():
        for p in entries:
            if p.start and p.end:
                assert p.start[:4] <= p.end[:4], p


@pytest.mark.parametrize(("form", "expected"), [
    ("Islamabad", ("PAK", "capital")), ("Pakistani", ("PAK", "demonym")),
    ("United States", ("USA", "name")), ("Kremlin", ("RUS", "metonym")),
    ("New Delhi", ("IND", "capital")), ("Beijing", ("CHN", "capital")),
])
def test_dictionary_country_forms(dictionary, form, expected):
    assert dictionary.country_of(form) == expected


def test_dictionary_people_by_date_and_surname(dictionary):
    assert dictionary.person("Donald Trump", "2018-06-01").country == "USA"
    assert dictionary.person_by_surname("Sharif", "2015-06-01") is None  # PM and army chief
    assert dictionary.person_by_surname("Sharif", "2015-06-01", title="Prime Minister").name == "Nawaz Sharif"
    assert dictionary.person_by_surname("Sharif", "2015-06-01", role="MIL").name == "Raheel Sharif"
    assert dictionary.person_by_surname("Sharif", "2024-06-01").name == "Shehbaz Sharif"
    assert dictionary.person_by_surname("Nobody-Such", "2024-06-01") is None


def test_dictionary_loads_a_user_folder(tmp_path):
    (tmp_path / "countries.tsv").write_text(
        "iso3\tname\taliases\tdemonyms\tcapitals\tgovt_metonyms\n# a comment\n"
        "NPL\tNepal\t\tNepali|Nepalese\tKathmandu\tSingha Durbar\n", encoding="utf-8")
    (tmp_path / "organisations.tsv").write_text(
        "name\taliases\tcountry\trole\tnote\nNepal Army\t\tNPL\tMIL\t\n", encoding="utf-8")
    (tmp_path / "people.tsv").write_text(
        "name\taliases\tcountry\trole\ttitle\tstart\tend\tnote\n"
        "Ram Example\t\tNPL\tGOV\tMinister\t2020\t2022-05\t\n", encoding="utf-8")
    d = load_dictionary(tmp_path)
    assert d.country_of("Singha Durbar") == ("NPL", "metonym")
    assert d.org("the Nepal Army").role == "MIL"
    assert d.person("Ram Example", "2021-03-01").in_office("2021-03-01")
    assert not d.person("Ram Example", "2023").in_office("2023")
