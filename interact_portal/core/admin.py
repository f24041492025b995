"""Other apps' admins, made to follow the portal's rule: no page grows with the rows it does not list.

The groups' and the Celery beat schedules' delete-confirmation pages count the related rows (core.admin_deletion);
a schedule's page lists its periodic tasks with their schedules loaded in the same query (a task's name names its
schedule: a query per row otherwise).
"""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.models import Group
from django_celery_beat import admin as beat_admin
from django_celery_beat.models import ClockedSchedule, CrontabSchedule, IntervalSchedule, SolarSchedule

from .admin_deletion import CountedDeletionMixin

admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(CountedDeletionMixin, BaseGroupAdmin):
    pass


class PeriodicTaskInline(beat_admin.PeriodicTaskInline):
    def get_queryset(self, request):
        return super().get_queryset(request).select_related("interval", "crontab", "solar", "clocked")


for model, base in [
    (ClockedSchedule, beat_admin.ClockedScheduleAdmin),
    (CrontabSchedule, beat_admin.CrontabScheduleAdmin),
    (SolarSchedule, beat_admin.SolarScheduleAdmin),
    (IntervalSchedule, beat_admin.IntervalScheduleAdmin),
]:
    admin.site.unregister(model)
    admin.site.register(model, type(base.__name__, (CountedDeletionMixin, base), {"inlines": [PeriodicTaskInline]}))
