"""The app's Celery tasks live beside their services; imported here so the worker's autodiscovery finds them."""

from .idea_expiry import ideas_expiry_run  # noqa: F401
