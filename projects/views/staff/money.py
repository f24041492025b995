"""Money at a glance for the programme's money staff (SEE_MONEY): the programme's overview and each project's."""

from django.shortcuts import get_object_or_404, render

from programmes.staff import StaffAction

from ...models import Project
from ...money_overview import programme_money, project_money
from ...reporting_access import REPORTING_STATUSES
from .common import programme_or_404, staff_context, staff_only


@staff_only
def programme_money_view(request, slug: str):
    programme = programme_or_404(request, slug, action=StaffAction.SEE_MONEY)
    context = {**staff_context(request, programme, "money"), **programme_money(programme)}
    return render(request, "projects/staff/money_programme.html", context)


@staff_only
def project_money_view(request, slug: str, pk: int):
    programme = programme_or_404(request, slug, action=StaffAction.SEE_MONEY)
    project = get_object_or_404(
        Project.objects.select_related("call"), pk=pk, programme=programme, status__in=REPORTING_STATUSES
    )
    context = {**staff_context(request, programme, "money"), "project": project, **project_money(project)}
    return render(request, "projects/staff/money_project.html", context)
