"""The store is the only module that speaks SQL: no query text and no DuckDB execute call elsewhere."""

from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "entente"
SQL = re.compile(r"\b(SELECT\s+\S|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(OR\s+REPLACE\s+)?"
                 r"(TEMP\s+)?(TABLE|VIEW|INDEX)|ALTER\s+TABLE|DROP\s+(TABLE|VIEW)|COPY\s*\()")
CALLS = {"execute", "executemany", "sql", "query", "register", "read_parquet", "read_csv"}


def _outside_store() -> list[Path]:
    return [p for p in sorted(SRC.rglob("*.py")) if "store" not in p.relative_to(SRC).parts[:1]]


def _offences(path: Path, root: Path = SRC) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    where = path.relative_to(root)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.search(node.value):
            found.append(f"{where}:{node.lineno}: SQL text {node.value.strip()[:50]!r}")
        elif isinstance(node, ast.JoinedStr):
            text = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
            if SQL.search(text):
                found.append(f"{where}:{node.lineno}: SQL f-string {text.strip()[:50]!r}")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in CALLS:
            found.append(f"{where}:{node.lineno}: .{node.func.attr}(...) call")
    return found


def test_no_sql_outside_the_store():
    offences = [o for p in _outside_store() for o in _offences(p)]
    assert not offences, "SQL outside src/entente/store/:\n" + "\n".join(offences)


def test_the_check_sees_sql_where_it_is(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text('TABLE = "events"\n\n\ndef f(con, a):\n'
                     '    return con.execute(f"SELECT * FROM {TABLE} WHERE source = ?", [a])\n'
                     'NOTE = "select the best events"\n')
    found = _offences(probe, tmp_path)
    assert {o.split(": ")[1].split(" ")[0] for o in found} == {"SQL", ".execute(...)"}
    assert {o.split(":")[1] for o in found} == {"5"}  # the prose on line 6 is no query
