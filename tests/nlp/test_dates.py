"""Dates: resolving temporal phrases (no model) and finding them in parsed text."""

from __future__ import annotations

import pytest

from entente.nlp.dates import NAMED_DATES, find_dates, resolve_date

PUBLISHED = "2025-11-30"  # a Sunday


@pytest.mark.parametrize(
    ("text", "value", "granularity"),
    [
        ("May 11", "2025-05-11", "day"),
        ("November 13th", "2025-11-13", "day"),
        ("11 November", "2025-11-11", "day"),
        ("the 11th of May", "2025-05-11", "day"),
        ("in November", "2025-11", "month"),
        ("mid-March", "2025-03", "month"),
        ("this summer", "2025", "season"),
        ("the summer this year", "2025", "season"),
        ("last summer", "2025", "season"),
        ("last winter", "2025", "season"),
        ("next winter", "2026", "season"),
        ("May of this year", "2025-05", "month"),
        ("earlier this year", "2025", "year"),
        ("later this month", "2025-11", "month"),
        ("next Monday", "2025-12-01", "day"),
        ("last Tuesday", "2025-11-25", "day"),
        ("on Tuesday", "2025-11-25", "day"),
        ("Sunday", "2025-11-30", "day"),
        ("last Sunday", "2025-11-23", "day"),
        ("yesterday", "2025-11-29", "day"),
        ("Today", "2025-11-30", "day"),
        ("tomorrow", "2025-12-01", "day"),
        ("last week", "2025-W47", "week"),
        ("this week", "2025-W48", "week"),
        ("last month", "2025-10", "month"),
        ("last year", "2024", "year"),
        ("next year", "2026", "year"),
        ("last quarter", "2025-Q3", "quarter"),
        ("two years ago", "2023", "year"),
        ("three days ago", "2025-11-27", "day"),
        ("December 5", "2024-12-05", "day"),
        ("December", "2024-12", "month"),
        ("next May", "2026-05", "month"),
    ],
)
def test_dates_resolve_relative_to_publication(text, value, granularity):
    assert resolve_date(text, PUBLISHED)[:2] == (value, granularity)


@pytest.mark.parametrize(
    ("text", "value", "granularity"),
    [
        ("in 2011", "2011", "year"),
        ("2011", "2011", "year"),
        ("late 2019", "2019", "year"),
        ("in March 2019", "2019-03", "month"),
        ("Sept. 2019", "2019-09", "month"),
        ("March 8, 2019", "2019-03-08", "day"),
        ("8 March 2019", "2019-03-08", "day"),
        ("2019-03-08", "2019-03-08", "day"),
        ("the early 1990s", "1990", "decade"),
        ("the 1990s", "1990", "decade"),
        ("the '80s", "1980", "decade"),
        ("the second quarter of 2024", "2024-Q2", "quarter"),
        ("Q3 2024", "2024-Q3", "quarter"),
        ("the summer of 2019", "2019", "season"),
    ],
)
def test_dates_resolve_absolute_without_publication(text, value, granularity):
    assert resolve_date(text, None) == (value, granularity, "absolute")


@pytest.mark.parametrize(("text", "value"), [("since 9/11", "2001-09-11"), ("26/11", "2008-11-26")])
def test_dates_resolve_named_dates(text, value):
    assert resolve_date(text, None) == (value, "day", "named")
    assert value in NAMED_DATES.values()


@pytest.mark.parametrize(
    ("text", "basis"),
    [
        ("the last 15 years", "duration"),
        ("over the past few years", "duration"),
        ("the coming weeks", "duration"),
        ("in recent years", "vague"),
        ("five years", "length"),
        ("three decades", "length"),
        ("more than two decades", "length"),
        ("70-year-old", "length"),
        ("annually", "unknown"),
    ],
)
def test_dates_resolve_durations_and_non_dates_have_no_value(text, basis):
    assert resolve_date(text, PUBLISHED) == (None, None, basis)


@pytest.mark.parametrize(
    ("text", "basis"),
    [("May 11", "relative:published"), ("last year", "relative:published"),
     ("this summer", "relative:published"), ("next Monday", "relative:weekday")],
)
def test_dates_resolve_relative_without_publication_is_never_guessed(text, basis):
    value, granularity, got = resolve_date(text, None)
    assert value is None and granularity is not None and got == basis


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [("May 11", "2025-11", "2025-05-11"), ("November 13", "2025-11", None),
     ("last year", "2025", "2024"), ("May 11", "2025", None), ("yesterday", "2025-11", None),
     ("yesterday", "2025-11-30T08:00:00Z", "2025-11-29")],
)
def test_dates_resolve_coarse_publication_only_when_unambiguous(text, published, value):
    assert resolve_date(text, published)[0] == value


@pytest.mark.parametrize(
    ("text", "value"),
    [("December 5", "2025-12-05"), ("Tuesday", "2025-12-02"), ("Sunday", "2025-11-30"),
     ("summer", "2026"), ("May", "2026-05")],
)
def test_dates_resolve_future_cue_looks_forward(text, value):
    assert resolve_date(text, PUBLISHED, future=True)[0] == value


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The talks began on May 11 in Geneva.", [("May 11", "2025-05-11", "day")]),
        ("A CNN article in 2018 said they met last Tuesday.",
         [("2018", "2018", "year"), ("last Tuesday", "2025-11-25", "day")]),
        ("After 26/11, India reacted.", [("26/11", "2008-11-26", "day")]),
        ("Since 9/11, the US has changed.", [("9/11", "2001-09-11", "day")]),
        ("Q3 2024 results were weak.", [("Q3 2024", "2024-Q3", "quarter")]),
        ("In the early 1990s, ties warmed.", [("the early 1990s", "1990", "decade")]),
        ("Over the last 15 years, trade grew.", [("the last 15 years", None, None)]),
        ("Leaders will meet on December 5 in Doha.", [("December 5", "2025-12-05", "day")]),
        ("The summit on December 5 drew protests.", [("December 5", "2024-12-05", "day")]),
        ("The 70-year-old leader spoke for three decades.", []),
        ("The talks lasted five years.", []),
    ],
)
def test_dates_find_dates_in_parsed_text(nlp, sentence, expected):
    found = find_dates(nlp(sentence), PUBLISHED)
    assert [(t.text, t.value, t.granularity) for t in found] == expected
    assert all(sentence[t.start:t.end] == t.text for t in found)


def test_dates_find_dates_without_publication_keeps_absolute_only(nlp):
    found = find_dates(nlp("India and Pakistan fought in 1971, officials said on Tuesday."), None)
    assert [(t.text, t.value) for t in found] == [("1971", "1971"), ("Tuesday", None)]
