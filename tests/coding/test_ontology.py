"""Tests for entente.coding.ontology: CAMEO, PLOVER and the crosswalk."""

from __future__ import annotations

import csv
import importlib.util
from dataclasses import FrozenInstanceError
from importlib import resources
from pathlib import Path

import pytest

from entente.coding import ontology
from entente.coding.ontology import UnknownCodeError
from entente.errors import EntenteError

REPO = Path(__file__).resolve().parents[2]
REFERENCE = REPO.parent / "shared" / "reference"
CODES = ontology.all_cameo_codes()
TYPES = ontology.all_plover_types()
PLOVER_16 = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
             "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")


def _load_build_script():
    spec = importlib.util.spec_from_file_location("build_ontology", REPO / "scripts" / "build_ontology.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _reference_goldstein() -> dict[str, str]:
    with (REFERENCE / "cameo_event_codes.tsv").open(encoding="utf-8") as fh:
        return {r["code"]: r["goldstein"] for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)}


needs_reference = pytest.mark.skipif(
    not REFERENCE.is_dir(), reason=f"shared reference tables not present at {REFERENCE}"
)


def test_ontology_codes_are_zero_padded_strings():
    assert len(CODES) == 316
    for code in CODES:
        assert isinstance(code, str) and code.isdigit() and len(code) in (2, 3, 4)
        assert ontology.cameo(code).code == code
    assert "043" in CODES and "01" in CODES and "2042" in CODES
    assert len(set(CODES)) == len(CODES)


@pytest.mark.parametrize("code", CODES)
def test_ontology_every_code_has_plover_or_is_dropped(code):
    entry = ontology.cameo(code)
    if entry.dropped:
        assert entry.plover is None and entry.plover_mode is None and entry.plover_context is None
        assert entry.root in ("01", "02")
    else:
        assert entry.plover in TYPES
        if entry.plover_mode is not None:
            assert entry.plover_mode in ontology.plover(entry.plover).modes
        for context in (entry.plover_context or "").split(";"):
            assert context == "" or context in ontology.PLOVER_CONTEXTS


def test_ontology_statements_are_dropped():
    assert all(ontology.cameo(c).dropped for c in CODES if c.startswith("01"))
    assert ontology.cameo_to_plover("010") == (None, None, None)
    assert ontology.cameo_to_plover("0211") == (None, None, None)
    assert not any(ontology.cameo(c).dropped for c in CODES if c[:2] not in ("01", "02"))


@pytest.mark.parametrize("code", CODES)
def test_ontology_root_and_quad_class(code):
    entry = ontology.cameo(code)
    assert entry.root == code[:2] and entry.root in CODES
    if len(code) == 4:
        assert code[:3] in CODES
    root = int(entry.root)
    expected = 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4
    assert ontology.quad_class(code) == entry.quad_class == expected


def test_ontology_goldstein_range():
    for code in CODES:
        assert -10.0 <= ontology.goldstein(code) <= 10.0


@pytest.mark.parametrize(("code", "weight"), [("042", 1.9), ("043", 2.8), ("190", -10.0), ("071", 7.4),
                                              ("010", 0.0), ("163", -8.0), ("0874", 10.0)])
def test_ontology_goldstein_known(code, weight):
    assert ontology.goldstein(code) == weight


@needs_reference
def test_ontology_goldstein_matches_reference():
    reference = _reference_goldstein()
    assert set(reference) == set(CODES)
    for code, weight in reference.items():
        if weight:
            assert ontology.goldstein(code) == float(weight), code
    # Codes the reference gives no weight inherit their nearest ancestor's.
    assert {c for c, w in reference.items() if not w} == {"155", "176", "1834", "1951", "1952"}
    assert ontology.goldstein("1834") == ontology.goldstein("183")
    assert ontology.goldstein("155") == ontology.goldstein("15")


def test_ontology_plover_types():
    assert TYPES == PLOVER_16
    quads = {name: ontology.plover(name).quad_class for name in TYPES}
    assert [n for n, q in quads.items() if q == 1] == ["AGREE", "CONSULT", "SUPPORT", "CONCEDE"]
    assert [n for n, q in quads.items() if q == 2] == ["COOPERATE", "AID", "RETREAT"]
    assert quads["SANCTION"] == 4 and quads["REQUEST"] == 3 and quads["PROTEST"] == 4
    assert ontology.plover("accuse").base_score == -3.0
    assert ontology.plover("Assault").cameo_roots == ("18", "19", "20")
    assert ontology.plover("AID").requires_recipient and not ontology.plover("CONSULT").requires_recipient


def test_ontology_plover_modes():
    counts = {name: len(ontology.plover(name).modes) for name in TYPES}
    assert sum(counts.values()) == 67
    assert counts["ASSAULT"] == 15 and counts["AGREE"] == 0
    assert ontology.plover("CONSULT").modes["visit"] == 4.0
    assert ontology.plover("ASSAULT").modes["unconventional"] == -10.0
    assert ontology.plover("PROTEST").modes["vandalize"] == ontology.plover("PROTEST").base_score
    with pytest.raises(TypeError):
        ontology.plover("CONSULT").modes["visit"] = 0.0  # type: ignore[index]


def test_ontology_records_are_frozen():
    with pytest.raises(FrozenInstanceError):
        ontology.cameo("042").goldstein = 0.0  # type: ignore[misc]
    assert hash(ontology.plover("AID")) == hash(ontology.plover("aid"))


@pytest.mark.parametrize("name", PLOVER_16)
def test_ontology_plover_round_trip(name):
    code = ontology.plover_to_cameo(name)
    assert ontology.cameo_to_plover(code)[0] == name
    for mode in ontology.plover(name).modes:
        assert ontology.cameo_to_plover(ontology.plover_to_cameo(name, mode))[0] == name


def test_ontology_plover_to_cameo_defaults():
    assert ontology.plover_to_cameo("CONSULT", "visit") == "042"
    assert ontology.plover_to_cameo("consult", "VISIT") == "042"
    assert ontology.plover_to_cameo("AID") == "070"
    assert ontology.plover_to_cameo("SANCTION") == "163"
    assert ontology.plover_to_cameo("ASSAULT") == "190"
    assert ontology.cameo_to_plover("163") == ("SANCTION", "discontinue", "economic")


def test_ontology_exact_defaults_keep_the_mode():
    table = resources.files("entente").joinpath("data", "ontology", "plover_to_cameo.tsv")
    with table.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t"))
    assert len(rows) == 16 + 67
    for r in rows:
        ptype, mode, _ = ontology.cameo_to_plover(r["cameo"])
        assert ptype == r["type"]
        if r["match"] == "exact":
            assert (mode or "") == r["mode"]


@pytest.mark.parametrize("code", ["999", "0431x", "", "43", "0430", " 043", "21"])
def test_ontology_unknown_code(code):
    with pytest.raises(UnknownCodeError) as info:
        ontology.cameo(code)
    assert isinstance(info.value, EntenteError) and isinstance(info.value, KeyError)
    with pytest.raises(UnknownCodeError):
        ontology.goldstein(code)


@pytest.mark.parametrize("bad", [43, 4.3, None, b"043"])
def test_ontology_non_string_code(bad):
    with pytest.raises(TypeError):
        ontology.cameo(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        ontology.quad_class(bad)  # type: ignore[arg-type]


def test_ontology_unknown_plover():
    with pytest.raises(UnknownCodeError):
        ontology.plover("FIGHT")
    with pytest.raises(UnknownCodeError):
        ontology.plover_to_cameo("CONSULT", "riot")
    with pytest.raises(UnknownCodeError):
        ontology.plover_to_cameo("AGREE", "visit")
    with pytest.raises(TypeError):
        ontology.plover(1)  # type: ignore[arg-type]


def test_ontology_contexts_and_sectors():
    assert len(ontology.PLOVER_CONTEXTS) == 41
    assert ontology.PLOVER_CONTEXTS[:2] == ("military", "intelligence")
    assert ontology.PLOVER_AUXILIARY_MODES == ("historical", "future", "hypothetical", "negation")
    assert ontology.CAMEO_SECTORS["GOV"] == "Government"
    assert ontology.CAMEO_SECTORS["MED"] == "Media"
    assert "JRN" in ontology.PLOVER_SECTORS and "JRN" not in ontology.CAMEO_SECTORS


@needs_reference
def test_ontology_packaged_tables_match_build_script():
    tables = _load_build_script().build_tables(REFERENCE)
    folder = resources.files("entente").joinpath("data", "ontology")
    packaged = {p.name for p in folder.iterdir() if p.name.endswith(".tsv")}
    assert packaged == set(tables)
    for name, text in tables.items():
        assert folder.joinpath(name).read_text(encoding="utf-8") == text, f"{name} is stale: rerun the script"
