from django.db import models
from django.utils import timezone

from .choices import EventStatus


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=EventStatus.PUBLISHED)

    def upcoming(self):
        return self.published().filter(ends_at__gte=timezone.now()).order_by("starts_at")

    def past(self):
        return self.published().filter(ends_at__lt=timezone.now()).order_by("-starts_at")
