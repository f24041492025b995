"""Read queries of projects, scoped to who is asking."""

from django.db import models

from .workflow import PUBLIC_STATUSES


class ProjectQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status__in=sorted(PUBLIC_STATUSES))

    def for_user(self, user):
        """Projects the user may see: public ones, the ones they collaborate on, their programmes' as staff."""
        if not user.is_authenticated:
            return self.public()
        if user.is_superuser:
            return self
        visible = (
            models.Q(status__in=sorted(PUBLIC_STATUSES))
            | models.Q(collaborators__user=user)
            | models.Q(programme__staff__user=user)
        )
        return self.filter(visible).distinct()
