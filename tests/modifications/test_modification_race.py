"""Two managers ask for a modification at the same moment, on real PostgreSQL with real threads: exactly one is
recorded; the other is refused with the reason (the project's row lock, and a partial unique index behind it)."""

import pytest
from django.core.exceptions import ValidationError

from interact_portal.notifications.models import Notification
from projects.models import CollaboratorLevel, Modification, ModificationStep
from projects.modification_workflow import ModificationStatus
from projects.services.modifications import modification_open, modification_request
from tests.conftest import at_once
from tests.factories import CollaboratorFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_requests_at_once_make_exactly_one_modification(in_force):
    second_manager = UserFactory()
    CollaboratorFactory(project=in_force.project, user=second_manager, level=CollaboratorLevel.MANAGE)
    people = iter([in_force.manager, second_manager])

    def ask(person=None):
        person = next(people)
        try:
            return modification_request(project=in_force.project, by=person, reason=f"Asked by {person.email}").pk
        except ValidationError as error:
            return " ".join(error.messages)

    results = at_once(ask, times=2)
    made = [r for r in results if isinstance(r, int)]
    refused = [r for r in results if isinstance(r, str)]
    assert len(made) == 1 and len(refused) == 1
    assert "already under way" in refused[0]
    assert Modification.objects.filter(project=in_force.project).count() == 1
    assert ModificationStep.objects.filter(modification_id=made[0]).count() == 1
    assert Notification.objects.filter(event="modification.requested", recipient=in_force.staff).count() == 1


def test_two_staff_opening_at_once_open_once(in_force):
    modification = modification_request(project=in_force.project, by=in_force.manager, reason="Move budget.")
    people = iter([in_force.staff, in_force.programme_manager])

    def open_it():
        try:
            return modification_open(modification=modification, by=next(people)).status
        except ValidationError as error:
            return " ".join(error.messages)

    results = at_once(open_it, times=2)
    assert sorted(results, key=len)[0] == ModificationStatus.OPEN
    assert "cannot go from" in sorted(results, key=len)[1]
    assert ModificationStep.objects.filter(modification=modification, to_status=ModificationStatus.OPEN).count() == 1
