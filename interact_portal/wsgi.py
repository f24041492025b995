"""WSGI entry point (gunicorn interact_portal.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interact_portal.settings")
application = get_wsgi_application()
