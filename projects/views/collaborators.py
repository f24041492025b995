"""Who works on the application, at which level."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..forms import CollaboratorLevelForm
from ..permissions import manage_refusal, require
from ..services.collaborators import collaborator_remove, collaborator_set_level
from .common import application_or_404, workspace_context


@login_required
def collaborator_list(request, pk: int):
    project = application_or_404(request, pk)
    context = {
        **workspace_context(request, project, "collaborators"),
        "collaborators": project.collaborators.select_related("user").order_by("user__email"),
        "may_manage": manage_refusal(request.user, project, while_editable=False) is None,
        "level_form": CollaboratorLevelForm(),
    }
    return render(request, "projects/collaborators.html", context)


@require_POST
@login_required
def collaborator_change(request, pk: int, collaborator_pk: int):
    project = application_or_404(request, pk)
    collaborator = get_object_or_404(project.collaborators.all(), pk=collaborator_pk)
    require(manage_refusal(request.user, project, while_editable=False))  # the refusal before the form's errors
    form = CollaboratorLevelForm(request.POST)
    try:
        if request.POST.get("action") == "remove":
            collaborator_remove(collaborator=collaborator, by=request.user)
            messages.success(request, _("The collaborator was removed."))
        elif form.is_valid():
            collaborator_set_level(collaborator=collaborator, level=form.cleaned_data["level"], by=request.user)
            messages.success(request, _("The level was changed."))
        else:
            messages.error(request, _("Choose view, edit or manage."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    if not project.collaborators.filter(user=request.user).exists():
        return redirect("projects:list")
    return redirect("projects:collaborators", pk=project.pk)
