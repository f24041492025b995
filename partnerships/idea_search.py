"""The partner search's query string, matches and facets: words, programme, country sought and partner type sought,
read leniently (a malformed or unknown value is dropped, never an error page), counted in one query.

The pattern of the project database (projects.filters, projects.facets), small: ideas are few, so pages are
numbered and the facet counts are computed per request over the matching ideas only.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.validators import RegexValidator
from django.db import connection
from django.db.models import F, Func, QuerySet, TextField, Value
from django.utils.translation import gettext_lazy as _

from .choices import OrganisationType
from .idea_models import ProjectIdea
from .idea_policy import ideas_listed
from .idea_services import SEARCH_CONFIG

PAGE_SIZE = 20
MAX_PAGE = 1000
FACETS = ("programme", "country", "partner_type")
FACET_TITLES = {
    "programme": _("Programme"),
    "country": _("Partner country sought"),
    "partner_type": _("Partner type sought"),
}
COUNTRY = RegexValidator(r"^[A-Z]{2}$")


class IdeaSearchForm(forms.Form):
    q = forms.CharField(label=_("Search project ideas"), required=False, max_length=200, strip=True)
    programme = forms.SlugField(required=False, max_length=80)
    country = forms.CharField(required=False, validators=[COUNTRY])
    partner_type = forms.ChoiceField(required=False, choices=OrganisationType.choices)
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE)

    def state(self) -> "IdeaSearchState":
        self.is_valid()
        data = {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}
        return IdeaSearchState(
            q=data.get("q", ""),
            facets={name: str(data[name]) for name in FACETS if name in data},
            page=data.get("page") or 1,
        )


@dataclass(frozen=True)
class IdeaSearchState:
    q: str = ""
    facets: dict[str, str] = field(default_factory=dict)
    page: int = 1

    def query(self, **changes) -> str:
        """This search's query string with some parameters changed (None removes one); back to the first page."""
        params = {"q": self.q, **self.facets, **changes}
        return urlencode({k: v for k, v in params.items() if v not in (None, "")})

    def without(self, facet: str) -> str:
        return self.query(**{facet: None})


def _words(q: str) -> SearchQuery:
    folded = Func(Value(q), function="portal_fold", output_field=TextField())
    return SearchQuery(folded, config=SEARCH_CONFIG, search_type="websearch")


def idea_matches(state: IdeaSearchState) -> QuerySet[ProjectIdea]:
    """The listed ideas matching the search, best first with words, newest first without."""
    ideas = ideas_listed()
    if programme := state.facets.get("programme"):
        ideas = ideas.filter(programme__slug=programme)
    if country := state.facets.get("country"):
        ideas = ideas.filter(countries_sought__code=country)
    if partner_type := state.facets.get("partner_type"):
        ideas = ideas.filter(partner_types_sought__contains=[partner_type])
    if state.q:
        words = _words(state.q)
        return (
            ideas.filter(search_vector=words)
            .annotate(rank=SearchRank(F("search_vector"), words))
            .order_by("-rank", "-created_at", "-pk")
        )
    return ideas.order_by("-created_at", "-pk")


@dataclass(frozen=True)
class FacetLink:
    label: str
    count: int
    url: str
    selected: bool


@dataclass
class IdeaSummary:
    total: int = 0
    counts: dict[str, list[tuple[str, str, int]]] = field(default_factory=dict)  # facet → (value, label, count)


_SUMMARY_SQL = """
WITH m AS MATERIALIZED ({matches})
SELECT 'total', '', '', count(*) FROM m
UNION ALL (SELECT 'programme', pg.slug, pg.name, count(*) FROM m JOIN programmes_programme pg ON pg.id = m.programme_id
           GROUP BY pg.slug, pg.name ORDER BY 4 DESC, 3)
UNION ALL (SELECT 'country', c.code, c.name, count(*) FROM m JOIN {through} t ON t.projectidea_id = m.id
           JOIN programmes_country c ON c.code = t.country_id GROUP BY c.code, c.name ORDER BY 4 DESC, 3)
UNION ALL (SELECT 'partner_type', x.v, '', count(*) FROM (SELECT unnest(m.partner_types_sought) AS v FROM m) AS x
           GROUP BY x.v ORDER BY 4 DESC, 2)
"""


def idea_summary(matches: QuerySet[ProjectIdea]) -> IdeaSummary:
    """The total and every facet's values with their counts, in one query over the matching ideas."""
    sql, params = matches.order_by().values("id", "programme_id", "partner_types_sought").query.sql_with_params()
    through = ProjectIdea.countries_sought.through._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(_SUMMARY_SQL.format(matches=sql, through=through), params)
        rows = cursor.fetchall()
    summary = IdeaSummary(counts={name: [] for name in FACETS})
    types = dict(OrganisationType.choices)
    for facet, value, label, count in rows:
        if facet == "total":
            summary.total = count
        elif facet == "partner_type":
            summary.counts[facet].append((value, str(types.get(value, value)), count))
        else:
            summary.counts[facet].append((value, label, count))
    return summary


def facet_groups(state: IdeaSearchState, summary: IdeaSummary) -> list[tuple[str, str, list[FacetLink]]]:
    """(name, title, links) per facet: a value's link narrows the search, the chosen value's link removes it."""
    groups = []
    for name, title in FACET_TITLES.items():
        chosen = state.facets.get(name)
        links = []
        for value, label, count in summary.counts.get(name, []):
            selected = value == chosen
            url = "?" + (state.without(name) if selected else state.query(**{name: value}))
            links.append(FacetLink(label, count, url, selected))
        if chosen and not any(link.selected for link in links):
            links.insert(0, FacetLink(chosen, 0, "?" + state.without(name), True))
        groups.append((name, str(title), links))
    return groups
