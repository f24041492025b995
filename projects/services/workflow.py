"""Writers of the projects domain. Every status change goes through project_transition."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

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
    was_public = project.status in PUBLIC_STATUSES
    project.status = to
    project.save(update_fields=["status", "updated_at"])
    if was_public or to in PUBLIC_STATUSES:
        search_index_refresh([project.pk])  # the public database shows it from now on, or no longer
    return project
