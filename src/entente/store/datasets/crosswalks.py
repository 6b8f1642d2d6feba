"""Crosswalks: CAMEO country ↔ ISO3, FIPS 10-4 ↔ ISO3, ICEWS names → ISO3, Goldstein ↔ ICEWS intensity.

Each table is packaged under ``entente/data/crosswalks/`` (see its README) and
loaded once. Lookups return ``None`` for a code the table does not hold.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

from entente.coding.ontology import cameo_to_plover, plover_to_cameo

__all__ = [
    "cameo_country_to_iso3", "cameo_to_plover", "fips_to_iso3", "goldstein_to_icews_intensity",
    "icews_country_to_iso3", "icews_intensity_to_goldstein", "iso3_to_cameo_country", "iso3_to_fips",
    "plover_to_cameo", "rows",
]


def rows(name: str) -> list[dict[str, str]]:
    """Rows of a packaged crosswalk table (``#`` comment lines skipped).

    name (str): file name, e.g. ``"fips_iso3.tsv"``.
    """
    path = resources.files("entente") / "data" / "crosswalks" / name
    with path.open(encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


@lru_cache(maxsize=None)
def _forward(name: str, key: str, value: str) -> dict[str, str]:
    return {r[key]: r[value] for r in rows(name) if r[value]}


@lru_cache(maxsize=None)
def _backward(name: str, key: str, value: str, where: tuple[str, str] | None = None) -> dict[str, str]:
    out: dict[str, str] = {}
    for r in rows(name):
        if r[value] and (where is None or r[where[0]] == where[1]):
            out.setdefault(r[value], r[key])
    return out


def cameo_country_to_iso3(code: str | None) -> str | None:
    """ISO3 of a CAMEO actor country code (``"ROM"`` → ``"ROU"``); ``None`` for regions and unknowns."""
    return _forward("cameo_country_iso3.tsv", "cameo", "iso3").get((code or "").strip().upper())


def iso3_to_cameo_country(iso3: str | None) -> str | None:
    """The CAMEO country code for an ISO3 code (``"ROU"`` → ``"ROM"``); ``None`` if CAMEO has none."""
    return _backward("cameo_country_iso3.tsv", "cameo", "iso3", ("kind", "country")).get((iso3 or "").upper())


def fips_to_iso3(code: str | None) -> str | None:
    """ISO3 of a FIPS 10-4 country code (GDELT geography: ``"UK"`` → ``"GBR"``)."""
    return _forward("fips_iso3.tsv", "fips", "iso3").get((code or "").strip().upper())


def iso3_to_fips(iso3: str | None) -> str | None:
    """The FIPS 10-4 code for an ISO3 code (``"GBR"`` → ``"UK"``)."""
    return _backward("fips_iso3.tsv", "fips", "iso3").get((iso3 or "").upper())


def icews_country_to_iso3(name: str | None) -> str | None:
    """ISO3 of an ICEWS country name (``"Russian Federation"`` → ``"RUS"``); ``None`` for ``NA``/unknown."""
    return _forward("icews_country_iso3.tsv", "name", "iso3").get((name or "").strip())


@lru_cache(maxsize=1)
def _intensity() -> dict[str, tuple[float, float]]:
    return {r["cameo"]: (float(r["goldstein"]), float(r["icews_intensity"])) for r in rows("goldstein_intensity.tsv")}


def goldstein_to_icews_intensity(cameo: str) -> float | None:
    """The ICEWS Intensity ICEWS gives CAMEO code ``cameo``."""
    entry = _intensity().get(cameo)
    return entry[1] if entry else None


def icews_intensity_to_goldstein(cameo: str, intensity: float | None = None) -> float | None:
    """The Goldstein weight of ``cameo``; falls back to ``intensity`` for a code CAMEO lacks."""
    entry = _intensity().get(cameo)
    return entry[0] if entry else intensity
