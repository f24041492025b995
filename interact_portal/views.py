"""Site-level pages that compose the domain apps: the home page and the health check."""

import sys

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from events.models import Event
from interact_portal.core import database_busy
from interact_portal.core.collation import by_name
from programmes.models import Call, Programme


def home(request):
    context = {
        "programmes": Programme.objects.only("name", "slug", "period", "strand").order_by(
            "-period", by_name("name"), "pk"
        )[:8],
        "open_calls": Call.objects.open_now().select_related("programme").order_by("closes_at")[:6],
        "upcoming_events": Event.objects.upcoming()[:6],
    }
    return render(request, "home.html", context)


def _database_state() -> str:
    """ok, busy (refused now, or a request of this process was refused within the Retry-After window) or down."""
    if database_busy.retry_after():
        return "busy"
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return "ok" if cursor.fetchone() == (1,) else "down"
    except database_busy.DATABASE_ERRORS:
        database_busy.note_refusal()
        return "busy"
    except Exception:  # noqa: BLE001 - any other failure means "down"
        return "down"


_brokers: dict = {}  # one pooled client per broker URL and process: a health check opens no new connection


def broker_client():
    """This process's pooled Redis client of the broker (health checks, the metrics' queue length)."""
    import redis

    url = settings.CELERY_BROKER_URL
    if url not in _brokers:
        _brokers[url] = redis.Redis.from_url(url, socket_timeout=0.25, socket_connect_timeout=0.25)
    return _brokers[url]


def _broker_ok() -> bool:
    import redis

    try:
        return bool(broker_client().ping())
    except redis.RedisError:
        return False


@never_cache
def healthz(request):
    """Readiness: may this instance be sent traffic? 503 while the database is unavailable (a database that refused a
    connection stays "busy" for the Retry-After window, so the answer does not flip under a cap). A broker that is
    down leaves it ready but "degraded": pages work without Redis (tasks wait in the database), and taking every node
    out of the load balancer would turn a Redis outage into a portal outage."""
    checks = {"database": _database_state(), "broker": "ok" if _broker_ok() else "down"}
    ready = checks["database"] == "ok"
    status = ("ok" if checks["broker"] == "ok" else "degraded") if ready else "unavailable"
    response = JsonResponse({"status": status, **checks}, status=200 if ready else 503)
    if checks["database"] == "busy":
        response["Retry-After"] = str(database_busy.retry_after() or settings.DATABASE_RETRY_AFTER_SECONDS)
    return response


@never_cache
def healthz_live(request):
    """Liveness: the process answers. Never touches the database or the broker (restarting will not fix them)."""
    return JsonResponse({"status": "ok"})


def error_404(request, exception):
    return render(request, "404.html", status=404)


def error_403(request, exception):
    """Shows the reason a permission check gave (e.g. "Only the application's managers can do this.")."""
    reason = str(exception) if exception is not None and exception.args else ""
    return render(request, "403.html", {"reason": reason}, status=403)


def error_500(request):
    """A database that refused the connection while middleware loaded the session or the user: the busy page."""
    busy = database_busy.response_for(sys.exception(), request)
    return busy or render(request, "500.html", status=500)


def privacy(request):
    context = {"retention_months": settings.REGISTRATION_RETENTION_MONTHS, "my_data_url": reverse("my_data")}
    return render(request, "privacy.html", context)
