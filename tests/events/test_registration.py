from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from events.choices import RegistrationStatus as S
from events.services import (
    capacity_problem,
    event_seats_fill,
    registration_cancel,
    registration_create,
    waitlist_position,
)
from interact_portal.notifications.models import Notification
from tests.factories import EventFactory, UserFactory

pytestmark = pytest.mark.django_db


def _register(event, n=1):
    return [registration_create(event=event, user=UserFactory()) for _ in range(n)]


def test_confirmed_while_seats_remain_then_waitlisted_with_positions():
    event = EventFactory(capacity=2)
    regs = _register(event, 4)
    assert [r.status for r in regs] == [S.CONFIRMED, S.CONFIRMED, S.WAITLISTED, S.WAITLISTED]
    assert [waitlist_position(r) for r in regs] == [None, None, 1, 2]
    assert "position 2" in Notification.objects.get(recipient=regs[3].user).title


def test_one_registration_per_person():
    event, user = EventFactory(), UserFactory()
    registration_create(event=event, user=user)
    with pytest.raises(ValidationError, match="already registered"):
        registration_create(event=event, user=user)


def test_cancelling_a_seat_promotes_the_first_in_line_who_is_notified():
    event = EventFactory(capacity=1)
    holder, first, second = _register(event, 3)
    registration_cancel(registration=holder)
    for r in (holder, first, second):
        r.refresh_from_db()
    assert (holder.status, first.status, second.status) == (S.CANCELLED, S.CONFIRMED, S.WAITLISTED)
    assert waitlist_position(second) == 1
    promoted = Notification.objects.get(recipient=first.user, event="event.promoted")
    assert "Not interested" in promoted.body and promoted.url == f"/events/{event.slug}/"


def test_declining_a_promoted_seat_promotes_the_next():
    event = EventFactory(capacity=1)
    holder, first, second = _register(event, 3)
    registration_cancel(registration=holder)
    registration_cancel(registration=first)  # "not interested"
    second.refresh_from_db()
    assert second.status == S.CONFIRMED


def test_leaving_the_waiting_list_promotes_nobody():
    event = EventFactory(capacity=1)
    holder, waiting, behind = _register(event, 3)
    registration_cancel(registration=waiting)
    holder.refresh_from_db(), behind.refresh_from_db()
    assert (holder.status, behind.status, waitlist_position(behind)) == (S.CONFIRMED, S.WAITLISTED, 1)


def test_cancel_twice_is_harmless():
    event = EventFactory(capacity=1)
    holder, waiting, behind = _register(event, 3)
    registration_cancel(registration=holder)
    registration_cancel(registration=holder)
    waiting.refresh_from_db(), behind.refresh_from_db()
    assert (waiting.status, behind.status) == (S.CONFIRMED, S.WAITLISTED)


def test_registering_again_after_cancelling_joins_the_back_of_the_queue():
    event = EventFactory(capacity=1)
    holder, waiting = _register(event, 2)
    registration_cancel(registration=holder)
    again = registration_create(event=event, user=holder.user)
    assert again.pk == holder.pk and again.status == S.WAITLISTED and waitlist_position(again) == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"status": "draft"}, "not open for registration"),
        ({"status": "cancelled"}, "cancelled"),
        ({"starts_at": timezone.now() - timedelta(hours=1)}, "already started"),
        ({"registration_opens_at": timezone.now() + timedelta(days=1)}, "Registration opens on"),
        (
            {
                "registration_closes_at": timezone.now() - timedelta(minutes=1),
                "registration_opens_at": timezone.now() - timedelta(days=2),
            },
            "Registration closed on",
        ),
    ],
)
def test_registration_refused_outside_its_rules(changes, message):
    start = changes.pop("starts_at", timezone.now() + timedelta(days=3))
    event = EventFactory(starts_at=start, ends_at=start + timedelta(hours=2), **changes)
    with pytest.raises(ValidationError, match=message):
        registration_create(event=event, user=UserFactory())
    assert not event.registrations.exists()


def test_capacity_cannot_go_below_confirmed_seats():
    event = EventFactory(capacity=3)
    _register(event, 2)
    assert "2 people already hold" in capacity_problem(event, 1)
    assert capacity_problem(event, 2) is None


def test_more_capacity_fills_itself_from_the_waiting_list_in_order():
    event = EventFactory(capacity=1)
    regs = _register(event, 4)
    event.capacity = 3
    event.save()
    promoted = event_seats_fill(event=event)
    assert [r.pk for r in promoted] == [regs[1].pk, regs[2].pk]
    regs[3].refresh_from_db()
    assert regs[3].status == S.WAITLISTED and waitlist_position(regs[3]) == 1
