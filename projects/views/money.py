"""Money at a glance for a contracted project's managers (the lead partner's side); anyone else gets a 404."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from ..models import CollaboratorLevel, Project, ProjectCollaborator
from ..money_overview import project_money
from ..reporting_access import REPORTING_STATUSES


@login_required
def project_money_view(request, pk: int):
    projects = Project.objects.filter(status__in=REPORTING_STATUSES)
    if not request.user.is_superuser:
        managed = ProjectCollaborator.objects.filter(user=request.user, level=CollaboratorLevel.MANAGE)
        projects = projects.filter(pk__in=managed.values("project"))
    project = get_object_or_404(projects.select_related("call"), pk=pk)
    return render(request, "projects/money.html", {"project": project, **project_money(project)})
