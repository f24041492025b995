"""Celery beat's scheduler: django-celery-beat's database scheduler, built without being interrupted.

Beat builds its scheduler lazily; building it writes the settings' schedule into the database. Beat's SIGTERM and
SIGINT handler saves the schedule through the service's `scheduler`, which, asked while the first one is still
being built, builds a second one whose database work closes the shared connection under the first one's write:
a Ctrl-C in beat's first seconds then logged a traceback (`make run`). The two signals wait until the scheduler is
built; the handler then finds it done.
"""

import signal

from django_celery_beat.schedulers import DatabaseScheduler

STOPPING = {signal.SIGTERM, signal.SIGINT}


class PortalScheduler(DatabaseScheduler):
    def __init__(self, *args, **kwargs):
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOPPING)
        try:
            super().__init__(*args, **kwargs)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
