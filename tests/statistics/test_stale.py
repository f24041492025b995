"""Stale while revalidate: once figures were counted, a visitor never waits for a count. When the search index moved
since, the page shows the figures counted before, saying when, and one recount is queued however many visitors come;
the real Celery worker counts them again and the next visitor sees the new figures without the note."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from interact_portal.celery import app
from projects.search_cache import generation, generation_bump
from projects.search_index import search_index_refresh
from projects.statistics import (
    latest_key,
    recount_lock_key,
    statistics_count,
    statistics_recount,
    statistics_recount_if_moved,
    statistics_recount_soon,
)
from projects.workflow import Status
from tests.conftest import at_once, wait_for
from tests.factories import OrganisationFactory

from .conftest import project
from .test_pages import ALL, RECOUNT, figure, page

pytestmark = pytest.mark.django_db
NOTE = "being updated"


def counted_at(moment: datetime, programme_id=None) -> None:
    """Pretend the latest figures were counted at that moment."""
    cache.set(latest_key(programme_id), replace(cache.get(latest_key(programme_id)), at=moment), None)


def test_a_stale_page_is_shown_at_once_with_the_time_of_its_figures(client, world, queued, django_assert_num_queries):
    assert NOTE not in page(client, ALL)  # counted inline: no figures were ever counted
    counted_at(datetime(2026, 12, 1, 5, 30, tzinfo=UTC))
    late = project(world.danube, [(world.vienna, "1000", "80")], status=Status.CONTRACTED)
    search_index_refresh([late.pk])
    with django_assert_num_queries(0):  # no count: the figures counted before
        html = page(client, ALL)
    assert figure(html, "Projects") == "6"
    # in the portal's time zone (Brussels), labelled
    assert "Figures as of 1 December 2026, 06:30 CET; being updated." in html
    assert queued == [(RECOUNT, (None,))]
    danube = reverse("database:programme_statistics", args=["danube"])
    assert NOTE not in page(client, danube)  # its first visit: counted inline, the new project in
    assert figure(page(client, danube), "Projects") == "4"


def test_many_visitors_of_a_stale_page_queue_one_recount(client, world, queued):
    page(client, ALL)
    generation_bump()
    for _ in range(20):
        assert NOTE in page(client, ALL)
    assert queued == [(RECOUNT, (None,))]
    assert sum(at_once(lambda: statistics_recount_soon(None), times=6)) == 0  # the lock is still held
    assert statistics_recount(None) is True  # the worker counts, and releases the lock
    assert NOTE not in page(client, ALL) and len(queued) == 1
    generation_bump()  # the index moves again: the next visitor queues the next recount
    page(client, ALL)
    page(client, ALL)
    assert queued == [(RECOUNT, (None,))] * 2


def test_visitors_at_the_same_moment_queue_one_recount(world, queued):
    statistics_count(None)
    generation_bump()
    assert sorted(at_once(lambda: statistics_recount_soon(None), times=8)) == [False] * 7 + [True]
    assert queued == [(RECOUNT, (None,))]


def test_a_recount_the_broker_did_not_take_is_queued_by_the_next_visitor(client, world, monkeypatch):
    page(client, ALL)
    generation_bump()
    tried = []
    monkeypatch.setattr("projects.statistics.enqueue", lambda task, *args: tried.append(args) and False)
    html = page(client, ALL)
    assert NOTE in html and figure(html, "Projects") == "6"  # the page still answers, with the note
    assert cache.get(recount_lock_key()) is None  # no lock left behind for a task that was never queued
    page(client, ALL)
    assert tried == [(None,), (None,)]


def test_figures_older_than_an_hour_are_recounted_quietly(client, world, queued):
    page(client, ALL)
    counted_at(timezone.now() - timedelta(hours=2))  # the index has not moved: the figures are right
    assert NOTE not in page(client, ALL)
    assert queued == [(RECOUNT, (None,))]  # but names (organisations renamed in the admin) may have changed


def test_the_recount_skips_figures_already_current(world, django_assert_num_queries):
    statistics_count(None)
    cache.add(recount_lock_key(), 1, 60)
    with django_assert_num_queries(0):
        assert statistics_recount(None) is False  # a second delivery, say
    assert cache.get(recount_lock_key()) is None


def test_a_count_started_earlier_never_replaces_one_started_later(world):
    statistics_count(None)
    counted_at(timezone.now() + timedelta(minutes=1))
    later = cache.get(latest_key())
    statistics_count(None)
    assert cache.get(latest_key()) == later


def test_beat_queues_the_recount_of_all_programmes_when_the_index_moved(world, queued):
    entry = settings.CELERY_BEAT_SCHEDULE["statistics-recount"]
    app.loader.import_default_modules()  # what a worker does when it starts: the task must be found there
    assert entry["task"] in app.tasks and RECOUNT in app.tasks and entry["schedule"] <= 300
    assert statistics_recount_if_moved() is False  # nobody asked for figures yet: nothing to recount
    statistics_count(None)
    assert statistics_recount_if_moved() is False  # current
    generation_bump()
    assert statistics_recount_if_moved() is True
    assert statistics_recount_if_moved() is False  # one is queued
    assert queued == [(RECOUNT, (None,))]


@pytest.mark.django_db(transaction=True)
def test_the_real_worker_recounts_and_the_next_visit_shows_the_new_figures(client, world, celery_worker):
    assert figure(page(client, ALL), "Projects") == "6"
    late = project(
        world.danube,
        [(OrganisationFactory(name="Late Partner"), "1000", "80")],
        status=Status.CONTRACTED,
        start_date=date(2024, 1, 1),
    )
    search_index_refresh([late.pk])
    with CaptureQueriesContext(connection) as queries:
        html = page(client, ALL)
    assert figure(html, "Projects") == "6" and NOTE in html and len(queries) == 0
    wait_for(lambda: cache.get(latest_key()).generation == generation(), 30, "the worker did not recount")
    wait_for(lambda: cache.get(recount_lock_key()) is None, 10, "the worker did not release the lock")
    html = page(client, ALL)
    assert figure(html, "Projects") == "7" and figure(html, "Total budget") == "€3,154,334"
    assert NOTE not in html
