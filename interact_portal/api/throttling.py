"""Rate limits of the API (Django REST framework's throttling, counted in the portal's cache: Redis).

Anonymous callers are counted per address (core/client_ip.py: the same answer as the login limits and the audit
trail, TRUSTED_PROXY_COUNT-aware), signed-in people per account. The rates are read from the settings at each
request (API_RATE_ANONYMOUS, API_RATE_SIGNED_IN, from the environment), so a test or a deployment can change them;
None means unlimited. Over the limit: 429 with Retry-After. With Redis away the cache answers a miss and the limit
fails open (core/cache.py), as the login limits do.
"""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from interact_portal.core.client_ip import client_ip


class _PortalRateThrottle(SimpleRateThrottle):
    cache_format = "api:rl:%(scope)s:%(ident)s"  # tests/conftest.py clears these keys between tests
    setting = ""
    signed_in = False

    def get_rate(self):
        return getattr(settings, self.setting)

    def get_cache_key(self, request, view):
        if bool(request.user and request.user.is_authenticated) != self.signed_in:
            return None
        ident = request.user.pk if self.signed_in else (client_ip(request) or "unknown")
        return self.cache_format % {"scope": self.scope, "ident": ident}


class AnonymousRateThrottle(_PortalRateThrottle):
    scope = "anonymous"
    setting = "API_RATE_ANONYMOUS"


class SignedInRateThrottle(_PortalRateThrottle):
    scope = "signed_in"
    setting = "API_RATE_SIGNED_IN"
    signed_in = True
