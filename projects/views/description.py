"""The project description section: one page, saved as a whole (description, objectives, target groups)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ..forms_description import HORIZONTAL, DescriptionForm, description_formsets, formsets_valid
from ..permissions import edit_refusal, require
from ..services.description import description_of, description_update
from .common import application_or_404, section_save, workspace_context


@login_required
def application_description(request, pk: int):
    project = application_or_404(request, pk)
    description = description_of(project)
    data = request.POST if request.method == "POST" else None
    form = DescriptionForm(data, instance=description, project=project)
    objectives, groups = description_formsets(project, data)
    conflict = None
    if request.method == "POST":
        require(edit_refusal(request.user, project))
        if formsets_valid(objectives, groups):

            def save(version, data):
                description_update(
                    project=project,
                    by=request.user,
                    version=version,
                    data=data,
                    objectives=objectives.rows(),
                    target_groups=groups.rows(),
                )

            form, conflict, saved = section_save(request, form, save)
            if saved:
                messages.success(request, _("Project description saved."))
                return redirect("projects:description", pk=project.pk)
        else:
            form.is_valid()  # its own errors too, all at once
    context = {
        **workspace_context(request, project, "description"),
        "form": form,
        "objectives": objectives,
        "groups": groups,
        "horizontal": [(form[key], form[f"{key}_justification"]) for key, _label in HORIZONTAL],
        "conflict": conflict,
        "description": description,
    }
    invalid = request.method == "POST" and (form.errors or not objectives.is_valid() or not groups.is_valid())
    status = 409 if conflict else 400 if invalid else 200
    return render(request, "projects/description.html", context, status=status)
