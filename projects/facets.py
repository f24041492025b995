"""Facet counts of a search: every facet's values with their counts and labels, and the total, in one query.

The matching projects are read once (a materialised CTE of the search's own SQL); each facet groups them. Large
facets (programmes, regions, objectives, countries) show their most frequent values.
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from partnerships.choices import Sector
from programmes.choices import Period, Strand

from .filters import BUDGET_BANDS, SearchState
from .workflow import Status

TOP = 12

_BANDS = " ".join(
    f"WHEN m.total_budget < {high} THEN '{key}'"
    for key, (_label, _low, high) in BUDGET_BANDS.items()
    if high is not None
)
_FACETS_SQL = f"""
WITH m AS MATERIALIZED ({{matches}})
SELECT 'total', '', '', count(*) FROM m
UNION ALL (SELECT 'programme', pg.slug, pg.name, count(*) FROM m JOIN programmes_programme pg ON pg.id = m.programme_id
           GROUP BY pg.slug, pg.name ORDER BY 4 DESC, 3 LIMIT {TOP})
UNION ALL (SELECT 'period', pg.period, '', count(*) FROM m JOIN programmes_programme pg ON pg.id = m.programme_id
           GROUP BY pg.period)
UNION ALL (SELECT 'strand', pg.strand, '', count(*) FROM m JOIN programmes_programme pg ON pg.id = m.programme_id
           GROUP BY pg.strand)
UNION ALL (SELECT 'country', c.code, c.name, count(*) FROM m CROSS JOIN unnest(m.partner_countries) AS pc(code)
           JOIN programmes_country c ON c.code = pc.code GROUP BY c.code, c.name ORDER BY 4 DESC, 3 LIMIT {TOP * 3})
UNION ALL (SELECT 'lead_country', c.code, c.name, count(*) FROM m JOIN programmes_country c ON c.code = m.lead_country
           GROUP BY c.code, c.name ORDER BY 4 DESC, 3 LIMIT {TOP * 3})
UNION ALL (SELECT 'region', n.code, n.name, count(*) FROM m CROSS JOIN unnest(m.partner_regions) AS pr(code)
           JOIN programmes_nutsregion n ON n.code = pr.code GROUP BY n.code, n.name ORDER BY 4 DESC, 3 LIMIT {TOP})
UNION ALL (SELECT 'objective', so.id::text, so.code || ' ' || so.title, count(*) FROM m
           JOIN programmes_specificobjective so ON so.id = m.specific_objective_id
           GROUP BY so.id ORDER BY 4 DESC, 3 LIMIT {TOP})
UNION ALL (SELECT 'status', m.status, '', count(*) FROM m GROUP BY m.status)
UNION ALL (SELECT 'budget', CASE {_BANDS} ELSE '5m+' END, '', count(*) FROM m GROUP BY 2)
UNION ALL (SELECT 'sector', s.sector, '', count(*) FROM m CROSS JOIN unnest(m.partner_sectors) AS s(sector)
           GROUP BY s.sector)
"""
_FIXED_LABELS = {
    "period": dict(Period.choices),
    "strand": dict(Strand.choices),
    "status": dict(Status.choices),
    "budget": {key: band[0] for key, band in BUDGET_BANDS.items()},
    "sector": dict(Sector.choices),
}
_FIXED_ORDER = {name: list(labels) for name, labels in _FIXED_LABELS.items()}


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int


def facet_counts(matches: QuerySet) -> tuple[int, dict[str, list[FacetValue]]]:
    """(total, facet → values) for the projects ``matches`` selects."""
    columns = matches.order_by().values(
        "programme_id",
        "lead_country",
        "partner_countries",
        "partner_regions",
        "partner_sectors",
        "specific_objective_id",
        "status",
        "total_budget",
    )
    sql, params = columns.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(_FACETS_SQL.format(matches=sql), params)
        rows = cursor.fetchall()
    total = 0
    facets: dict[str, list[FacetValue]] = {}
    for facet, value, label, count in rows:
        if facet == "total":
            total = count
            continue
        facets.setdefault(facet, []).append(
            FacetValue(value, str(_FIXED_LABELS.get(facet, {}).get(value, label)), count)
        )
    for name, order in _FIXED_ORDER.items():
        facets[name] = sorted(
            facets.get(name, []), key=lambda v, order=order: order.index(v.value) if v.value in order else len(order)
        )
    return total, facets


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
