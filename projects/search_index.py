"""The public database's index of each project, written in one SQL statement from the project and its partners.

The stored columns (search vector, acronym trigrams, budget, partner countries, NUTS 2 regions, sectors) let the
public search filter, rank and count facets on the projects table alone. ``search_index_refresh`` is called where a
project becomes public (the workflow), after bulk loads (demo, scale data) and after admin edits.
"""

from collections.abc import Iterable

from django.db import connection, transaction

from .search_cache import generation_bump
from .search_languages import DEFAULT_CONFIG, SEARCH_CONFIGS
from .workflow import PUBLIC_STATUSES

SEARCH_CONFIG = DEFAULT_CONFIG  # ideas and the library use the English one (partnerships, events)


def config_of(column: str) -> str:
    """SQL: the text search configuration of the language in ``column`` (a Project.language)."""
    branches = " ".join(f"WHEN '{code}' THEN '{config}'" for code, config in SEARCH_CONFIGS.items())
    return f"(CASE {column} {branches} ELSE '{SEARCH_CONFIG}' END)::regconfig"


_REFRESH = f"""
WITH partners AS MATERIALIZED (
    SELECT pp.project_id,
           string_agg(o.name || ' ' || o.name_en, ' ') AS names,
           array_agg(DISTINCT o.country_id) AS countries,
           array_remove(array_agg(DISTINCT left(n.code, 4)) FILTER (WHERE n.level >= 2), NULL) AS regions,
           array_agg(DISTINCT o.sector) AS sectors,
           min(o.country_id) FILTER (WHERE pp.role = 'lead') AS lead_country,
           sum(pp.budget) AS budget,
           count(*) AS n
    FROM partnerships_projectpartner pp
    JOIN partnerships_organisation o ON o.id = pp.organisation_id
    LEFT JOIN programmes_nutsregion n ON n.id = o.nuts_region_id
    WHERE {{partner_scope}}
    GROUP BY pp.project_id
)
UPDATE projects_project AS pr SET
    search_vector =
        setweight(to_tsvector({config_of("pr.language")}, portal_fold(pr.acronym || ' ' || pr.title)), 'A')
        || setweight(to_tsvector({config_of("pr.language")}, portal_fold(pr.summary)), 'B')
        || setweight(to_tsvector({config_of("pr.language")}, portal_fold(coalesce(d.names, ''))), 'C'),
    acronym_trigrams = portal_trigrams(pr.acronym),
    total_budget = coalesce(d.budget, 0),
    partner_count = coalesce(d.n, 0),
    lead_country = coalesce(d.lead_country, ''),
    partner_countries = coalesce(d.countries, ARRAY[]::varchar[]),
    partner_regions = coalesce(d.regions, ARRAY[]::varchar[]),
    partner_sectors = coalesce(d.sectors, ARRAY[]::varchar[])
FROM (SELECT x.id, partners.* FROM projects_project x LEFT JOIN partners ON partners.project_id = x.id
      WHERE {{project_scope}}) AS d
WHERE pr.id = d.id
"""


def search_index_refresh(project_ids: Iterable[int] | None = None) -> int:
    """Rewrite the index of the given projects (all public ones when None); returns the rows written."""
    if project_ids is None:
        statuses = sorted(PUBLIC_STATUSES)
        sql = _REFRESH.format(
            partner_scope="pp.project_id IN (SELECT id FROM projects_project WHERE status = ANY(%s))",
            project_scope="x.status = ANY(%s)",
        )
        params = [statuses, statuses]
    else:
        ids = sorted(set(project_ids))
        if not ids:
            return 0
        sql = _REFRESH.format(partner_scope="pp.project_id = ANY(%s)", project_scope="x.id = ANY(%s)")
        params = [ids, ids]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        written = cursor.rowcount
    generation_bump()  # now, for this transaction's readers, and after the commit, for everyone else's
    transaction.on_commit(generation_bump)
    return written
