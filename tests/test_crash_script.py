"""The scripted crash suite: kill -9 at random points during ingest and import, rerun,
compare with an uninterrupted run and run `entente check` (two rounds each in CI)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "crash_test.py"


@pytest.mark.slow
def test_crash_script_every_interrupted_run_recovers_exactly():
    proc = subprocess.run([sys.executable, str(SCRIPT), "--rounds", "2", "--seed", "3"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = [line for line in proc.stdout.splitlines() if " round " in line]
    assert lines and all("rerun equals uninterrupted: True; check: ok" in line for line in lines)
    assert any("killed after" in line and ": yes;" in line for line in lines)
