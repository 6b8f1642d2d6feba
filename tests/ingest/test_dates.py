import time
from datetime import date, datetime, timezone

import pytest

from entente.ingest.dates import choose_published, normalize_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019", "2019"),
        ("2019-07", "2019-07"),
        ("2019-7", "2019-07"),
        ("2025-11-30", "2025-11-30"),
        ("2025-11-30T10:00:00Z", "2025-11-30"),
        ("2025-11-30T23:30:00-05:00", "2025-11-30"),
        ("2025-11-30 08:15", "2025-11-30"),
        ("Sun, 30 Nov 2025 23:30:00 -0500", "2025-11-30"),
        ("5 March 2024", "2024-03-05"),
        ("March 5, 2024", "2024-03-05"),
        ("July 2019", "2019-07"),
        ("  2024-03-05  ", "2024-03-05"),
    ],
)
def test_normalize_date_strings(value, expected):
    assert normalize_date(value) == expected


def test_year_only_never_gets_a_day():
    assert normalize_date("2019") == "2019"
    assert normalize_date("July 2019") == "2019-07"


@pytest.mark.parametrize(
    "value",
    ["", "not a date", "13 March", "2019-13", "2019-02-30", "yesterday", "in two days", None, 42],
)
def test_invalid_dates_are_none(value):
    assert normalize_date(value) is None


def test_date_objects_and_struct_time():
    assert normalize_date(date(2020, 1, 2)) == "2020-01-02"
    assert normalize_date(datetime(2020, 1, 2, 23, 0, tzinfo=timezone.utc)) == "2020-01-02"
    assert normalize_date(time.strptime("2021-06-07", "%Y-%m-%d")) == "2021-06-07"


def test_choose_published_takes_first_valid_and_reports_bad():
    candidates = [("garbage", "record"), ("2020-05-01", "metadata"), ("2021", "option")]
    result = choose_published(candidates)
    assert result == ("2020-05-01", "metadata", ["garbage"])


def test_choose_published_skips_missing_values():
    assert choose_published([(None, "record"), ("", "metadata"), ("2021", "option")]) == (
        "2021",
        "option",
        [],
    )
    assert choose_published([(None, "record")]) == (None, None, [])
