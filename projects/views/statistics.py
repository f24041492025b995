"""The public statistics pages: all programmes, and one programme. The figures come cached (projects.statistics),
and so does the page's body, as HTML under the same key (the generation they were counted at) and the language: a
warm page costs the programme's row at most, and no figure is named or drawn unless the body is rendered again.
When the index has moved since the figures were counted, the page shows them with the time they were counted at
while a Celery task counts them again (statistics_shown)."""

from functools import partial
from urllib.parse import urlencode

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from interact_portal.core.charts import bar_chart, column_chart
from interact_portal.core.formatting import format_count, format_money
from partnerships.choices import OrganisationType
from programmes.models import Programme

from ..statistics import Statistics, statistics_shown


def statistics_all(request):
    return _render(request, None)


def programme_statistics(request, slug: str):
    programme = get_object_or_404(Programme.objects.only("pk", "name", "slug"), slug=slug)
    return _render(request, programme)


def _render(request, programme: Programme | None):
    scope = programme.pk if programme else None
    shown = statistics_shown(scope)
    figures = shown.figures
    context = {
        "programme": programme,
        "cache_key": shown.key,
        "stale_since": shown.stale_since,  # the note "Figures as of …; being updated."
        "figures": figures,
        "headline": partial(_headline, figures),  # the template calls these, inside its cached block
        "sections": partial(_sections, figures, programme),
    }
    return render(request, "projects/public/statistics.html", context)


def _headline(figures: Statistics) -> list[tuple[str, str]]:
    """The headline figures as shown: counts, and money in whole euros (the tables below have the cents)."""
    rows = [
        (_("Projects"), format_count(figures.projects)),
        (_("Partners"), format_count(figures.partners)),
        (_("Organisations"), format_count(figures.organisations)),
        (_("Total budget"), format_money(figures.budget, decimals=0)),
        (_("EU funding"), format_money(figures.eu_funding, decimals=0)),
    ]
    if figures.cofinancing_rate is not None:
        rows.append((_("EU co-financing"), f"{figures.cofinancing_rate}%"))
    return rows


def _sections(figures: Statistics, programme: Programme | None) -> list[dict]:
    """Each breakdown: its heading, its chart and its table's rows as (label, link or "", Row)."""
    search = reverse("database:search")

    def searched(**facets) -> str:
        return f"{search}?{urlencode({**({'programme': programme.slug} if programme else {}), **facets})}"

    types = dict(OrganisationType.choices)
    objectives = [
        (
            f"{row.code} {row.name}".strip() if row.key is not None else _("No specific objective"),
            searched(objective=row.key) if programme and row.key is not None else "",
            row,
        )
        for row in figures.objectives
    ]
    years = [(str(row.key) if row.key else _("No start date"), "", row) for row in figures.years]
    countries = [(row.name, searched(country=row.key), row) for row in figures.countries]
    kinds = [(str(types.get(row.key, row.key)), "", row) for row in figures.types]
    organisations = [
        (f"{row.name} ({row.code})", reverse("database:organisation", args=[row.key]), row)
        for row in figures.top_organisations
    ]
    return [
        {
            "id": "years",
            "heading": _("Projects by starting year"),
            "first": _("Year"),
            "rows": years,
            "column_chart": column_chart(
                _("Projects by starting year"),
                [(label, row.projects, format_count(row.projects)) for label, _link, row in years if row.key],
            ),
        },
        {
            "id": "objectives",
            "heading": _("Funding by specific objective"),
            "first": _("Specific objective"),
            "rows": objectives,
            "note": "" if programme else _("Objectives of the same code in different programmes are counted together."),
            "chart": bar_chart(
                _("EU funding by specific objective"),
                [
                    (label, float(row.eu_funding), format_money(row.eu_funding, decimals=0))
                    for label, _l, row in objectives
                ],
            ),
        },
        {
            "id": "countries",
            "heading": _("Partners by country"),
            "first": _("Country"),
            "rows": countries,
            "partners_only": True,
            "chart": bar_chart(
                _("Partners by country"),
                [(label, row.partners, format_count(row.partners)) for label, _l, row in countries],
            ),
        },
        {
            "id": "types",
            "heading": _("Partners by type of organisation"),
            "first": _("Type of organisation"),
            "rows": kinds,
            "partners_only": True,
            "chart": bar_chart(
                _("Partners by type of organisation"),
                [(label, row.partners, format_count(row.partners)) for label, _l, row in kinds],
            ),
        },
        {
            "id": "organisations",
            "heading": _("Organisations in most projects"),
            "first": _("Organisation"),
            "rows": organisations,
            "chart": bar_chart(
                _("Projects per organisation, the %(n)d organisations in most projects") % {"n": len(organisations)},
                [(row.name, row.projects, format_count(row.projects)) for _label, _l, row in organisations],
            ),
        },
    ]
