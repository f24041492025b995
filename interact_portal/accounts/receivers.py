"""Login bookkeeping: when the session began (for the staff session's absolute limit), and a second factor set up
in this session counts as used in it."""

import time

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.signals import authenticator_added
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


@receiver(authenticator_added)
def _second_factor_set_up(sender, request, user, authenticator, **kwargs):
    record_authentication(request, user, method="mfa", type=authenticator.type)
