"""The Celery application. Tasks take ids and call services; settings come from CELERY_* in settings.py."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interact_portal.settings")

app = Celery("interact_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
