"""Who sees a contracted project's versions, modifications, reallocations, closure section and timeline: one
policy for all of them (views, admin and reports call these).

The project's collaborators (any level) and the programme's staff who see its applications (projects.permissions:
managers, officers, assessors, finance officers; not controllers) see them; anyone else gets a 404. Who may *act*
is decided by the services: the project's managers ask, submit and withdraw (projects.permissions.manage_refusal),
staff with the MODIFY, CLOSE or REOPEN action decide (programmes.staff).
"""

from django.db.models import Q

from .models import ApplicationVersion, BudgetReallocation, Modification, Project, ProjectCollaborator
from .permissions import staff_visible_filter


def project_records_filter(user, prefix: str = "") -> Q:
    """The rule as a filter on a lookup to the project (`prefix`, e.g. "project__")."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    mine = ProjectCollaborator.objects.filter(user=user).values("project")
    lookup = f"{prefix.removesuffix('__')}__in" if prefix else "pk__in"
    return Q(**{lookup: mine}) | staff_visible_filter(user, prefix)


def projects_with_records_for(user):
    """The projects whose versions, modifications and timeline the user may see."""
    return Project.objects.filter(project_records_filter(user))


def versions_for(user):
    return ApplicationVersion.objects.filter(project__in=projects_with_records_for(user).values("pk"))


def modifications_for(user):
    return Modification.objects.filter(project__in=projects_with_records_for(user).values("pk"))


def reallocations_for(user):
    return BudgetReallocation.objects.filter(project__in=projects_with_records_for(user).values("pk"))
