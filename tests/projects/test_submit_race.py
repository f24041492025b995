"""Two tabs, or a double click, submitting at the same moment: real threads on real PostgreSQL."""

import pytest

from interact_portal.notifications.models import Notification
from projects.models import Project, Submission
from projects.services.submission import application_submit
from projects.workflow import Status
from tests.conftest import at_once

pytestmark = pytest.mark.django_db(transaction=True)


def test_simultaneous_submits_submit_exactly_once(ready):
    results = at_once(lambda: application_submit(project=ready.project, by=ready.manager)[1], times=4)
    assert sorted(results) == [False, False, False, True]
    assert Project.objects.get(pk=ready.project.pk).status == Status.SUBMITTED
    assert Submission.objects.count() == 1
    assert ready.project.status_history.count() == 1
    assert Notification.objects.filter(recipient=ready.manager, event="application.submitted").count() == 1
