"""Ideas end by themselves: expired after their end date, their owner reminded once a few days before, however many
runs overlap (threads on real PostgreSQL, and a real Celery worker given the beat task twice)."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from interact_portal.notifications.models import Notification
from partnerships.idea_expiry import REMIND_DAYS, idea_reminders_send, ideas_expire, ideas_expiry_run
from partnerships.idea_models import IdeaStatus, ProjectIdea
from partnerships.idea_services import idea_close
from tests.conftest import at_once


def _ending_in(idea, days: int) -> None:
    ProjectIdea.objects.filter(pk=idea.pk).update(expires_on=timezone.localdate() + timedelta(days=days))


def test_the_task_is_in_the_beat_schedule():
    entry = settings.CELERY_BEAT_SCHEDULE["project-ideas-expiry"]
    assert entry["task"] == ideas_expiry_run.name and entry["schedule"] <= 86400


@pytest.mark.django_db
def test_an_idea_past_its_end_date_expires_and_leaves_the_search(client, ideas_world, idea):
    _ending_in(idea, 0)
    assert ideas_expire() == 0  # its last day: still open
    _ending_in(idea, -1)
    assert ideas_expire() == 1 and ideas_expire() == 0
    assert ProjectIdea.objects.get(pk=idea.pk).status == IdeaStatus.EXPIRED


@pytest.mark.django_db
def test_a_closed_idea_does_not_expire_nor_get_reminded(ideas_world, idea):
    idea_close(idea=idea, by=ideas_world.owner)
    _ending_in(idea, -1)
    assert ideas_expire() == 0 and idea_reminders_send() == 0
    assert ProjectIdea.objects.get(pk=idea.pk).status == IdeaStatus.CLOSED


@pytest.mark.django_db
def test_the_owner_is_reminded_once_a_few_days_before(ideas_world, idea):
    _ending_in(idea, REMIND_DAYS + 1)
    assert idea_reminders_send() == 0  # not yet
    _ending_in(idea, REMIND_DAYS)
    assert idea_reminders_send() == 1
    assert idea_reminders_send() == 0  # a second run sends nothing
    _ending_in(idea, 1)
    assert idea_reminders_send() == 0  # nor a later one
    notes = Notification.objects.filter(recipient=ideas_world.owner, event="idea.ending")
    assert notes.count() == 1 and idea.title in notes.get().title
    assert ProjectIdea.objects.get(pk=idea.pk).reminded_at is not None


@pytest.mark.django_db(transaction=True)
def test_overlapping_runs_remind_once(ideas_world, idea):
    _ending_in(idea, 2)
    assert sorted(at_once(idea_reminders_send, times=4)) == [0, 0, 0, 1]
    assert Notification.objects.filter(event="idea.ending").count() == 1


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_beat_task_delivered_twice_by_a_real_worker_expires_and_reminds_once(celery_worker, ideas_world, idea):
    from partnerships.idea_services import idea_create

    from .conftest import idea_data

    ending = idea_create(owner=ideas_world.owner, data=idea_data(ideas_world.programme, title="Ending soon"))
    _ending_in(ending, 1)
    _ending_in(idea, -2)
    first, second = (ideas_expiry_run.apply_async(ignore_result=False) for _ in range(2))
    results = [first.get(timeout=30), second.get(timeout=30)]
    assert sum(r["expired"] for r in results) == 1 and sum(r["reminded"] for r in results) == 1
    assert ProjectIdea.objects.get(pk=idea.pk).status == IdeaStatus.EXPIRED
    assert Notification.objects.filter(event="idea.ending", target_id=str(ending.pk)).count() == 1
