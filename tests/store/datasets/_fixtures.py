"""Shared helpers for the dataset tests: sample paths and synthetic files (our own content)."""

from __future__ import annotations

from pathlib import Path

import pytest

from entente.store import connect

SAMPLES = Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "samples"

ICEWS_HEADER = ("Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\tCAMEO Code\t"
                "Intensity\tTarget Name\tTarget Sectors\tTarget Country\tStory ID\tSentence Number\tPublisher\t"
                "City\tDistrict\tProvince\tCountry\tLatitude\tLongitude")


def sample(*parts: str) -> Path:
    """A real sample file, or skip the test when ../shared is not there."""
    path = SAMPLES.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"sample not available: {path}")
    return path


def store(tmp_path: Path):
    return connect(tmp_path / "store.duckdb")


def gdelt2_row(gid: int, c1: str, c2: str, code: str = "042", day: str = "20240105", goldstein: str = "1.9",
               quad: str = "1", url: str = "https://example.org/a") -> str:
    """A synthetic 61-column GDELT 2.0 row."""
    f = [""] * 61
    f[0], f[1], f[2], f[3] = str(gid), day, day[:6], day[:4]
    f[5], f[6], f[7] = c1, f"{c1} NAME", c1
    f[15], f[16], f[17] = c2, f"{c2} NAME", c2
    f[26], f[27], f[28], f[29], f[30] = code, code[:3], code[:2], quad, goldstein
    f[33] = "3"
    f[52], f[56], f[57] = "Islamabad, Pakistan", "33.7", "73.1"
    f[59], f[60] = "20240105120000", url
    return "\t".join(f)
