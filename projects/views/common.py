"""What every page of the application workspace shares: finding the application, the section navigation,
turning service refusals into form errors, and showing an edit conflict side by side."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programmes.application_form import SECTION_KEYS

from ..permissions import applications_for, edit_refusal, manage_refusal
from ..reporting_access import REPORTING_STATUSES
from ..rules import stage_sections, submission_problems
from ..services.modifications import modification_problems
from ..services.versioning import StaleVersion
from ..workflow import EDITABLE_STATUSES

SECTIONS = [
    ("overview", _("Overview"), "projects:detail", None),
    ("identification", _("Identification"), "projects:identification", ("identification",)),
    ("description", _("Project description"), "projects:description", ("description",)),
    ("partners", _("Partnership"), "projects:partners", ("partnership", "partner-")),
    ("workplan", _("Work plan"), "projects:workplan", ("workplan",)),
    ("results", _("Outputs and results"), "projects:results", ("results",)),
    ("budget", _("Budget"), "projects:budget", ("budget",)),
    ("annexes", _("Annexes"), "projects:annexes", None),
    ("collaborators", _("Collaborators"), "projects:collaborators", None),
    ("check", _("Check and submit"), "projects:check", ()),
]


def application_or_404(request, pk: int):
    """The application if the user collaborates on it; anyone else gets a 404, as if it did not exist."""
    return get_object_or_404(applications_for(request.user).select_related("call", "programme"), pk=pk)


def workspace_context(request, project, current: str) -> dict:
    # while a modification is open (issue 19) the form is the draft of the next version: the modification's checklist
    problems = modification_problems(project) if project.modification_open else submission_problems(project)
    asked = stage_sections(project)  # a concept note (step 1): only its sections
    sections = []
    for key, label, url_name, prefixes in SECTIONS:
        if asked is not None and key in SECTION_KEYS and key not in asked:
            continue
        if prefixes is None:
            state = None
        elif key == "check":
            state = "complete" if not problems else "incomplete"
        else:
            state = "incomplete" if any(p.section.startswith(prefixes) for p in problems) else "complete"
        sections.append({"key": key, "label": label, "url": reverse(url_name, args=[project.pk]), "state": state})
    if project.status in REPORTING_STATUSES:  # after the contract: its page (projects/views/contract.py)
        url = reverse("projects:contract", args=[project.pk])
        sections.append({"key": "contract", "label": _("Contract and schedule"), "url": url, "state": None})
        url = reverse("projects:modifications", args=[project.pk])  # issue 19: projects/views/modifications.py
        sections.append({"key": "modifications", "label": _("Modifications"), "url": url, "state": None})
        url = reverse("projects:closure", args=[project.pk])  # the end of the project (projects/views/closure.py)
        sections.append({"key": "closure", "label": _("Closure"), "url": url, "state": None})
    return {
        "project": project,
        "call": project.call,
        # a deadline to count down only while the applicants can still submit
        "deadline_call": project.call if project.status in EDITABLE_STATUSES else None,
        **deadline_context(project),
        "problems": problems,
        "sections": sections,
        "current": current,
        # what this section still needs (partners: the partnership's own rules), shown calmly on its page
        "section_problems": [p for p in problems if p.section == {"partners": "partnership"}.get(current, current)],
        "edit_refusal": edit_refusal(request.user, project),
        "manage_refusal": manage_refusal(request.user, project),
        "open_modification": _open_modification(project),
    }


def _open_modification(project):
    """The modification whose draft the form is now (the workspace's banner), or None (no query when none is)."""
    if not project.modification_open:
        return None
    from ..models import Modification
    from ..modification_workflow import ModificationStatus

    opened = Modification.objects.filter(project=project, status=ModificationStatus.OPEN)
    return opened.select_related("base_version").first()


def deadline_context(project) -> dict:
    """The application's own deadline for the deadline partial (a two-step call's full form: step 2's), and whether
    it is upcoming, open or closed."""
    call = project.call
    if call is None:
        return {"deadline": None, "deadline_state": None}
    deadline, now = call.deadline_for(project.stage), timezone.now()
    state = "upcoming" if now < call.opens_at else "open" if now < deadline else "closed"
    return {"deadline": deadline, "deadline_state": state}


def add_service_error(form, error: ValidationError) -> None:
    """Show a service's refusal on the form: next to the field when it names one, above the form otherwise."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def section_save(request, form, save) -> tuple[object, dict | None, bool]:
    """Validate and save a versioned section: returns (form, conflict, saved).

    On a stale version nothing is saved: the form is rebuilt from the user's input on top of what someone else
    saved meanwhile (so saving again is a deliberate choice), and the conflict lists the differing fields.
    """
    if not form.is_valid():
        return form, None, False
    try:
        save(version=form.cleaned_data["version"], data=form.cleaned_data)
    except StaleVersion as error:
        saved = type(form.instance).objects.get(pk=form.instance.pk)
        conflict = {"rows": _conflict_rows(form, saved), "by": getattr(saved, form.changed_by_field)}
        form = type(form)(_with_version(request.POST, getattr(saved, form.version_field)), instance=saved)
        form.is_valid()
        form.add_error(None, error)
        return form, conflict, False
    return form, None, True


def section_status(request, form, conflict) -> int:
    if conflict:
        return 409
    return 400 if request.method == "POST" and form.errors else 200


def _conflict_rows(form, saved) -> list[dict]:
    """The fields where the user's input differs from what someone else saved meanwhile."""
    rows = []
    for name in form.Meta.fields:
        field = form.fields[name]
        yours = form.cleaned_data.get(name)
        theirs = getattr(saved, name)
        if yours != theirs:
            rows.append({"label": field.label, "theirs": theirs if theirs not in (None, "") else "—", "yours": yours})
    return rows


def _with_version(data, version: int):
    """The user's own input, re-bound to the version now saved, so they can choose to save it over the other."""
    data = data.copy()
    data["version"] = str(version)
    return data


def perform(request, action, done: str) -> bool:
    """Run a POSTed action; its success or its refusal becomes the message shown on the next page."""
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    messages.success(request, done)
    return True
