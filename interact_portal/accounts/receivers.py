"""Login bookkeeping: when the session began (for the staff session's absolute limit). (A second factor set up in
this session counts as used in it: recorded by the set-up view, `second_factor.ActivateAuthenticatorApp`.)"""

import time

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .middleware import LOGGED_IN_AT, SEEN_AT, STAFF_SESSION


@receiver(user_logged_in)
def _session_started(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    now = time.time()
    request.session[LOGGED_IN_AT] = now
    request.session[SEEN_AT] = now
    if user.is_staff or user.is_superuser:
        request.session[STAFF_SESSION] = True
