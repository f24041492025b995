"""An application's status history as its applicants read it: a collaborator by name, programme staff as the
programme and their role ("Interreg Central Europe · programme officer"), never a staff member's address."""

from django.db.models import Exists, OuterRef, Subquery
from django.utils.translation import gettext as _

from programmes.choices import StaffRole
from programmes.models import ProgrammeStaff

from .models import Project, ProjectCollaborator


def history_for_applicants(project: Project) -> list:
    """The changes, oldest first, each with `who`: what the applicants are told about the person (one query)."""
    role = ProgrammeStaff.objects.filter(programme=project.programme_id, user=OuterRef("by")).values("role")[:1]
    collaborator = ProjectCollaborator.objects.filter(project=project, user=OuterRef("by"))
    changes = list(
        project.status_history.select_related("by").annotate(
            by_role=Subquery(role), by_collaborator=Exists(collaborator)
        )
    )
    for change in changes:
        change.who = _who(change, project.programme.name)
    return changes


def _who(change, programme: str) -> str:
    if change.by is None:
        return ""
    if change.by_collaborator:
        return str(change.by)
    if change.by_role is None and not change.by.is_superuser:
        return programme
    label = StaffRole(change.by_role or StaffRole.MANAGER).label.lower()  # a superuser acts as a manager
    return _("%(programme)s · %(role)s") % {"programme": programme, "role": label}
