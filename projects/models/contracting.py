"""The contract of a project: its data and documents, the lead partner's managers, the reporting schedule, and who
controls which partner."""

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from interact_portal.core.uploads import validate_upload

from .core import Project


class ProjectContract(models.Model):
    """What was signed (the start and end dates stay on the project, where the search and the periods read them)."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="contract")
    contract_date = models.DateField(_("date of the subsidy contract"), null=True, blank=True)
    website = models.URLField(_("project website"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("contract")

    def __str__(self) -> str:
        return str(self.project)


class ContractDocumentKind(models.TextChoices):
    SUBSIDY_CONTRACT = "subsidy_contract", _("Subsidy contract")
    PARTNERSHIP_AGREEMENT = "partnership_agreement", _("Partnership agreement")
    AMENDMENT = "amendment", _("Contract amendment")
    OTHER = "other", _("Other contract document")


def _contract_document_path(document: "ContractDocument", filename: str) -> str:
    return f"contracts/{document.project_id}/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class ContractDocument(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="contract_documents")
    kind = models.CharField(_("kind"), max_length=25, choices=ContractDocumentKind.choices)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=_contract_document_path, validators=[validate_upload])
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("contract document")
        ordering = ["project", "uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.title


class ManagerKind(models.TextChoices):
    PROJECT = "project", _("Project manager")
    FINANCE = "finance", _("Finance manager")
    COMMUNICATION = "communication", _("Communication manager")


class ProjectManagerContact(models.Model):
    """The lead partner's project, finance and communication managers (shown to programme staff and partners)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="manager_contacts")
    kind = models.CharField(_("role"), max_length=13, choices=ManagerKind.choices)
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("project contact")
        ordering = ["project", "kind"]
        constraints = [models.UniqueConstraint(fields=["project", "kind"], name="manager_contact_once_per_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.name}"


class DeadlineKind(models.TextChoices):
    CONTENT = "content", _("Content report")
    FINANCE = "finance", _("Financial report")
    BOTH = "both", _("Content and financial report")


class ReportingDeadline(models.Model):
    """One deadline per reporting period: generated from the periods when the contract is recorded, editable by
    staff. The partner reports of the period are due on it; reminders go out before and after it."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="reporting_deadlines")
    period = models.PositiveSmallIntegerField(_("period"))
    kind = models.CharField(_("kind"), max_length=7, choices=DeadlineKind.choices, default=DeadlineKind.BOTH)
    due_date = models.DateField(_("due date"))
    final = models.BooleanField(_("final report"), default=False)
    comment = models.CharField(_("comment"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("reporting deadline")
        ordering = ["project", "period"]
        constraints = [
            models.UniqueConstraint(fields=["project", "period"], name="reporting_deadline_once_per_period"),
            models.UniqueConstraint(fields=["project"], condition=Q(final=True), name="one_final_report_deadline"),
        ]
        indexes = [models.Index(fields=["due_date", "project"])]

    def __str__(self) -> str:
        return f"{self.project} P{self.period}: {self.due_date}"


class ReportingReminderKind(models.TextChoices):
    BEFORE = "before", _("Before the deadline")
    DUE = "due", _("On the day")
    OVERDUE = "overdue", _("After the deadline")


class ReportingReminder(models.Model):
    """A reminder sent to a partner about a deadline: the unique row makes each reminder go out exactly once."""

    deadline = models.ForeignKey(ReportingDeadline, on_delete=models.CASCADE, related_name="reminders")
    partner = models.ForeignKey("partnerships.ProjectPartner", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=7, choices=ReportingReminderKind.choices)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reporting reminder")
        constraints = [
            models.UniqueConstraint(fields=["deadline", "partner", "kind"], name="reporting_reminder_once"),
        ]

    def __str__(self) -> str:
        return f"{self.deadline} → {self.partner} ({self.kind})"


class ControllerAssignment(models.Model):
    """Who controls whose reports: a programme controller assigned by the managers to one partner, or to every
    partner of a country in the programme. A partner's own assignment wins over its country's."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="controller_assignments"
    )
    controller = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="controls")
    partner = models.ForeignKey(
        "partnerships.ProjectPartner", on_delete=models.CASCADE, null=True, blank=True, related_name="controllers"
    )
    country = models.ForeignKey("programmes.Country", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    assigned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("controller assignment")
        ordering = ["programme", "controller", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(partner__isnull=True, country__isnull=False)
                | Q(partner__isnull=False, country__isnull=True),
                name="controller_assigned_to_partner_or_country",
            ),
            models.UniqueConstraint(fields=["controller", "partner"], name="controller_partner_once"),
            models.UniqueConstraint(fields=["programme", "controller", "country"], name="controller_country_once"),
        ]

    def __str__(self) -> str:
        return f"{self.controller} → {self.partner or self.country}"
