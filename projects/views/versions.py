"""The versions of a contracted application and what changed between two of them (issue 19, item 3): one page
for the project's collaborators and the programme's staff alike — who may read them is the one policy of
projects.modification_access (anyone else: 404).

The diff compares the versions' stored answers (projects.version_diff, no queries of its own); `to=draft` compares
with the live application while a modification is open (its answers computed as version_capture stores them).
"""

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ..answers import application_answers
from ..models import ApplicationVersion, Modification, ProjectCollaborator
from ..modification_access import projects_with_records_for
from ..modification_workflow import DRAFTING
from ..snapshot import _jsonable
from ..version_diff import version_diff
from ..versions import _json

DRAFT = "draft"
DIFF_FORMAT = 3  # raise when projects.version_diff changes what it reports (3: amounts in the reader's locale)
DIFF_CACHED_FOR = 24 * 3600


def _project_or_404(request, pk: int):
    return get_object_or_404(projects_with_records_for(request.user).select_related("programme"), pk=pk)


def _back(request, project) -> str:
    """The project's page on the reader's side: the workspace for its collaborators, the staff page for staff."""
    if ProjectCollaborator.objects.filter(project=project, user=request.user).exists():
        return reverse("projects:detail", args=[project.pk])
    return reverse("staff:application", args=[project.programme.slug, project.pk])


def _answers(*versions: ApplicationVersion) -> dict | list[dict]:
    """The stored answers of the versions (one query; the page reads the versions without them)."""
    stored = dict(ApplicationVersion.objects.filter(pk__in=[v.pk for v in versions]).values_list("pk", "answers"))
    return stored[versions[0].pk] if len(versions) == 1 else [stored[v.pk] for v in versions]


def versions_diff(before: ApplicationVersion, after: ApplicationVersion):
    """The diff of two versions, computed once per language: versions never change, so neither does their diff (the
    key names each version by its id and creation time, so a cache that outlives a test database is never wrong)."""
    key = ":".join(
        [
            "version-diff",
            str(DIFF_FORMAT),
            get_language() or "",
            *(f"{v.pk}-{v.created_at.timestamp()}" for v in (before, after)),
        ]
    )
    diff = cache.get(key)
    if diff is None:
        diff = version_diff(*_answers(before, after))
        cache.set(key, diff, timeout=DIFF_CACHED_FOR)
    return diff


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
    if not (value.isascii() and value.isdigit()):  # "²" is a digit to Python, not a number
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
    drafting = Modification.objects.filter(project=project, status__in=DRAFTING)  # open, or submitted to staff
    if new == DRAFT and not (project.modification_open or drafting.exists()):
        context["problem"] = _("No modification is open: there is no draft to compare with.")
        return render(request, "projects/version_diff.html", context, status=400)
    versions = {  # every version without its contents (a project has a handful)
        v.number: v for v in ApplicationVersion.objects.filter(project=project).defer("answers", "rows")
    }
    numbers = sorted(versions)
    if not numbers:
        raise Http404
    if new is None:
        new = numbers[-1]
    if old is None:
        old = numbers[-1] if new == DRAFT else max([n for n in numbers if n < new] or [new])
    if old not in versions or (new != DRAFT and new not in versions):
        raise Http404
    before = versions[old]
    after = versions[new] if new != DRAFT else None
    diff = versions_diff(before, after) if after else version_diff(_answers(before), draft_answers(project))
    context |= {
        "before": before,
        "after": after,
        "draft": new == DRAFT,
        "diff": diff,
        "numbers": numbers,
        "old": old,
        "new": new,
    }
    return render(request, "projects/version_diff.html", context)
