"""Crosswalk tables: CAMEO country ↔ ISO3, FIPS ↔ ISO3, ICEWS names, Goldstein ↔ ICEWS intensity, PLOVER."""

from __future__ import annotations

import pytest

from entente.store.datasets import crosswalks as xw


@pytest.mark.parametrize("cameo,iso3", [("ROM", "ROU"), ("TMP", "TLS"), ("IMY", "IMN"), ("MTN", "MNE"),
                                        ("USA", "USA"), ("PAK", "PAK"), ("WSB", "PSE"), ("SSD", "SSD"),
                                        ("AFR", None), ("EUR", None), ("", None)])
def test_crosswalks_cameo_country(cameo, iso3):
    assert xw.cameo_country_to_iso3(cameo) == iso3


@pytest.mark.parametrize("iso3,cameo", [("ROU", "ROM"), ("TLS", "TMP"), ("PSE", "PSE"), ("USA", "USA")])
def test_crosswalks_iso3_to_cameo(iso3, cameo):
    assert xw.iso3_to_cameo_country(iso3) == cameo


@pytest.mark.parametrize("fips,iso3", [("UK", "GBR"), ("IS", "ISR"), ("RS", "RUS"), ("UP", "UKR"), ("CH", "CHN"),
                                       ("PK", "PAK"), ("US", "USA"), ("GM", "DEU"), ("SZ", "CHE"), ("RB", "SRB"),
                                       ("OS", None), ("ZZ", None)])
def test_crosswalks_fips(fips, iso3):
    assert xw.fips_to_iso3(fips) == iso3


def test_crosswalks_fips_round_trip():
    for row in xw.rows("fips_iso3.tsv"):
        if row["iso3"]:
            assert xw.fips_to_iso3(xw.iso3_to_fips(row["iso3"])) == row["iso3"]


@pytest.mark.parametrize("name,iso3", [("Russian Federation", "RUS"), ("United States", "USA"),
                                       ("Occupied Palestinian Territory", "PSE"), ("Moldova, Republic of", "MDA"),
                                       ("Democratic Republic of Congo", "COD"), ("Congo", "COG"),
                                       ("the former Yugoslav Republic of Macedonia", "MKD"), ("NA", None)])
def test_crosswalks_icews_names(name, iso3):
    assert xw.icews_country_to_iso3(name) == iso3


def test_crosswalks_goldstein_intensity():
    assert xw.goldstein_to_icews_intensity("040") == 1.0
    assert xw.goldstein_to_icews_intensity("016") == -5.0 and xw.icews_intensity_to_goldstein("016") == -2.0
    assert xw.icews_intensity_to_goldstein("999", 3.0) == 3.0


def test_crosswalks_plover():
    assert xw.cameo_to_plover("042")[0] == "CONSULT"
    assert xw.plover_to_cameo("CONSULT", "visit") == "042"


def test_crosswalks_cover_sample_codes():
    from tests.store.datasets._fixtures import SAMPLES

    path = SAMPLES / "gdelt2" / "20191024143000.export.CSV"
    if not path.exists():
        pytest.skip("sample not available")
    fips = {line.split("\t")[53] for line in path.read_text(encoding="utf-8").splitlines()} - {""}
    assert not [c for c in fips if xw.fips_to_iso3(c) is None and c != "OS"]
