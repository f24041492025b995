"""The application list, starting an application, the overview, identification and submission pages (the budget:
views/budget.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partnerships.forms import organisation_from_post, picker_context
from programmes.models import Call

from ..forms import IdentificationForm, StartApplicationForm, SubmitConfirmForm
from ..history import history_for_applicants
from ..permissions import applications_for, edit_refusal, manage_refusal, require
from ..services.applications import application_start, identification_update
from ..services.submission import SubmissionIncomplete, application_submit
from ..workflow import EDITABLE_STATUSES
from .common import add_service_error, application_or_404, section_save, section_status, workspace_context
from .summary import summary_context


@login_required
def application_list(request):
    applications = (
        applications_for(request.user)
        .select_related("call", "programme")
        .annotate(partners_now=Count("partners"))
        .order_by("-updated_at")
    )
    return render(request, "projects/application_list.html", {"applications": applications})


@login_required
def application_new(request, call_pk: int):
    """Start an application for an open call: the acronym and the coordinator's organisation, which becomes lead."""
    call = get_object_or_404(Call.objects.published().select_related("programme"), pk=call_pk)
    if call.state != "open":  # said at once, with the dates, rather than refused once the form is filled in
        status = 200 if request.method in ("GET", "HEAD") else 409
        return render(request, "projects/start.html", {"call": call}, status=status)
    form = StartApplicationForm(request.POST or None)
    pick = new = None
    if request.method == "POST":
        try:
            with transaction.atomic():  # a refused start leaves no organisation behind either
                organisation, pick, new = organisation_from_post(request.POST)
                if form.is_valid() and organisation is not None:
                    project = application_start(
                        call=call, organisation=organisation, acronym=form.cleaned_data["acronym"], by=request.user
                    )
                    messages.success(request, _("Your application is started. Fill in each section, then submit."))
                    return redirect("projects:detail", pk=project.pk)
                transaction.set_rollback(True)
        except ValidationError as error:
            add_service_error(form, error)
    context = {"call": call, "form": form, **picker_context(request, pick, new)}
    return render(request, "projects/start.html", context, status=400 if request.method == "POST" else 200)


@login_required
def application_detail(request, pk: int):
    project = application_or_404(request, pk)
    context = workspace_context(request, project, "overview")
    context["history"] = history_for_applicants(project)
    context["submissions"] = project.submissions.only("pk", "number", "submitted_at", "pdf", "project_id")
    # partner reports (issue 18): the partners this person reports for, once the project is contracted
    from ..reporting_access import REPORTING_STATUSES, reporting_partners_for

    context["reporting_partners"] = list(reporting_partners_for(request.user, project).select_related("organisation"))
    if project.status in REPORTING_STATUSES:  # versions and modifications (issue 19)
        from .modifications import modifications_context

        context.update(modifications_context(request, project))
    return render(request, "projects/detail.html", context)


@login_required
def application_identification(request, pk: int):
    project = application_or_404(request, pk)
    form = IdentificationForm(request.POST or None, instance=project)
    conflict = None
    if request.method == "POST":
        require(edit_refusal(request.user, project))

        def save(version, data):
            identification_update(project=project, by=request.user, version=version, data=data)

        form, conflict, saved = section_save(request, form, save)
        if saved:
            messages.success(request, _("Identification saved."))
            return redirect("projects:identification", pk=project.pk)
        project.refresh_from_db()
    context = {**workspace_context(request, project, "identification"), "form": form, "conflict": conflict}
    return render(request, "projects/identification.html", context, status=section_status(request, form, conflict))


@login_required
def application_check(request, pk: int):
    project = application_or_404(request, pk)
    return render(request, "projects/check.html", workspace_context(request, project, "check"))


@require_POST
@login_required
def application_submit_view(request, pk: int):
    """Submit from the "check your answers" page, which asks for an explicit confirmation first."""
    project = application_or_404(request, pk)
    require(manage_refusal(request.user, project, while_editable=False))
    form = SubmitConfirmForm(request.POST)
    if project.status in EDITABLE_STATUSES and not form.is_valid():
        return render(request, "projects/summary.html", summary_context(request, project, form), status=400)
    try:
        project, submitted_now = application_submit(project=project, by=request.user)
    except SubmissionIncomplete:
        messages.error(request, _("The application cannot be submitted yet: fix the items below."))
        return redirect("projects:summary", pk=project.pk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("projects:summary", pk=project.pk)
    if submitted_now:
        messages.success(request, _("Submitted. Everyone on the application and the programme has been told."))
    else:
        messages.info(request, _("This application was already submitted; nothing was changed."))
    return redirect("projects:detail", pk=project.pk)
