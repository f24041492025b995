"""Asking for a report and producing it: the only writers of Report rows."""

import logging
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import DEFAULT_DB_ALIAS, OperationalError, connection, connections, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from interact_portal.core.queue import enqueue_on_commit
from interact_portal.notifications.languages import in_language, requested_language
from interact_portal.notifications.messages import Message
from interact_portal.notifications.services import notify

from .models import Report, ReportFormat, ReportStatus
from .registry import KINDS
from .writers import write_csv, write_xlsx

logger = logging.getLogger(__name__)

LOCK_NAMESPACE = 0x52505254  # first key of a report run's advisory lock ("RPRT"); the second is the report's id
LOCK_NOT_AVAILABLE = "55P03"  # lock_timeout reached


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
        language=requested_language(),
    )
    from .tasks import generate_report

    enqueue_on_commit(generate_report, report.pk)
    return report


def report_generate(*, report_id: int) -> bool:
    """Produce the report's file. Safe to run again (a redelivered task): a finished report, or one that a live run
    is producing, is left alone; one whose run died starts over at once. Returns whether a file was produced now.

    Who is producing a report is not guessed from the age of its heartbeat: the run holds the report's advisory
    lock in PostgreSQL for its whole run, on a connection of its own. A process that dies takes its session, and
    the lock, with it, so a task that Celery delivers again 0.2 s after its pool process was killed takes over."""
    with _run_lock(report_id) as held:
        if not held:
            return False  # another run lives and holds it
        with transaction.atomic():
            report = Report.objects.select_for_update().filter(pk=report_id).first()
            if report is None or not report.is_unfinished:
                return False
            report.status, report.percent, report.error = ReportStatus.RUNNING, 0, ""
            report.started_at = report.heartbeat_at = timezone.now()
            report.save(update_fields=["status", "started_at", "heartbeat_at", "percent", "error"])
        return _produce(report)


def _produce(report: Report) -> bool:
    fd, path = tempfile.mkstemp(suffix=f".{report.format}")
    os.close(fd)
    try:
        with in_language(report.language):  # the language of the page it was asked from: headers, labels, dates
            rows = _write(report, path)
        with transaction.atomic(), open(path, "rb") as produced:
            report.file.save(report.filename, File(produced), save=False)
            report.status, report.percent, report.rows = ReportStatus.DONE, 100, rows
            report.finished_at = timezone.now()
            report.save(update_fields=["file", "status", "percent", "rows", "finished_at"])
            _tell(report, Message(gettext_noop("Your report is ready: %(title)s"), title=report.title))
    except Exception as error:
        logger.exception("report %s failed", report.pk)
        with transaction.atomic():
            report.status, report.error, report.finished_at = ReportStatus.FAILED, str(error)[:2000], timezone.now()
            report.save(update_fields=["status", "error", "finished_at"])
            _tell(report, Message(gettext_noop("Your report could not be produced: %(title)s"), title=report.title))
        return False
    finally:
        os.unlink(path)
    return True


@contextmanager
def _run_lock(report_id: int) -> Iterator[bool]:
    """Hold the report's session-level advisory lock on a connection of its own while the block runs (closing the
    connection releases it). Waits up to REPORT_LOCK_WAIT_SECONDS for a run that is ending (a killed process's
    session may take a moment to end); yields False if another run still holds it then."""
    holder = _lock_connection()
    try:
        with holder.cursor() as cursor:
            # a worker whose machine vanished (no FIN, no RST) is noticed by its server's keepalive in ~25 s
            cursor.execute(
                "SELECT set_config('application_name', %s, false), set_config('tcp_keepalives_idle', '10', false),"
                " set_config('tcp_keepalives_interval', '5', false), set_config('tcp_keepalives_count', '3', false),"
                " set_config('lock_timeout', %s, false)",
                [f"report {report_id}", f"{max(1, int(settings.REPORT_LOCK_WAIT_SECONDS * 1000))}ms"],  # 0 = forever
            )
            try:
                cursor.execute("SELECT pg_advisory_lock(%s, %s)", [LOCK_NAMESPACE, _lock_id(report_id)])
            except OperationalError as error:
                if getattr(error.__cause__, "pgcode", None) != LOCK_NOT_AVAILABLE:
                    raise
                yield False
                return
        yield True
    finally:
        holder.close()


def _lock_connection():
    """A new connection for the session-level lock: straight to PostgreSQL (DATABASE_DIRECT_URL) when DATABASE_URL is
    a pooler in transaction mode, where a session lock would stay behind on a server connection lent to others."""
    if not settings.DATABASE_DIRECT:
        return connections.create_connection(DEFAULT_DB_ALIAS)
    params = {**connections[DEFAULT_DB_ALIAS].settings_dict, **settings.DATABASE_DIRECT}
    return connections[DEFAULT_DB_ALIAS].__class__(params, DEFAULT_DB_ALIAS)


def _lock_id(report_id: int) -> int:
    return report_id & 0x7FFFFFFF  # the second key of pg_advisory_lock(int, int); unique below 2^31 reports


def _reports_held() -> set[int]:
    """Lock ids of the reports that a live run holds, in this database."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT objid FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = %s AND objsubid = 2"
            " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
            [LOCK_NAMESPACE],
        )
        return {int(objid) for (objid,) in cursor.fetchall()}


@transaction.atomic
def reports_stalled() -> list[int]:
    """Reports no worker is producing, which the recovery task (beat, every few seconds, and every worker at start)
    queues again: running while no live run holds them (their worker died: at once), or queued and not taken for
    REPORT_STALE_SECONDS (the broker lost the task, or never got it). Each is queued again at most once per
    REPORT_STALE_SECONDS while it waits, so a long queue does not fill with copies."""
    now = timezone.now()
    before = now - _stale()
    waiting = Report.objects.select_for_update(skip_locked=True).filter(
        Q(status=ReportStatus.QUEUED, queued_at__lte=before)
        | Q(status=ReportStatus.RUNNING) & (Q(queued_at__lte=F("started_at")) | Q(queued_at__lte=before))
    )
    candidates = list(waiting.order_by("pk").values_list("pk", "status")[:200])
    held = _reports_held() if any(status == ReportStatus.RUNNING for _, status in candidates) else set()
    stalled = [pk for pk, status in candidates if status == ReportStatus.QUEUED or _lock_id(pk) not in held][:100]
    Report.objects.filter(pk__in=stalled).update(queued_at=now)
    return stalled


def _stale() -> timedelta:
    return timedelta(seconds=settings.REPORT_STALE_SECONDS)


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


def _tell(report: Report, title: Message) -> None:
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
