"""When PostgreSQL refuses connections (too many clients, restarting, down) or drops them, the portal answers
503 "busy" with Retry-After instead of the 500 page, and /healthz reports the database busy until the Retry-After
window after the last refusal has passed (so that readiness does not flip between 200 and 503 under a connection
cap, where some requests get a connection and others not).

The busy page is rendered without the request: no context processor, no session, no user — no database query."""

import logging
import threading
import time

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)  # connection refused, dropped or unusable: not a bug of ours

_lock = threading.Lock()
_last_refusal: float | None = None  # time.monotonic() of the last refusal seen by this process


def note_refusal() -> None:
    global _last_refusal
    with _lock:
        _last_refusal = time.monotonic()


def forget_refusals() -> None:
    global _last_refusal
    with _lock:
        _last_refusal = None


def retry_after() -> int:
    """Seconds until the database counts as available again: 0 when no refusal happened in the window."""
    window = settings.DATABASE_RETRY_AFTER_SECONDS
    with _lock:
        last = _last_refusal
    if last is None:
        return 0
    left = window - (time.monotonic() - last)
    return max(0, int(-(-left // 1)))  # rounded up: never "0" while still within the window


def busy_response(request=None) -> HttpResponse:
    """The 503 page: a standalone template rendered without the request (no query, no session)."""
    seconds = retry_after() or settings.DATABASE_RETRY_AFTER_SECONDS
    try:
        content = render_to_string("503.html", {"retry_after": seconds})
        content_type = "text/html; charset=utf-8"
    except Exception:  # noqa: BLE001 - the last resort must answer, whatever failed in the template
        logger.exception("The busy page could not be rendered")
        content, content_type = _("The portal is busy. Please try again in a moment."), "text/plain; charset=utf-8"
    response = HttpResponse(content, status=503, content_type=content_type)
    response["Retry-After"] = str(seconds)
    response["Cache-Control"] = "no-store"
    response._has_been_logged = True  # response_for logged one line; not django.request's error for every 5xx
    return response


def response_for(exception: BaseException, request=None) -> HttpResponse | None:
    """The busy page when `exception` means the database refused or lost the connection, else None."""
    if not isinstance(exception, DATABASE_ERRORS):
        return None
    note_refusal()
    path = getattr(request, "path", "?")
    reason = (str(exception).strip().splitlines() or [type(exception).__name__])[0]
    logger.warning("Database unavailable on %s, answered 503: %s", path, reason)
    return busy_response(request)


class DatabaseUnavailableMiddleware:
    """Placed after AuthenticationMiddleware: loads the session and the user (the first query of most requests,
    which the next middleware needs anyway) and answers a refusal there with the busy page, in development too.
    An exception of the view (or of its template) that says the database is unavailable becomes the busy page.
    Refusals raised elsewhere by middleware (saving the session) reach handler500, which does the same
    (interact_portal.views.error_500) when DEBUG is off."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None:
            try:
                user.is_authenticated  # noqa: B018 - evaluates the lazy user: session and user queries
            except DATABASE_ERRORS as exception:
                return response_for(exception, request)
        return self.get_response(request)

    def process_exception(self, request, exception):
        return response_for(exception, request)
