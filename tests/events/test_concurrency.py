"""Never overbook: 200 simultaneous registrations for 50 seats, from real threads on real PostgreSQL, ten times."""

import threading

import pytest
from django.contrib.auth.hashers import make_password
from django.db import connection

from events.choices import RegistrationStatus as S
from events.models import Registration
from events.services import registration_create
from interact_portal.accounts.models import User
from tests.factories import EventFactory

THREADS, SEATS, ROUNDS = 200, 50, 10
# PostgreSQL allows 100 connections by default, shared with the other test worker: at most this many threads hold one
# at a time; all 200 start together.
MAX_CONNECTIONS = 40
# the ten rounds stay on one pytest-xdist worker: two rounds at once would need twice the connections
pytestmark = pytest.mark.xdist_group("connections")


def _fire(event, users) -> list[BaseException]:
    errors, start, slots = [], threading.Barrier(len(users)), threading.BoundedSemaphore(MAX_CONNECTIONS)

    def register(user):
        start.wait()
        with slots:
            try:
                registration_create(event=event, user=user)
            except BaseException as error:  # noqa: BLE001 - collected and asserted below
                errors.append(error)
            finally:
                connection.close()

    threads = [threading.Thread(target=register, args=(u,)) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return errors


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("round_", range(ROUNDS))
def test_200_concurrent_registrations_for_50_seats(round_):
    event = EventFactory(capacity=SEATS)
    password = make_password(None)
    users = User.objects.bulk_create(
        User(email=f"r{round_}-{i}@example.org", password=password) for i in range(THREADS)
    )
    assert _fire(event, users) == []
    regs = list(Registration.objects.filter(event=event).order_by("queued_at", "pk"))
    statuses = [r.status for r in regs]
    assert statuses.count(S.CONFIRMED) == SEATS and statuses.count(S.WAITLISTED) == THREADS - SEATS
    # arrival order: the first 50 to get the lock hold the seats, the rest wait in the order they arrived
    assert statuses == [S.CONFIRMED] * SEATS + [S.WAITLISTED] * (THREADS - SEATS)
    assert [r.pk for r in regs] == sorted(r.pk for r in regs)
