"""At login: remember in the session whether the person controls partner reports (the header's "My control work"
link, without a query on every page)."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .reporting_access import controlling_anything

CONTROLS = "portal_controls"


@receiver(user_logged_in)
def _remember_controller(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[CONTROLS] = controlling_anything(user)
