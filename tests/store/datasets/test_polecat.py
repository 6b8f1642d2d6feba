"""POLECAT reader on synthetic files (own content): header aliases, trailing tabs, extra columns, None."""

from __future__ import annotations

from entente.store.datasets import import_files
from tests.store.datasets._fixtures import store

HEADER = ["Event ID", "Event Date", "Event Type", "Event Mode", "Intensity", "Quad Code", "Contexts",
          "Actor Name", "Actor Country", "Recipient Name", "Recipient Country", "Placename", "Latitude",
          "Longitude"]


def _write(tmp_path, header, rows):
    path = tmp_path / "ngecEvents.synthetic.txt"
    path.write_text("\t".join(header) + "\n" + "\n".join("\t".join(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_polecat_aliases_trailing_tabs_and_extras(tmp_path):
    header = [("Event Intensity" if h == "Intensity" else h) for h in HEADER] + ["Headline"]
    rows = [["P1", "2023-01-02", "CONSULT", "visit", "4", "VERBAL COOPERATION", "diplomatic", "A", "USA; GBR",
             "B", "PAK", "Islamabad", "33.7", "73.1", "x", "", ""],
            ["P2", "2023-01-03", "ASSAULT", "", "-9", "MATERIAL CONFLICT", "military", "A", "IND", "B", "None"],
            ["P3", "None", "ASSAULT", "", "-9", "MATERIAL CONFLICT", "military", "A", "IND", "B", "PAK"],
            ["P4", "2023-01-04"]]
    con = store(tmp_path)
    (r,) = import_files(con, "polecat", [_write(tmp_path, header, rows)])
    assert (r.read, r.stored, r.malformed, r.not_dyadic) == (4, 1, 2, 1) and r.balanced
    assert [line for line, _ in r.problems] == [4, 5]
    got = con.execute("SELECT event_id, source, target, plover, mode, cameo, quad_class, place FROM events").fetchall()
    assert got == [("polecat:P1", "USA", "PAK", "CONSULT", "visit", "042", 1, "Islamabad")]
