"""CAMEO and PLOVER: codes, weights, quad classes and the crosswalk between them.

Every lookup reads entente's own packaged tables (``entente/data/ontology/``,
built from the shared reference by ``scripts/build_ontology.py``), loaded once.
CAMEO codes are always strings with their leading zeros (``"043"``); an
unknown code raises :class:`UnknownCodeError` rather than falling back to a
default, and a non-string code raises ``TypeError``.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from types import MappingProxyType

from entente.errors import E141_UNKNOWN_CODE, EntenteError

__all__ = [
    "CAMEO_SECTORS",
    "PLOVER_AUXILIARY_MODES",
    "PLOVER_CONTEXTS",
    "PLOVER_SECTORS",
    "CameoCode",
    "PloverType",
    "UnknownCodeError",
    "all_cameo_codes",
    "all_plover_types",
    "cameo",
    "cameo_to_plover",
    "goldstein",
    "plover",
    "plover_to_cameo",
    "quad_class",
]


class UnknownCodeError(EntenteError, KeyError):
    """A CAMEO code, PLOVER type or PLOVER mode that the ontology does not know."""

    code = E141_UNKNOWN_CODE

    def __str__(self) -> str:
        # KeyError would print the repr of its argument; show the plain message.
        return str(self.args[0]) if self.args else ""


@dataclass(frozen=True)
class CameoCode:
    """One CAMEO event code (any level) and its PLOVER equivalent.

    ``plover`` is ``None`` exactly when ``dropped`` is true: CAMEO statements
    and appeals (roots 01, 02) that PLOVER does not code as events.
    ``plover_context`` may hold several contexts joined by ``";"``.
    """

    code: str
    name: str
    goldstein: float
    root: str
    quad_class: int
    plover: str | None
    plover_mode: str | None
    plover_context: str | None
    dropped: bool


@dataclass(frozen=True)
class PloverType:
    """One PLOVER event type (manual v0.8) with its modes and their scores."""

    name: str
    quad_class: int
    definition: str
    modes: Mapping[str, float] = field(hash=False)
    base_score: float | None
    cameo_roots: tuple[str, ...]
    requires_recipient: bool = False


def _rows(name: str) -> list[dict[str, str]]:
    """Rows of a packaged ontology table (``#`` comment lines skipped)."""
    path = resources.files("entente") / "data" / "ontology" / name
    with path.open(encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _opt(value: str) -> str | None:
    return value or None


@lru_cache(maxsize=1)
def _cameo_table() -> Mapping[str, CameoCode]:
    crosswalk = {r["code"]: r for r in _rows("cameo_to_plover.tsv")}
    table = {}
    for r in _rows("cameo_events.tsv"):
        x = crosswalk[r["code"]]
        table[r["code"]] = CameoCode(
            code=r["code"],
            name=r["name"],
            goldstein=float(r["goldstein"]),
            root=r["root"],
            quad_class=int(r["quad_class"]),
            plover=_opt(x["plover"]),
            plover_mode=_opt(x["plover_mode"]),
            plover_context=_opt(x["plover_context"]),
            dropped=x["dropped"] == "Y",
        )
    return MappingProxyType(table)


@lru_cache(maxsize=1)
def _plover_table() -> Mapping[str, PloverType]:
    modes: dict[str, dict[str, float]] = {}
    for r in _rows("plover_modes.tsv"):
        modes.setdefault(r["type"], {})[r["mode"]] = float(r["score"])
    table = {}
    for r in _rows("plover_types.tsv"):
        table[r["type"]] = PloverType(
            name=r["type"],
            quad_class=int(r["quad_class"]),
            definition=r["definition"],
            modes=MappingProxyType(modes.get(r["type"], {})),
            base_score=float(r["base_score"]) if r["base_score"] else None,
            cameo_roots=tuple(r["cameo_roots"].split("|")),
            requires_recipient=r["requires_recipient"] == "Y",
        )
    return MappingProxyType(table)


@lru_cache(maxsize=1)
def _plover_to_cameo_table() -> Mapping[tuple[str, str | None], str]:
    return MappingProxyType({(r["type"], _opt(r["mode"])): r["cameo"] for r in _rows("plover_to_cameo.tsv")})


def _require_str(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str, not {type(value).__name__}: {value!r}")
    return value


def cameo(code: str) -> CameoCode:
    """The CAMEO event code ``code`` (a string with leading zeros, e.g. ``"043"``).

    Raises ``TypeError`` for a non-string and :class:`UnknownCodeError` for a
    code not in CAMEO; ``"43"`` is unknown (it is not ``"043"``).
    """
    table = _cameo_table()
    key = _require_str(code, "CAMEO code")
    if key not in table:
        raise UnknownCodeError(f"unknown CAMEO event code {code!r}")
    return table[key]


def plover(name: str) -> PloverType:
    """The PLOVER event type ``name`` (case-insensitive, e.g. ``"consult"``)."""
    table = _plover_table()
    key = _require_str(name, "PLOVER type").upper()
    if key not in table:
        raise UnknownCodeError(f"unknown PLOVER event type {name!r}")
    return table[key]


def plover_types() -> tuple[str, ...]:
    """Every PLOVER event type name, sorted."""
    return tuple(sorted(_plover_table()))


def cameo_to_plover(code: str) -> tuple[str | None, str | None, str | None]:
    """``(type, mode, context)`` for a CAMEO code; all ``None`` for a dropped one."""
    entry = cameo(code)
    return entry.plover, entry.plover_mode, entry.plover_context


def plover_to_cameo(type_: str, mode: str | None = None) -> str:
    """The most representative CAMEO code for a PLOVER type, or type and mode.

    The code's crosswalk gives back the same type (and the same mode where any
    CAMEO code carries it). Raises :class:`UnknownCodeError` for an unknown type
    or a mode that the type does not have.
    """
    ptype = plover(type_)
    key_mode = None if mode is None else _require_str(mode, "PLOVER mode").lower()
    if key_mode is not None and key_mode not in ptype.modes:
        raise UnknownCodeError(f"PLOVER type {ptype.name} has no mode {mode!r}")
    return _plover_to_cameo_table()[(ptype.name, key_mode)]


def goldstein(code: str) -> float:
    """The Goldstein weight (-10..+10) of a CAMEO code."""
    return cameo(code).goldstein


def quad_class(code: str) -> int:
    """The GDELT QuadClass (1-4) of a CAMEO code, set by its root."""
    return cameo(code).quad_class


def all_cameo_codes() -> tuple[str, ...]:
    """Every CAMEO event code, 2-, 3- and 4-digit, in code order."""
    return tuple(_cameo_table())


def all_plover_types() -> tuple[str, ...]:
    """The 16 PLOVER event types, in the manual's order."""
    return tuple(_plover_table())


@lru_cache(maxsize=1)
def _contexts() -> tuple[tuple[str, str], ...]:
    return tuple((r["context"], r["kind"]) for r in _rows("plover_contexts.tsv"))


@lru_cache(maxsize=1)
def _sectors(name: str, label: str) -> Mapping[str, str]:
    return MappingProxyType({r["code"]: r[label] for r in _rows(name)})


# The 37 general PLOVER contexts followed by the 4 auxiliary modes, which the
# manual also records in the context field.
PLOVER_CONTEXTS: tuple[str, ...] = tuple(name for name, _ in _contexts())
PLOVER_AUXILIARY_MODES: tuple[str, ...] = tuple(name for name, kind in _contexts() if kind == "auxiliary")
# CAMEO actor role codes -> name ("GOV" -> "Government"). CAMEO "MED" is media.
CAMEO_SECTORS: Mapping[str, str] = _sectors("cameo_sectors.tsv", "name")
# PLOVER sector codes -> definition. PLOVER "MED" is health; media is "JRN".
PLOVER_SECTORS: Mapping[str, str] = _sectors("plover_sectors.tsv", "definition")
