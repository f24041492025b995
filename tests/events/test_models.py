from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction

from events.models import Material
from tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def _refused(create) -> bool:
    try:
        with transaction.atomic():
            create()
    except IntegrityError:
        return True
    return False


def test_event_must_end_after_it_starts():
    event = EventFactory.build()
    assert _refused(lambda: EventFactory(starts_at=event.starts_at, ends_at=event.starts_at - timedelta(hours=1)))


def test_registration_window_in_order_and_capacity_positive():
    event = EventFactory.build()
    assert _refused(
        lambda: EventFactory(
            registration_opens_at=event.starts_at, registration_closes_at=event.starts_at - timedelta(days=1)
        )
    )
    assert _refused(lambda: EventFactory(capacity=0))


def test_one_registration_per_person_per_event():
    registration = RegistrationFactory()
    assert _refused(lambda: RegistrationFactory(event=registration.event, user=registration.user))


def test_material_needs_a_file_or_a_link():
    event = EventFactory()
    assert _refused(lambda: Material.objects.create(event=event, kind="report", title="Empty"))
    assert not _refused(
        lambda: Material.objects.create(
            event=event, kind="report", title="Linked", url="https://example.org/report.pdf"
        )
    )


def test_seats_left_needs_the_annotation_and_never_goes_negative():
    from events.models import Event

    event = EventFactory(capacity=1)
    RegistrationFactory(event=event), RegistrationFactory(event=event)  # e.g. added by hand in the admin
    assert event.seats_left is None
    assert Event.objects.with_seats().get(pk=event.pk).seats_left == 0
