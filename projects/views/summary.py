"""Check your answers: every section of the application on one page, each with a link to change it, the checklist's
remaining problems, and the confirmation that submitting requires."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse

from ..answers import application_answers
from ..forms import SubmitConfirmForm
from ..rules import stage_sections
from ..sections import section_refs
from .common import application_or_404, workspace_context


def summary_context(request, project, form=None) -> dict:
    """The sections of programmes.application_form.SECTIONS (a concept note, step 1 of a two-step call, only its
    own), numbered in the order shown, each with its page (URL name projects:<key>) and its read-only template."""
    context = workspace_context(request, project, "check")
    context["answers"] = application_answers(project)
    asked = stage_sections(project)
    context["summary_sections"] = [
        {
            "key": ref.key,
            "heading": f"{number}. {ref.label}",
            "url": reverse(f"projects:{ref.key}", args=[project.pk]),
            "template": ref.template,
        }
        for number, ref in enumerate(section_refs(asked), start=1)
    ]
    context["concept_note"] = asked is not None
    context["confirm_form"] = form or SubmitConfirmForm()
    return context


@login_required
def application_summary(request, pk: int):
    project = application_or_404(request, pk)
    return render(request, "projects/summary.html", summary_context(request, project))
