"""Tables kept in the cache folder: read back when there, built (and written) when not."""

from __future__ import annotations

import marshal
import os

import pytest

from entente.cachefile import cache_path, file_cache_path, read_or_build
from entente.settings import reload_settings


@pytest.fixture
def builds():
    calls: list[int] = []

    def build() -> dict:
        calls.append(1)
        return {"format": 1, "rows": [("a", 1), ("b", 2)]}

    return build, calls


def test_built_once_then_read_back(tmp_path, builds):
    build, calls = builds
    path = tmp_path / "sub" / "table.pickle"
    first = read_or_build(path, build)
    assert path.is_file() and len(calls) == 1
    assert read_or_build(path, build) == first and len(calls) == 1
    assert not list(path.parent.glob("*.tmp"))  # written through a renamed temporary file


@pytest.mark.parametrize("damage", [b"", b"\x80\x05garbage", b"not a pickle at all"])
def test_damaged_file_is_rebuilt_and_replaced(tmp_path, builds, damage):
    build, calls = builds
    path = tmp_path / "table.pickle"
    path.write_bytes(damage)
    assert read_or_build(path, build)["format"] == 1 and len(calls) == 1
    assert read_or_build(path, build)["format"] == 1 and len(calls) == 1  # the rebuilt file is good


def test_invalid_table_is_rebuilt(tmp_path, builds):
    build, calls = builds
    path = tmp_path / "table.marshal"
    path.write_bytes(marshal.dumps({"format": 0}))
    table = read_or_build(path, build, dumps=marshal.dumps, loads=marshal.loads, valid=lambda t: t["format"] == 1)
    assert table["format"] == 1 and len(calls) == 1


def test_no_folder_or_an_unwritable_one_means_building_every_time(tmp_path, builds):
    build, calls = builds
    assert read_or_build(None, build)["format"] == 1
    assert read_or_build(None, build)["format"] == 1 and len(calls) == 2
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder should be")
    assert read_or_build(blocked / "table.pickle", build)["format"] == 1 and len(calls) == 3


def test_cache_path_follows_the_setting(tmp_path, monkeypatch):
    monkeypatch.setenv("ENTENTE_CACHE_DIR", os.fspath(tmp_path / "c"))
    reload_settings()
    assert cache_path("x.marshal") == tmp_path / "c" / "x.marshal"


def test_a_table_of_the_same_files_replaces_the_older_ones(tmp_path, monkeypatch, builds):
    build, calls = builds
    monkeypatch.setenv("ENTENTE_CACHE_DIR", os.fspath(tmp_path))
    reload_settings()
    files = [("/data/a.txt", 10, 1)]
    old = file_cache_path("kind", files, "v1", ".pickle")
    other = file_cache_path("kind", [("/data/b.txt", 10, 1)], "v1", ".pickle")
    read_or_build(old, build, replace_older=True)
    read_or_build(other, build, replace_older=True)
    new = file_cache_path("kind", [("/data/a.txt", 11, 2)], "v1", ".pickle")  # a.txt edited
    assert new != old and new.name.rsplit("-", 1)[0] == old.name.rsplit("-", 1)[0]
    read_or_build(new, build, replace_older=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([new.name, other.name]) and len(calls) == 3
    assert file_cache_path("kind", files, "v2", ".pickle") != old  # other code: another table


def test_without_replace_older_tables_of_other_versions_stay(tmp_path, builds):
    build, _ = builds
    for python in ("py311", "py312"):  # the gazetteer's names: one table per Python version
        read_or_build(tmp_path / f"gazetteer-v1-{python}.pickle", build)
    assert len(list(tmp_path.glob("gazetteer-*.pickle"))) == 2
