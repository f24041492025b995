"""Public programme pages: facts, structure, calls, funded projects and the monitoring committee's make-up.

They live with the project database because they show projects and committee members (partnerships): the
programmes app itself depends on neither.
"""

from functools import partial

from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from interact_portal.core.charts import bar_chart
from interact_portal.core.collation import by_name
from partnerships.choices import MemberCategory, Voting
from partnerships.models import ProgrammeMembership
from programmes.choices import BodyKind
from programmes.forms import ProgrammeFilterForm
from programmes.models import Call, Office, Priority, Programme, SpecificObjective

from ..filters import ProjectSearchForm, SearchState
from ..maps import search_map
from ..models import Project
from ..search import public_summary

LATEST_PROJECTS = 10


def programme_list(request):
    form = ProgrammeFilterForm(request.GET)
    chosen = form.filters()
    programmes = Programme.objects.all()
    for name in ("period", "strand"):
        if name in chosen:
            programmes = programmes.filter(**{name: chosen[name]})
    if "country" in chosen:
        programmes = programmes.filter(countries=chosen["country"])
    funded = Project.objects.public().filter(programme=OuterRef("pk")).values("programme")
    programmes = programmes.annotate(
        project_count=Coalesce(Subquery(funded.annotate(n=Count("pk")).values("n"), output_field=IntegerField()), 0)
    ).order_by("-period", by_name("name"), "pk")
    page = Paginator(programmes, 50).get_page(request.GET.get("page"))
    return render(request, "projects/public/programme_list.html", {"form": form, "page": page})


def programme_detail(request, slug: str):
    objectives = Prefetch("objectives", queryset=SpecificObjective.objects.order_by("code"))
    programme = get_object_or_404(
        Programme.objects.prefetch_related(
            "funds",
            "countries",
            Prefetch("priorities", queryset=Priority.objects.prefetch_related(objectives)),
            Prefetch("offices", queryset=Office.objects.select_related("country")),
            Prefetch("calls", queryset=Call.objects.published().order_by("-opens_at"), to_attr="published_calls"),
        ),
        slug=slug,
    )
    funded = Project.objects.public().filter(programme=programme)
    chosen = ProjectSearchForm({name: request.GET.get(name, "") for name in ("map", "measure")}).state()
    state = SearchState(facets={"programme": programme.slug}, map=chosen.map, measure=chosen.measure)
    key, summary = public_summary(state)  # the search's summary of the programme's projects, cached
    context = {
        "programme": programme,
        "project_count": summary.total,
        "summary_key": key,
        "map_state": state,
        "programme_map": partial(search_map, state, summary.places, base=reverse("database:search")),
        "latest": funded.order_by("-sort_date", "-pk")[:LATEST_PROJECTS],
        "committee": _committee_chart(programme),
    }
    return render(request, "projects/public/programme_detail.html", context)


def _committee_chart(programme: Programme):
    """Seats of the monitoring committee per member category (the partnership principle), or None."""
    seats = (
        ProgrammeMembership.objects.filter(body__programme=programme, body__kind=BodyKind.MONITORING_COMMITTEE)
        .values("member_category")
        .annotate(total=Count("pk"), voting=Count("pk", filter=Q(voting=Voting.VOTING)))
        .order_by("-total", "member_category")
    )
    labels = dict(MemberCategory.choices)
    rows = [
        (
            str(labels.get(s["member_category"], s["member_category"])),
            s["total"],
            _("%(total)d (%(voting)d voting)") % s,
        )
        for s in seats
    ]
    return bar_chart(_("Monitoring committee seats by member category"), rows) if rows else None
