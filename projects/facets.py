"""A search's summary in one query: the total, every facet's values with counts and labels, and the ranking.

The matching projects are read once (a materialised CTE of the search's own SQL). The scalar facets are counted in
one pass (grouping sets), partner countries and regions are unnested once each, labels are joined to the counted
values, not to every row, and periods and strands are sums of the programme counts. With words, the best-ranked
matches come from the same rows, so a cold search reads the table once. Large facets (programmes, regions,
objectives, countries) show their most frequent values. Partner countries and NUTS 2 regions are counted in full, with
the budget of the projects counted in each (a project counts in every country and region of its partners): the
maps draw them, and their facet lists are the most frequent values of the same rows.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from partnerships.choices import Sector
from programmes.choices import Period, Strand

from .filters import BUDGET_BANDS, RESULTS, SearchState
from .workflow import Status

TOP = 12

_BAND = "CASE {} ELSE '5m+' END".format(
    " ".join(
        f"WHEN m.total_budget < {high} THEN '{key}'"
        for key, (_label, _low, high) in BUDGET_BANDS.items()
        if high is not None
    )
)
# Two values, counted in one pass (cheaper than unnesting every partner's sector), with the projects with results
_SECTOR_COUNTS = ", ".join(f"count(*) FILTER (WHERE '{s}' = ANY(m.partner_sectors)) AS {s}" for s in Sector.values)
_SECTOR_ROWS = ", ".join(f"('{s}', t.{s})" for s in Sector.values)
# One row per counted value: (facet, value, label, count, budget, position); budget and position (1 = most frequent)
# only for partner countries and regions. With words, also ('rank', id, '', score) rows.
_SUMMARY_SQL = f"""
WITH m AS MATERIALIZED ({{matches}}),
g AS (SELECT CASE WHEN GROUPING(m.programme_id) = 0 THEN 'programme'
                  WHEN GROUPING(m.lead_country) = 0 THEN 'lead_country'
                  WHEN GROUPING(m.specific_objective_id) = 0 THEN 'objective'
                  WHEN GROUPING(m.status) = 0 THEN 'status'
                  WHEN GROUPING({_BAND}) = 0 THEN 'budget' ELSE 'total' END AS facet,
             m.programme_id, m.lead_country, m.specific_objective_id, m.status, {_BAND} AS band, count(*) AS n
      FROM m GROUP BY GROUPING SETS ((m.programme_id), (m.lead_country), (m.specific_objective_id), (m.status),
                                     ({_BAND}), ())),
programmes AS (SELECT pg.slug, pg.name, pg.period, pg.strand, g.n
               FROM g JOIN programmes_programme pg ON pg.id = g.programme_id WHERE g.facet = 'programme'),
countries AS (SELECT v, count(*) AS n, sum(b) AS b
               FROM (SELECT unnest(m.partner_countries) AS v, m.total_budget AS b FROM m) AS x GROUP BY v),
regions AS (SELECT v, count(*) AS n, sum(b) AS b
            FROM (SELECT unnest(m.partner_regions) AS v, m.total_budget AS b FROM m) AS x GROUP BY v),
t AS (SELECT {_SECTOR_COUNTS}, count(*) FILTER (WHERE m.has_results) AS with_results FROM m)
SELECT 'total', '', '', n, NULL::numeric, NULL::bigint FROM g WHERE facet = 'total'
UNION ALL (SELECT 'programme', slug, name, n, NULL, NULL FROM programmes ORDER BY 4 DESC, 3 LIMIT {TOP})
UNION ALL (SELECT 'period', period, '', sum(n)::bigint, NULL, NULL FROM programmes GROUP BY period)
UNION ALL (SELECT 'strand', strand, '', sum(n)::bigint, NULL, NULL FROM programmes GROUP BY strand)
UNION ALL SELECT 'country', c.code, c.name, x.n, x.b, row_number() OVER (ORDER BY x.n DESC, c.name)
          FROM countries x JOIN programmes_country c ON c.code = x.v
UNION ALL (SELECT 'lead_country', c.code, c.name, g.n, NULL, NULL
           FROM g JOIN programmes_country c ON c.code = g.lead_country
           WHERE g.facet = 'lead_country' ORDER BY 4 DESC, 3 LIMIT {TOP * 3})
UNION ALL SELECT 'region', r.code, r.name, x.n, x.b, row_number() OVER (ORDER BY x.n DESC, r.name)
          FROM regions x JOIN programmes_nutsregion r ON r.code = x.v
UNION ALL (SELECT 'objective', so.id::text, so.code || ' ' || so.title, g.n, NULL, NULL FROM g
           JOIN programmes_specificobjective so ON so.id = g.specific_objective_id
           WHERE g.facet = 'objective' ORDER BY 4 DESC, 3 LIMIT {TOP})
UNION ALL SELECT 'status', status, '', n, NULL, NULL FROM g WHERE facet = 'status'
UNION ALL SELECT 'budget', band, '', n, NULL, NULL FROM g WHERE facet = 'budget'
UNION ALL SELECT 'sector', x.v, '', x.n, NULL, NULL
          FROM t CROSS JOIN LATERAL (VALUES {_SECTOR_ROWS}) AS x(v, n) WHERE x.n > 0
UNION ALL SELECT 'results', 'yes', '', t.with_results, NULL, NULL FROM t WHERE t.with_results > 0
{{ranking}}
"""
_FIXED_LABELS = {
    "period": dict(Period.choices),
    "strand": dict(Strand.choices),
    "status": dict(Status.choices),
    "budget": {key: band[0] for key, band in BUDGET_BANDS.items()},
    "sector": dict(Sector.choices),
    "results": RESULTS,
}
_FIXED_ORDER = {name: list(labels) for name, labels in _FIXED_LABELS.items()}


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int


@dataclass(frozen=True)
class PlaceTotal:
    """A partner country (ISO code) or NUTS 2 region with the matching projects that have a partner there."""

    code: str
    name: str
    projects: int
    budget: Decimal  # the sum of those projects' total budgets


@dataclass
class Summary:
    total: int = 0
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    ranking: list[tuple[int, int]] = field(default_factory=list)  # (score, id), best first; empty without words
    # every partner country and region ("country", "region"), most projects first: what the maps draw
    places: dict[str, list[PlaceTotal]] = field(default_factory=dict)


_COLUMNS = (
    "programme_id",
    "lead_country",
    "partner_countries",
    "partner_regions",
    "partner_sectors",
    "specific_objective_id",
    "status",
    "total_budget",
    "has_results",
)
_RANKING = (
    "UNION ALL (SELECT 'rank', m.id::text, '', m.score::bigint, NULL, NULL FROM m "
    "ORDER BY m.score DESC, m.id DESC LIMIT {})"
)
# Facets counted in full for the maps, and how many of their most frequent values the facet list shows
PLACE_FACETS = {"country": TOP * 3, "region": TOP}


def search_summary(matches: QuerySet, ranked: int = 0) -> Summary:
    """Total, facets and, when ``ranked`` (a number of rows) is given, the best ``score``s of ``matches``."""
    columns = matches.order_by().values(*_COLUMNS, *(("id", "score") if ranked else ()))
    sql, params = columns.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(_SUMMARY_SQL.format(matches=sql, ranking=_RANKING.format(int(ranked)) if ranked else ""), params)
        rows = cursor.fetchall()
    summary = Summary(places={name: [] for name in PLACE_FACETS})
    positions: dict[str, list[int]] = {name: [] for name in PLACE_FACETS}
    for facet, value, label, count, budget, position in rows:
        if facet == "total":
            summary.total = count
        elif facet == "rank":
            summary.ranking.append((count, int(value)))
        elif facet in PLACE_FACETS:
            summary.places[facet].append(PlaceTotal(value, label, count, budget or Decimal(0)))
            positions[facet].append(position)
        else:
            fixed = _FIXED_LABELS.get(facet, {})
            summary.facets.setdefault(facet, []).append(FacetValue(value, str(fixed.get(value, label)), count))
    summary.ranking.sort(reverse=True)  # SQL promises no order for a union's rows
    for name, shown in PLACE_FACETS.items():
        places = [p for _, p in sorted(zip(positions[name], summary.places[name], strict=True), key=lambda x: x[0])]
        summary.places[name] = places
        if places:
            summary.facets[name] = [FacetValue(p.code, p.name, p.projects) for p in places[:shown]]
    for name, order in _FIXED_ORDER.items():
        summary.facets[name] = sorted(
            summary.facets.get(name, []),
            key=lambda v, order=order: order.index(v.value) if v.value in order else len(order),
        )
    return summary


FACET_TITLES = {
    "programme": _("Programme"),
    "period": _("Period"),
    "strand": _("Strand"),
    "country": _("Partner country"),
    "lead_country": _("Lead partner country"),
    "region": _("Partner region (NUTS 2)"),
    "objective": _("Specific objective"),
    "status": _("Status"),
    "budget": _("Budget"),
    "sector": _("Partners: public or private"),
    "results": _("Results"),
}


@dataclass(frozen=True)
class FacetLink:
    label: str
    count: int
    url: str
    selected: bool


def facet_groups(state: SearchState, facets: dict[str, list[FacetValue]]) -> list[tuple[str, str, list[FacetLink]]]:
    """(name, title, links) per facet: a value's link narrows the search, the chosen value's link removes it."""
    groups = []
    for name, title in FACET_TITLES.items():
        chosen = state.facets.get(name)
        links = []
        for v in facets.get(name, []):
            selected = v.value == chosen
            url = "?" + (state.without(name) if selected else state.query(**{name: v.value}))
            links.append(FacetLink(v.label, v.count, url, selected))
        if chosen and not any(link.selected for link in links):
            links.insert(0, FacetLink(chosen, 0, "?" + state.without(name), True))
        groups.append((name, title, links))
    return groups
