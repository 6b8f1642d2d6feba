"""Strict request parameters shared by the API routes and the pages.

Patterns reject anything that is not a country code, an ISO date, a PLOVER
type or a CAMEO root before it reaches a query; unknown query parameters are
refused with 400 rather than silently ignored.
"""

from __future__ import annotations


from typing import Annotated

from fastapi import HTTPException, Path, Query, Request

from entente.store.search import EventFilter, period_bounds

ISO = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
CODE = r"^[A-Za-z]{2,8}$"

CountryPath = Annotated[str, Path(pattern=CODE, description="Country or organisation code (ISO alpha-3, NATO, UN...)")]
Country = Annotated[str | None, Query(pattern=CODE, description="Events with this country on either side.")]
Since = Annotated[str | None, Query(pattern=ISO, description="From this ISO date (YYYY, YYYY-MM or YYYY-MM-DD).")]
Until = Annotated[str | None, Query(pattern=ISO, description="Until this ISO date, inclusive of the whole period.")]
Limit = Annotated[int, Query(ge=1, le=500, description="Page size (1-500).")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip.")]
Plover = Annotated[str | None, Query(pattern=r"^[A-Za-z_]{2,40}$", description="PLOVER event type (e.g. AGREE).")]
Root = Annotated[str | None, Query(pattern=r"^\d{2}$", description="CAMEO root code (01-20).")]
Text = Annotated[str | None, Query(min_length=1, max_length=200, description="Text to find in the evidence.")]
Dataset = Annotated[str | None, Query(pattern=r"^[a-z0-9_]{1,20}$", description="entente, gdelt1, icews...")]
ViewDataset = Annotated[str, Query(pattern=r"^[A-Za-z0-9_]{1,20}$",
                                   description="Whose events: entente (its own, the default), an imported"
                                               " dataset's name, or all.")]
Periods = Annotated[str | None, Query(pattern=r"^(\d{4}(-\d{2}){0,2})?:(\d{4}(-\d{2}){0,2})?"
                                              r"(,(\d{4}(-\d{2}){0,2})?:(\d{4}(-\d{2}){0,2})?){0,9}$",
                                      description="Periods to compare, SINCE:UNTIL comma-separated"
                                                  " (2017:2019,2020:2022); default: two halves of the history.")]
Rival = Annotated[str | None, Query(pattern=CODE, description="A third country to compare against.")]
Granularity = Annotated[str, Query(pattern=r"^(month|quarter|year)$", description="Period length.")]
Sectors = Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}(,[A-Za-z]{3}){0,49}$",
                                      description="Only events whose source and target both have one of these"
                                                  " sectors: CAMEO/PLOVER codes, comma-separated (GOV,MIL)."
                                                  " Default: every event, country to country.")]


def strict_query(request: Request) -> None:
    """Refuse query parameters the route does not declare (400), and repeated ones."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    allowed = {p.alias for p in _query_params(dependant)}
    unknown = sorted(set(request.query_params.keys()) - allowed)
    if unknown:
        raise HTTPException(400, f"unknown query parameter(s): {', '.join(unknown)};"
                                 f" allowed: {', '.join(sorted(allowed)) or 'none'}")
    repeated = sorted(k for k in set(request.query_params.keys()) if len(request.query_params.getlist(k)) > 1)
    if repeated:
        raise HTTPException(400, f"query parameter(s) given more than once: {', '.join(repeated)}")


def _query_params(dependant) -> list:
    out = list(dependant.query_params)
    for sub in dependant.dependencies:
        out += _query_params(sub)
    return out


def code(value: str | None) -> str | None:
    """Country codes are upper case in the store."""
    return value.upper() if value else None


def sector_codes(value: str | None) -> tuple[str, ...] | None:
    """The known sector codes of ``sectors=GOV,MIL`` (400 naming any unknown one)."""
    from entente.analytics.series import check_sectors

    try:
        return check_sectors(value)
    except ValueError as exc:
        raise HTTPException(400, str(exc)) from None


def window(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    """Check both dates exist and ``since`` is not after ``until`` (400 otherwise)."""
    bounds = []
    for name, value in (("since", since), ("until", until)):
        try:
            bounds.append(period_bounds(value, end=name == "until"))
        except ValueError:
            raise HTTPException(400, f"{name}: {value!r} is not a real date") from None
    if bounds[0] and bounds[1] and bounds[0] > bounds[1]:
        raise HTTPException(400, f"since ({since}) is after until ({until})")
    return since, until


def dyad_query(a: CountryPath, b: CountryPath, since: Since = None, until: Until = None,
               granularity: Granularity = "year", rival: Rival = None, periods: Periods = None,
               sectors: Sectors = None, dataset: ViewDataset = "entente",
               corrections: Annotated[bool, Query(description="Apply the analysts' corrections (default) or"
                                                              " show the events as coded.")] = True):
    """The dyad view's query from a request (400 on a bad pair, window or sector)."""
    from entente.analytics.view import DyadQuery, periods_of

    a, b = pair(a, b)
    since, until = window(since, until)
    chosen = periods_of(periods.split(",")) if periods else None
    for p_since, p_until in chosen or ():
        window(p_since, p_until)
    return DyadQuery(a=a, b=b, since=since, until=until, granularity=granularity, rival=code(rival),
                     periods=chosen, sectors=sector_codes(sectors), dataset=dataset.lower(), corrections=corrections)


def event_filter(country: Country = None, a: Country = None, b: Country = None, plover: Plover = None,
                 root: Root = None, since: Since = None, until: Until = None, q: Text = None,
                 dataset: Dataset = None, sectors: Sectors = None, limit: Limit = 50,
                 offset: Offset = 0) -> EventFilter:
    """The event filters, validated (``a`` and ``b`` go together)."""
    if bool(a) != bool(b):
        raise HTTPException(400, "a pair needs both a and b")
    since, until = window(since, until)
    if plover:
        from entente.coding.ontology import plover_types

        if plover.upper() not in plover_types():
            raise HTTPException(400, f"plover: {plover!r} is not a PLOVER type; one of {', '.join(plover_types())}")
    return EventFilter(country=code(country), a=code(a), b=code(b), plover=plover.upper() if plover else None,
                       root=root, since=since, until=until, q=q, dataset=dataset, limit=limit, offset=offset,
                       sectors=sector_codes(sectors))


def pair(a: str, b: str) -> tuple[str, str]:
    """Upper-cased pair; a country paired with itself is refused (400)."""
    a, b = a.upper(), b.upper()
    if a == b:
        raise HTTPException(400, f"a pair needs two different countries (got {a} twice)")
    return a, b


