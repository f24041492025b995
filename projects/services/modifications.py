"""Modifications of a contracted project: the one writer of their status (`modification_step`) and the services
of each step. Every step locks the project, checks the table (projects/modification_workflow.py), records a
ModificationStep and an audit entry and tells both sides — the project's collaborators and the programme's staff.

While a modification is open the live tables are the draft of the next version (`Project.modification_open`:
the application form is editable, projects.workflow.is_editable); reporting goes on against the version in force
(projects.versions). Approving captures the draft as the next version; rejecting or withdrawing puts the live
tables back from the version in force, which nobody ever changed.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from interact_portal.accounts.models import User
from interact_portal.audit.services import audit_record
from interact_portal.notifications.messages import Message
from interact_portal.notifications.services import notify
from programmes.choices import StaffRole
from programmes.staff import StaffAction, staff_require

from ..models import Modification, ModificationStep, Project, VersionOrigin
from ..modification_workflow import ACTIVE, ModificationStatus, can_step
from ..permissions import manage_refusal, require
from ..rules import Problem, submission_problems
from ..search_index import search_index_refresh
from ..versions import version_capture, version_in_force, version_restore
from ..workflow import Status

REASON_LIMIT = 5000
NOTE_LIMIT = 5000


class ModificationIncomplete(ValidationError):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__([problem.message for problem in problems])


def _locked(modification: Modification) -> tuple[Project, Modification]:
    project = Project.objects.select_for_update(of=("self",)).select_related("programme", "call")
    project = project.get(pk=modification.project_id)
    return project, Modification.objects.select_for_update().get(pk=modification.pk)


def _require_step(modification: Modification, to: str) -> None:
    if not can_step(modification.status, to):
        raise ValidationError(
            _("A modification cannot go from “%(current)s” to “%(target)s”.")
            % {"current": ModificationStatus(modification.status).label, "target": ModificationStatus(to).label}
        )


def modification_step(*, modification: Modification, project: Project, to: str, by, note: str = "") -> Modification:
    """The one writer of a modification's status (the caller holds the project's lock): the table, the history,
    the audit, the project's editable flag, and both sides told."""
    _require_step(modification, to)
    ModificationStep.objects.create(
        modification=modification, from_status=modification.status, to_status=to, by=by, note=note
    )
    audit_record(
        action="modification.status",
        actor=by,
        target=project,
        changes={"modification": (None, modification.number), "status": (modification.status, to)},
        note=note,
    )
    modification.status = to
    modification.save()
    editable = to == ModificationStatus.OPEN
    if project.modification_open != editable:
        Project.objects.filter(pk=project.pk).update(modification_open=editable)
        project.modification_open = editable
    _tell_both_sides(project, modification, by, note)
    return modification


def _tell_both_sides(project: Project, modification: Modification, by, note: str) -> None:
    collaborators = User.objects.filter(collaborations__project=project)
    staff = User.objects.filter(
        programme_roles__programme_id=project.programme_id,
        programme_roles__role__in=[StaffRole.MANAGER, StaffRole.OFFICER],
    )
    title = Message(
        gettext_noop("%(acronym)s, modification %(n)d: %(status)s"),
        acronym=project.acronym,
        n=modification.number,
        status=ModificationStatus(modification.status).label,
    )
    url = reverse("projects:modification", args=[project.pk, modification.pk])
    event = f"modification.{modification.status}"
    notify(event=event, actor=by, target=project, recipients=collaborators, title=title, body=note, url=url)
    notify(
        event=event,
        actor=by,
        target=project,
        recipients=staff.exclude(collaborations__project=project),
        title=title,
        body=note,
        url=reverse("staff:modification", args=[project.programme.slug, project.pk, modification.pk]),
    )


def modification_refusal(project: Project, *, active: bool | None = None) -> str | None:
    """Why no modification can be asked for now, or None. `active`: whether one is under way, if already known."""
    if project.status != Status.CONTRACTED:
        return _("Only a contracted project can be modified; this one is “%(status)s”.") % {
            "status": Status(project.status).label
        }
    if active is None:
        active = Modification.objects.filter(project=project, status__in=ACTIVE).exists()
    if active:
        return _("A modification of this project is already under way: finish it first.")
    return None


@transaction.atomic
def modification_request(*, project: Project, by, reason: str) -> Modification:
    """The project's managers ask to open a modification, saying why."""
    project = Project.objects.select_for_update(of=("self",)).select_related("programme").get(pk=project.pk)
    require(manage_refusal(by, project, while_editable=False))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say what you want to change and why.")})
    if len(reason) > REASON_LIMIT:
        raise ValidationError({"reason": _("Keep the reason under %(n)d characters.") % {"n": REASON_LIMIT}})
    if refusal := modification_refusal(project):
        raise ValidationError(refusal)
    latest = Modification.objects.filter(project=project).order_by("-number").values_list("number", flat=True).first()
    modification = Modification.objects.create(
        project=project, number=(latest or 0) + 1, reason=reason, requested_by=by, status=ModificationStatus.REQUESTED
    )
    ModificationStep.objects.create(
        modification=modification, to_status=ModificationStatus.REQUESTED, by=by, note=reason
    )
    audit_record(action="modification.requested", actor=by, target=project, note=reason)
    _tell_both_sides(project, modification, by, reason)
    return modification


def _checked_note(note: str, *, required) -> str:
    """A staff note, stripped: `required` is the message when it may not be empty (False: optional)."""
    note = (note or "").strip()
    if required and not note:
        raise ValidationError({"note": required})
    if len(note) > NOTE_LIMIT:
        raise ValidationError({"note": _("Keep the note under %(n)d characters.") % {"n": NOTE_LIMIT}})
    return note


def _require_contracted(project: Project) -> None:
    if project.status != Status.CONTRACTED:
        raise ValidationError(
            _("Only a contracted project can be modified; this one is “%(status)s”.")
            % {"status": Status(project.status).label}
        )


@transaction.atomic
def modification_open(*, modification: Modification, by, note: str = "") -> Modification:
    """Staff open a requested modification: the application form becomes the draft of the next version."""
    project, locked = _locked(modification)
    staff_require(by, project.programme, StaffAction.MODIFY)
    if locked.status != ModificationStatus.REQUESTED:  # a submitted one goes back through modification_return
        _require_step(locked, ModificationStatus.OPEN)
        raise ValidationError(_("Only a requested modification can be opened; send a submitted one back instead."))
    _require_contracted(project)
    base = version_in_force(project)
    if base is None:
        raise ValidationError(_("This project has no contracted version to modify."))
    locked.base_version = base
    note = _checked_note(note, required=False)
    return modification_step(modification=locked, project=project, to=ModificationStatus.OPEN, by=by, note=note)


@transaction.atomic
def modification_decline(*, modification: Modification, by, note: str) -> Modification:
    """Staff refuse to open a requested modification, saying why."""
    project, locked = _locked(modification)
    staff_require(by, project.programme, StaffAction.MODIFY)
    _require_step(locked, ModificationStatus.DECLINED)
    note = _checked_note(note, required=_("Say why the modification is not opened."))
    return modification_step(modification=locked, project=project, to=ModificationStatus.DECLINED, by=by, note=note)


@transaction.atomic
def modification_return(*, modification: Modification, by, note: str) -> Modification:
    """Staff send a submitted modification back to the applicants for changes."""
    project, locked = _locked(modification)
    staff_require(by, project.programme, StaffAction.MODIFY)
    if locked.status != ModificationStatus.SUBMITTED:  # a requested one is opened through modification_open
        _require_step(locked, ModificationStatus.OPEN)
        raise ValidationError(_("Only a submitted modification can be sent back for changes."))
    note = _checked_note(note, required=_("Say what should change before the modification is resubmitted."))
    return modification_step(modification=locked, project=project, to=ModificationStatus.OPEN, by=by, note=note)


def modification_problems(project: Project) -> list[Problem]:
    """The application's checklist, as at submission, less the call's deadline (long past for a contract)."""
    return [problem for problem in submission_problems(project) if problem.section != "call"]


@transaction.atomic
def modification_submit(*, modification: Modification, by) -> tuple[Modification, bool]:
    """The project's managers submit the draft: the same checklist as the application; a second click changes
    nothing. Returns the modification and whether this call submitted it."""
    project, locked = _locked(modification)
    require(manage_refusal(by, project, while_editable=False))
    if locked.status == ModificationStatus.SUBMITTED:
        return locked, False
    _require_step(locked, ModificationStatus.SUBMITTED)
    problems = modification_problems(project)
    if problems:
        raise ModificationIncomplete(problems)
    from ..answers import application_answers
    from ..snapshot import _jsonable

    locked.submitted_at = timezone.now()
    locked.snapshot = _jsonable(application_answers(project))
    return modification_step(modification=locked, project=project, to=ModificationStatus.SUBMITTED, by=by), True


@transaction.atomic
def modification_withdraw(*, modification: Modification, by, note: str = "") -> Modification:
    """The project's managers give up an open modification: the application goes back to the version in force."""
    project, locked = _locked(modification)
    require(manage_refusal(by, project, while_editable=False))
    _require_step(locked, ModificationStatus.WITHDRAWN)
    note = _checked_note(note, required=False)
    locked = modification_step(modification=locked, project=project, to=ModificationStatus.WITHDRAWN, by=by, note=note)
    _restore(project)
    return locked


def _decision_errors(
    modification: Modification, decision_date: date | None, entry_into_force: date | None = None, *, approving: bool
) -> dict:
    errors = {}
    requested = timezone.localdate(modification.requested_at)
    if decision_date is None:
        errors["decision_date"] = _("Enter the date of the decision.")
    elif decision_date > timezone.localdate():
        errors["decision_date"] = _("The decision date cannot be in the future.")
    elif decision_date < requested:
        errors["decision_date"] = _("The decision cannot come before the request (%(day)s).") % {
            "day": date_format(requested, "j F Y")
        }
    if approving:
        if entry_into_force is None:
            errors["entry_into_force"] = _("Enter the date the modification comes into force.")
        elif decision_date and entry_into_force < decision_date:
            errors["entry_into_force"] = _("The modification cannot come into force before it was decided.")
    return errors


@transaction.atomic
def modification_approve(
    *, modification: Modification, by, decision_date: date | None, entry_into_force: date | None, note: str = ""
) -> Modification:
    """Staff approve a submitted modification: the draft becomes the next version, in force from its date."""
    project, locked = _locked(modification)
    staff_require(by, project.programme, StaffAction.MODIFY)
    _require_step(locked, ModificationStatus.APPROVED)
    _require_contracted(project)
    errors = _decision_errors(locked, decision_date, entry_into_force, approving=True)
    current = version_in_force(project)
    if "entry_into_force" not in errors and current is not None and entry_into_force < current.in_force_from:
        errors["entry_into_force"] = _(
            "Version %(n)d is in force from %(day)s: the modification cannot come into force before it."
        ) % {"n": current.number, "day": date_format(current.in_force_from, "j F Y")}
    try:
        note = _checked_note(note, required=False)
    except ValidationError as error:
        errors |= {"note": error.error_dict["note"][0].message}
    if errors:
        raise ValidationError(errors)
    locked.decided_by, locked.decision_date, locked.entry_into_force = by, decision_date, entry_into_force
    locked.decision_note = note
    locked.new_version = version_capture(
        project=project, by=by, origin=VersionOrigin.MODIFICATION, in_force_from=entry_into_force
    )
    search_index_refresh([project.pk])  # the public database shows the modified project
    return modification_step(
        modification=locked, project=project, to=ModificationStatus.APPROVED, by=by, note=locked.decision_note
    )


@transaction.atomic
def modification_reject(*, modification: Modification, by, decision_date: date | None, note: str) -> Modification:
    """Staff reject a submitted modification: the version in force stays; the live tables go back to it."""
    project, locked = _locked(modification)
    staff_require(by, project.programme, StaffAction.MODIFY)
    _require_step(locked, ModificationStatus.REJECTED)
    errors = _decision_errors(locked, decision_date, approving=False)
    try:
        note = _checked_note(note, required=_("Say why the modification is rejected."))
    except ValidationError as error:
        errors |= {"note": error.error_dict["note"][0].message}
    if errors:
        raise ValidationError(errors)
    locked.decided_by, locked.decision_date, locked.decision_note = by, decision_date, note
    locked = modification_step(
        modification=locked, project=project, to=ModificationStatus.REJECTED, by=by, note=locked.decision_note
    )
    _restore(project)
    return locked


def _restore(project: Project) -> None:
    version = version_in_force(project)
    if version is None:  # cannot happen: a modification is opened on a version
        raise PermissionDenied(_("This project has no version to go back to."))
    version_restore(project=project, version=version)
    search_index_refresh([project.pk])  # the draft's budget and partners were indexed as they were saved
