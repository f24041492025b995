"""Writers of the projects domain. Every status change goes through project_transition."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from interact_portal.accounts.models import User
from interact_portal.audit.services import audit_record
from interact_portal.notifications.messages import Message
from interact_portal.notifications.services import notify

from ..models import Project, ProjectStatusChange
from ..search_index import search_index_refresh
from ..workflow import PUBLIC_STATUSES, Status, can_transition


@transaction.atomic
def project_transition(*, project: Project, to: str, by, note: str = "") -> Project:
    """Move a project along the workflow, recording who did it; refuses transitions not in the table."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    if not can_transition(project.status, to):
        raise ValidationError(
            _("A project cannot go from “%(current)s” to “%(target)s”.")
            % {"current": Status(project.status).label, "target": Status(to).label}
        )
    ProjectStatusChange.objects.create(project=project, from_status=project.status, to_status=to, by=by, note=note)
    audit_record(action="project.status", actor=by, target=project, changes={"status": (project.status, to)}, note=note)
    was_public = project.status in PUBLIC_STATUSES
    project.status = to
    project.save(update_fields=["status", "updated_at"])
    if was_public or to in PUBLIC_STATUSES:
        search_index_refresh([project.pk])  # the public database shows it from now on, or no longer
    return project


def staff_transition(*, project: Project, to: str, by, note: str = "") -> Project:
    """A staff step on an application (eligibility, decision, contract): recorded, and told to its collaborators
    in the portal and by email, with the note that explains it."""
    project = project_transition(project=project, to=to, by=by, note=note)
    notify(
        event=f"application.{to}",
        actor=by,
        target=project,
        recipients=User.objects.filter(collaborations__project=project),
        title=Message(gettext_noop("%(acronym)s: %(status)s"), acronym=project.acronym, status=Status(to).label),
        body=note,
        url=reverse("projects:detail", args=[project.pk]),
    )
    return project


def locked_for_staff(project: Project) -> Project:
    """The application row locked for a staff step, with its programme (for the role check)."""
    return Project.objects.select_for_update(of=("self",)).select_related("programme", "call").get(pk=project.pk)


def require_status(project: Project, *statuses: str, doing: str) -> None:
    if project.status not in statuses:
        raise ValidationError(
            _("This application is “%(status)s”: it is not the time to %(doing)s.")
            % {"status": Status(project.status).label, "doing": doing}
        )
