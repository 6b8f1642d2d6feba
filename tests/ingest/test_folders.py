import os

from entente import errors
from entente.ingest import read_inputs
from entente.ingest.folders import kind_from_content, kind_from_extension, walk
from entente.records import Reject


def test_walk_is_sorted_recursive_and_skips_hidden(write, tmp_path):
    for name in ["b.txt", "a.txt", "sub/c.md", ".hidden.txt", ".git/config", "sub/.x/d.txt"]:
        write(name, "words")
    found = [os.path.relpath(p, tmp_path) for p in walk(str(tmp_path))]
    assert found == ["a.txt", "b.txt", os.path.join("sub", "c.md")]


def test_folder_ids_are_joined_paths(write, tmp_path):
    write("sub/one.txt", "One.")
    [doc] = list(read_inputs([tmp_path]))
    assert doc.id == os.path.join(str(tmp_path), "sub", "one.txt")


def test_symlink_loop_is_not_followed_forever(write, tmp_path):
    write("sub/one.txt", "One.")
    (tmp_path / "sub" / "loop").symlink_to(tmp_path)
    docs = list(read_inputs([tmp_path]))
    assert [d.text for d in docs] == ["One."]


def test_unlistable_folder(tmp_path):
    [reject] = list(walk(str(tmp_path / "missing")))
    assert isinstance(reject, Reject) and reject.code == errors.E102_UNREADABLE


def test_kind_by_extension_and_content():
    assert kind_from_extension("a/B.MD") == "markdown"
    assert kind_from_extension("x.ndjson") == "jsonl"
    assert kind_from_extension("x.bin") is None
    assert kind_from_content(b"  <!DOCTYPE html><html>") == "html"
    assert kind_from_content(b'<?xml version="1.0"?>\n<rss version="2.0">') == "feed"
    assert kind_from_content(b"<feed xmlns='http://www.w3.org/2005/Atom'>") == "feed"
    assert kind_from_content(b"<?xml version='1.0'?><rdf:RDF>") == "feed"
    assert kind_from_content(b"Dear reader,") == "text"


def test_folder_and_file_mixed_order(write, tmp_path):
    write("d/x.txt", "X.")
    single = write("z.txt", "Z.")
    docs = list(read_inputs([single, tmp_path / "d"]))
    assert [d.text for d in docs] == ["Z.", "X."]
