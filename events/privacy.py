"""What the events app holds about a person, how it forgets them, and how long it keeps registrations."""

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from interact_portal.accounts.privacy import eraser, personal_data_section

from .choices import RegistrationStatus
from .models import Registration
from .services import registration_cancel

PERSONAL_FIELDS = {"user": None, "organisation_name": "", "country": None, "body_role": None, "listed_consent": False}


@personal_data_section("event_registrations")
def registrations_of(user) -> list:
    return list(
        Registration.objects.filter(user=user)
        .order_by("created_at")
        .values("event__title", "event__starts_at", "status", "organisation_name", "country__name", "created_at")
    )


@eraser
def registrations_forget(user) -> None:
    """Seats of upcoming events are given back (the waiting list moves); every registration loses the person."""
    upcoming = Registration.objects.filter(user=user, event__starts_at__gt=timezone.now()).exclude(
        status=RegistrationStatus.CANCELLED
    )
    for registration in upcoming:
        registration_cancel(registration=registration)
    Registration.objects.filter(user=user).update(**PERSONAL_FIELDS, anonymised_at=timezone.now())


@transaction.atomic
def registrations_anonymise_old(*, now=None) -> int:
    """Registrations of events that ended more than REGISTRATION_RETENTION_MONTHS ago keep only their status
    (for attendance figures); returns how many were anonymised."""
    now = now or timezone.now()
    before = now - relativedelta(months=settings.REGISTRATION_RETENTION_MONTHS)
    old = Registration.objects.filter(event__ends_at__lt=before, anonymised_at__isnull=True)
    return old.update(**PERSONAL_FIELDS, anonymised_at=now)
