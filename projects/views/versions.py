"""The versions of a contracted application and what changed between two of them (issue 19, item 3): one page
for the project's collaborators and the programme's staff alike — who may read them is the one policy of
projects.modification_access (anyone else: 404).

The diff compares the versions' stored answers (projects.version_diff, no queries of its own); `to=draft` compares
with the live application while a modification is open (its answers computed as version_capture stores them).
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ..answers import application_answers
from ..models import ApplicationVersion, ProjectCollaborator
from ..modification_access import projects_with_records_for
from ..snapshot import _jsonable
from ..version_diff import version_diff
from ..versions import _json

DRAFT = "draft"


def _project_or_404(request, pk: int):
    return get_object_or_404(projects_with_records_for(request.user).select_related("programme"), pk=pk)


def _back(request, project) -> str:
    """The project's page on the reader's side: the workspace for its collaborators, the staff page for staff."""
    if ProjectCollaborator.objects.filter(project=project, user=request.user).exists():
        return reverse("projects:detail", args=[project.pk])
    return reverse("staff:application", args=[project.programme.slug, project.pk])


def draft_answers(project) -> dict:
    """The live application as a version stores it (projects.versions.version_capture)."""
    return _json(_jsonable(application_answers(project)))


@login_required
def version_list(request, pk: int):
    project = _project_or_404(request, pk)
    versions = list(
        ApplicationVersion.objects.filter(project=project)
        .defer("answers", "rows")  # the list shows none of the (large) contents
        .select_related("created_by")
        .order_by("number")
    )
    context = {"project": project, "versions": versions, "back": _back(request, project)}
    return render(request, "projects/versions.html", context)


def _number(value: str | None, *, allow_draft: bool = False) -> int | str | None:
    if value is None or value == "":
        return None
    if allow_draft and value == DRAFT:
        return DRAFT
    if not value.isdigit():
        raise ValueError(value)
    return int(value)


@login_required
def version_diff_page(request, pk: int):
    project = _project_or_404(request, pk)
    context = {"project": project, "back": _back(request, project)}
    try:
        old = _number(request.GET.get("from"))
        new = _number(request.GET.get("to"), allow_draft=True)
    except ValueError:
        context["problem"] = _("Versions are given by their number (or “draft” for the modification being prepared).")
        return render(request, "projects/version_diff.html", context, status=400)
    if new == DRAFT and not project.modification_open:
        context["problem"] = _("No modification is open: there is no draft to compare with.")
        return render(request, "projects/version_diff.html", context, status=400)
    numbers = list(
        ApplicationVersion.objects.filter(project=project).order_by("number").values_list("number", flat=True)
    )
    if not numbers:
        raise Http404
    if new is None:
        new = numbers[-1]
    if old is None:
        old = numbers[-1] if new == DRAFT else max([n for n in numbers if n < new] or [new])
    wanted = {n for n in (old, new) if n != DRAFT}
    if not wanted <= set(numbers):
        raise Http404
    found = {
        v.number: v
        for v in ApplicationVersion.objects.filter(project=project, number__in=wanted).defer("rows").order_by("number")
    }
    before = found[old]
    after = found[new] if new != DRAFT else None
    answers = after.answers if after else draft_answers(project)
    context |= {
        "before": before,
        "after": after,
        "draft": new == DRAFT,
        "diff": version_diff(before.answers, answers),
        "numbers": numbers,
        "old": old,
        "new": new,
    }
    return render(request, "projects/version_diff.html", context)
