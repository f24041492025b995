"""Staff close a contracted project (CLOSE: managers and officers) once its closure section is complete, and a
programme manager reopens a closed one (REOPEN), with a reason. Both go through projects/services/closure.py and
the workflow table; a refusal is shown with its reasons (400), a missing right is a 403 with the reason."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from programmes.staff import StaffAction, staff_refusal

from ...closure import close_problems, final_report, indicator_rows
from ...models import ProjectClosure
from ...permissions import require
from ...services.closure import CloseRefused, project_close, project_reopen
from ...workflow import Status
from ..common import add_service_error
from .common import application_or_404, programme_or_404, staff_context, staff_only


class CloseForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Note to the project (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why is the project reopened?"),
        help_text=gettext_lazy("Recorded on the audit trail and sent to the project's collaborators."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )


def _page(request, slug, pk, action):
    programme = programme_or_404(request, slug)
    project = application_or_404(request, programme, pk)
    require(staff_refusal(request.user, programme, action))
    return programme, project


def _context(request, programme, project, form, title: str) -> dict:
    section = ProjectClosure.objects.filter(project=project).first()
    return {
        **staff_context(request, programme, "applications"),
        "project": project,
        "form": form,
        "title": title,
        "section": section,
        "indicators": indicator_rows(project, section, prefill=False),
        "final_report": final_report(project),
        "problems": close_problems(project, section) if project.status != Status.CLOSED else [],
    }


@staff_only
def close(request, slug: str, pk: int):
    programme, project = _page(request, slug, pk, StaffAction.CLOSE)
    form = CloseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            project_close(project=project, by=request.user, note=form.cleaned_data["note"])
        except CloseRefused as refused:
            for problem in refused.problems:
                form.add_error(None, problem)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The project is closed."))
            return redirect("staff:application", slug=programme.slug, pk=project.pk)
    context = _context(request, programme, project, form, _("Close the project"))
    context["action"] = "close"
    return render(request, "projects/staff/closure.html", context, status=400 if form.errors else 200)


@staff_only
def reopen(request, slug: str, pk: int):
    programme, project = _page(request, slug, pk, StaffAction.REOPEN)
    form = ReopenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            project_reopen(project=project, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The project is reopened: it is contracted again."))
            return redirect("staff:application", slug=programme.slug, pk=project.pk)
    context = _context(request, programme, project, form, _("Reopen the project"))
    context["action"] = "reopen"
    return render(request, "projects/staff/closure.html", context, status=400 if form.errors else 200)
