"""A project's timeline, for its collaborators (programme staff read it on their own pages: views/staff/timeline.py).

Who: the project's collaborators, at any level (projects.modification_access, the collaborators' half); anyone
else gets a 404. What each one sees of the reports and payments is the reporting policy's (projects.timeline)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from ..modification_access import projects_with_records_for
from ..permissions import applications_for
from ..timeline import APPLICANT, timeline_context


@require_safe
@login_required
def project_timeline_view(request, pk: int):
    projects = projects_with_records_for(request.user).filter(pk__in=applications_for(request.user).values("pk"))
    project = get_object_or_404(projects.select_related("programme"), pk=pk)
    context = {"project": project, **timeline_context(request, project, side=APPLICANT)}
    return render(request, "projects/timeline.html", context)
