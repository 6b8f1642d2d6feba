"""Every exception entente raises on purpose is an EntenteError with its own catalogued code."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import entente
from entente.errors import MESSAGES, EntenteError


def _subclasses(cls: type) -> list[type]:
    found = []
    for sub in cls.__subclasses__():
        found += [sub, *_subclasses(sub)]
    return found


@pytest.fixture(scope="module")
def error_classes() -> list[type[EntenteError]]:
    for module in pkgutil.walk_packages(entente.__path__, "entente."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    return [c for c in _subclasses(EntenteError) if c.__module__.startswith("entente.")]


def test_errors_every_class_has_its_own_catalogued_code(error_classes):
    names = {f"{c.__module__}.{c.__qualname__}" for c in error_classes}
    assert {"entente.store.lock.StoreBusy", "entente.web.db.StoreMissing", "entente.store.StoreOutdated",
            "entente.lexicon.petrarch.DictionaryError", "entente.coding.words.WordSetError",
            "entente.analytics.view.EmptyDyad", "entente.errors.NoInputError",
            "entente.errors.DocumentTooLong", "entente.errors.PipelineError"} <= names
    uncatalogued = [f"{c.__module__}.{c.__qualname__} ({c.code})" for c in error_classes if c.code not in MESSAGES]
    assert uncatalogued == []
    by_code: dict[str, list[str]] = {}
    for c in error_classes:
        by_code.setdefault(c.code, []).append(f"{c.__module__}.{c.__qualname__}")
    assert {code: names for code, names in by_code.items() if len(names) > 1} == {}
    assert EntenteError.code not in by_code


def test_errors_keep_their_other_base():
    from entente.analytics.view import EmptyDyad
    from entente.lexicon.petrarch import DictionaryError

    assert issubclass(EmptyDyad, LookupError) and issubclass(DictionaryError, ValueError)
    with pytest.raises(ValueError):
        raise DictionaryError("x:1: bad line")
    assert DictionaryError("x").code == "E135"
