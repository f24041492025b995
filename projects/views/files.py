"""Annexes and submission PDFs: uploaded through the services, downloaded only through these permission checks."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from interact_portal.core.uploads import attachment

from ..forms import AnnexForm
from ..models import Submission
from ..permissions import visible_projects
from ..services.annexes import annex_add, annex_delete
from .common import add_service_error, application_or_404, perform, workspace_context


@login_required
def annex_list(request, pk: int):
    project = application_or_404(request, pk)
    form = AnnexForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            annex_add(
                project=project, title=form.cleaned_data["title"], upload=form.cleaned_data["file"], by=request.user
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Annex uploaded."))
            return redirect("projects:annexes", pk=project.pk)
    context = {
        **workspace_context(request, project, "annexes"),
        "annexes": project.annexes.select_related("uploaded_by"),
        "form": form,
    }
    return render(request, "projects/annexes.html", context, status=400 if form.errors else 200)


@login_required
def annex_download(request, pk: int, annex_pk: int):
    project = application_or_404(request, pk)
    annex = get_object_or_404(project.annexes.all(), pk=annex_pk)
    return attachment(annex.file, annex.original_name)


@require_POST
@login_required
def annex_remove(request, pk: int, annex_pk: int):
    project = application_or_404(request, pk)
    annex = get_object_or_404(project.annexes.all(), pk=annex_pk)
    perform(request, lambda: annex_delete(annex=annex, by=request.user), _("Annex deleted."))
    return redirect("projects:annexes", pk=project.pk)


@login_required
def submission_pdf(request, pk: int, submission_pk: int):
    """The PDF of a submission, for the application's collaborators and its programme's staff."""
    visible = Submission.objects.filter(project__in=visible_projects(request.user))
    submission = visible.filter(project_id=pk, pk=submission_pk).select_related("project").first()
    if submission is None:
        raise Http404
    if not submission.pdf:
        return render(request, "projects/pdf_pending.html", {"submission": submission}, status=202)
    name = f"{submission.project.acronym}-submission-{submission.number}.pdf"
    return attachment(submission.pdf, name)
