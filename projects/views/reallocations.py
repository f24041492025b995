"""Budget reallocations without a modification (issue 19, item 5): the project's list of them, the room left under
the call's limit, and the form. Whoever sees the project's versions sees this page (projects.modification_access:
its collaborators and the programme's staff, read-only for staff); the project's managers and each partner's contact
person move budget (POST), the service decides."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from interact_portal.core.formatting import format_money
from partnerships.budget import CostOptions, project_periods
from programmes.choices import CostCategory

from ..forms_reallocations import ReallocationForm
from ..modification_access import projects_with_records_for, reallocations_for
from ..services.reallocations import (
    budget_reallocate,
    reallocating_partners,
    reallocation_refusal,
    reallocation_rooms,
)
from .common import add_service_error


@login_required
@require_http_methods(["GET", "POST"])
def reallocations(request, pk: int):
    projects = projects_with_records_for(request.user).select_related("call", "programme")
    project = get_object_or_404(projects, pk=pk)
    partners = list(project.partners.select_related("organisation").order_by("order", "pk"))
    mine = reallocating_partners(request.user, project, partners)
    refusal = reallocation_refusal(project)
    categories = [(c, CostCategory(c).label) for c in CostOptions.of(project.call).typed] if project.call else []
    form = ReallocationForm(
        request.POST if request.method == "POST" else None,
        partners=mine,
        periods=project_periods(project),
        categories=categories,
    )
    if request.method == "POST":
        if not mine:
            raise PermissionDenied(_("Only the project's managers and a partner's contact person can move budget."))
        if form.is_valid():
            data = form.cleaned_data
            partner = next(p for p in mine if p.pk == data["partner"])
            try:
                moved = budget_reallocate(project=project, partner=partner, by=request.user, **_without(data))
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(
                    request,
                    _("%(amount)s moved; version %(n)d of the application is in force.")
                    % {"amount": format_money(moved.amount), "n": moved.version.number},
                )
                return redirect("projects:reallocations", pk=project.pk)
    moves = list(
        reallocations_for(request.user)
        .filter(project=project)
        .select_related("partner", "by", "version")
        .order_by("-at", "-pk")
    )
    labels = dict(CostCategory.choices)
    for move in moves:
        move.from_label = labels.get(move.from_category, move.from_category)
        move.to_label = labels.get(move.to_category, move.to_category)
    rooms = reallocation_rooms(project, partners)
    context = {
        "project": project,
        "moves": moves,
        "rooms": [{"partner": p, "rooms": rooms[p.pk]} for p in partners if p.pk in rooms],
        "limit": project.call.reallocation_limit if project.call else None,
        "form": form if mine else None,
        "refusal": refusal,
    }
    return render(request, "projects/reallocations.html", context, status=400 if form.errors else 200)


def _without(data: dict) -> dict:
    return {key: value for key, value in data.items() if key != "partner"}
