"""The project description section: the description itself with its project specific objectives and target
groups, saved together under the description's version (one transaction: all or nothing)."""

from django.db import transaction
from django.utils import timezone

from ..models import Project, ProjectDescription, ProjectObjective, TargetGroup
from ..permissions import edit_refusal, require
from .rows import rows_sync
from .versioning import update_if_current

DESCRIPTION_FIELDS = [
    "context",
    "overall_objective",
    "sustainable_development",
    "sustainable_development_justification",
    "equal_opportunities",
    "equal_opportunities_justification",
    "gender_equality",
    "gender_equality_justification",
    "durability",
    "transferability",
    "communication",
]
OBJECTIVE_FIELDS = ["title", "description"]
TARGET_GROUP_FIELDS = ["group", "description", "target_value"]


def description_of(project: Project) -> ProjectDescription:
    """The application's description: the one accessor, creating it for a project that has none yet."""
    description, _created = ProjectDescription.objects.get_or_create(project=project)
    return description


@transaction.atomic
def description_update(
    *, project: Project, by, version: int, data: dict, objectives: list[dict], target_groups: list[dict]
) -> int:
    """Save the description and its rows if nobody saved it since `version`; returns the new version.

    `objectives` and `target_groups` are the rows as the form holds them, in order: {"pk": id or None,
    "delete": bool, **fields}. Objectives are numbered 1…n in that order."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    require(edit_refusal(by, project))
    description = description_of(project)
    values = {field: data[field] for field in DESCRIPTION_FIELDS if field in data}
    new_version = update_if_current(
        ProjectDescription,
        pk=description.pk,
        version_field="version",
        version=version,
        values={**values, "changed_by": by, "changed_at": timezone.now()},
    )
    rows_sync(
        ProjectObjective.objects.filter(project=project),
        objectives,
        OBJECTIVE_FIELDS,
        create=lambda number, values: ProjectObjective(project=project, number=number, **values),
    )
    # target groups are unique per project and nothing refers to them: written again as the form holds them, so
    # two rows swapping their groups is no clash
    TargetGroup.objects.filter(project=project).delete()
    TargetGroup.objects.bulk_create(
        TargetGroup(project=project, **{field: row[field] for field in TARGET_GROUP_FIELDS})
        for row in target_groups
        if not row.get("delete")
    )
    Project.objects.filter(pk=project.pk).update(updated_at=timezone.now())
    return new_version
