"""/metrics: Prometheus's text format, for the monitoring system only.

Answered to a request with `Authorization: Bearer <METRICS_TOKEN>` (when METRICS_TOKEN is set) or from a superuser's
session; everyone else gets the 404 of a page that does not exist. What it shows:
- requests and latencies by view and method, responses by status (django-prometheus's middleware);
- Celery task counts and durations, report durations (interact_portal.core.observability's signal handlers). Run in
  the worker processes, they reach this endpoint through prometheus_client's multiprocess mode: set
  PROMETHEUS_MULTIPROC_DIR to the same empty directory for the web server and the worker of a node (README);
- the broker's queue length and the outbox backlog, read when scraped (one LLEN, one indexed COUNT).
"""

import contextlib
import hmac
import os

from django.conf import settings
from django.http import Http404, HttpResponse
from django.views.decorators.cache import never_cache
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import REGISTRY


def allowed(request) -> bool:
    token = settings.METRICS_TOKEN
    header = request.headers.get("Authorization", "")
    if token and header.startswith("Bearer ") and hmac.compare_digest(header[7:].encode(), token.encode()):
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and user.is_superuser)


class BacklogCollector:
    """Gauges read at scrape time: tasks waiting in the broker's queue, emails waiting in the outbox."""

    def collect(self):
        from interact_portal.notifications.models import OutboxEmail
        from interact_portal.views import broker_client

        queue = GaugeMetricFamily("portal_queue_length", "Tasks waiting in the broker's queue", labels=["queue"])
        with contextlib.suppress(Exception):  # broker down: no sample, the scrape still answers
            name = settings.CELERY_TASK_DEFAULT_QUEUE
            queue.add_metric([name], broker_client().llen(name))
        yield queue
        yield GaugeMetricFamily(
            "portal_outbox_backlog",
            "Outbox emails not sent yet",
            value=OutboxEmail.objects.filter(sent_at__isnull=True).count(),
        )


def _registry() -> CollectorRegistry:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = CollectorRegistry()
        registry.register(_Default())
    registry.register(BacklogCollector())
    return registry


class _Default:
    """This process's own metrics (the default registry), next to the scrape-time gauges."""

    def collect(self):
        yield from REGISTRY.collect()


@never_cache
def metrics(request):
    if not allowed(request):
        raise Http404
    return HttpResponse(generate_latest(_registry()), content_type=CONTENT_TYPE_LATEST)
