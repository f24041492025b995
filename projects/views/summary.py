"""Check your answers: every section of the application on one page, each with a link to change it, the checklist's
remaining problems, and the confirmation that submitting requires."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from ..answers import application_answers
from ..forms import SubmitConfirmForm
from ..rules import stage_sections
from .common import application_or_404, workspace_context

# (section key of programmes.application_form, heading, URL name of its page); a page not built yet falls back to
# the overview. Numbered in the order shown: a concept note (step 1 of a two-step call) shows only its sections.
SUMMARY_SECTIONS = [
    ("identification", _("Identification"), "projects:identification"),
    ("description", _("Project description"), "projects:description"),
    ("partners", _("Partnership"), "projects:partners"),
    ("workplan", _("Work plan"), "projects:work_plan"),
    ("results", _("Outputs and results"), "projects:results"),
    ("budget", _("Budget"), "projects:budget"),
    ("annexes", _("Annexes"), "projects:annexes"),
]


def _section_url(url_name: str, project) -> str:
    try:
        return reverse(url_name, args=[project.pk])
    except NoReverseMatch:
        return reverse("projects:detail", args=[project.pk])


def summary_context(request, project, form=None) -> dict:
    context = workspace_context(request, project, "check")
    context["answers"] = application_answers(project)
    asked = stage_sections(project)
    shown = [(key, heading, url_name) for key, heading, url_name in SUMMARY_SECTIONS if asked is None or key in asked]
    context["summary_sections"] = [
        {"key": key, "heading": f"{number}. {heading}", "url": _section_url(url_name, project)}
        for number, (key, heading, url_name) in enumerate(shown, start=1)
    ]
    context["concept_note"] = asked is not None
    context["confirm_form"] = form or SubmitConfirmForm()
    return context


@login_required
def application_summary(request, pk: int):
    project = application_or_404(request, pk)
    return render(request, "projects/summary.html", summary_context(request, project))
