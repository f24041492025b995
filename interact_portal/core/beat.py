"""Celery beat's scheduler: django-celery-beat's database scheduler, stopped cleanly while it is still starting.

On SIGTERM or SIGINT Celery beat saves its schedule (`sync`) in the signal handler, then exits. The database
scheduler's `sync` begins by closing "old" database connections; run by a signal that arrived while beat was still
writing the settings' schedule into the database at start, it closed the connection under that write, which then
failed and was logged with its traceback (`make run`'s Ctrl-C in the first seconds). Until the schedule is set up
there is nothing to save: `sync` waits for it.
"""

from django_celery_beat.schedulers import DatabaseScheduler


class PortalScheduler(DatabaseScheduler):
    _set_up = False

    def setup_schedule(self):
        super().setup_schedule()
        self._set_up = True

    def sync(self):
        if self._set_up:
            super().sync()
