from django.db import models
from django.db.models import Count, Q
from django.utils import timezone

from .choices import SEAT_HOLDING, EventStatus, LibraryVisibility, RegistrationStatus


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=EventStatus.PUBLISHED)

    def for_user(self, user):
        """Published and cancelled events are public; drafts only for staff."""
        if user.is_authenticated and user.is_staff:
            return self
        return self.filter(status__in=[EventStatus.PUBLISHED, EventStatus.CANCELLED])

    def upcoming(self):
        return self.published().filter(ends_at__gte=timezone.now()).order_by("starts_at")

    def past(self):
        return self.published().filter(ends_at__lt=timezone.now()).order_by("-starts_at")

    def with_seats(self):
        return self.annotate(
            seats_taken=Count("registrations", filter=Q(registrations__status__in=SEAT_HOLDING)),
            waitlisted_count=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITLISTED)),
        )


class LibraryItemQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The library items a person may see: public ones for everyone, every item for people signed in.

        The one policy of the library (pages, downloads, the API): see events.library."""
        if getattr(user, "is_authenticated", False):
            return self
        return self.filter(visibility=LibraryVisibility.PUBLIC)
