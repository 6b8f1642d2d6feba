"""The settings: every environment variable entente reads, read in one place."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import entente
from entente.settings import Settings, reload_settings, settings, token

VARIABLES = ("ENTENTE_DB", "ENTENTE_SPACY_MODEL", "ENTENTE_ACTORS", "ENTENTE_CHROMIUM", "ENTENTE_CACHE_DIR",
             "ENTENTE_DASK_SCHEDULER", "ENTENTE_LOCK_WAIT", "ENTENTE_IMPORT_MAX_BYTES", "ENTENTE_IMPORT_MAX_RATIO",
             "ENTENTE_START_METHOD",
             "XDG_CACHE_HOME")


def _clear(monkeypatch) -> None:
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)


def test_settings_read_from_the_environment_after_reload(monkeypatch, tmp_path):
    _clear(monkeypatch)
    before = settings()
    monkeypatch.setenv("ENTENTE_DB", str(tmp_path / "s.duckdb"))
    monkeypatch.setenv("ENTENTE_SPACY_MODEL", "en_other")
    monkeypatch.setenv("ENTENTE_ACTORS", str(tmp_path / "actors"))
    monkeypatch.setenv("ENTENTE_CHROMIUM", "/opt/chromium")
    monkeypatch.setenv("ENTENTE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("ENTENTE_DASK_SCHEDULER", "tcp://scheduler:8786")
    assert settings() is before  # read once: a change shows only after a reload
    reload_settings()
    assert settings() == Settings(db=tmp_path / "s.duckdb", spacy_model="en_other", actors=tmp_path / "actors",
                                  chromium="/opt/chromium", cache_dir=tmp_path / "cache",
                                  dask_scheduler="tcp://scheduler:8786")


def test_settings_readers_follow_the_settings(monkeypatch, tmp_path):
    from entente.geo.gazetteer import _cache_path
    from entente.nlp.pipeline import model_name
    from entente.store import default_db_path

    monkeypatch.setenv("ENTENTE_DB", str(tmp_path / "s.duckdb"))
    monkeypatch.setenv("ENTENTE_SPACY_MODEL", "en_other")
    monkeypatch.setenv("ENTENTE_CACHE_DIR", str(tmp_path / "cache"))
    reload_settings()
    assert default_db_path() == tmp_path / "s.duckdb"
    assert model_name() == "en_other"
    assert _cache_path().parent == tmp_path / "cache"


def test_settings_defaults(monkeypatch, tmp_path):
    _clear(monkeypatch)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("ENTENTE_DB", "")  # empty counts as unset
    reload_settings()
    assert settings() == Settings(db=Path("entente.duckdb"), cache_dir=tmp_path / ".cache" / "entente")
    assert (settings().spacy_model, settings().actors, settings().chromium, settings().dask_scheduler) == (
        None, None, None, None)


def test_settings_cache_dir_under_xdg_cache_home(monkeypatch, tmp_path):
    _clear(monkeypatch)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert Settings.from_env().cache_dir == tmp_path / "xdg" / "entente"
    assert Settings.from_env({"XDG_CACHE_HOME": "/x", "ENTENTE_CACHE_DIR": "/c"}).cache_dir == Path("/c")


def test_settings_lock_wait_in_seconds():
    assert Settings.from_env({}).lock_wait == 30.0
    assert Settings.from_env({"ENTENTE_LOCK_WAIT": "2.5"}).lock_wait == 2.5
    assert Settings.from_env({"ENTENTE_LOCK_WAIT": "0"}).lock_wait == 0.0  # fail at once
    warned: list[str] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = lambda record: warned.append(record.getMessage())  # type: ignore[method-assign]
    logger = logging.getLogger("entente.settings")  # a handler of its own: the CLI may have stopped propagation
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        for bad in ("soon", "-1", "nan", "inf"):  # not a number of seconds: the default, with a warning
            assert Settings.from_env({"ENTENTE_LOCK_WAIT": bad}).lock_wait == 30.0
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    assert len(warned) == 4 and all("ENTENTE_LOCK_WAIT" in w for w in warned)


def test_settings_token_reads_the_named_variable(monkeypatch):
    monkeypatch.setenv("ENTENTE_TEST_TOKEN", "a" * 20)
    monkeypatch.delenv("ENTENTE_NO_SUCH_TOKEN", raising=False)
    assert token("ENTENTE_TEST_TOKEN") == "a" * 20
    assert token("ENTENTE_NO_SUCH_TOKEN") is None


ENVIRONMENT_READ = re.compile(r"os\.environ|os\.getenv|getenv\(")


def test_only_the_settings_module_reads_the_environment():
    package = Path(entente.__file__).parent
    readers = sorted(str(path.relative_to(package.parent.parent)) for path in package.rglob("*.py")
                     if path.name != "settings.py" or path.parent != package
                     if ENVIRONMENT_READ.search(path.read_text(encoding="utf-8")))
    assert readers == [], f"read the environment through entente.settings, not in {', '.join(readers)}"
