"""Read queries of projects. Who may see which project is one policy: projects.permissions."""

from django.db import models

from .workflow import PUBLIC_STATUSES


class ProjectQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status__in=sorted(PUBLIC_STATUSES))
