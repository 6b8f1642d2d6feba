"""Publication-date normalisation: any date-ish value to an ISO date string.

``normalize_date`` keeps the precision it was given: a full date becomes
``YYYY-MM-DD``, a month ``YYYY-MM`` and a bare year ``YYYY``. It never invents
a day or a month, and it does not read relative dates ("yesterday"), since an
archived article's "yesterday" says nothing about when it was written.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache
from typing import Any

DateInput = str | datetime | date | time.struct_time | None

_YEAR = re.compile(r"^(\d{4})$")
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_ISO_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ].*)?$")
# Numeric, ISO-shaped strings are ISO or nothing: dateparser would read
# "2019-13" as the 13th of the current month.
_ISO_SHAPED = re.compile(r"^\d{4}-\d{1,2}(?:-\d{1,2})?(?:[T ].*)?$")

# Written dates need a four-digit year: dateparser reads "13 March" as 2013-03.
_FULL_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")

# Only absolute dates: relative expressions and bare numbers (Unix timestamps)
# are not publication dates.
_DATEPARSER_SETTINGS = {
    "PREFER_DATES_FROM": "past",
    "PARSERS": ["custom-formats", "absolute-time"],
    "RETURN_AS_TIMEZONE_AWARE": False,
    # Never fill in the current year ("13 March" is not a publication date).
    "REQUIRE_PARTS": ["year"],
}
_PRECISION = {"day": 10, "month": 7, "year": 4}


def normalize_date(value: DateInput) -> str | None:
    """Return ``value`` as ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; ``None`` if invalid.

    :param value: an ISO string, a common written date ("5 March 2024",
        RFC 2822 feed dates), a ``datetime``/``date``, a ``time.struct_time``,
        or ``None``.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time.struct_time):
        return _from_struct_time(value)
    if isinstance(value, str):
        return _from_string(value.strip())
    return None


def choose_published(
    candidates: Iterable[tuple[Any, str]],
) -> tuple[str | None, str | None, list[str]]:
    """Pick the first valid date of ``(value, source)`` candidates, in order.

    Returns ``(published, published_from, bad_values)``; ``bad_values`` lists
    the non-empty values that did not parse, so the caller can warn (W202).
    """
    bad: list[str] = []
    for value, source in candidates:
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        normal = normalize_date(value)
        if normal is not None:
            return normal, source, bad
        bad.append(str(value))
    return None, None, bad


def _from_struct_time(value: time.struct_time) -> str | None:
    try:
        return date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
    except ValueError:
        return None


def _from_string(text: str) -> str | None:
    if not text:
        return None
    for parse in (_year_or_month, _iso, _rfc2822):
        result = parse(text)
        if result is not None:
            return result
    if _ISO_SHAPED.match(text) or not _FULL_YEAR.search(text):
        return None
    return _written(text)


def _year_or_month(text: str) -> str | None:
    if _YEAR.match(text):
        return text
    match = _YEAR_MONTH.match(text)
    if match and 1 <= int(match.group(2)) <= 12:
        return f"{match.group(1)}-{int(match.group(2)):02d}"
    return None


def _iso(text: str) -> str | None:
    if not _ISO_PREFIX.match(text):
        return None
    try:
        return datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        return _valid_day(text[:10])


def _valid_day(text: str) -> str | None:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        return None


def _rfc2822(text: str) -> str | None:
    # Feed dates ("Sun, 30 Nov 2025 23:30:00 -0500"); the day is kept as written.
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _written(text: str) -> str | None:
    data = _date_parser().get_date_data(text)
    if data.date_obj is None or data.period not in _PRECISION:
        return None
    return data.date_obj.date().isoformat()[: _PRECISION[data.period]]


@lru_cache(maxsize=1)
def _date_parser() -> Any:
    # Imported and built lazily: dateparser takes seconds to load its locales.
    from dateparser.date import DateDataParser

    return DateDataParser(settings=_DATEPARSER_SETTINGS)
