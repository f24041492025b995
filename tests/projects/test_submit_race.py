"""Two tabs, or a double click, submitting at the same moment: real threads on real PostgreSQL."""

import threading

import pytest
from django.db import close_old_connections

from interact_portal.notifications.models import Notification
from projects.models import Project, Submission
from projects.services.submission import application_submit
from projects.workflow import Status

pytestmark = pytest.mark.django_db(transaction=True)


def test_simultaneous_submits_submit_exactly_once(ready):
    barrier = threading.Barrier(4)
    results, errors = [], []

    def submit():
        try:
            barrier.wait()
            results.append(application_submit(project=ready.project, by=ready.manager)[1])
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    assert sorted(results) == [False, False, False, True]
    assert Project.objects.get(pk=ready.project.pk).status == Status.SUBMITTED
    assert Submission.objects.count() == 1
    assert ready.project.status_history.count() == 1
    assert Notification.objects.filter(recipient=ready.manager, event="application.submitted").count() == 1
