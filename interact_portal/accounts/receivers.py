"""Login bookkeeping: when the session began (for the staff session's absolute limit). (A second factor set up in
this session counts as used in it: recorded by the set-up view, `second_factor.ActivateAuthenticatorApp`.)"""

import time

from allauth.account.signals import user_signed_up
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .language import browser_language, user_language_set
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


@receiver(user_signed_up)
def _language_from_browser(sender, request, user, **kwargs):
    """A new account speaks the language the person signed up in (the page's prefix, else their browser's)."""
    if request is not None:
        user_language_set(user=user, language=browser_language(request))
