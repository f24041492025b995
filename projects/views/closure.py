"""The closure section of a contracted project, for its collaborators: the project's managers write it once the
final reporting period has started (projects.closure), the other collaborators read it; the picture is shown
inline only because it can only be a JPEG, PNG or WebP image, checked by its first bytes when uploaded."""

from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ..closure import PICTURE_TYPES, close_problems, closure_refusal, indicator_rows
from ..forms_closure import ClosureForm
from ..models import ProjectClosure
from ..permissions import manage_refusal
from ..services.closure import closure_save
from ..services.versioning import StaleVersion
from ..workflow import Status
from .common import add_service_error, workspace_context
from .contract import contracted_or_404


def inline_picture(file, *, public: bool = False) -> FileResponse:
    """A closure picture shown in a page: typed by its (checked) extension, never sniffed, never a document."""
    suffix = Path(file.name).suffix.lower()
    if suffix not in PICTURE_TYPES:
        raise Http404
    response = FileResponse(file.open("rb"), content_type=PICTURE_TYPES[suffix])
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "public, max-age=300" if public else "private, no-store"
    return response


def _edit_refusal(request, project) -> str | None:
    if refusal := manage_refusal(request.user, project, while_editable=False):
        return refusal
    if project.status == Status.CLOSED:
        return _("The project is closed: its closure section can no longer be changed.")
    return closure_refusal(project)


@login_required
def closure(request, pk: int):
    project = contracted_or_404(request, pk)
    section = ProjectClosure.objects.filter(project=project).first()
    unavailable = closure_refusal(project)
    refusal = _edit_refusal(request, project)
    if request.method == "POST" and refusal:
        raise PermissionDenied(refusal)
    rows = indicator_rows(project, section) if not unavailable else []
    version = section.version if section else 1
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    initial = {"version": version}
    if section:
        initial |= {name: getattr(section, name) for name in ("main_achievements", "durable_outputs", "public_summary")}
        initial["picture_alt"] = section.picture_alt
    build = {"indicators": rows, "has_picture": bool(section and section.picture), "editable": refusal is None}
    form = ClosureForm(data, files, initial=initial, **build)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            closure_save(
                project=project,
                by=request.user,
                version=data["version"],
                main_achievements=data["main_achievements"],
                durable_outputs=data["durable_outputs"],
                public_summary=data["public_summary"],
                picture_alt=data["picture_alt"],
                indicators=form.indicator_values(),
                picture=data.get("picture") or None,
                remove_picture=bool(data.get("remove_picture")),
            )
        except StaleVersion as error:
            form.add_error(None, error)  # the user's input stays; saving again is a deliberate choice
            form.data = form.data.copy()
            form.data["version"] = str(ProjectClosure.objects.get(project=project).version)
            status = 409
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Closure section saved."))
            return redirect("projects:closure", pk=project.pk)
    if request.method == "POST" and form.errors and status == 200:
        status = 400
    context = {
        **workspace_context(request, project, "closure"),
        "form": form,
        "section": section,
        "unavailable": unavailable,
        "closure_edit_refusal": refusal,
        "close_problems": close_problems(project, section) if project.status == Status.CONTRACTED else [],
        "rows": rows,
    }
    return render(request, "projects/closure.html", context, status=status)


@login_required
def closure_picture(request, pk: int):
    project = contracted_or_404(request, pk)
    section = ProjectClosure.objects.filter(project=project).first()
    if section is None or not section.picture:
        raise Http404
    return inline_picture(section.picture)
