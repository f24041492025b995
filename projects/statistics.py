"""The public statistics of the project database, for all programmes or one: figures of public projects only.

Three grouped SQL queries compute everything (projects with their money by specific objective and by starting year,
partners by country and by organisation type, the organisations in most projects), and the result is cached under
the search index's generation (projects/search_cache.py): any write to the index (a project made public, a partner
budget saved, a bulk load) bumps it, so no figure outlives the data it was counted on, and a warm page reads one
cached value. Names (programmes, objectives, organisations) may lag an edit by the cache's hour, as the search's.

Money is counted from the partner rows, in Decimal, in one place (``money``): a project's budget is the sum of its
partners' budgets (the index's ``total_budget``), its EU funding the sum of each partner's budget × co-financing rate
(ProjectPartner.cofinancing_rate, the share the programme's EU funds pay, as projects.reports.columns.EU_CONTRIBUTION).
On the page of all programmes, specific objectives are grouped by their code (e.g. "RSO2.1", the numbering of the
regulation, shared by the programmes); on a programme's page they are its own objectives, with their titles.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.cache import cache
from django.db import connection

from .search_cache import TIMEOUT, generation
from .workflow import PUBLIC_STATUSES

VERSION = 1  # of the cached value's shape: raise it when Statistics or Row change
TOP_ORGANISATIONS = 10
CENT = Decimal("0.01")
# the EU (programme) co-financing of one partner row, in EUR, unrounded
EU_FUNDING = "pp.budget * pp.cofinancing_rate / 100"


def money(value) -> Decimal:
    """A sum of euros from the database as Decimal, rounded to the cent once (half up), never a float."""
    return Decimal(value or 0).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Row:
    """One line of a breakdown: ``key`` is what it is grouped by (a country code, an organisation type, an objective's
    id or code, a year, an organisation's id; None for projects without an objective or a start date), ``name`` its
    name in the database where it has one (labels that are translated are the view's)."""

    key: object
    name: str
    projects: int
    partners: int
    budget: Decimal
    eu_funding: Decimal
    code: str = ""


@dataclass(frozen=True)
class Statistics:
    programme_id: int | None
    projects: int
    partners: int  # places in partnerships (an organisation in three projects counts three times)
    organisations: int
    budget: Decimal
    eu_funding: Decimal
    objectives: list[Row]
    years: list[Row]  # in order of year; the row with key None (no start date) last
    countries: list[Row]
    types: list[Row]
    top_organisations: list[Row]

    @property
    def cofinancing_rate(self) -> Decimal | None:
        """EU funding as a percentage of the budget, or None without budget."""
        if not self.budget:
            return None
        return (self.eu_funding * 100 / self.budget).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def years_started(self) -> list[Row]:
        return [row for row in self.years if row.key is not None]


def _scope(programme_id: int | None, alias: str) -> tuple[str, dict]:
    params = {"statuses": sorted(PUBLIC_STATUSES), "programme": programme_id}
    where = f"{alias}.status = ANY(%(statuses)s)"
    if programme_id is not None:
        where += f" AND {alias}.programme_id = %(programme)s"
    return where, params


# Projects by specific objective and by starting year, and all of them: each project with its partners' money.
_PROJECTS = """
WITH money AS (
    SELECT pp.project_id, sum(pp.budget) AS budget, sum({eu}) AS eu, count(*) AS partners
    FROM partnerships_projectpartner pp JOIN projects_project pr ON pr.id = pp.project_id
    WHERE {where}
    GROUP BY pp.project_id
)
SELECT GROUPING(so.code, p.year) AS g, {objective_columns}, p.year,
       count(*), coalesce(sum(m.partners), 0), coalesce(sum(m.budget), 0), coalesce(sum(m.eu), 0)
FROM (SELECT pr.id, pr.specific_objective_id, extract(YEAR FROM pr.start_date)::int AS year
      FROM projects_project pr WHERE {where}) p
LEFT JOIN money m ON m.project_id = p.id
LEFT JOIN programmes_specificobjective so ON so.id = p.specific_objective_id
GROUP BY GROUPING SETS ((), ({objective_group}), (p.year))
"""
# on a programme's page its own objectives; on the page of all programmes, objectives by code
_OBJECTIVE_OF_PROGRAMME = ("p.specific_objective_id, so.code, so.title", "p.specific_objective_id, so.code, so.title")
_OBJECTIVE_BY_CODE = ("so.code, so.code, ''", "so.code")

# Partners by country and by organisation type.
_PARTNERS = """
SELECT GROUPING(o.country_id, o.type) AS g, o.country_id, c.name, o.type,
       count(DISTINCT pp.project_id), count(*), sum(pp.budget), sum({eu})
FROM partnerships_projectpartner pp
JOIN projects_project pr ON pr.id = pp.project_id
JOIN partnerships_organisation o ON o.id = pp.organisation_id
JOIN programmes_country c ON c.code = o.country_id
WHERE {where}
GROUP BY GROUPING SETS ((o.country_id, c.name), (o.type))
"""

# The organisations in most projects (then largest budget), and how many organisations take part at all.
_ORGANISATIONS = """
WITH per_organisation AS (
    SELECT organisation_id, count(*) AS projects, sum(partners) AS partners, sum(budget) AS budget, sum(eu) AS eu
    FROM (SELECT pp.organisation_id, pp.project_id, count(*) AS partners, sum(pp.budget) AS budget, sum({eu}) AS eu
          FROM partnerships_projectpartner pp JOIN projects_project pr ON pr.id = pp.project_id
          WHERE {where}
          GROUP BY pp.organisation_id, pp.project_id) x
    GROUP BY organisation_id
), top AS (
    SELECT *, count(*) OVER () AS organisations FROM per_organisation
    ORDER BY projects DESC, budget DESC, organisation_id LIMIT {limit}
)
SELECT top.organisation_id, o.name, o.country_id, top.projects, top.partners, top.budget, top.eu, top.organisations
FROM top JOIN partnerships_organisation o ON o.id = top.organisation_id
ORDER BY top.projects DESC, top.budget DESC, top.organisation_id
"""


def statistics_compute(programme_id: int | None = None) -> Statistics:
    """Every figure of the statistics page of one programme (or of all with None), in three queries."""
    where, params = _scope(programme_id, "pr")
    select, group = _OBJECTIVE_BY_CODE if programme_id is None else _OBJECTIVE_OF_PROGRAMME
    with connection.cursor() as cursor:
        cursor.execute(
            _PROJECTS.format(eu=EU_FUNDING, where=where, objective_columns=select, objective_group=group), params
        )
        projects = cursor.fetchall()
        cursor.execute(_PARTNERS.format(eu=EU_FUNDING, where=where), params)
        partners = cursor.fetchall()
        cursor.execute(_ORGANISATIONS.format(eu=EU_FUNDING, where=where, limit=TOP_ORGANISATIONS), params)
        organisations = cursor.fetchall()

    total = next((r for r in projects if r[0] == 3), None)
    objectives = [
        Row(
            key=r[1],
            code=r[2] or "",
            name=r[3] or "",
            projects=r[5],
            partners=r[6],
            budget=money(r[7]),
            eu_funding=money(r[8]),
        )
        for r in projects
        if r[0] == 1
    ]
    # largest EU funding first; projects without an objective last
    objectives.sort(key=lambda row: (row.key is None, -row.eu_funding, row.code, str(row.key)))
    years = [
        Row(key=r[4], name="", projects=r[5], partners=r[6], budget=money(r[7]), eu_funding=money(r[8]))
        for r in projects
        if r[0] == 2
    ]
    years.sort(key=lambda row: (row.key is None, row.key or 0))
    countries = [
        Row(key=r[1], name=r[2], projects=r[4], partners=r[5], budget=money(r[6]), eu_funding=money(r[7]))
        for r in partners
        if r[0] == 1
    ]
    countries.sort(key=lambda row: (-row.partners, -row.budget, row.name))
    types = [
        Row(key=r[3], name="", projects=r[4], partners=r[5], budget=money(r[6]), eu_funding=money(r[7]))
        for r in partners
        if r[0] == 2
    ]
    types.sort(key=lambda row: (-row.partners, -row.budget, row.key))
    top = [
        Row(key=r[0], name=r[1], code=r[2], projects=r[3], partners=r[4], budget=money(r[5]), eu_funding=money(r[6]))
        for r in organisations
    ]
    return Statistics(
        programme_id=programme_id,
        projects=total[5] if total else 0,
        partners=total[6] if total else 0,
        organisations=organisations[0][7] if organisations else 0,
        budget=money(total[7] if total else 0),
        eu_funding=money(total[8] if total else 0),
        objectives=objectives,
        years=years,
        countries=countries,
        types=types,
        top_organisations=top,
    )


def statistics_key(programme_id: int | None = None) -> str:
    return f"statistics:{VERSION}:{generation()}:{'all' if programme_id is None else programme_id}"


def statistics(programme_id: int | None = None) -> Statistics:
    """The statistics of one programme (or all), from the cache at the index's generation, computed on a miss."""
    return cache.get_or_set(statistics_key(programme_id), lambda: statistics_compute(programme_id), TIMEOUT)
