"""Session rules of the portal's people.

- Staff (Django staff, superusers, anyone with a programme role) reach `/staff/` and `/admin/` only with a second
  factor (allauth's TOTP, with recovery codes) used in this session; without one they are sent to set it up, and
  come back to the page they asked for once it is set up.
- A staff session ends after STAFF_SESSION_IDLE_MINUTES without a request, and STAFF_SESSION_MAX_HOURS after login.
- Pages for a signed-in person are never stored by the browser or a proxy (`Cache-Control: no-store`).
"""

import time

from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

STRONG_AUTH_PREFIXES = ("/staff/", "/admin/")
STAFF_SESSION = "portal_staff_session"
LOGGED_IN_AT = "portal_logged_in_at"
SEEN_AT = "portal_seen_at"


def needs_second_factor(user) -> bool:
    """Staff of any kind: the Django flags, or a role in a programme."""
    return user.is_staff or user.is_superuser or user.programme_roles.exists()


def used_second_factor(request) -> bool:
    methods = request.session.get(AUTHENTICATION_METHODS_SESSION_KEY, [])
    return any(method.get("method") == "mfa" for method in methods)


def staff_session_expired(session, now: float) -> bool:
    idle = now - session.get(SEEN_AT, now) > settings.STAFF_SESSION_IDLE_MINUTES * 60
    too_old = now - session.get(LOGGED_IN_AT, now) > settings.STAFF_SESSION_MAX_HOURS * 3600
    return idle or too_old


class PortalSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            refusal = self.staff_rules(request)
            if refusal is not None:
                return refusal
        response = self.get_response(request)
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response

    def staff_rules(self, request):
        session, now = request.session, time.time()
        strong_path = request.path.startswith(STRONG_AUTH_PREFIXES)
        if strong_path and not session.get(STAFF_SESSION) and needs_second_factor(request.user):
            session[STAFF_SESSION] = True
        if not session.get(STAFF_SESSION):
            return None
        if staff_session_expired(session, now):
            logout(request)
            messages.info(request, _("Your staff session ended after a period without activity. Please log in again."))
            return redirect_to_login(request.get_full_path())
        if now - session.get(SEEN_AT, 0) > 60:  # written at most once a minute
            session[SEEN_AT] = now
        if strong_path and not used_second_factor(request):
            if not Authenticator.objects.filter(user=request.user, type=Authenticator.Type.TOTP).exists():
                messages.warning(request, _("Staff pages need two-factor authentication: set up your app first."))
                return redirect_to_login(request.get_full_path(), login_url="mfa_activate_totp")
            return redirect_to_login(request.get_full_path(), login_url="mfa_reauthenticate")
        return None
