"""Who works on an application and at which level; an application always keeps at least one manager."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from interact_portal.audit.services import audit_record

from ..models import CollaboratorLevel, Project, ProjectCollaborator
from ..permissions import manage_refusal, require


def _would_leave_no_manager(collaborator: ProjectCollaborator) -> bool:
    others = ProjectCollaborator.objects.filter(project_id=collaborator.project_id, level=CollaboratorLevel.MANAGE)
    return not others.exclude(pk=collaborator.pk).exists()


@transaction.atomic
def collaborator_set_level(*, collaborator: ProjectCollaborator, level: str, by) -> ProjectCollaborator:
    Project.objects.select_for_update().get(pk=collaborator.project_id)  # serialise changes of one team
    collaborator = ProjectCollaborator.objects.select_related("project", "user").get(pk=collaborator.pk)
    require(manage_refusal(by, collaborator.project, while_editable=False))
    if level not in CollaboratorLevel.values:
        raise ValidationError(_("Choose view, edit or manage."))
    if (
        collaborator.level == CollaboratorLevel.MANAGE
        and level != CollaboratorLevel.MANAGE
        and _would_leave_no_manager(collaborator)
    ):
        raise ValidationError(_("An application needs at least one manager: make someone else manager first."))
    audit_record(
        action="collaborator.level",
        actor=by,
        target=collaborator.project,
        changes={f"level of {collaborator.user.email}": (collaborator.level, level)},
    )
    collaborator.level = level
    collaborator.save(update_fields=["level"])
    return collaborator


@transaction.atomic
def collaborator_remove(*, collaborator: ProjectCollaborator, by) -> None:
    Project.objects.select_for_update().get(pk=collaborator.project_id)
    collaborator = ProjectCollaborator.objects.select_related("project", "user").get(pk=collaborator.pk)
    require(manage_refusal(by, collaborator.project, while_editable=False))
    if collaborator.level == CollaboratorLevel.MANAGE and _would_leave_no_manager(collaborator):
        raise ValidationError(_("An application needs at least one manager: make someone else manager first."))
    collaborator.project.partners.filter(contact_user_id=collaborator.user_id).update(contact_user=None)
    audit_record(
        action="collaborator.removed",
        actor=by,
        target=collaborator.project,
        changes={f"level of {collaborator.user.email}": (collaborator.level, None)},
    )
    collaborator.delete()
