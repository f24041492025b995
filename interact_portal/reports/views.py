"""/reports/: the user's reports with live progress, asking for one (POST), and downloading it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from interact_portal.core.uploads import attachment

from .models import Report, ReportStatus
from .registry import KINDS
from .services import report_request

PARAMETERS = ("call", "programme", "event", "query")


@login_required
def report_list(request):
    page = Paginator(Report.objects.for_user(request.user), 25).get_page(request.GET.get("page"))
    return render(request, "reports/list.html", {"page": page})


@login_required
def report_row(request, pk: int):
    """One report's row: what the progress bar polls (htmx) until the report is finished."""
    report = get_object_or_404(Report.objects.for_user(request.user), pk=pk)
    return render(request, "reports/partials/row.html", {"report": report})


@require_POST
@login_required
def report_new(request):
    parameters = {name: request.POST[name] for name in PARAMETERS if request.POST.get(name)}
    try:
        report = report_request(
            user=request.user,
            kind=request.POST.get("kind", ""),
            format=request.POST.get("format", ""),
            parameters=parameters,
        )
    except ValidationError as error:
        return HttpResponseBadRequest(" ".join(error.messages))
    messages.success(request, _("“%(title)s” is being prepared; this page shows its progress.") % {"title": report})
    return redirect("reports:list")


@login_required
def report_download(request, pk: int):
    """The requester, superusers and the staff the report's kind names may download; anyone else gets 404."""
    report = get_object_or_404(Report, pk=pk, status=ReportStatus.DONE)
    user = request.user
    kind = KINDS.get(report.kind)
    allowed = report.requested_by_id == user.pk or (
        kind and not kind.requester_only and (user.is_superuser or kind.may_download(user, report))
    )
    if not allowed or not report.file:
        raise Http404
    return attachment(report.file, report.filename)
