"""The staff home (the user's programmes) and a programme's dashboard."""

from django.shortcuts import redirect, render

from programmes.staff import staff_programmes

from ...dashboard import programme_dashboard
from .common import programme_or_404, staff_context, staff_only


@staff_only
def staff_home(request):
    programmes = list(staff_programmes(request.user).order_by("name"))
    if len(programmes) == 1:
        return redirect("staff:dashboard", slug=programmes[0].slug)
    return render(request, "projects/staff/home.html", {"programmes": programmes})


@staff_only
def dashboard(request, slug: str):
    programme = programme_or_404(request, slug)
    context = {**staff_context(request, programme, "dashboard"), **programme_dashboard(programme)}
    return render(request, "projects/staff/dashboard.html", context)
