"""Chainable read queries of the programmes domain."""

from django.db import models
from django.utils import timezone


class CallQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def open_now(self):
        now = timezone.now()
        return self.published().filter(opens_at__lte=now, closes_at__gt=now)

    def upcoming(self):
        return self.published().filter(opens_at__gt=timezone.now())

    def closed(self):
        return self.published().filter(closes_at__lte=timezone.now())
