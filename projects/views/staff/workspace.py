"""The staff home (the user's programmes), a programme's dashboard and its reports."""

from django.db.models import Count
from django.shortcuts import redirect, render

from interact_portal.core.collation import by_name
from programmes.staff import StaffAction, staff_programmes, staff_require

from ...dashboard import programme_dashboard
from ...permissions import staff_visible_filter
from .common import programme_or_404, staff_context, staff_only


@staff_only
def staff_home(request):
    programmes = list(staff_programmes(request.user).order_by(by_name("name"), "pk"))
    if len(programmes) == 1:
        return redirect("staff:dashboard", slug=programmes[0].slug)
    return render(request, "projects/staff/home.html", {"programmes": programmes})


@staff_only
def dashboard(request, slug: str):
    programme = programme_or_404(request, slug)
    context = {**staff_context(request, programme, "dashboard"), **programme_dashboard(programme)}
    return render(request, "projects/staff/dashboard.html", context)


@staff_only
def reports(request, slug: str):
    """The reports staff may ask for: the programme report, and the call report of each call with applications."""
    programme = programme_or_404(request, slug)
    staff_require(request.user, programme, StaffAction.REPORT)
    calls = (
        programme.calls.annotate(applications=Count("projects", filter=staff_visible_filter(None, "projects__")))
        .filter(applications__gt=0)
        .order_by("-opens_at")
    )
    context = {**staff_context(request, programme, "reports"), "calls": calls}
    return render(request, "projects/staff/reports.html", context)
