"""The public project database's query string: search words, facets, sort and page, read leniently.

A value that is malformed or unknown is dropped (the page shows what is left), never an error page. The same
state serves the page, its htmx update and the exports, so a shared link shows the same projects.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from partnerships.choices import Sector
from programmes.choices import Period, Strand

from .workflow import PUBLIC_STATUSES, Status

# Budget bands of the facet: key → (label, lower bound inclusive, upper bound exclusive), in EUR.
BUDGET_BANDS = {
    "lt500k": (_("under €0.5 million"), None, Decimal(500_000)),
    "500k-1m": (_("€0.5–1 million"), Decimal(500_000), Decimal(1_000_000)),
    "1m-2m": (_("€1–2 million"), Decimal(1_000_000), Decimal(2_000_000)),
    "2m-5m": (_("€2–5 million"), Decimal(2_000_000), Decimal(5_000_000)),
    "5m+": (_("€5 million or more"), Decimal(5_000_000), None),
}
SORTS = {"relevance": _("Relevance"), "date": _("Newest first"), "budget": _("Largest budget")}
FACETS = (
    "programme",
    "period",
    "strand",
    "country",
    "lead_country",
    "region",
    "objective",
    "status",
    "budget",
    "sector",
    "results",
)
# the "results available" facet's one value: closed projects whose results are published (Project.has_results)
RESULTS = {"yes": _("Results available")}
# The map above the results (projects/maps.py): what it is drawn by and what it shows; the first is the default.
MAP_VIEWS = {"country": _("By country"), "region": _("By NUTS 2 region"), "none": _("Hide the map")}
MEASURES = {"projects": _("Number of projects"), "budget": _("Budget")}
COUNTRY = RegexValidator(r"^[A-Z]{2}$")
NUTS2 = RegexValidator(r"^[A-Z]{2}[0-9A-Z]{2}$")


class ProjectSearchForm(forms.Form):
    q = forms.CharField(label=_("Search projects"), required=False, max_length=200, strip=True)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=list(SORTS.items()))
    programme = forms.SlugField(required=False, max_length=80)
    period = forms.ChoiceField(required=False, choices=Period.choices)
    strand = forms.ChoiceField(required=False, choices=Strand.choices)
    country = forms.CharField(required=False, validators=[COUNTRY])
    lead_country = forms.CharField(required=False, validators=[COUNTRY])
    region = forms.CharField(required=False, validators=[NUTS2])
    objective = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1)
    status = forms.ChoiceField(required=False, choices=[(s.value, s.label) for s in Status if s in PUBLIC_STATUSES])
    budget = forms.ChoiceField(required=False, choices=[(k, v[0]) for k, v in BUDGET_BANDS.items()])
    sector = forms.ChoiceField(required=False, choices=Sector.choices)
    results = forms.ChoiceField(required=False, choices=list(RESULTS.items()))
    after = forms.CharField(required=False, max_length=60)
    before = forms.CharField(required=False, max_length=60)
    last = forms.BooleanField(required=False)
    map = forms.ChoiceField(required=False, choices=list(MAP_VIEWS.items()))
    measure = forms.ChoiceField(required=False, choices=list(MEASURES.items()))

    def state(self) -> "SearchState":
        self.is_valid()
        data = {k: v for k, v in self.cleaned_data.items() if v not in (None, "", False)}
        q = data.get("q", "")
        return SearchState(
            q=q,
            sort=data.get("sort") or SearchState.default_for(q),
            facets={name: str(data[name]) for name in FACETS if name in data},
            after=data.get("after", ""),
            before=data.get("before", ""),
            last="last" in data,
            map="" if data.get("map", "country") == "country" else data["map"],
            measure="" if data.get("measure", "projects") == "projects" else data["measure"],
        )


@dataclass(frozen=True)
class SearchState:
    q: str = ""
    sort: str = "date"
    facets: dict[str, str] = field(default_factory=dict)
    after: str = ""
    before: str = ""
    last: bool = False
    map: str = ""  # the map's view other than the default (MAP_VIEWS): kept by every link, not part of the search
    measure: str = ""  # the map's figure other than the default (MEASURES)

    @staticmethod
    def default_for(q: str) -> str:
        """The sort a search has when none is asked for: relevance for words, newest first without."""
        return "relevance" if q else "date"

    @property
    def order(self) -> str:
        """The sort in force: relevance needs words, so without them it is the date order."""
        return self.sort if self.sort != "relevance" or self.q else "date"

    @property
    def chosen_sort(self) -> str:
        """The sort the visitor picked, or "" when it is the default: what a link or a new search carries."""
        return self.sort if self.sort != self.default_for(self.q) else ""

    def query(self, **changes) -> str:
        """The query string of this search with some parameters changed (None removes one); page reset."""
        params = {
            "q": self.q,
            "sort": self.chosen_sort,
            **self.facets,
            "map": self.map,
            "measure": self.measure,
        }
        params.update(changes)
        return urlencode({k: v for k, v in params.items() if v not in (None, "")})

    def without(self, facet: str) -> str:
        return self.query(**{facet: None})
