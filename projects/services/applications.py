"""Starting an application and saving its identification section."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from partnerships.choices import PartnerRole
from partnerships.models import Organisation, ProjectPartner

from ..models import CollaboratorLevel, Project, ProjectCollaborator, ProjectDescription, ProjectStatusChange, Stage
from ..permissions import edit_refusal, require
from ..rules import call_closed_problem
from ..workflow import Status
from .versioning import update_if_current

IDENTIFICATION_FIELDS = ["acronym", "title", "summary", "language", "specific_objective", "duration_months"]


@transaction.atomic
def application_start(*, call, organisation: Organisation, acronym: str, by) -> Project:
    """A draft for an open call, its creator as manager and their organisation as lead partner."""
    if problem := call_closed_problem(call):
        raise ValidationError(problem)
    # a two-step call starts with its concept note (step 1); staff approval opens the full form (step 2)
    stage = Stage.CONCEPT if call.is_two_step else Stage.FULL
    project = Project(programme_id=call.programme_id, call=call, acronym=acronym.strip(), created_by=by, stage=stage)
    project.full_clean(exclude=["title"])
    project.save()
    ProjectStatusChange.objects.create(project=project, from_status="", to_status=Status.DRAFT, by=by)
    ProjectCollaborator.objects.create(project=project, user=by, level=CollaboratorLevel.MANAGE)
    ProjectDescription.objects.create(project=project)
    ProjectPartner.objects.create(
        project=project,
        organisation=organisation,
        role=PartnerRole.LEAD,
        abbreviation="LP",
        contact_user=by,
        contact_name=by.get_full_name(),
        contact_email=by.email,
        changed_by=by,
    )
    return project


@transaction.atomic
def identification_update(*, project: Project, by, version: int, data: dict) -> int:
    """Save the identification section if nobody saved it since `version`; returns the new version."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    require(edit_refusal(by, project))
    values = {field: data[field] for field in IDENTIFICATION_FIELDS if field in data}
    if "text_translations" in data:  # the texts in the call's other input languages (projects.forms_languages)
        values["text_translations"] = data["text_translations"]
    return update_if_current(
        Project,
        pk=project.pk,
        version_field="identification_version",
        version=version,
        values={**values, "identification_changed_by": by, "updated_at": timezone.now()},
    )
