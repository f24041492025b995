"""A report asked for on the page, produced by a real Celery worker consuming from Redis, then downloaded."""

import pytest
from django.urls import reverse

from interact_portal.celery import app
from interact_portal.notifications.models import Notification
from interact_portal.reports.models import Report, ReportStatus
from tests.conftest import wait_for


@pytest.mark.worker
def test_worker_produces_the_call_report_and_the_requester_downloads_it(client, office, celery_worker, settings):
    assert not app.conf.task_always_eager and settings.CELERY_BROKER_URL.startswith("redis://")
    client.force_login(office.officer)
    response = client.post(reverse("reports:new"), {"kind": "call", "format": "xlsx", "call": office.call.pk})
    assert response.status_code == 302 and response["Location"] == reverse("reports:list")
    report = Report.objects.get()
    wait_for(lambda: Report.objects.filter(pk=report.pk, status=ReportStatus.DONE).exists(), 60, "no report in 60 s")
    page = client.get(reverse("reports:list")).content.decode()
    assert reverse("reports:download", args=[report.pk]) in page
    download = client.get(reverse("reports:download", args=[report.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content)[:2] == b"PK"
    assert Notification.objects.filter(recipient=office.officer, event="report.done").exists()
