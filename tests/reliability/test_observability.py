"""Issue 22, observability: JSON log lines with the request id, carried from a web request into the task it enqueues
and logged by a real worker; /metrics refused to the public and showing the counters; liveness without I/O."""

import json
import logging

import pytest
from django.http import HttpResponse

from interact_portal.core import observability
from interact_portal.core.queue import enqueue
from interact_portal.notifications.tasks import relay_outbox
from tests.conftest import wait_for
from tests.factories import UserFactory

RELAY = "interact_portal.notifications.tasks.relay_outbox"


@pytest.fixture
def json_logs(monkeypatch):
    monkeypatch.setenv("LOG_FORMAT", "json")


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_request_id_of_a_web_request_is_in_the_json_log_line_of_the_task_it_enqueued(
    json_logs, worker_processes, rf, tmp_path
):
    def view(request):
        enqueue(relay_outbox)  # what a view does through enqueue_on_commit
        return HttpResponse("queued")

    response = observability.RequestIdMiddleware(view)(rf.get("/", HTTP_X_REQUEST_ID="req-22-abc.DEF"))
    assert response["X-Request-ID"] == "req-22-abc.DEF"
    worker_processes()
    log = tmp_path / "worker.log"

    def lines() -> list[dict]:
        out = []
        for line in log.read_text(errors="replace").splitlines() if log.exists() else []:
            try:
                out.append(json.loads(line))
            except ValueError:
                continue
        return out

    def done() -> list[dict]:
        return [
            line
            for line in lines()
            if line.get("task_name") == RELAY and line.get("request_id") == "req-22-abc.DEF" and "task_state" in line
        ]

    wait_for(done, 40, "no JSON log line of the task with the request id")
    line = done()[0]
    assert line["task_state"] == "SUCCESS" and line["level"] == "INFO" and line["duration_ms"] >= 0
    assert {"time", "logger", "message"} <= line.keys()


def test_a_request_gets_an_id_when_the_load_balancer_sent_none_or_a_bad_one(rf):
    seen = []

    def view(request):
        seen.append(observability.request_id.get())
        return HttpResponse()

    middleware = observability.RequestIdMiddleware(view)
    made = middleware(rf.get("/"))["X-Request-ID"]
    assert len(made) == 32 and seen[-1] == made
    replaced = middleware(rf.get("/", HTTP_X_REQUEST_ID="bad id\nwith newline"))["X-Request-ID"]
    assert replaced != "bad id\nwith newline" and len(replaced) == 32
    assert observability.request_id.get() == ""  # nothing left behind for the next request of this thread


def test_the_json_formatter_writes_one_object_with_the_request_id():
    token = observability.request_id.set("rid-1")
    try:
        record = logging.LogRecord("portal", logging.WARNING, __file__, 1, "hello %s", ("world",), None)
        observability.RequestIdFilter().filter(record)
        line = json.loads(observability.JsonFormatter().format(record))
    finally:
        observability.request_id.reset(token)
    assert line["message"] == "hello world" and line["request_id"] == "rid-1" and line["level"] == "WARNING"


@pytest.mark.django_db
def test_metrics_are_a_404_for_the_public_and_staff(client, settings):
    settings.METRICS_TOKEN = "s3cret-token"
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 404
    client.force_login(UserFactory(is_staff=True))
    assert client.get("/metrics").status_code == 404


@pytest.mark.django_db
def test_metrics_show_requests_tasks_queue_and_outbox_to_the_token_or_a_superuser(client, settings):
    settings.METRICS_TOKEN = "s3cret-token"
    client.get("/healthz/live")
    relay_outbox.apply()  # a task run here: its signals count it
    body = client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-token").content.decode()
    assert "django_http_requests_total_by_method_total" in body
    assert "django_http_requests_latency_seconds_by_view_method" in body
    assert f'portal_celery_tasks_total{{state="SUCCESS",task="{RELAY}"}}' in body
    assert f'portal_celery_task_seconds_count{{task="{RELAY}"}}' in body
    assert "portal_report_seconds" in body
    assert f'portal_queue_length{{queue="{settings.CELERY_TASK_DEFAULT_QUEUE}"}}' in body
    assert "portal_outbox_backlog " in body
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get("/metrics").status_code == 200


def test_metrics_without_a_token_set_refuse_any_bearer(rf, settings):
    from django.contrib.auth.models import AnonymousUser

    from interact_portal.core.metrics import allowed

    settings.METRICS_TOKEN = ""
    request = rf.get("/metrics", HTTP_AUTHORIZATION="Bearer ")
    request.user = AnonymousUser()
    assert not allowed(request)


@pytest.mark.django_db
def test_liveness_touches_neither_database_nor_broker(client, settings, django_assert_num_queries):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nobody listens: a broker call would show as "down"
    with django_assert_num_queries(0):
        response = client.get("/healthz/live")
    assert response.status_code == 200 and response.json() == {"status": "ok"}
