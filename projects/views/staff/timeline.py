"""A project's timeline for the programme's staff who may see the application (controllers: 404), on the staff
pages (with their second factor); links go to the staff pages. What each role sees of the reports and payments is
the reporting policy's (projects.timeline: money staff see them, assessors do not)."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from ...permissions import staff_visible
from ...timeline import STAFF, timeline_context
from .common import programme_or_404, staff_context, staff_only


@require_safe
@staff_only
def project_timeline_view(request, slug: str, pk: int):
    programme = programme_or_404(request, slug)
    # the staff half of projects.modification_access: the applications the staff pages show them
    project = get_object_or_404(staff_visible(request.user, programme=programme).select_related("programme"), pk=pk)
    context = {**staff_context(request, programme, "applications"), "project": project}
    context |= timeline_context(request, project, side=STAFF)
    return render(request, "projects/staff/timeline.html", context)
