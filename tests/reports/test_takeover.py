"""Who produces a report when its task is delivered again: the run that holds it, as long as that run lives.

A run elsewhere is a process of its own (stopped inside the writer); "dead" is that process killed with SIGKILL,
as when a worker's pool process dies. Nothing here waits for a heartbeat to grow old."""

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from interact_portal.notifications.models import Notification
from interact_portal.reports import services
from interact_portal.reports.models import Report, ReportStatus
from interact_portal.reports.services import report_generate, report_request, reports_stalled
from tests.conftest import at_once, database_url
from tests.factories import EventFactory, RegistrationFactory, UserFactory
from tests.reliability.conftest import BASE_DIR

pytestmark = pytest.mark.django_db(transaction=True)

# a run in a process of its own that stops inside the writer, as a worker's pool process would mid-report
STUCK_RUN = """
import sys, threading, django
django.setup()
from interact_portal.reports import services
def stuck(report, path):
    print("writing", flush=True)
    threading.Event().wait()
services._write = stuck
services.report_generate(report_id=int(sys.argv[1]))
"""


@pytest.fixture(autouse=True)
def _short_lock_wait(settings):
    settings.REPORT_LOCK_WAIT_SECONDS = 0.5  # how long a delivered task waits for a run that is ending


@pytest.fixture
def report():
    event = EventFactory()
    RegistrationFactory.create_batch(3, event=event)
    return report_request(
        user=UserFactory(is_superuser=True), kind="attendance", format="xlsx", parameters={"event": event.pk}
    )


@pytest.fixture
def run_elsewhere(settings):
    """Start a run of the report in another process; it is stopped inside the writer until killed."""
    started = []

    def start(report_id: int) -> subprocess.Popen:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "interact_portal.settings",
            "DATABASE_URL": database_url(),
        }
        env["MEDIA_ROOT"] = str(settings.MEDIA_ROOT)
        process = subprocess.Popen(
            [sys.executable, "-c", STUCK_RUN, str(report_id)], cwd=BASE_DIR, env=env, stdout=subprocess.PIPE
        )
        started.append(process)
        assert process.stdout.readline() == b"writing\n", "the other run did not get to the writer"
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)


def test_a_redelivered_task_leaves_a_report_alone_while_a_live_run_holds_it_and_takes_over_once_it_died(
    report, run_elsewhere
):
    other = run_elsewhere(report.pk)
    report.refresh_from_db()
    assert report.status == ReportStatus.RUNNING

    assert report_generate(report_id=report.pk) is False  # the other run lives: left alone
    report.refresh_from_db()
    assert report.status == ReportStatus.RUNNING and not report.file
    assert report.pk not in reports_stalled()  # nor queued again by the recovery task

    other.send_signal(signal.SIGKILL)  # the pool process dies; its heartbeat is a second old
    other.wait(timeout=10)
    assert report.pk in reports_stalled(), "a report whose run died is not found by the recovery task"
    began = time.monotonic()
    assert report_generate(report_id=report.pk) is True, "the redelivered task left the orphaned report alone"
    assert time.monotonic() - began < 5
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE and report.rows == 3 and report.file


def test_a_report_left_running_by_a_dead_run_is_taken_over_however_fresh_its_heartbeat(report):
    now = timezone.now()  # as a run leaves it when its process dies a moment after it wrote its progress
    Report.objects.filter(pk=report.pk).update(
        status=ReportStatus.RUNNING, percent=11, started_at=now, heartbeat_at=now
    )
    assert report.pk in reports_stalled()
    assert report_generate(report_id=report.pk) is True
    assert Report.objects.get(pk=report.pk).status == ReportStatus.DONE


def test_two_concurrent_runs_never_both_produce_a_report(report, monkeypatch):
    writing, go_on = threading.Event(), threading.Event()
    real_write = services._write

    def slow_write(report, path):
        writing.set()
        assert go_on.wait(30)
        return real_write(report, path)

    monkeypatch.setattr(services, "_write", slow_write)
    results = []

    def run():
        try:
            results.append(report_generate(report_id=report.pk))
        finally:
            connection.close()

    first = threading.Thread(target=run)
    first.start()
    assert writing.wait(30)
    writing.clear()
    second = threading.Thread(target=run)  # delivered again while the first run is writing
    second.start()
    second.join(30)
    assert results == [False] and not writing.is_set()  # it never started writing
    go_on.set()
    first.join(30)
    assert results == [False, True]
    assert Notification.objects.filter(event="report.done").count() == 1


def test_two_redeliveries_of_an_orphaned_report_produce_it_once(report):
    now = timezone.now()
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.RUNNING, started_at=now, heartbeat_at=now)
    results = at_once(lambda: report_generate(report_id=report.pk))
    assert sorted(results) == [False, True]
    assert Notification.objects.filter(event="report.done").count() == 1


def test_a_waiting_report_is_queued_again_at_most_once_per_stale_period(report, settings):
    """Recovery runs every few seconds; a report waiting behind a long one is not copied into the queue each time."""
    settings.REPORT_STALE_SECONDS = 60
    now = timezone.now()
    orphan = Report.objects.create(
        kind=report.kind, format="xlsx", title="orphan", requested_by=report.requested_by
    )  # queued 2 s ago, its run began a second later and died
    Report.objects.filter(pk=orphan.pk).update(
        status=ReportStatus.RUNNING, queued_at=now - timedelta(seconds=2), started_at=now - timedelta(seconds=1)
    )
    lost = Report.objects.create(  # queued while the broker was down, 2 minutes ago
        kind=report.kind, format="xlsx", title="lost", requested_by=report.requested_by
    )
    Report.objects.filter(pk=lost.pk).update(queued_at=now - timedelta(minutes=2))
    assert reports_stalled() == [orphan.pk, lost.pk]  # the orphan at once, though its run began a second ago
    assert reports_stalled() == []  # both just queued again: not again on the next beat
    Report.objects.filter(pk__in=[orphan.pk, lost.pk]).update(queued_at=timezone.now() - timedelta(seconds=61))
    assert reports_stalled() == [orphan.pk, lost.pk]  # still waiting a period later: queued again


def test_the_recovery_task_runs_often_enough_for_a_dead_workers_report_to_restart_within_15_s(settings):
    assert settings.CELERY_BEAT_SCHEDULE["recover-reports"]["schedule"] <= 10
    assert "interact_portal.reports.tasks.recover_reports" in settings.RECOVERY_TASKS  # and at every worker start
