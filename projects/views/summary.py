"""Check your answers: every section of the application on one page, each with a link to change it, the checklist's
remaining problems, and the confirmation that submitting requires."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from ..answers import application_answers
from ..forms import SubmitConfirmForm
from .common import application_or_404, workspace_context

# (section key, heading, URL name of its page); a page not built yet falls back to the overview
SUMMARY_SECTIONS = [
    ("identification", _("1. Identification"), "projects:identification"),
    ("description", _("2. Project description"), "projects:description"),
    ("partnership", _("3. Partnership"), "projects:partners"),
    ("work_plan", _("4. Work plan"), "projects:work_plan"),
    ("results", _("5. Outputs and results"), "projects:results"),
    ("budget", _("6. Budget"), "projects:budget"),
    ("annexes", _("7. Annexes"), "projects:annexes"),
]


def _section_url(url_name: str, project) -> str:
    try:
        return reverse(url_name, args=[project.pk])
    except NoReverseMatch:
        return reverse("projects:detail", args=[project.pk])


def summary_context(request, project, form=None) -> dict:
    context = workspace_context(request, project, "check")
    context["answers"] = application_answers(project)
    context["summary_sections"] = [
        {"key": key, "heading": heading, "url": _section_url(url_name, project)}
        for key, heading, url_name in SUMMARY_SECTIONS
    ]
    context["confirm_form"] = form or SubmitConfirmForm()
    return context


@login_required
def application_summary(request, pk: int):
    project = application_or_404(request, pk)
    return render(request, "projects/summary.html", summary_context(request, project))
