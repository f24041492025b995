import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from projects.models import Project
from projects.services import project_transition
from projects.workflow import ALLOWED_TRANSITIONS, Status
from tests.factories import ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("current", "target"), [(c, t) for c, targets in ALLOWED_TRANSITIONS.items() for t in sorted(targets)]
)
def test_every_allowed_transition_is_recorded(current, target):
    project, staff = ProjectFactory(status=current), UserFactory(is_staff=True)
    project_transition(project=project, to=target, by=staff, note="ok")
    project.refresh_from_db()
    change = project.status_history.get()
    assert (project.status, change.from_status, change.to_status, change.by) == (target, current, target, staff)


@pytest.mark.parametrize(
    ("current", "target"), [(c, t) for c in Status.values for t in Status.values if t not in ALLOWED_TRANSITIONS[c]]
)
def test_every_other_transition_is_refused_and_changes_nothing(current, target):
    project = ProjectFactory(status=current)
    with pytest.raises(ValidationError):
        project_transition(project=project, to=target, by=None)
    project.refresh_from_db()
    assert project.status == current and not project.status_history.exists()


def test_unknown_status_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        ProjectFactory(status="maybe")


def test_public_queryset_never_shows_drafts_or_rejections():
    visible = {ProjectFactory(status=s).status for s in Status.values} & set(
        Project.objects.public().values_list("status", flat=True)
    )
    assert visible == {Status.APPROVED, Status.CONTRACTED, Status.CLOSED}


def test_visible_projects_are_public_ones_and_collaborations():
    from projects.permissions import visible_projects
    from tests.factories import CollaboratorFactory

    mine = CollaboratorFactory(project__status=Status.DRAFT)
    ProjectFactory(status=Status.DRAFT)  # someone else's draft
    public = ProjectFactory(status=Status.APPROVED)
    assert set(visible_projects(mine.user)) == {mine.project, public}
