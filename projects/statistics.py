"""The public statistics of the project database, for all programmes or one: figures of public projects only.

Three grouped SQL queries compute everything (projects by specific objective and by starting year; partners and their
money by country, organisation type, objective and year; the organisations in most projects), and the result is cached
under the search index's generation (projects/search_cache.py): any write to the index (a project made public, a
partner budget saved, a bulk load) bumps it, so no figure outlives the data it was counted on, and a warm page reads
one cached value. Names (programmes, objectives, organisations) may lag an edit by the cache's hour, as the search's.

Stale while revalidate: the last figures counted are also kept without the generation (``Counted``: the figures, the
generation and the time they were counted at). When the index has moved since, a visitor is shown those figures at
once, with a note saying when they were counted, and one recount is queued (``statistics_recount_soon``: a short-lived
lock in the cache, so a crowd of visitors queues one task); the Celery task ``statistics_recount`` counts and keeps
the new figures. A beat task (``statistics_recount_if_moved``, settings.CELERY_BEAT_SCHEDULE) queues the recount of
all programmes whenever the index moved, so the page is seldom stale when someone comes. Only when no figures were
ever counted (or Redis is away) does a visitor count inline, as before.

Money is counted from the partner rows, in Decimal, in one place (``money``): a project's budget is the sum of its
partners' budgets (the index's ``total_budget``), its EU funding the sum of each partner's budget × co-financing rate
(ProjectPartner.cofinancing_rate, the share the programme's EU funds pay, as projects.reports.columns.EU_CONTRIBUTION).
On the page of all programmes, specific objectives are grouped by their code (e.g. "RSO2.1", the numbering of the
regulation, shared by the programmes); on a programme's page they are its own objectives, with their titles.
"""

import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from celery import shared_task
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from interact_portal.core.queue import enqueue

from .search_cache import TIMEOUT, generation
from .workflow import PUBLIC_STATUSES

VERSION = 1  # of the cached value's shape: raise it when Statistics or Row change
TOP_ORGANISATIONS = 10
# a cold count is made by one visitor at a time: the others wait for it (seconds), polling the cache
WAIT, POLL, COUNTING_TIMEOUT = 15.0, 0.05, 60
# a queued recount that never ran (its worker died, the broker lost it) is queued again by a visitor after this long
RECOUNT_LOCK_TIMEOUT = 120
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


def _scope(programme_id: int | None, alias: str) -> tuple[str, dict]:
    params = {"statuses": sorted(PUBLIC_STATUSES), "programme": programme_id}
    where = f"{alias}.status = ANY(%(statuses)s)"
    if programme_id is not None:
        where += f" AND {alias}.programme_id = %(programme)s"
    return where, params


# Projects by specific objective and by starting year, and all of them (the projects table alone).
_PROJECTS = """
SELECT GROUPING({objective_key}, pr.year) AS g, {objective_columns}, pr.year, count(*)
FROM (SELECT p.id, p.specific_objective_id, extract(YEAR FROM p.start_date)::int AS year
      FROM projects_project p WHERE {where}) pr
LEFT JOIN programmes_specificobjective so ON so.id = pr.specific_objective_id
GROUP BY GROUPING SETS ((), ({objective_group}), (pr.year))
"""
# Partners and their money by country, by organisation type, by their project's objective and starting year, and all
# of them: one pass over the partner rows, each grouping hashed (no DISTINCT).
_PARTNERS = """
SELECT GROUPING(o.country_id, o.type, {objective_key}, pr.year) AS g, o.country_id, c.name, o.type, {objective_key},
       pr.year, count(*), sum(pp.budget), sum({eu})
FROM partnerships_projectpartner pp
JOIN (SELECT p.id, p.specific_objective_id, extract(YEAR FROM p.start_date)::int AS year
      FROM projects_project p WHERE {where}) pr ON pr.id = pp.project_id
JOIN partnerships_organisation o ON o.id = pp.organisation_id
JOIN programmes_country c ON c.code = o.country_id
LEFT JOIN programmes_specificobjective so ON so.id = pr.specific_objective_id
GROUP BY GROUPING SETS ((o.country_id, c.name), (o.type), ({objective_key}), (pr.year), ())
"""
# GROUPING(...)'s answer for each grouping set of _PARTNERS (a bit per column left out)
BY_COUNTRY, BY_TYPE, BY_OBJECTIVE, BY_YEAR, ALL = 0b0111, 0b1011, 0b1101, 0b1110, 0b1111
# on a programme's page its own objectives (key, code, title); on the page of all programmes, objectives by code
_OBJECTIVE_OF_PROGRAMME = {
    "objective_key": "pr.specific_objective_id",
    "objective_columns": "pr.specific_objective_id, so.code, so.title",
    "objective_group": "pr.specific_objective_id, so.code, so.title",
}
_OBJECTIVE_BY_CODE = {
    "objective_key": "so.code",
    "objective_columns": "so.code, so.code, ''",
    "objective_group": "so.code",
}

# The organisations in most projects (then largest budget), and how many organisations take part at all.
_ORGANISATIONS = """
WITH per_organisation AS (
    SELECT pp.organisation_id, count(DISTINCT pp.project_id) AS projects, count(*) AS partners,
           sum(pp.budget) AS budget, sum({eu}) AS eu
    FROM partnerships_projectpartner pp JOIN projects_project p ON p.id = pp.project_id
    WHERE {where}
    GROUP BY pp.organisation_id
), top AS (
    SELECT *, count(*) OVER () AS organisations FROM per_organisation
    ORDER BY projects DESC, budget DESC, organisation_id LIMIT {limit}
)
SELECT top.organisation_id, o.name, o.country_id, top.projects, top.partners, top.budget, top.eu, top.organisations
FROM top JOIN partnerships_organisation o ON o.id = top.organisation_id
ORDER BY top.projects DESC, top.budget DESC, top.organisation_id
"""
# the sort of 100,000 projects' partners by organisation fits in memory (PostgreSQL's default 4 MB spills to disk)
WORK_MEM = "64MB"


def _money_rows(rows, grouping: int, column: int, projects: dict) -> list[Row]:
    return [
        Row(
            key=r[column],
            name="",
            projects=projects.get(r[column], 0),
            partners=r[6],
            budget=money(r[7]),
            eu_funding=money(r[8]),
        )
        for r in rows
        if r[0] == grouping
    ]


def statistics_compute(programme_id: int | None = None) -> Statistics:
    """Every figure of the statistics page of one programme (or of all with None): three queries (and the memory
    they may use) in one transaction."""
    where, params = _scope(programme_id, "p")
    objective = _OBJECTIVE_BY_CODE if programme_id is None else _OBJECTIVE_OF_PROGRAMME
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL work_mem = '{WORK_MEM}'")
        cursor.execute(_PROJECTS.format(where=where, **objective), params)
        projects = cursor.fetchall()
        cursor.execute(_PARTNERS.format(eu=EU_FUNDING, where=where, objective_key=objective["objective_key"]), params)
        partners = cursor.fetchall()
        cursor.execute(_ORGANISATIONS.format(eu=EU_FUNDING, where=where, limit=TOP_ORGANISATIONS), params)
        organisations = cursor.fetchall()

    # projects: (grouping, objective key, code, title, year, count); partners: (grouping, country, name, type,
    # objective key, year, partners, budget, EU funding)
    counted = {1: {}, 2: {}, 3: {}}  # GROUPING(objective, year): 1 by objective, 2 by year, 3 all
    for r in projects:
        counted[r[0]][r[1] if r[0] == 1 else r[4] if r[0] == 2 else None] = r[5]
    titles = {r[1]: (r[2] or "", r[3] or "") for r in projects if r[0] == 1}
    summed = {BY_OBJECTIVE: {}, BY_YEAR: {}, ALL: {}}
    for r in partners:
        if r[0] in summed:
            summed[r[0]][r[4] if r[0] == BY_OBJECTIVE else r[5] if r[0] == BY_YEAR else None] = r

    def merged(grouping_projects: int, grouping_partners: int, key) -> dict:
        r = summed[grouping_partners].get(key)
        return {
            "projects": counted[grouping_projects].get(key, 0),
            "partners": r[6] if r else 0,
            "budget": money(r[7] if r else 0),
            "eu_funding": money(r[8] if r else 0),
        }

    objectives = [
        Row(key=key, code=titles[key][0], name=titles[key][1], **merged(1, BY_OBJECTIVE, key)) for key in counted[1]
    ]
    # largest EU funding first; projects without an objective last
    objectives.sort(key=lambda row: (row.key is None, -row.eu_funding, row.code, str(row.key)))
    years = [Row(key=key, name="", **merged(2, BY_YEAR, key)) for key in counted[2]]
    years.sort(key=lambda row: (row.key is None, row.key or 0))
    countries = [
        Row(key=r[1], name=r[2], projects=0, partners=r[6], budget=money(r[7]), eu_funding=money(r[8]))
        for r in partners
        if r[0] == BY_COUNTRY
    ]
    countries.sort(key=lambda row: (-row.partners, -row.budget, row.name))
    types = [
        Row(key=r[3], name="", projects=0, partners=r[6], budget=money(r[7]), eu_funding=money(r[8]))
        for r in partners
        if r[0] == BY_TYPE
    ]
    types.sort(key=lambda row: (-row.partners, -row.budget, row.key))
    top = [
        Row(key=r[0], name=r[1], code=r[2], projects=r[3], partners=r[4], budget=money(r[5]), eu_funding=money(r[6]))
        for r in organisations
    ]
    total = merged(3, ALL, None)
    return Statistics(
        programme_id=programme_id,
        organisations=organisations[0][7] if organisations else 0,
        objectives=objectives,
        years=years,
        countries=countries,
        types=types,
        top_organisations=top,
        **total,
    )


def _scope_name(programme_id: int | None) -> str:
    return "all" if programme_id is None else str(programme_id)


def statistics_key(programme_id: int | None = None, *, at_generation: int | None = None) -> str:
    at_generation = generation() if at_generation is None else at_generation
    return f"statistics:{VERSION}:{at_generation}:{_scope_name(programme_id)}"


def latest_key(programme_id: int | None = None) -> str:
    """The last figures counted, whatever the index's generation since (a ``Counted``)."""
    return f"statistics:{VERSION}:latest:{_scope_name(programme_id)}"


def recount_lock_key(programme_id: int | None = None) -> str:
    return f"statistics:{VERSION}:recount:{_scope_name(programme_id)}"


@dataclass(frozen=True)
class Counted:
    """Figures as counted at a generation of the search index, at a time (aware)."""

    figures: Statistics
    generation: int
    at: datetime

    def key(self, programme_id: int | None) -> str:
        return statistics_key(programme_id, at_generation=self.generation)


@dataclass(frozen=True)
class Shown:
    """What a statistics page shows: the figures, the cache key of its body, and when they were counted if the index
    has moved since (``stale_since``: None when they are the index's current figures)."""

    figures: Statistics
    key: str
    stale_since: datetime | None = None


def statistics_count(programme_id: int | None = None) -> Counted:
    """Count now and keep the figures, under the generation read before counting (a write made during the count
    bumps it again, so it is counted once more, never lost) and as the latest figures, unless a count started later
    already replaced them."""
    at_generation, at = generation(), timezone.now()
    counted = Counted(figures=statistics_compute(programme_id), generation=at_generation, at=at)
    cache.set(counted.key(programme_id), counted.figures, TIMEOUT)
    latest = cache.get(latest_key(programme_id))
    if latest is None or latest.at <= at:
        cache.set(latest_key(programme_id), counted, None)
    return counted


def _outdated(latest: Counted, current_generation: int) -> bool:
    """The index moved since the count, or the count is older than the cache's hour (names may have changed)."""
    return latest.generation != current_generation or timezone.now() - latest.at > timedelta(seconds=TIMEOUT)


def statistics(programme_id: int | None = None, *, key: str | None = None) -> Statistics:
    """The statistics of one programme (or all), from the cache at the index's generation (or under ``key``, a
    ``statistics_key`` read before), counted on a miss: by one visitor at a time, the others waiting for its figures
    (counting all programmes at 100,000 projects takes seconds) up to ``WAIT`` seconds, then counting themselves."""
    key = key or statistics_key(programme_id)
    figures = cache.get(key)
    if figures is not None:
        return figures
    counting = f"{key}:counting"
    if cache.add(counting, 1, COUNTING_TIMEOUT):  # with Redis away, add answers True: every visitor counts
        try:
            return statistics_count(programme_id).figures
        finally:
            cache.delete(counting)
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        time.sleep(POLL)
        figures = cache.get(key)
        if figures is not None:
            return figures
    return statistics_compute(programme_id)


def statistics_shown(programme_id: int | None = None) -> Shown:
    """The figures a visitor of the page is shown: the latest counted, at once, even when the index has moved since
    (then with the time they were counted, and one recount queued); counted inline only when none were ever kept."""
    current = generation()
    latest = cache.get(latest_key(programme_id))
    if latest is None:
        key = statistics_key(programme_id, at_generation=current)
        return Shown(figures=statistics(programme_id, key=key), key=key)
    if _outdated(latest, current):
        statistics_recount_soon(programme_id)
    stale_since = latest.at if latest.generation != current else None
    return Shown(figures=latest.figures, key=latest.key(programme_id), stale_since=stale_since)


def statistics_recount_soon(programme_id: int | None = None) -> bool:
    """Queue one recount of these figures, unless one is queued or running (the lock, released by the task, or
    expired after ``RECOUNT_LOCK_TIMEOUT`` if the task was lost); True if this call queued it. Called from GET requests
    (no transaction to wait for) and from beat."""
    lock = recount_lock_key(programme_id)
    if not cache.add(lock, 1, RECOUNT_LOCK_TIMEOUT):
        return False
    if not enqueue(statistics_recount, programme_id):  # the broker is away: the next visitor tries again
        cache.delete(lock)
        return False
    return True


@shared_task(time_limit=300, soft_time_limit=270)
def statistics_recount(programme_id: int | None = None) -> bool:
    """Count the figures of one programme (or all) again, unless they are already current (a second delivery, or a
    recount queued twice); releases the lock of ``statistics_recount_soon``. True if it counted."""
    try:
        latest = cache.get(latest_key(programme_id))
        if latest is not None and not _outdated(latest, generation()):
            return False
        statistics_count(programme_id)
        return True
    finally:
        cache.delete(recount_lock_key(programme_id))


@shared_task(time_limit=30, soft_time_limit=25)
def statistics_recount_if_moved() -> bool:
    """Beat: queue the recount of all programmes' figures when the index moved since they were counted (and once
    the first visitor had them counted: figures nobody asked for are not counted)."""
    latest = cache.get(latest_key(None))
    if latest is None or not _outdated(latest, generation()):
        return False
    return statistics_recount_soon(None)
