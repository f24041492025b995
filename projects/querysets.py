"""Read queries of projects, scoped to who is asking."""

from django.db import models

from .workflow import PUBLIC_STATUSES


class ProjectQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status__in=sorted(PUBLIC_STATUSES))

    def for_user(self, user):
        """Projects the user may see: public ones, the ones they collaborate on; staff see all."""
        if not user.is_authenticated:
            return self.public()
        if user.is_staff:
            return self
        return self.filter(models.Q(status__in=PUBLIC_STATUSES) | models.Q(collaborators__user=user)).distinct()
