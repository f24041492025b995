"""Reports generated in the background: what was asked, by whom, how far it got, and the file it produced."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ReportFormat(models.TextChoices):
    XLSX = "xlsx", _("Excel workbook (XLSX)")
    CSV = "csv", _("CSV")
    PDF = "pdf", _("PDF")
    JSON = "json", _("JSON")


def _report_path(report: "Report", filename: str) -> str:
    """A random stored name: the download view gives the file its readable name."""
    return f"reports/{report.requested_by_id}/{uuid.uuid4().hex}.{report.format}"


class ReportQuerySet(models.QuerySet):
    def for_user(self, user):
        """The reports the user asked for (the /reports/ list); downloads by others go through the kind's rule."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(requested_by=user)


class Report(models.Model):
    kind = models.CharField(_("kind"), max_length=30)
    format = models.CharField(_("format"), max_length=4, choices=ReportFormat.choices)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    title = models.CharField(_("title"), max_length=300)
    # the programme the report is about, if any: its staff may download it too
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reports")
    # the language of the page it was asked from: the worker writes the file in it
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="en")
    status = models.CharField(_("status"), max_length=8, choices=ReportStatus.choices, default=ReportStatus.QUEUED)
    percent = models.PositiveSmallIntegerField(_("percent done"), default=0)
    rows = models.PositiveIntegerField(_("rows written"), default=0)
    file = models.FileField(_("file"), upload_to=_report_path, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    # touched with every batch of rows written (progress shown on the page); whether a run still lives is told by
    # its advisory lock (services.report_generate), not by the age of this
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    # when the task was last handed to the broker: the recovery task queues a waiting report again at most once
    # per REPORT_STALE_SECONDS
    queued_at = models.DateTimeField(_("queued"), default=timezone.now)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("report")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["requested_by", "-created_at"]),
            # the recovery task's question, every few seconds: which reports are unfinished
            models.Index(fields=["status"], condition=Q(status__in=["queued", "running"]), name="report_unfinished"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(percent__lte=100), name="report_percent_0_100"),
            models.CheckConstraint(condition=Q(format__in=ReportFormat.values), name="report_format_known"),
            models.CheckConstraint(condition=Q(status__in=ReportStatus.values), name="report_status_known"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_unfinished(self) -> bool:
        return self.status in (ReportStatus.QUEUED, ReportStatus.RUNNING)

    @property
    def filename(self) -> str:
        stamp = (self.finished_at or self.created_at).strftime("%Y%m%d-%H%M")
        return f"{self.kind}-{self.pk}-{stamp}.{self.format}"
