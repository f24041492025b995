"""client_ip(): the address of the person making a request — the one answer read by allauth's rate limits (through
the account adapter) and by the audit trail.

Behind reverse proxies REMOTE_ADDR is the nearest proxy. Each proxy appends the address it received the request
from to X-Forwarded-For, so with TRUSTED_PROXY_COUNT proxies of our own in front of the portal, the person's
address is that many entries from the right; anything further left was written by the client and proves nothing.
With 0 (the default: the portal is reached directly) the header is ignored, so nobody can choose their address.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _address(value: str | None) -> str | None:
    """A normalised IP address, or None for anything else ("unknown", a host name, an empty hop)."""
    value = (value or "").strip()
    if value.startswith("[") and value.endswith("]"):
        value = value[1:-1]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    peer = _address(request.META.get("REMOTE_ADDR"))
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies <= 0 or not forwarded.strip():
        return peer
    hops = forwarded.split(",")
    # Fewer hops than proxies: the request skipped the outer ones; the leftmost hop was still written by ours.
    return _address(hops[max(0, len(hops) - proxies)]) or peer
