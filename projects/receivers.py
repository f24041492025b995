"""At login: remember in the session whether the person controls partner reports (the header's "My control work"
link) and has staff pages of a programme without being Django staff (a finance officer's "Staff workspace" link),
without a query on every page."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from programmes.choices import StaffRole

from .reporting_access import controlling_anything

CONTROLS = "portal_controls"
STAFF_WORK = "portal_staff_work"  # a programme role with staff pages (not only a controller's): finance officers…


@receiver(user_logged_in)
def _remember_controller(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[CONTROLS] = controlling_anything(user)
        request.session[STAFF_WORK] = user.programme_roles.exclude(role=StaffRole.CONTROLLER).exists()
