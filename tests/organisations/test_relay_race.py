"""The sender's limits hold under concurrency: messages sent at the same moment from two threads, on real
PostgreSQL, never exceed the hourly limit, and the same message twice at once goes once (the sender's row lock)."""

import itertools

import pytest
from django.core.exceptions import ValidationError

from partnerships.contact_models import ContactMessage
from partnerships.relay import message_relay
from tests.conftest import at_once
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
BODY = "We are looking for a partner on district heating in the Danube region"


def _race(reachable, bodies) -> list:
    sender, numbers = UserFactory(), itertools.count()

    def send():
        body = bodies[next(numbers)]
        try:
            return message_relay(sender=sender, organisation=reachable.organisation, subject="Hi", body=body).pk
        except ValidationError as error:
            return " ".join(error.messages)

    return sender, at_once(send, times=len(bodies))


@pytest.mark.parametrize("round_", range(3))
def test_two_messages_at_once_never_exceed_the_hourly_limit(reachable, settings, round_):
    settings.CONTACT_RELAY_PER_HOUR = 1
    sender, results = _race(reachable, [f"{BODY}, first.", f"{BODY}, second."])
    sent = [r for r in results if isinstance(r, int)]
    refused = [r for r in results if isinstance(r, str)]
    assert len(sent) == 1 and len(refused) == 1, results
    assert "You have sent 1 messages in the last hour" in refused[0]
    assert ContactMessage.objects.filter(sender=sender).count() == 1


def test_the_same_message_twice_at_once_goes_once(reachable, settings):
    settings.CONTACT_RELAY_PER_HOUR = 10
    sender, results = _race(reachable, [BODY, BODY])
    assert sorted(type(r).__name__ for r in results) == ["int", "str"], results
    assert "You have sent this message already." in next(r for r in results if isinstance(r, str))
    assert ContactMessage.objects.filter(sender=sender).count() == 1
