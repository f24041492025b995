"""Seat emails carry the date, the time with its zone, the online link (seat holders only) and a calendar file."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core import mail
from django.utils import timezone

from events.services import event_remind_now, registration_cancel, registration_create
from interact_portal.notifications.models import OutboxEmail
from interact_portal.notifications.outbox import outbox_send
from tests.factories import EventFactory, UserFactory

pytestmark = pytest.mark.django_db
LINK = "https://meet.example.org/room-7"


@pytest.fixture
def event():
    day = (timezone.now() + timedelta(days=20)).date()
    start = datetime(day.year, day.month, day.day, 10, tzinfo=ZoneInfo("Europe/Helsinki"))
    return EventFactory(
        title="Webinar from Turku",
        timezone="Europe/Helsinki",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        capacity=1,
        online_url=LINK,
    )


def _sent(user, kind: str):
    email = OutboxEmail.objects.get(to=user.email, notification__event=kind)
    mail.outbox.clear()
    assert outbox_send(email_id=email.pk)
    return mail.outbox[0]


def _when(event) -> str:
    local = timezone.localtime(event.starts_at, ZoneInfo("Europe/Helsinki"))
    return f"{local.day} {local:%B %Y}, 10:00–12:00 {local.tzname()}"  # EET or EEST, the zone's label


def _calendar(message):
    files = [a for a in message.attachments if a[0].endswith(".ics")]
    assert len(files) == 1 and files[0][2].startswith("text/calendar")
    body = files[0][1]
    return icalendar.Calendar.from_ical(body if isinstance(body, bytes) else body.encode())


def test_the_confirmation_has_date_time_zone_link_and_calendar(event):
    user = UserFactory()
    registration_create(event=event, user=user)
    message = _sent(user, "event.registered")
    assert _when(event) in message.body and LINK in message.body
    (item,) = _calendar(message).walk("VEVENT")
    assert item.decoded("dtstart") == event.starts_at and "Webinar from Turku" in str(item["summary"])


def test_the_waiting_list_email_has_the_time_but_no_link_and_no_calendar(event):
    registration_create(event=event, user=UserFactory())
    waiting = UserFactory()
    registration_create(event=event, user=waiting)
    message = _sent(waiting, "event.registered")
    assert _when(event) in message.body and LINK not in message.body
    assert not message.attachments


def test_the_promotion_email_has_date_time_zone_link_and_calendar(event):
    seated = registration_create(event=event, user=UserFactory())
    waiting = UserFactory()
    registration_create(event=event, user=waiting)
    registration_cancel(registration=seated)
    message = _sent(waiting, "event.promoted")
    assert _when(event) in message.body and LINK in message.body
    _calendar(message)


def test_the_reminder_has_date_time_zone_link_and_calendar(event, superuser):
    user = UserFactory()
    registration_create(event=event, user=user)
    event_remind_now(event=event, by=superuser)
    message = _sent(user, "event.reminder")
    assert _when(event) in message.body and LINK in message.body
    _calendar(message)
