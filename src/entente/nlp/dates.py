"""Temporal expressions: find them in a parsed document and place them in time.

``resolve_date`` places one phrase relative to the publication date;
``find_dates`` collects the phrases of a document (spaCy ``DATE`` entities plus
a few rules for what the small model misses) and resolves each one.

Conventions for ``value`` (always at the text's own precision, never finer):

- ``day``: ``2025-11-13``; ``month``: ``2025-11``; ``year``: ``2025``;
- ``week``: the ISO week, ``2025-W47`` ("last week");
- ``season``: the year alone, ``2025`` ("this summer"); a winter is dated by
  the year of its January ("last winter" in November 2025 is ``2025``);
- ``quarter``: ``2024-Q2``; ``decade``: its first year, ``1990`` ("the early 1990s").

``basis`` says how the value was obtained: ``absolute`` (the text says it all),
``named`` (a well-known date such as 9/11, from :data:`NAMED_DATES`),
``relative:published`` (needs the publication date), ``relative:weekday``
(a weekday placed next to the publication date), ``duration`` (a stretch of
time ending or starting now, "the last 15 years": value and granularity
``None``), ``vague`` ("in recent years": ``None``), ``length`` (a length or an
age, "five years", "70-year-old": not a date) and ``unknown``.
:func:`find_dates` drops ``length`` and ``unknown``.

Relative expressions with no publication date, or with one too coarse to
decide ("May 11" published "2025"), get value ``None``: they are never guessed.
News is about the past, so a day or month without a year is the closest one on
or before publication ("December 5" published 2025-11-30 is 2024-12-05) unless
a future cue ("next", "coming", or a "will" verb) points forward.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import lru_cache

from spacy.tokens import Doc, Span

from entente.nlp.doctext import doc_text
from entente.records import TimeExpr

Resolved = tuple[str | None, str | None, str]

# Well-known dates written as a name. Facts: the attacks in the United States
# (11 September 2001) and the Mumbai attacks (began 26 November 2008).
NAMED_DATES = {"9/11": "2001-09-11", "26/11": "2008-11-26"}

MONTHS = {"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
          "july": 7, "august": 8, "september": 9, "october": 10, "november": 11,
          "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7,
          "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
            "saturday": 5, "sunday": 6}
# First and last month of each season (northern hemisphere).
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
FUTURE_VERBS = frozenset({"schedule", "expect"})

_MONTH = r"(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(" + "|".join(WEEKDAYS) + r")"
_SEASON = r"(" + "|".join(SEASONS) + r")"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(1[5-9]\d\d|20\d\d)"
_AMOUNT = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|" \
          r"fifteen|twenty|thirty|forty|fifty|a few|a couple of|several|many|some|dozens of)"
_UNIT = r"(day|week|month|year|decade|centur(?:y|ie))s?"

_PREPS = re.compile(r"^(?:in|on|since|by|from|until|till|after|before|during|of|at|around|"
                    r"about|as of|as early as|over|for|through|throughout)\s+")
_HEDGES = re.compile(r"^(?:more than|less than|nearly|almost|about|over|some|at least|"
                     r"around|roughly|up to)\s+")
_MODIFIERS = re.compile(r"^(?:the\s+)?(?:(?:early|earlier|late|later|mid|the end of|end of|"
                        r"the beginning of|beginning of|the start of|start of|the middle of|"
                        r"middle of)(?:\s+|-)|mid-?)(?=\w|')")
_LENGTH = re.compile(rf"^(?:{_AMOUNT}[\s-]+{_UNIT}(?:[\s-]+(?:long|old))?|\d+-{_UNIT}-old|aged \d+)$")
_ANCHOR = r"(?:the\s+)?(?:last|past|previous|next|coming|following)\s+"
_DURATION = re.compile(rf"^{_ANCHOR}{_AMOUNT}\s+{_UNIT}$"
                       rf"|^{_ANCHOR}(?:few\s+)?(?:days|weeks|months|years|decades|centuries)$"
                       r"|^the\s+(?:last|past)\s+(?:week|month|year|decade|century)$|^(?:last|past) decade$")
_VAGUE = re.compile(r"^(?:recent|coming|past|previous)\s+(?:days|weeks|months|years|decades)$|"
                    r"^(?:the past|the future|these days|nowadays|the time|that day|the same day|"
                    r"the next day|the day|the previous day|the following day|years|decades)$")


def resolve_date(text: str, published: str | None, *, future: bool = False) -> Resolved:
    """``(value, granularity, basis)`` for one temporal phrase.

    text (str): the phrase, e.g. "last Tuesday" or "in March 2019".
    published (str | None): publication date, ISO at any precision.
    future (bool): the context points forward ("talks will resume on May 11").
    RETURNS (tuple): value (ISO at the phrase's precision, or None), granularity, basis.
    """
    phrase = _normalise(text)
    if phrase in NAMED_DATES:
        return NAMED_DATES[phrase], "day", "named"
    if _DURATION.match(phrase):
        return None, None, "duration"
    if _VAGUE.match(phrase):
        return None, None, "vague"
    if _LENGTH.match(_HEDGES.sub("", phrase)):
        return None, None, "length"
    core = _strip_modifiers(phrase)
    bounds = _published_bounds(published)
    future = future or _has_future_word(core)
    for rule in _RULES:
        found = rule(core, bounds, future)
        if found is not None:
            return found
    return _fallback(core)


def find_dates(doc: Doc, published: str | None) -> list[TimeExpr]:
    """Every temporal expression in ``doc``, resolved against ``published``.

    Candidates are the spaCy ``DATE`` entities plus named dates (9/11),
    quarters ("Q3 2024") and years the model labels ``CARDINAL`` after a
    temporal preposition ("in 2011"). Lengths and ages ("five years",
    "70-year-old") and unplaceable non-dates are dropped.
    """
    out: list[TimeExpr] = []
    for span in _candidates(doc):
        value, granularity, basis = resolve_date(span.text, published, future=_future_context(span))
        if basis in ("length", "unknown"):
            continue
        out.append(TimeExpr(span.text, span.start_char, span.end_char, value, granularity, basis))
    return out


# --- normalising -------------------------------------------------------------

# Patterns are compiled at import (here and above each rule): resolve_date runs every rule on
# every phrase, and re.match(str) hashes and looks up the pattern text on each call.
_POSSESSIVE = re.compile(r"'s$")
_THE = re.compile(r"^the\s+")
_FUTURE_WORD = re.compile(r"^(?:next|coming|this coming|upcoming)\b")


def _normalise(text: str) -> str:
    phrase = " ".join(text.lower().replace("’", "'").split()).strip(" ,;:")
    phrase = _POSSESSIVE.sub("", phrase)
    while (shorter := _PREPS.sub("", phrase)) != phrase:
        phrase = shorter
    return phrase


def _strip_modifiers(phrase: str) -> str:
    # "the early 1990s", "earlier this year", "mid-March": the base keeps its precision.
    while (shorter := _MODIFIERS.sub("", phrase)) != phrase:
        phrase = shorter
    return _THE.sub("", phrase)


def _has_future_word(phrase: str) -> bool:
    return bool(_FUTURE_WORD.match(phrase))


# --- the publication date ------------------------------------------------------

_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _published_bounds(published: str | None) -> tuple[dt.date, dt.date] | None:
    """First and last day the publication date can be (``None`` if unknown)."""
    match = _ISO_DATE.match(published or "")
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    if month is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if day is None:
        return dt.date(year, month, 1), _month_end(year, month)
    return dt.date(year, month, day), dt.date(year, month, day)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def _relative(bounds: tuple[dt.date, dt.date] | None, granularity: str, basis: str,
              place: Callable[[dt.date], str | None]) -> Resolved:
    """Place a relative phrase; ``None`` unless both ends of ``bounds`` agree."""
    if bounds is None:
        return None, granularity, basis
    first, last = place(bounds[0]), place(bounds[1])
    return (first if first == last else None), granularity, basis


# --- rules: each returns a result or None when it does not apply ---------------

Bounds = tuple[dt.date, dt.date] | None


_DECADE = re.compile(r"^(1[5-9]|20)(\d)0'?s$")
_DECADE_SHORT = re.compile(r"^'?(\d)0'?s$")


def _decade(phrase: str, bounds: Bounds, future: bool) -> Resolved | None:
    if m := _DECADE.match(phrase):
        return f"{m[1]}{m[2]}0", "decade", "absolute"
    if m := _DECADE_SHORT.match(phrase):
        century = "19" if int(m[1]) >= 3 else "20"
        return f"{century}{m[1]}0", "decade", "absolute"
    return None


_YEAR_ONLY = re.compile(rf"^(?:the year |fy ?|fiscal (?:year )?){_YEAR}$|^{_YEAR}$")


def _year(phrase: str, bounds: Bounds, future: bool) -> Resolved | None:
    if m := _YEAR_ONLY.match(phrase):
        return m[1] or m[2], "year", "absolute"
    return None


_SEASON_PHRASE = re.compile(rf"^(?:(this|last|next|past|coming|this coming)\s+)?{_SEASON}"
                            rf"(?:,?\s+(?:of\s+)?(this year|last year|next year|{_YEAR[1:-1]}))?$")


def _season(phrase: str, bounds: Bounds, future: bool) -> Resolved | None:
    m = _SEASON_PHRASE.match(phrase)
    if not m:
        return None
    which, season, year = m[1], m[2], m[3]
    if year and year[0].isdigit():
        return year, "season", "absolute"
    if year:
        shift = {"this year": 0, "last year": -1, "next year": 1}[year]
        return _relative(bounds, "season", "relative:published", lambda d: str(d.year + shift))
    return _relative(bounds, "season", "relative:published",
                     lambda d: str(_season_year(SEASONS[season], which, future, d)))


def _season_year(months: tuple[int, int], which: str | None, future: bool, day: dt.date) -> int:
    """Year of the season meant (a winter counts by the year of its January)."""
    first, last = months
    winter = first > last
    if which in ("last", "past"):  # the latest one already over
        return day.year if last < day.month else day.year - 1
    if which in ("next", "coming", "this coming") or future and which is None:  # not yet begun
        if winter:
            return day.year + (2 if day.month == 12 else 1)
        return day.year if first > day.month else day.year + 1
    if winter:  # "this winter": the coming one from autumn on
        return day.year + 1 if day.month >= 9 else day.year
    return day.year


_QUARTER = re.compile(rf"^(?:q([1-4])|(first|second|third|fourth|1st|2nd|3rd|4th) quarter)"
                      rf"(?:,?\s+(?:of\s+)?(?:fy ?)?{_YEAR})?$")


def _quarter(phrase: str, bounds: Bounds, future: bool) -> Resolved | None:
    m = _QUARTER.match(phrase)
    if not m:
        return None
    quarter = int(m[1]) if m[1] else ORDINALS[m[2]]
    if m[3]:
        return f"{m[3]}-Q{quarter}", "quarter", "absolute"

    def place(day: dt.date) -> str:
        current = (day.month - 1) // 3 + 1
        year = day.year + (1 if future and quarter < current else 0) - (
            1 if not future and quarter > current else 0)
        return f"{year}-Q{quarter}"
    return _relative(bounds, "quarter", "relative:published", place)


_MONTH_DAY_YEAR = re.compile(rf"^{_MONTH} {_DAY},? {_YEAR}$")
_DAY_MONTH_YEAR = re.compile(rf"^{_DAY} (?:of )?{_MONTH},? {_YEAR}$")


def _full_day(phrase: str, bounds: Bounds, future: bool) -> Resolved | None:
    m = _MONTH_DAY_YEAR.match(phrase)
    if m:
        month, day, year = MONTHS[m[1]], int(m[2]), int(m[3])
    elif m := _DAY_MONTH_YEAR.match(phrase):
        month, day, year = MONTHS[m[2]], int(m[1]), int(m[3])
    else:
        return None
    value = _iso_day(year, month, day)
    return (value, "day", "absolute") if value else None


_MONTH_YEAR = re.compile(rf"^{_MONTH},? (?:of )?{_YEAR}$")
_MONTH_RELATIVE_YEAR = re.compile(rf"^{_MONTH},? (?:of )?(this|last|next) year$")


def _month_year(phrase: str, bounds: Bounds, future: bool) -> Resolved | None:
    if m := _MONTH_YEAR.match(phrase):
        return f"{m[2]}-{MONTHS[m[1]]:02d}", "month", "absolute"
    if m := _MONTH_RELATIVE_YEAR.match(phrase):
        shift = {"this": 0, "last": -1, "next": 1}[m[2]]
        month = MONTHS[m[1]]
        return _relative(bounds, "month", "relative:published",
                         lambda d: f"{d.year + shift}-{month:02d}")
    return None


_MONTH_DAY = re.compile(rf"^(?:(this|last|next|coming|this coming) )?{_MONTH} {_DAY}$")
_DAY_MONTH = re.compile(rf"^(?:(this|last|next|coming|this coming) )?{_DAY} (?:of )?{_MONTH}$")


def _day_no_year(phrase: str, bounds: Bounds, future: bool) -> Resolved | None:
    m = _MONTH_DAY.match(phrase)
    if m:
        which, month, day = m[1], MONTHS[m[2]], int(m[3])
    elif m := _DAY_MONTH.match(phrase):
        which, month, day = m[1], MONTHS[m[3]], int(m[2])
    else:
        return None
    if not 1 <= day <= 31:
        return None
    ahead = future or which in ("next", "coming", "this coming")
    return _relative(bounds, "day", "relative:published", lambda d: _closest_day(d, month, day, ahead))


def _closest_day(anchor: dt.date, month: int, day: int, ahead: bool) -> str | None:
    step = 1 if ahead else -1
    for offset in range(0, 9):  # 29 February needs up to eight years
        year = anchor.year + step * offset
        value = _iso_day(year, month, day)
        if value and (dt.date.fromisoformat(value) >= anchor if ahead
                      else dt.date.fromisoformat(value) <= anchor):
            return value
    return None


_MONTH_ONLY = re.compile(rf"^(?:(this|last|next|past|coming|this coming) )?{_MONTH}$")


def _month_only(phrase: str, bounds: Bounds, future: bool) -> Resolved | None:
    m = _MONTH_ONLY.match(phrase)
    if not m:
        return None
    which, month = m[1], MONTHS[m[2]]
    return _relative(bounds, "month", "relative:published",
                     lambda d: f"{_month_year_of(d, month, which, future)}-{month:02d}")


def _month_year_of(day: dt.date, month: int, which: str | None, future: bool) -> int:
    if which == "this":
        return day.year
    if which == "next":
        return day.year if month > day.month else day.year + 1
    if which in ("last", "past"):
        return day.year if month < day.month else day.year - 1
    if which in ("coming", "this coming") or future:
        return day.year if month >= day.month else day.year + 1
    return day.year if month <= day.month else day.year - 1


def _named_day(phrase: str, bounds: Bounds, future: bool) -> Resolved | None:
    shifts = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0,
              "this evening": 0, "yesterday": -1, "last night": -1, "tomorrow": 1,
              "the day before yesterday": -2, "day before yesterday": -2,
              "the day after tomorrow": 2, "day after tomorrow": 2}
    if phrase not in shifts:
        return None
    shift = shifts[phrase]
    return _relative(bounds, "day", "relative:published",
                     lambda d: (d + dt.timedelta(days=shift)).isoformat())


_UNIT_RELATIVE = re.compile(r"^(this|last|next|this past|this coming|coming) "
                            r"(week|weekend|month|year|quarter)$")


def _unit_relative(phrase: str, bounds: Bounds, future: bool) -> Resolved | None:
    m = _UNIT_RELATIVE.match(phrase)
    if not m:
        return None
    shift = {"this": 0, "last": -1, "this past": -1, "next": 1, "this coming": 1, "coming": 1}[m[1]]
    unit = "week" if m[2] == "weekend" else m[2]
    return _relative(bounds, unit, "relative:published", lambda d: _shift_unit(d, unit, shift))


_AGO = re.compile(r"^(\d+|" + "|".join(NUMBERS) + r") (day|week|month|year|decade)s? ago$")


def _ago(phrase: str, bounds: Bounds, future: bool) -> Resolved | None:
    m = _AGO.match(phrase)
    if not m:
        return None
    count = int(m[1]) if m[1].isdigit() else NUMBERS[m[1]]
    unit = m[2]
    return _relative(bounds, unit, "relative:published", lambda d: _shift_unit(d, unit, -count))


def _shift_unit(day: dt.date, unit: str, shift: int) -> str:
    if unit == "day":
        return (day + dt.timedelta(days=shift)).isoformat()
    if unit == "week":
        year, week, _ = (day + dt.timedelta(weeks=shift)).isocalendar()
        return f"{year}-W{week:02d}"
    if unit == "month":
        index = day.year * 12 + day.month - 1 + shift
        return f"{index // 12}-{index % 12 + 1:02d}"
    if unit == "quarter":
        index = day.year * 4 + (day.month - 1) // 3 + shift
        return f"{index // 4}-Q{index % 4 + 1}"
    if unit == "decade":
        return str((day.year + 10 * shift) // 10 * 10)
    return str(day.year + shift)


_WEEKDAY_PHRASE = re.compile(rf"^(?:(this|last|next|past|coming|this coming|this past) )?{_WEEKDAY}"
                             rf"(?: (?:morning|afternoon|evening|night))?$")


def _weekday(phrase: str, bounds: Bounds, future: bool) -> Resolved | None:
    m = _WEEKDAY_PHRASE.match(phrase)
    if not m:
        return None
    which, weekday = m[1], WEEKDAYS[m[2]]
    return _relative(bounds, "day", "relative:weekday", lambda d: _weekday_date(d, weekday, which, future))


def _weekday_date(anchor: dt.date, weekday: int, which: str | None, future: bool) -> str:
    if which in ("next", "coming", "this coming"):
        ahead = (weekday - anchor.weekday() - 1) % 7 + 1
        return (anchor + dt.timedelta(days=ahead)).isoformat()
    if future and which is None:
        return (anchor + dt.timedelta(days=(weekday - anchor.weekday()) % 7)).isoformat()
    back = (anchor.weekday() - weekday) % 7
    if which in ("last", "past", "this past") and back == 0:
        back = 7  # "last Tuesday" written on a Tuesday is a week ago
    return (anchor - dt.timedelta(days=back)).isoformat()


_RULES = (_decade, _year, _season, _quarter, _full_day, _month_year, _day_no_year,
          _month_only, _named_day, _unit_relative, _ago, _weekday)


def _iso_day(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


# Profiled (bench/README.md): dateparser was a third of the post-parse time;
# the answer depends only on the phrase, so each distinct phrase is parsed once.
@lru_cache(maxsize=8192)
def _fallback(phrase: str) -> Resolved:
    """dateparser, only for phrases that carry their own year (absolute forms
    the rules do not spell out, e.g. "2019-03-08"). Relative phrases are never
    handed to it: it reads a bare "five years" as five years ago."""
    if not re.search(r"\b(1[5-9]|20)\d\d\b", phrase):
        return None, None, "unknown"
    data = _parser().get_date_data(phrase)
    if data.date_obj is None or data.period not in ("day", "week", "month", "year"):
        return None, None, "unknown"
    day = data.date_obj.date()
    formats = {"day": day.isoformat(), "month": f"{day.year}-{day.month:02d}", "year": str(day.year),
               "week": "{}-W{:02d}".format(*day.isocalendar()[:2])}
    return formats[data.period], data.period, "absolute"


@lru_cache(maxsize=1)
def _parser():
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={"RETURN_TIME_AS_PERIOD": True,
                                                      "PREFER_DATES_FROM": "past"})


# --- candidates in a document ---------------------------------------------------

# The lookahead names every possible first character (a named date's, or the Q of a
# quarter): it changes no match, and spares the lookbehind at every other position.
_EXTRA = re.compile(r"(?=[" + re.escape("".join(sorted({k[0] for k in NAMED_DATES} | {"Q"}))) + r"])"
                    r"(?:(?<![\w/])(?:" + "|".join(re.escape(k) for k in NAMED_DATES) + r")(?![\w/])"
                    r"|\bQ[1-4],?\s+(?:FY\s?)?(?:19|20)\d\d\b)")
_YEAR_RE = re.compile(_YEAR)
_YEAR_PREPS = frozenset({"in", "since", "by", "until", "from", "during", "before", "after"})


def _candidates(doc: Doc) -> list[Span]:
    """DATE entities and rule matches, longest first where they overlap, in text order."""
    spans = [e for e in doc.ents if e.label_ == "DATE" or _is_cardinal_year(e)]
    for m in _EXTRA.finditer(doc_text(doc)):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None:
            spans.append(span)
    chosen: list[Span] = []
    for span in sorted(spans, key=lambda s: (-(s.end_char - s.start_char), s.start_char)):
        if all(span.end_char <= c.start_char or span.start_char >= c.end_char for c in chosen):
            chosen.append(span)
    return sorted(chosen, key=lambda s: s.start_char)


def _is_cardinal_year(ent: Span) -> bool:
    return (ent.label_ == "CARDINAL" and _YEAR_RE.fullmatch(ent.text) is not None
            and ent.start > 0 and ent.doc[ent.start - 1].lower_ in _YEAR_PREPS)


def _future_context(span: Span) -> bool:
    """The clause the date belongs to is about the future ("will meet on May 11")."""
    for token in [span.root, *span.root.ancestors]:
        if token.lemma_ in FUTURE_VERBS:
            return True
        if token.pos_ in ("VERB", "AUX") and any(
                c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in token.children):
            return True
    return False
