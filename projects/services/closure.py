"""The end of a project: its closure section (written by the project's managers), closing by programme staff and
reopening by a programme manager — both through the workflow table (project_transition), never the admin.

Closing needs a complete closure section, the final project report submitted and no modification under way; it
publishes the results (Project.has_results) when the section has a public summary. Reopening is a separate step
for programme managers only, with a reason, on the audit trail; it takes the results off the public page.
"""

from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from interact_portal.accounts.models import User
from interact_portal.audit.services import audit_record
from interact_portal.core.uploads import MAGIC
from interact_portal.notifications.messages import Message
from interact_portal.notifications.services import notify
from programmes.staff import StaffAction, staff_require

from ..closure import PICTURE_TYPES, close_problems, closure_refusal, target_rows
from ..models import Project, ProjectClosure
from ..permissions import manage_refusal, require
from ..versions import version_in_force
from ..workflow import Status
from .versioning import update_if_current
from .workflow import locked_for_staff, project_transition

TEXT_LIMIT = 5000
SUMMARY_LIMIT = 2000
REASON_LIMIT = 2000
# published texts never carry an address or a handle (the public page and the open-data exports show them)
PUBLISHED = ("main_achievements", "public_summary", "picture_alt")
TEXTS = ("main_achievements", "durable_outputs", "public_summary", "picture_alt")


class CloseRefused(ValidationError):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(problems)


def picture_problem(upload) -> str | None:
    """Why this file cannot be the closure's picture: a JPEG, PNG or WebP image, checked by its first bytes."""
    suffix = Path(upload.name).suffix.lower()
    if suffix not in PICTURE_TYPES:
        return _("Upload a JPEG, PNG or WebP picture.")
    if upload.size == 0:
        return _("The file is empty.")
    if upload.size > settings.ANNEX_MAX_MB * 1024 * 1024:
        return _("The file is larger than %(n)d MB.") % {"n": settings.ANNEX_MAX_MB}
    upload.seek(0)
    head = upload.read(12)
    upload.seek(0)
    ok = head[:4] == b"RIFF" and head[8:12] == b"WEBP" if suffix == ".webp" else head.startswith(MAGIC[suffix])
    if not ok:
        return _("The file's content is not a %(kind)s picture.") % {
            "kind": PICTURE_TYPES[suffix].split("/")[1].upper()
        }
    return None


def _number(typed: str) -> tuple[str | None, str | None]:
    """(value as a plain string, problem): blank is "not reported"."""
    text = str(typed or "").strip().replace(",", ".")
    if not text:
        return None, None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None, _("Enter a number.")
    if not value.is_finite() or value < 0 or value >= Decimal("1e12") or value != round(value, 2):
        return None, _("Enter a number of at least 0 with at most two decimals.")
    return format(value.normalize(), "f"), None


def _locked_applicant_side(project: Project, by) -> Project:
    project = Project.objects.select_for_update(of=("self",)).select_related("programme", "call").get(pk=project.pk)
    require(manage_refusal(by, project, while_editable=False))
    if project.status == Status.CLOSED:
        raise ValidationError(_("The project is closed: its closure section can no longer be changed."))
    if refusal := closure_refusal(project):
        raise ValidationError(refusal)
    return project


@transaction.atomic
def closure_save(
    *,
    project: Project,
    by,
    version: int,
    main_achievements: str,
    durable_outputs: str,
    public_summary: str,
    picture_alt: str,
    indicators: dict[str, str],
    picture=None,
    remove_picture: bool = False,
) -> ProjectClosure:
    """Save the closure section (the project's managers, while the project is contracted and the section open).
    `version` is the one the form was built from: a stale save is refused (StaleVersion), never applied.
    `indicators` maps an indicator code of the version in force to the value achieved as typed."""
    project = _locked_applicant_side(project, by)
    closure, _created = ProjectClosure.objects.get_or_create(project=project)
    texts = {
        "main_achievements": main_achievements.strip(),
        "durable_outputs": durable_outputs.strip(),
        "public_summary": public_summary.strip(),
        "picture_alt": picture_alt.strip(),
    }
    errors: dict[str, str] = {}
    limits = {"public_summary": SUMMARY_LIMIT, "picture_alt": 250}
    for name, text in texts.items():
        if len(text) > limits.get(name, TEXT_LIMIT):
            errors[name] = _("Keep this under %(n)d characters.") % {"n": limits.get(name, TEXT_LIMIT)}
        elif name in PUBLISHED and "@" in text:
            errors[name] = _("This text is published: leave out email addresses and other ‘@’ handles.")
    if picture is not None and (problem := picture_problem(picture)):
        errors["picture"] = problem
    keeps_picture = bool(closure.picture) and not remove_picture
    if (picture is not None or keeps_picture) and not texts["picture_alt"]:
        errors["picture_alt"] = _("Describe the picture for people who cannot see it.")
    version_in = version_in_force(project)
    achieved = {}
    for row in target_rows(version_in.answers if version_in else None):
        value, problem = _number(indicators.get(row.code, ""))
        if problem:
            errors[row.field] = problem
        elif value is not None:
            achieved[row.code] = value
    if errors:
        raise ValidationError(errors)
    before = {name: getattr(closure, name) for name in TEXTS}
    values = {**texts, "indicator_achievements": achieved, "changed_by": by}
    update_if_current(ProjectClosure, pk=closure.pk, version_field="version", version=version, values=values)
    old_picture = closure.picture.name if closure.picture else ""
    if picture is not None or (remove_picture and old_picture):
        closure.refresh_from_db()
        if picture is not None:
            closure.picture.save(picture.name, picture, save=False)
        else:
            closure.picture = ""
        ProjectClosure.objects.filter(pk=closure.pk).update(picture=closure.picture.name or "")
        if old_picture:
            storage = closure.picture.storage
            transaction.on_commit(lambda: storage.delete(old_picture))
    closure.refresh_from_db()
    changes = {name: (before[name], getattr(closure, name)) for name in TEXTS if before[name] != getattr(closure, name)}
    if picture is not None or remove_picture:
        changes["picture"] = (old_picture, closure.picture.name or "")
    audit_record(action="closure.save", actor=by, target=project, changes=changes)
    return closure


def _tell_collaborators(project: Project, by, title: Message, body: Message | str = "") -> None:
    notify(
        event=f"project.{project.status}",
        actor=by,
        target=project,
        recipients=User.objects.filter(collaborations__project=project),
        title=title,
        body=body,
        url=reverse("projects:closure", args=[project.pk]),
    )


@transaction.atomic
def project_close(*, project: Project, by, note: str = "") -> Project:
    """Staff with the CLOSE right close a contracted project whose closure is complete (idempotent: a closed
    project stays as it is). The results are published when there is a public summary."""
    project = locked_for_staff(project)
    staff_require(by, project.programme, StaffAction.CLOSE)
    if project.status == Status.CLOSED:
        return project
    closure = ProjectClosure.objects.filter(project=project).first()
    if problems := close_problems(project, closure):
        raise CloseRefused(problems)
    has_results = bool(closure.public_summary.strip())
    Project.objects.filter(pk=project.pk).update(has_results=has_results)
    # the transition re-reads the row and refreshes the public index (a closed project stays public)
    project = project_transition(project=project, to=Status.CLOSED, by=by, note=note)
    _tell_collaborators(
        project,
        by,
        Message(gettext_noop("%(acronym)s is closed"), acronym=project.acronym),
        Message(gettext_noop("Its results are now on the public project page.")) if has_results else "",
    )
    return project


@transaction.atomic
def project_reopen(*, project: Project, by, reason: str) -> Project:
    """A programme manager reopens a closed project, saying why: contracted again, results off the public page,
    the step on the audit trail."""
    project = locked_for_staff(project)
    staff_require(by, project.programme, StaffAction.REOPEN)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the project is reopened.")})
    if len(reason) > REASON_LIMIT:
        raise ValidationError({"reason": _("Keep the reason under %(n)d characters.") % {"n": REASON_LIMIT}})
    if project.status != Status.CLOSED:
        raise ValidationError(_("Only a closed project can be reopened."))
    had_results = project.has_results
    Project.objects.filter(pk=project.pk).update(has_results=False)
    project = project_transition(project=project, to=Status.CONTRACTED, by=by, note=reason)
    audit_record(
        action="project.reopen",
        actor=by,
        target=project,
        changes={"status": (Status.CLOSED, Status.CONTRACTED), "has_results": (had_results, False)},
        note=reason,
    )
    _tell_collaborators(project, by, Message(gettext_noop("%(acronym)s is reopened"), acronym=project.acronym), reason)
    return project
