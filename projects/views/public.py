"""The public project database: search with facets, a project's page, and exports of any search."""

from functools import partial

from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from interact_portal.core.charts import BarChart, bar_chart
from interact_portal.core.formatting import format_money
from partnerships.models import ProjectPartner

from ..closure import public_results
from ..exports import csv_response, json_response
from ..facets import facet_groups
from ..filters import SORTS, ProjectSearchForm
from ..maps import project_map, search_map
from ..models import Project
from ..search import RELEVANCE_WINDOW, public_matches, public_search
from ..search_cache import generation
from ..workflow import Status
from .closure import inline_picture

RELATED = 5


def project_search(request):
    form = ProjectSearchForm(request.GET)
    state = form.state()
    result = public_search(state)
    page = result.page
    context = {
        "form": form,
        "state": state,
        "result": result,
        # computed only when the facet list is not in the cache (the template calls it)
        "facet_groups": partial(facet_groups, state, result.facets),
        "search_map": partial(search_map, state, result.places),  # likewise the map
        "query": state.query(),
        "sort_links": [
            (key, label, "?" + state.query(sort=key)) for key, label in SORTS.items() if key != "relevance" or state.q
        ],
        "first_url": "" if page.is_first else "?" + state.query(),
        "previous_url": "?" + state.query(before=page.previous_cursor) if page.previous_cursor else "",
        "next_url": "?" + state.query(after=page.next_cursor) if page.next_cursor else "",
        "last_url": "" if page.is_last else "?" + state.query(last=1),
        "window": RELEVANCE_WINDOW,
    }
    context["partial"] = bool(request.headers.get("HX-Request"))
    template = "projects/public/partials/results.html" if context["partial"] else "projects/public/search.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def project_detail(request, pk: int):
    partners = ProjectPartner.objects.select_related("organisation__country", "organisation__nuts_region")
    project = get_object_or_404(
        Project.objects.public()
        .select_related("programme", "call", "specific_objective__priority")
        .prefetch_related(Prefetch("partners", queryset=partners)),
        pk=pk,
    )
    organisations = [p.organisation_id for p in project.partners.all()]
    related = (
        Project.objects.public()
        .filter(partners__organisation__in=organisations)
        .exclude(pk=project.pk)
        .annotate(shared=Count("partners"))
        .select_related("programme")
        .order_by("-shared", "-sort_date", "-pk")[:RELATED]
    )
    context = {
        "project": project,
        "related": related,
        "countries": _countries_chart(project.partners.all()),
        # drawn from the prefetched partners only when not in the cache (the template calls it)
        "partner_map": partial(project_map, project.partners.all(), reverse("database:search")),
        "generation": generation(),
        "results": public_results(project),  # a closed project's published results (issue 19), else None
    }
    return render(request, "projects/public/detail.html", context)


def results_picture(request, pk: int):
    """The picture of a closed project's published results (an image type only, checked when uploaded)."""
    project = get_object_or_404(Project.objects.public().filter(has_results=True, status=Status.CLOSED), pk=pk)
    results = public_results(project)
    if results is None or not results["closure"].picture:
        raise Http404
    return inline_picture(results["closure"].picture, public=True)


def _countries_chart(partners) -> BarChart:
    """Partners and budget per country, largest budget first (from the prefetched partners: no query)."""
    by_country: dict[str, list] = {}
    for partner in partners:
        by_country.setdefault(partner.organisation.country.name, []).append(partner)
    rows = sorted(
        ((name, sum(p.budget for p in group), len(group)) for name, group in by_country.items()),
        key=lambda row: (-row[1], row[0]),
    )
    return bar_chart(
        _("Budget by partner country"),
        [(f"{name} ({n})", float(budget), format_money(budget)) for name, budget, n in rows],
    )


def export_csv(request):
    return csv_response(public_matches(ProjectSearchForm(request.GET).state()))


def export_json(request):
    return json_response(public_matches(ProjectSearchForm(request.GET).state()), request)
