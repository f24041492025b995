"""The Celery application. Tasks take ids and call services; settings come from CELERY_* in settings.py."""

import os

from celery import Celery, bootsteps
from celery.signals import setup_logging, worker_ready

from interact_portal.core import observability  # noqa: F401 - connects the request id and metrics signal handlers

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interact_portal.settings")

app = Celery("interact_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@setup_logging.connect
def _django_logging(loglevel=None, **kwargs):
    """The worker and beat log through settings.LOGGING (LOG_FORMAT=json: JSON lines with the request id), at the
    level of their --loglevel (beat at WARNING in `make run`)."""
    import logging.config

    from django.conf import settings

    logging.config.dictConfig(settings.LOGGING)
    if loglevel:
        logging.getLogger().setLevel(loglevel)


@worker_ready.connect
def _recover_on_start(sender, **kwargs):
    """A worker that starts (after a crash, say) first queues again whatever no worker is doing."""
    from django.conf import settings

    for name in settings.RECOVERY_TASKS:
        sender.app.send_task(name)


class RecoverOnReconnect(bootsteps.StartStopStep):
    """After the broker came back (the consumer restarts once connected again), queue the recovery tasks at once:
    what requests left in the database during the outage goes out now, not at beat's next run."""

    requires = {"celery.worker.consumer.tasks:Tasks"}

    def start(self, consumer):
        if consumer.restart_count > 0:  # the first start is worker_ready's (above)
            from django.conf import settings

            for name in settings.RECOVERY_TASKS:
                consumer.app.send_task(name)


app.steps["consumer"].add(RecoverOnReconnect)
