"""Observability (issue 22): a request id carried from the web request into the Celery tasks it enqueues, JSON log
lines (LOG_FORMAT=json) that carry it, and Prometheus metrics (django-prometheus for requests and latencies; the
Celery signals below for task counts and durations; queue length, outbox backlog read when scraped).

The request id comes from the X-Request-ID header of the load balancer (letters, digits, . _ -, at most 100), or is
made here; it is sent back in the response's X-Request-ID, put into every log line of the request, and into the
headers of every task published while the request (or a task) runs, where the worker reads it back.
"""

import contextvars
import json
import logging
import re
import time
import uuid

from celery.signals import before_task_publish, task_failure, task_postrun, task_prerun
from prometheus_client import Counter, Histogram

REQUEST_ID_HEADER = "X-Request-ID"
_VALID = re.compile(r"^[A-Za-z0-9._-]{1,100}$")
request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")

logger = logging.getLogger("interact_portal.tasks")


def new_request_id() -> str:
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """First in MIDDLEWARE: every later middleware's, view's and task publish's log line knows the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get(REQUEST_ID_HEADER, "")
        rid = given if _VALID.match(given) else new_request_id()
        request.request_id = rid
        token = request_id.set(rid)
        try:
            response = self.get_response(request)
        finally:
            request_id.reset(token)
        response[REQUEST_ID_HEADER] = rid
        return response


class RequestIdFilter(logging.Filter):
    """Gives every record a `request_id` attribute (empty outside a request or task)."""

    def filter(self, record):
        if not getattr(record, "request_id", ""):
            record.request_id = request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC, ISO 8601), level, logger, message, request_id, and the traceback if any."""

    EXTRA = ("task_id", "task_name", "task_state", "duration_ms", "status", "path")

    def format(self, record):
        line = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "") or request_id.get(),
        }
        for key in self.EXTRA:
            if hasattr(record, key):
                line[key] = getattr(record, key)
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str)


# --- Celery: the id travels in the task's headers --------------------------------------------------------------
TASKS = Counter("portal_celery_tasks_total", "Celery tasks run, by task and final state", ["task", "state"])
TASK_SECONDS = Histogram(
    "portal_celery_task_seconds",
    "Celery task durations",
    ["task"],
    buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 600),
)
REPORT_SECONDS = Histogram(
    "portal_report_seconds", "Report productions (the report task)", buckets=(0.5, 1, 2.5, 5, 10, 30, 60, 300, 600)
)
REPORT_TASK = "interact_portal.reports.tasks.report_generate"
_started: dict[str, tuple[float, contextvars.Token]] = {}


@before_task_publish.connect
def _publish_request_id(headers=None, **kwargs):
    rid = request_id.get()
    if rid and headers is not None and not headers.get("request_id"):
        headers["request_id"] = rid


@task_prerun.connect
def _task_starts(task_id=None, task=None, **kwargs):
    rid = getattr(task.request, "request_id", None) or (task.request.headers or {}).get("request_id") or ""
    token = request_id.set(rid)
    _started[task_id] = (time.perf_counter(), token)
    logger.info("task %s started", task.name, extra={"task_id": task_id, "task_name": task.name})


@task_postrun.connect
def _task_ends(task_id=None, task=None, state=None, **kwargs):
    started, token = _started.pop(task_id, (None, None))
    seconds = time.perf_counter() - started if started is not None else 0.0
    TASKS.labels(task.name, state or "UNKNOWN").inc()
    TASK_SECONDS.labels(task.name).observe(seconds)
    if task.name == REPORT_TASK:
        REPORT_SECONDS.observe(seconds)
    extra = {"task_id": task_id, "task_name": task.name, "task_state": state, "duration_ms": round(seconds * 1000)}
    logger.info("task %s %s in %d ms", task.name, state, seconds * 1000, extra=extra)
    if token is not None:
        try:
            request_id.reset(token)
        except ValueError:  # set in another context (a thread pool): just clear it
            request_id.set("")


@task_failure.connect
def _task_fails(task_id=None, sender=None, exception=None, **kwargs):
    logger.warning("task %s failed: %r", getattr(sender, "name", "?"), exception, extra={"task_id": task_id})
