"""The public project database: which projects match a search, in which order, one keyset page at a time.

Everything is read from the projects table's stored index (see search_index.py): the GIN-indexed search vector
for words, the acronym trigrams for near misses, and the partner arrays for facets. Pages are keyset pages
(after/before a sort key), so the last page costs what the first does.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import reduce
from operator import or_

from django.contrib.postgres.search import SearchQuery
from django.db.models import BigIntegerField, BooleanField, F, FloatField, Func, Q, QuerySet, TextField, Value
from django.db.models.expressions import RawSQL

from .facets import FacetValue, PlaceTotal, Summary, search_summary
from .filters import BUDGET_BANDS, SearchState
from .models import Project
from .search_cache import cached_search, search_key
from .search_languages import SEARCH_CONFIGS

PAGE_SIZE = 25
# Acronyms sharing at least this share of trigrams with a one-word search count as a match (pg_trgm's default).
TRIGRAM_THRESHOLD = 0.3

# SQL fragments over the stored index; %s is the search words each time
_OVERLAP = "acronym_trigrams && portal_trigrams(%s)"
_SIMILARITY = "portal_similarity(acronym_trigrams, portal_trigrams(%s))"


def _rank_sql() -> str:
    """SQL: the rank of the words parsed in the project's own language (search_languages), as its vector was
    written; each branch's query is a constant, folded once by the planner. Its parameters: the words, a branch each."""
    query = "ts_rank(search_vector, websearch_to_tsquery('{}'::regconfig, portal_fold(%s)))"
    branches = " ".join(f"WHEN '{code}' THEN {query.format(c)}" for code, c in SEARCH_CONFIGS.items())
    return f'(CASE "projects_project"."language" {branches} ELSE 0 END)'


_TS_RANK = _rank_sql()


def _words(q: str) -> Q:
    """The projects whose words match, each in the language it is written in: a German project's vector holds
    German stems, so "Förderungen" finds its "Förderung" parsed as German; an English project is matched by the
    English stems, as before. Each language's arm is answered by that language's GIN index (Project.Meta)."""
    folded = Func(Value(q), function="portal_fold", output_field=TextField())
    return reduce(
        or_,
        (
            Q(language=code, search_vector=SearchQuery(folded, config=config, search_type="websearch"))
            for code, config in SEARCH_CONFIGS.items()
        ),
    )


def _acronym_like(q: str) -> bool:
    """A single token that could be a mistyped acronym (trigrams over sentences would match everything)."""
    return 3 <= len(q) <= 25 and q.replace("-", "").isalnum()


def public_matches(state: SearchState) -> QuerySet:
    """Public projects matching the words and facets of the search, annotated with ``score`` when words are given."""
    projects = Project.objects.public()
    if state.q:
        words = _words(state.q)
        rank = RawSQL(_TS_RANK, [state.q] * len(SEARCH_CONFIGS), output_field=FloatField())  # noqa: S611 - parameters
        if _acronym_like(state.q):
            # near-miss acronyms: the GIN index on the trigram array finds candidates, the similarity decides
            similar = RawSQL(  # noqa: S611 - constant SQL, the words are parameters
                f"({_OVERLAP} AND {_SIMILARITY} >= {TRIGRAM_THRESHOLD})",
                [state.q, state.q],
                output_field=BooleanField(),
            )
            projects = projects.alias(similar=similar).filter(words | Q(similar=True))
            rank = rank + RawSQL(  # noqa: S611 - constant SQL, the words are parameters
                f"CASE WHEN {_OVERLAP} THEN {_SIMILARITY} ELSE 0 END", [state.q, state.q], output_field=FloatField()
            )
        else:
            projects = projects.filter(words)
        projects = projects.annotate(
            score=Func(rank * Value(1_000_000), function="round", output_field=BigIntegerField())
        )
    return projects.filter(_facet_filter(state.facets))


def _facet_filter(facets: dict[str, str]) -> Q:
    q = Q()
    lookups = {
        "programme": "programme__slug",
        "period": "programme__period",
        "strand": "programme__strand",
        "lead_country": "lead_country",
        "objective": "specific_objective_id",
        "status": "status",
    }
    for name, lookup in lookups.items():
        if name in facets:
            q &= Q(**{lookup: facets[name]})
    if "country" in facets:
        q &= Q(partner_countries__contains=[facets["country"]])
    if "region" in facets:
        q &= Q(partner_regions__contains=[facets["region"]])
    if "sector" in facets:
        q &= Q(partner_sectors__contains=[facets["sector"]])
    if "results" in facets:
        q &= Q(has_results=True)
    if "budget" in facets:
        _, low, high = BUDGET_BANDS[facets["budget"]]
        if low is not None:
            q &= Q(total_budget__gte=low)
        if high is not None:
            q &= Q(total_budget__lt=high)
    return q


# sort → (key field, how a key is read back from the URL)
_KEYS = {"relevance": ("score", int), "date": ("sort_date", date.fromisoformat), "budget": ("total_budget", Decimal)}
# Relevance pages come from the best-ranked matches, kept in the cache: ranking every match of a common word on
# each page turn would cost what the first page did. Past this many, the page offers the date or budget orders.
RELEVANCE_WINDOW = 1000
_LIMITS = {"score": 10**12, "id": 2**63 - 1, "total_budget": Decimal(10) ** 12}


@dataclass
class Page:
    projects: list
    next_cursor: str = ""
    previous_cursor: str = ""
    is_first: bool = True
    is_last: bool = True


@dataclass
class Result:
    page: Page
    total: int
    facets: dict[str, list[FacetValue]]
    sort: str
    bounded: bool  # relevance order stops at RELEVANCE_WINDOW
    key: str  # the summary's cache key: what the facets were counted on
    places: dict[str, list[PlaceTotal]]  # every partner country and region with its projects and budget: the map


def public_summary(state: SearchState, matches: QuerySet | None = None) -> tuple[str, Summary]:
    """The cache key and the (cached) summary of a search's words and facets: total, facets, places, ranking."""
    key = search_key(state)
    if matches is None:
        matches = public_matches(state)
    return key, cached_search(key, lambda: search_summary(matches, RELEVANCE_WINDOW if state.q else 0))


def public_search(state: SearchState) -> Result:
    """The page of projects, the total and the facets of a search: what /projects/ shows."""
    matches = public_matches(state)
    key, summary = public_summary(state, matches)
    sort = state.order
    if sort == "relevance":
        page = _window_page(summary.ranking, state)
        rows = Project.objects.select_related("programme").in_bulk([pk for _, pk in page.projects])
        page.projects = [rows[pk] for _, pk in page.projects if pk in rows]
    else:
        page = keyset_page(matches.select_related("programme"), state)
    bounded = sort == "relevance" and summary.total > RELEVANCE_WINDOW
    return Result(page, summary.total, summary.facets, sort, bounded, key, summary.places)


def keyset_page(matches: QuerySet, state: SearchState) -> Page:
    """One page of matches in the sort's order, newest/highest first, ties broken by id."""
    key = _KEYS[state.order][0]
    cursor, backwards = _cursor(state)
    rows = matches.alias(row_key=_row(F(key), F("id")))
    if cursor is not None:
        bound = _row(Value(cursor[0]), Value(cursor[1]))
        rows = rows.filter(row_key__gt=bound) if backwards else rows.filter(row_key__lt=bound)
    order = [F(key).asc(), F("id").asc()] if backwards else [F(key).desc(), F("id").desc()]
    found = list(rows.order_by(*order)[: PAGE_SIZE + 1])
    more = len(found) > PAGE_SIZE
    found = found[:PAGE_SIZE]
    if backwards:
        found.reverse()
    return _page(found, [(getattr(p, key), p.pk) for p in found], cursor, backwards, more, state.last)


def _window_page(window: list[tuple[int, int]], state: SearchState) -> Page:
    """A page of the cached ranking (a list of (score, id), best first), by the same cursors as keyset pages."""
    cursor, backwards = _cursor(state)
    if state.last:
        start = max(len(window) - PAGE_SIZE, 0)
    elif cursor is None:
        start = 0
    else:
        at = next((i for i, key in enumerate(window) if key == cursor), None)
        if at is None:
            start, backwards, cursor = 0, False, None
        else:
            start = max(at - PAGE_SIZE, 0) if backwards else at + 1
    found = window[start : start + PAGE_SIZE]
    more = start > 0 if backwards or state.last else start + PAGE_SIZE < len(window)
    return _page(found, found, cursor, backwards or state.last, more, state.last)


def _page(found: list, keys: list[tuple], cursor, backwards: bool, more: bool, last: bool) -> Page:
    page = Page(projects=found)
    if found:
        page.is_first = (backwards and not more) or (not backwards and cursor is None)
        page.is_last = (not backwards and not more) or (backwards and last)
        page.previous_cursor = "" if page.is_first else "{}~{}".format(*keys[0])
        page.next_cursor = "" if page.is_last else "{}~{}".format(*keys[-1])
    return page


def _row(*values) -> Func:
    return Func(*values, function="ROW", output_field=TextField())


def _cursor(state: SearchState) -> tuple[tuple | None, bool]:
    """(key, id) to continue from and whether to walk backwards; a malformed cursor means the first page."""
    if state.last:
        return None, True
    raw, backwards = (state.before, True) if state.before else (state.after, False)
    value, _, pk = raw.rpartition("~")
    name, parse = _KEYS[state.order]
    try:
        key, pk = parse(value), int(pk)
    except (ValueError, InvalidOperation, TypeError):
        return None, False
    in_range = 0 < pk <= _LIMITS["id"] and (name not in _LIMITS or abs(key) < _LIMITS[name])
    if not in_range or (isinstance(key, Decimal) and not key.is_finite()):
        return None, False
    return (key, pk), backwards
