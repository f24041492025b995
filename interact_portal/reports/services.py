"""Asking for a report and producing it: the only writers of Report rows."""

import logging
import os
import tempfile
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from interact_portal.core.queue import enqueue_on_commit
from interact_portal.notifications.services import notify

from .models import Report, ReportFormat, ReportStatus
from .registry import KINDS
from .writers import write_csv, write_xlsx

logger = logging.getLogger(__name__)


@transaction.atomic
def report_request(*, user, kind: str, format: str, parameters: dict) -> Report:
    """Queue a report; the kind checks the parameters and the user's right to them (ValidationError / 404)."""
    report_kind = KINDS.get(kind)
    if report_kind is None:
        raise ValidationError({"kind": _("Unknown report kind.")})
    if format not in report_kind.formats:
        raise ValidationError({"format": _("This report is not available in that format.")})
    scope = report_kind.scope(user, parameters)
    report = Report.objects.create(
        kind=kind,
        format=format,
        parameters=scope.parameters,
        title=f"{scope.title} ({ReportFormat(format).name})",
        programme=scope.programme,
        requested_by=user,
    )
    from .tasks import generate_report

    enqueue_on_commit(generate_report, report.pk)
    return report


def report_generate(*, report_id: int) -> bool:
    """Produce the report's file. Safe to run again (a redelivered task): a finished report, or one that another
    worker is producing, is left alone; one whose worker died (no heartbeat) starts over. Returns whether a file
    was produced now."""
    with transaction.atomic():
        report = Report.objects.select_for_update().filter(pk=report_id).first()
        if report is None or not report.is_unfinished or (report.status == ReportStatus.RUNNING and _alive(report)):
            return False
        report.status, report.percent, report.error = ReportStatus.RUNNING, 0, ""
        report.started_at = report.heartbeat_at = timezone.now()
        report.save(update_fields=["status", "started_at", "heartbeat_at", "percent", "error"])
    fd, path = tempfile.mkstemp(suffix=f".{report.format}")
    os.close(fd)
    try:
        rows = _write(report, path)
        with transaction.atomic(), open(path, "rb") as produced:
            report.file.save(report.filename, File(produced), save=False)
            report.status, report.percent, report.rows = ReportStatus.DONE, 100, rows
            report.finished_at = timezone.now()
            report.save(update_fields=["file", "status", "percent", "rows", "finished_at"])
            _tell(report, _("Your report is ready: %(title)s") % {"title": report.title})
    except Exception as error:
        logger.exception("report %s failed", report_id)
        with transaction.atomic():
            report.status, report.error, report.finished_at = ReportStatus.FAILED, str(error)[:2000], timezone.now()
            report.save(update_fields=["status", "error", "finished_at"])
            _tell(report, _("Your report could not be produced: %(title)s") % {"title": report.title})
        return False
    finally:
        os.unlink(path)
    return True


def reports_stalled() -> list[int]:
    """Reports no worker is producing: queued but never picked up (the broker was down), or running with a
    stopped heartbeat (the worker was killed). The recovery task queues them again."""
    before = timezone.now() - _stale()
    stalled = Report.objects.filter(
        Q(status=ReportStatus.QUEUED, created_at__lte=before) | Q(status=ReportStatus.RUNNING, heartbeat_at__lte=before)
    )
    return list(stalled.order_by("pk").values_list("pk", flat=True)[:100])


def _stale() -> timedelta:
    return timedelta(seconds=settings.REPORT_STALE_SECONDS)


def _alive(report: Report) -> bool:
    return report.heartbeat_at is not None and report.heartbeat_at > timezone.now() - _stale()


def _write(report: Report, path: str) -> int:
    kind = KINDS[report.kind]
    document = {ReportFormat.PDF: kind.pdf, ReportFormat.JSON: kind.json}.get(report.format)
    if document is not None:
        return document(report.parameters, path, _progress(report, total=None))
    sheets = kind.sheets(report.parameters)
    if report.format == ReportFormat.CSV:  # one table: the kind's first sheet
        return write_csv(sheets[0], path, _progress(report, sheets[0].queryset.count()))
    return write_xlsx(sheets, path, _progress(report, sum(sheet.queryset.count() for sheet in sheets)))


def _progress(report: Report, total: int | None):
    """A callback that stores the percent done (at most 99 until the file is saved), visible to the page."""

    def progress(done: int) -> None:
        percent = min(99, done * 100 // total) if total else 50
        Report.objects.filter(pk=report.pk).update(percent=percent, rows=done, heartbeat_at=timezone.now())

    return progress


def _tell(report: Report, title: str) -> None:
    notify(
        event=f"report.{report.status}",
        actor=None,
        target=report,
        recipients=[report.requested_by],
        title=title,
        body=report.error,
        url=reverse("reports:list"),
    )


def reports_forget(user) -> None:
    """Erasure of an account: the reports it asked for, and their files."""
    for report in Report.objects.filter(requested_by=user):
        stored, storage = report.file.name, report.file.storage
        report.delete()
        if stored:
            transaction.on_commit(lambda stored=stored, storage=storage: storage.delete(stored))
