"""Site-level pages that compose the domain apps: the home page and the health check."""

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from events.models import Event
from programmes.models import Call, Programme


def home(request):
    context = {
        "programmes": Programme.objects.only("name", "slug", "period", "strand").order_by("-period", "name")[:8],
        "open_calls": Call.objects.open_now().select_related("programme").order_by("closes_at")[:6],
        "upcoming_events": Event.objects.upcoming()[:6],
    }
    return render(request, "home.html", context)


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # noqa: BLE001 - any failure means "down"
        return False


def _broker_ok() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_timeout=1, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@never_cache
def healthz(request):
    checks = {"database": _database_ok(), "broker": _broker_ok()}
    healthy = all(checks.values())
    body = {
        "status": "ok" if healthy else "unavailable",
        **{k: "ok" if v else "down" for k, v in checks.items()},
    }
    return JsonResponse(body, status=200 if healthy else 503)


def error_404(request, exception):
    return render(request, "404.html", status=404)


def error_403(request, exception):
    """Shows the reason a permission check gave (e.g. "Only the application's managers can do this.")."""
    reason = str(exception) if exception is not None and exception.args else ""
    return render(request, "403.html", {"reason": reason}, status=403)


def error_500(request):
    return render(request, "500.html", status=500)


def privacy(request):
    context = {"retention_months": settings.REGISTRATION_RETENTION_MONTHS, "my_data_url": reverse("my_data")}
    return render(request, "privacy.html", context)
