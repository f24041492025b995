"""A Redis that accepts connections but never answers (a hung server, a half-open connection): the socket timeouts
bound the first call, and the server's circuit spares every later request the wait, cache and broker alike (issue 23,
finding 1)."""

import socket
import time

import pytest
from django.test import Client
from django.urls import reverse

from interact_portal.core.circuit import circuit_for, reset_all
from interact_portal.core.queue import enqueue
from interact_portal.notifications.tasks import relay_outbox
from projects import search_cache
from tests.factories import PASSWORD, UserFactory
from tests.reliability.test_redis_outage import _point_celery_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def silent_redis(settings):
    """A listening socket nobody reads from: connecting succeeds, every command waits for an answer forever."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(100)
    url = f"redis://127.0.0.1:{listener.getsockname()[1]}/0"
    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": url}}
    previous = (settings.CELERY_BROKER_URL, settings.CELERY_RESULT_BACKEND)
    _point_celery_at(url)
    reset_all()
    yield url
    _point_celery_at(previous[0])
    from interact_portal.celery import app

    app.conf.result_backend = previous[1]
    reset_all()
    listener.close()


def _timed(call) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def test_a_silent_redis_costs_the_first_request_one_short_wait_and_the_next_ones_nothing(silent_redis):
    person = UserFactory()
    visitor = Client(raise_request_exception=False)
    first = _timed(lambda: visitor.get("/projects/?q=energy"))  # the cache's socket timeout (0.25 s), once
    assert first < 1.0
    assert circuit_for(silent_redis).is_open()
    later = [
        _timed(lambda: visitor.get("/projects/?q=water")),
        _timed(lambda: visitor.post(reverse("account_login"), {"login": person.email, "password": PASSWORD})),
        _timed(lambda: enqueue(relay_outbox)),  # the broker is the same server: its circuit is open too
    ]
    assert max(later) < 0.3, later


def test_a_silent_broker_costs_one_publish_a_short_wait_and_the_next_ones_nothing(silent_redis):
    publish = _timed(lambda: enqueue(relay_outbox))  # two attempts bounded by the broker's socket timeouts
    assert publish < 0.8 and circuit_for(silent_redis).is_open(), publish
    assert _timed(lambda: enqueue(relay_outbox)) < 0.01


def test_a_change_to_the_search_index_while_the_cache_is_unreachable_bumps_the_generation_once_it_is_back(
    settings, silent_redis
):
    real = {**settings.CACHES["default"], "LOCATION": settings.REDIS_URL}
    settings.CACHES = {"default": real}
    before = search_cache.generation()
    settings.CACHES = {"default": {**real, "LOCATION": silent_redis}}
    search_cache.generation_bump()  # the write happened, Redis did not hear of it
    assert search_cache._generation.bump_owed
    settings.CACHES = {"default": real}
    reset_all()  # Redis answers again
    assert search_cache.generation() == before + 1 and not search_cache._generation.bump_owed
